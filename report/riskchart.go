package report

import (
	"fmt"
	"html"
	"strings"

	"github.com/conduite/conduite/questionnaire"
)

// The geometry of the risk chart, in SVG user units. The chart scales to the
// width of its container; one row is a title and a level on one line, the bar
// below, so it stays readable on a phone.
const (
	chartWidth   = 480
	chartRowH    = 44
	chartBarY    = 22 // the bar's top within a row
	chartBarH    = 12
	chartPadTop  = 4
	chartSteps   = 4 // recommande … proscrit
	chartStubLen = 6 // the bar of a criterion no rule spoke to
)

// chartColours are the bar colours by level: a help, never the only sign
// (each row says its level in words, with a symbol).
var chartColours = map[questionnaire.Level]string{
	questionnaire.None:           "#9aa1ab",
	questionnaire.Recommande:     "#1a7f37",
	questionnaire.SousConditions: "#9a6700",
	questionnaire.Deconseille:    "#bc4c00",
	questionnaire.Proscrit:       "#b3261e",
}

// RiskSVG draws the risk picture as an inline SVG: one horizontal bar per
// criterion, as long as its level is severe, with the criterion's title and
// the level's symbol and name written beside it. It has an accessible name
// (title) and a description that says every line in words. All text is
// escaped.
func (d *Doc) RiskSVG() string {
	var b strings.Builder
	h := chartPadTop + chartRowH*len(d.Criteria)
	title := d.T("risk_picture")
	var desc []string
	for _, c := range d.Criteria {
		desc = append(desc, c.Title+" : "+c.Label)
	}
	sep := " ; "
	if d.Lang == questionnaire.EN {
		for i := range desc {
			desc[i] = strings.Replace(desc[i], " : ", ": ", 1)
		}
		sep = "; "
	}
	fmt.Fprintf(&b, `<svg class="risk-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="100%%" role="img" aria-labelledby="risk-title risk-desc" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif">`+"\n", chartWidth, h)
	fmt.Fprintf(&b, `<title id="risk-title">%s</title>`+"\n", esc(title))
	fmt.Fprintf(&b, `<desc id="risk-desc">%s</desc>`+"\n", esc(strings.Join(desc, sep)))
	full := chartWidth - 2
	for i, c := range d.Criteria {
		y := chartPadTop + i*chartRowH
		level := c.Severity()
		n := max(0, min(int(level), chartSteps))
		barLen := chartStubLen
		if n > 0 {
			barLen = full * n / chartSteps
		}
		colour := chartColours[level]
		fmt.Fprintf(&b, `<g class="row level-%s">`, esc(c.Level))
		fmt.Fprintf(&b, `<title>%s</title>`, esc(c.Title+" : "+c.Symbol+" "+c.Label))
		fmt.Fprintf(&b, `<text x="0" y="%d" font-size="14" font-weight="600" fill="currentColor">%s</text>`, y+15, esc(c.Title))
		fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="14" text-anchor="end" fill="currentColor">%s %s</text>`, chartWidth, y+15, esc(c.Symbol), esc(c.Label))
		// the track shows the scale, the bar the level
		fmt.Fprintf(&b, `<rect x="1" y="%d" width="%d" height="%d" rx="3" fill="none" stroke="#9aa1ab" stroke-width="1"/>`, y+chartBarY, full, chartBarH)
		for s := 1; s < chartSteps; s++ {
			x := 1 + full*s/chartSteps
			fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#9aa1ab" stroke-width="1"/>`, x, y+chartBarY, x, y+chartBarY+chartBarH)
		}
		fmt.Fprintf(&b, `<rect x="1" y="%d" width="%d" height="%d" rx="3" fill="%s"/>`, y+chartBarY, barLen, chartBarH, colour)
		b.WriteString("</g>\n")
	}
	b.WriteString("</svg>")
	return b.String()
}

func esc(s string) string { return html.EscapeString(s) }
