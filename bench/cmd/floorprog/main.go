// Command floorprog is the floor of conduite's start-up: bareprog (a bare
// Bubble Tea v2 list, package bench/internal/bare) with Glamour v2 linked
// in, as conduite links it for its reports. Go initialises every linked
// package before main, and Glamour brings chroma (its lexers and styles are
// built at init), goldmark and bluemonday: what any program that renders
// Markdown with Glamour pays before its first line of code. conduite's
// first frame is measured against this one (BENCHMARKS.md, « Start-up »),
// with `-fps 120` as the wizard runs.
//
// Its screen ends with "choice: 1" and "size: WxH" like bareprog's.
package main

import (
	_ "charm.land/glamour/v2" // linked only: its package initialisation is the point

	"github.com/conduite/conduite/bench/internal/bare"
)

func main() { bare.Main("floorprog") }
