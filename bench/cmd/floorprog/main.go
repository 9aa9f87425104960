// Command floorprog is the floor of conduite's start-up: bareprog (a bare
// Bubble Tea v2 list, package bench/internal/bare) that renders Markdown
// with Glamour v2 when the m key is pressed, as conduite renders its
// reports. Go initialises every linked package before main, and Glamour
// brings chroma (its lexers and styles are built at init), goldmark and
// bluemonday: what any program that renders Markdown with Glamour pays
// before its first line of code. Glamour is called, not only linked: the
// linker drops the initialisation of package variables that nothing
// reaches (x/net/html's entity tables, a goldmark parser table), which a
// program using Glamour keeps. conduite's first frame is measured against
// this one (BENCHMARKS.md, « Start-up »), with `-fps 120` as the wizard
// runs.
//
// Its screen ends with "choice: 1" and "size: WxH" like bareprog's.
package main

import (
	"charm.land/glamour/v2"

	"github.com/conduite/conduite/bench/internal/bare"
)

const sample = "## Floor\n\nSome *Markdown*, a [link](https://example.org) and `code`:\n\n- one\n- two\n"

func main() {
	bare.Main("floorprog", func(width int) string {
		r, err := glamour.NewTermRenderer(glamour.WithStandardStyle("dark"), glamour.WithWordWrap(max(width, 20)))
		if err != nil {
			return err.Error()
		}
		out, err := r.Render(sample)
		if err != nil {
			return err.Error()
		}
		return out
	})
}
