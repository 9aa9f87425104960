package tui

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/conduite/conduite/questionnaire"
	"github.com/conduite/conduite/report"
)

// resultModel is the recommendation: a verdict banner, then the risk
// picture and the report in a viewport.
type resultModel struct {
	rep    *questionnaire.Report
	doc    *report.Doc
	chunks []string
	report reportView
	export exportModel
}

// newResult evaluates the answers and prepares the report.
func newResult(e env, a questionnaire.Answers, opts Options) resultModel {
	rep := e.c.Evaluate(a, "")
	now := opts.Now()
	doc := report.New(rep, report.Options{Lang: e.lang, Version: opts.Version, Now: now})
	md, err := doc.Markdown(e.c)
	if err != nil {
		md = "**" + err.Error() + "**"
	}
	r := resultModel{rep: rep, doc: doc, chunks: chunkMarkdown(md, e.t("risk_picture"))}
	r.report.vp = viewport.New()
	r.report.vp.MouseWheelEnabled = true
	r.report.vp.MouseWheelDelta = 3
	r.report.vp.KeyMap = e.keys.viewport()
	return r
}

// bannerHeight is the number of lines above the viewport.
const bannerHeight = 3

// layout sizes the viewport and asks for the renders it needs.
func (r resultModel) layout(e env, cache *renderCache) (resultModel, tea.Cmd) {
	h := e.height - bannerHeight
	if r.export.active {
		h -= r.export.height(e)
	} else if r.export.note != "" {
		h--
	}
	r.report.vp.KeyMap = e.keys.viewport()
	var cmd tea.Cmd
	r.report, cmd = r.report.set(r.chunks, riskPicture(e, r.doc), e.t("wiz_rendering"), e.width, max(3, h), e.st.Theme.ReportStyle(), cache)
	return r, cmd
}

func (r resultModel) update(msg tea.Msg, e env, o Options, cache *renderCache) (resultModel, tea.Msg, tea.Cmd) {
	if r.export.active {
		var cmd tea.Cmd
		var done bool
		r.export, cmd, done = r.export.update(msg, e, r.doc, o)
		if done {
			var lc tea.Cmd
			r, lc = r.layout(e, cache)
			cmd = tea.Batch(cmd, lc)
		}
		return r, nil, cmd
	}
	if km, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(km, e.keys.Change), key.Matches(km, e.keys.Back):
			return r, changeMsg{}, nil
		case key.Matches(km, e.keys.Restart):
			return r, restartMsg{}, nil
		case key.Matches(km, e.keys.Export):
			var cmd tea.Cmd
			r.export, cmd = r.export.open(e, r.doc, o)
			var lc tea.Cmd
			r, lc = r.layout(e, cache)
			return r, nil, tea.Batch(cmd, lc)
		case key.Matches(km, e.keys.Top):
			r.report.vp.GotoTop()
			return r, nil, nil
		case key.Matches(km, e.keys.Bottom):
			r.report.vp.GotoBottom()
			return r, nil, nil
		}
	}
	var cmd tea.Cmd
	r.report.vp, cmd = r.report.vp.Update(msg)
	return r, nil, cmd
}

func (r resultModel) view(e env, dir string) string {
	st := e.st
	lvl := r.rep.Level
	band := st.Banner(lvl).Width(e.width).Render(strings.ToUpper(lvl.Symbol() + "  " + lvl.Label(e.lang)))
	tool := r.doc.Tool.Name
	if tool == "" {
		tool = e.t("report_no_tool")
	}
	sub := e.t("wiz_banner_sub", "tool", tool, "ref", r.doc.Referentiel.Name,
		"reasons", strconv.Itoa(len(r.doc.Reasons)), "alts", strconv.Itoa(len(r.doc.Alternatives)),
		"check", strconv.Itoa(len(r.doc.ToCheck)))
	out := band + "\n" + st.Muted.Render(truncate(sub, e.width)) + "\n\n" + r.report.vp.View()
	if r.export.active || r.export.note != "" {
		out += "\n" + r.export.view(e, dir)
	}
	return out
}

// riskPicture draws one row per criterion: its title, a bar of four marks,
// the level's symbol and word (readable without colour).
func riskPicture(e env, d *report.Doc) string {
	st := e.st
	titleW, labelW := 0, 0
	for _, c := range d.Criteria {
		titleW = max(titleW, lipgloss.Width(c.Title))
		labelW = max(labelW, lipgloss.Width(c.Label))
	}
	cellW := titleW + 1 + 4 + 1 + 2 + labelW
	cols := max(1, min(2, (e.width+3)/(cellW+3)))
	gap := "   "
	compact := cols == 1 && (e.width-2+2)/(titleW+1+4+1+1+2) >= 3
	if compact {
		// Narrow: three columns without the words, and a legend that
		// gives each symbol its word.
		cols, labelW, gap = 3, -1, "  "
	}
	rows := (len(d.Criteria) + cols - 1) / cols
	cells := make([]string, len(d.Criteria))
	for i, c := range d.Criteria {
		l := c.Severity()
		filled := int(min(max(l, questionnaire.None), questionnaire.Proscrit))
		bar := strings.Repeat("▰", filled) + strings.Repeat("▱", 4-filled)
		ls := st.Level(l)
		title := c.Title + strings.Repeat(" ", titleW-lipgloss.Width(c.Title))
		if compact {
			cells[i] = st.Text.Render(title) + " " + ls.Render(bar+" "+c.Symbol)
			continue
		}
		label := c.Symbol + " " + c.Label
		cells[i] = st.Text.Render(title) + " " + ls.Render(bar) + " " + ls.Render(label) + strings.Repeat(" ", labelW-lipgloss.Width(c.Label))
	}
	var b strings.Builder
	b.WriteString(st.Question.Render(e.t("risk_picture")) + "\n")
	for row := range rows {
		b.WriteString("  ")
		for col := range cols {
			i := col*rows + row
			if i >= len(cells) {
				continue
			}
			if col > 0 {
				b.WriteString(gap)
			}
			b.WriteString(cells[i])
		}
		b.WriteString("\n")
	}
	if compact {
		b.WriteString(st.Muted.Render(indent(lipgloss.Wrap(legend(e), max(10, e.width-2), " "), "  ")))
	}
	return strings.TrimRight(b.String(), "\n")
}

// legend gives each level's symbol its word.
func legend(e env) string {
	levels := append(append([]questionnaire.Level{}, questionnaire.Levels...), questionnaire.None)
	parts := make([]string, 0, len(levels))
	for _, l := range levels {
		// A no-break space keeps each symbol with its word when the
		// legend wraps.
		parts = append(parts, l.Symbol()+"\u00a0"+strings.ReplaceAll(l.Label(e.lang), " ", "\u00a0"))
	}
	return strings.Join(parts, " · ")
}
