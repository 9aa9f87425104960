package report_test

import (
	"fmt"
	"io"
	"testing"

	"github.com/conduite/conduite/questionnaire"
	"github.com/conduite/conduite/report"
)

// longestReport returns the Markdown of the example with the longest report:
// the worst case a terminal renders.
func longestReport(b *testing.B) (string, string) {
	c := loadContent(b)
	var name, md string
	for _, ex := range examples(b, c) {
		doc := report.New(c.Evaluate(ex.answers), fixedOptions(questionnaire.FR))
		s, err := doc.Markdown()
		if err != nil {
			b.Fatal(err)
		}
		if len(s) > len(md) {
			name, md = ex.name, s
		}
	}
	return name, md
}

// BenchmarkRenderTerminal is the glamour rendering of the longest example's
// report at 80 and 200 columns, dark style (what `conduite evaluate` does on
// a terminal, and the wizard's result screen on a resize).
//
//	go test -run '^$' -bench RenderTerminal -benchmem ./report
func BenchmarkRenderTerminal(b *testing.B) {
	name, md := longestReport(b)
	b.Logf("%s: %d bytes of Markdown", name, len(md))
	for _, width := range []int{80, 200} {
		b.Run(fmt.Sprintf("width=%d", width), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(md)))
			for b.Loop() {
				if _, err := report.RenderTerminal(md, width, report.StyleDark); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkMarkdown is the report model and its Markdown from an evaluation
// (what `conduite evaluate` does through a pipe, after evaluating).
func BenchmarkMarkdown(b *testing.B) {
	c := loadContent(b)
	ex := examples(b, c)
	reps := make([]*questionnaire.Report, len(ex))
	for i, e := range ex {
		reps[i] = c.Evaluate(e.answers)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		doc := report.New(reps[i%len(reps)], fixedOptions(questionnaire.FR))
		if err := doc.WriteMarkdown(io.Discard); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkPDF is the PDF of the longest example's report (discord-classe,
// four pages): what `-o rapport.pdf` and each --report-format pdf report
// cost.
//
//	go test -run '^$' -bench PDF -benchmem ./report
func BenchmarkPDF(b *testing.B) {
	c := loadContent(b)
	for _, ex := range examples(b, c) {
		if ex.name != "discord-classe.yaml" {
			continue
		}
		doc := report.New(c.Evaluate(ex.answers), fixedOptions(questionnaire.FR))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := doc.PDF(); err != nil {
				b.Fatal(err)
			}
		}
	}
}
