package report

import (
	"fmt"
	"html"
	"strings"

	"github.com/conduite/conduite/questionnaire"
)

// ChartLayout is the shape of the SVG risk chart.
type ChartLayout int

// The chart layouts: wide puts a criterion on one line (title, bar, level),
// for a page or a desktop screen; narrow puts the title and level above the
// bar, for a phone.
const (
	ChartWide ChartLayout = iota
	ChartNarrow
)

// chartGeometry is a layout's measures, in SVG user units (the chart scales
// to its container; 14 units is the text size).
type chartGeometry struct {
	width, rowH    int
	barX, barW     int // the bar's track
	barY, barH     int // the bar's top within a row, and its height
	textY          int // the baseline within a row
	labelX         int // where the level's words start (wide) or end (narrow)
	labelAnchorEnd bool
}

var chartGeometries = map[ChartLayout]chartGeometry{
	ChartWide:   {width: 640, rowH: 24, barX: 170, barW: 260, barY: 5, barH: 14, textY: 17, labelX: 442},
	ChartNarrow: {width: 360, rowH: 44, barX: 1, barW: 358, barY: 22, barH: 12, textY: 15, labelX: 360, labelAnchorEnd: true},
}

const (
	chartSteps   = 4 // recommande … proscrit
	chartStubLen = 5 // the bar of a criterion no rule spoke to
)

// chartColours are the bar colours by level: a help, never the only sign
// (each row says its level in words, with a symbol, and the bar's length
// says it too).
var chartColours = map[questionnaire.Level]string{
	questionnaire.None:           "#9aa1ab",
	questionnaire.Recommande:     "#1a7f37",
	questionnaire.SousConditions: "#9a6700",
	questionnaire.Deconseille:    "#bc4c00",
	questionnaire.Proscrit:       "#b3261e",
}

// RiskSVG draws the risk picture as an inline SVG: one horizontal bar per
// criterion, as long as its level is severe (a quarter per level, from
// « recommandé » to « à proscrire »), with the criterion's title and the
// level's symbol and name written beside it. It has an accessible name
// (title) and a description that says every line in words; ids are prefixed
// by idPrefix so that two charts can share a page. All text is escaped.
func (d *Doc) RiskSVG(layout ChartLayout, idPrefix string) string {
	g, ok := chartGeometries[layout]
	if !ok {
		g = chartGeometries[ChartWide]
	}
	colon, sep := d.T("colon"), d.T("list_sep")
	var desc []string
	for _, c := range d.Criteria {
		desc = append(desc, c.Title+colon+c.Label)
	}
	titleID, descID := idPrefix+"title", idPrefix+"desc"
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="risk-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" role="img" aria-labelledby="%s %s" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif" font-size="14">`+"\n",
		g.width, g.rowH*len(d.Criteria)+2, esc(titleID), esc(descID))
	fmt.Fprintf(&b, `<title id="%s">%s</title>`+"\n", esc(titleID), esc(d.T("risk_picture")))
	fmt.Fprintf(&b, `<desc id="%s">%s</desc>`+"\n", esc(descID), esc(strings.Join(desc, sep)))
	for i, c := range d.Criteria {
		y := 1 + i*g.rowH
		level := c.Severity()
		barLen := chartStubLen
		if n := max(0, min(int(level), chartSteps)); n > 0 {
			barLen = g.barW * n / chartSteps
		}
		anchor := ""
		if g.labelAnchorEnd {
			anchor = ` text-anchor="end"`
		}
		fmt.Fprintf(&b, `<g class="level-%s"><title>%s</title>`, esc(c.Level), esc(c.Title+colon+c.Symbol+" "+c.Label))
		fmt.Fprintf(&b, `<text x="0" y="%d" font-weight="600" fill="currentColor">%s</text>`, y+g.textY, esc(c.Title))
		// the track shows the scale, the bar the level
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d" rx="3" fill="none" stroke="#9aa1ab"/>`, g.barX, y+g.barY, g.barW, g.barH)
		for s := 1; s < chartSteps; s++ {
			x := g.barX + g.barW*s/chartSteps
			fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#9aa1ab"/>`, x, y+g.barY, x, y+g.barY+g.barH)
		}
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d" rx="3" fill="%s"/>`, g.barX, y+g.barY, barLen, g.barH, chartColours[level])
		fmt.Fprintf(&b, `<text x="%d" y="%d"%s fill="currentColor">%s %s</text>`, g.labelX, y+g.textY, anchor, esc(c.Symbol), esc(c.Label))
		b.WriteString("</g>\n")
	}
	b.WriteString("</svg>")
	return b.String()
}

func esc(s string) string { return html.EscapeString(s) }
