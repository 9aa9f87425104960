//go:build race

package salle_test

const raceEnabled = true
