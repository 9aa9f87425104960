//go:build race

package cli

// raceEnabled: the race detector slows the program down several times.
const raceEnabled = true
