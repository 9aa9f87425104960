// Command bareprog is the smallest useful Bubble Tea v2 program: a list of
// three choices whose cursor moves with up/down (package bench/internal/bare).
// It is the reference against which the termbench harness is validated, so
// it does nothing else.
//
// Its screen ends with "choice: N" (the 1-based cursor position) and
// "size: WxH" (the last window size it was told), which are the markers a
// benchmark waits for.
package main

import "github.com/conduite/conduite/bench/internal/bare"

func main() { bare.Main("bareprog", nil) }
