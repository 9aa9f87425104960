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

// resultModel is the recommendation: a verdict banner, the last « et si ? »
// when one is in force, then the risk picture and the report in a
// viewport. In presentation mode the verdict first waits for the room's
// vote.
type resultModel struct {
	rep    *questionnaire.Report
	doc    *report.Doc
	chunks []string
	report reportView
	export exportModel
	picker pickerModel

	risk   riskFold     // the risk picture folded or not
	opened bool         // the risk picture shows open (as last laid out)
	hidden bool         // presentation mode: the verdict waits for the vote
	change *whatIfShown // the last « et si ? » in force, if any
}

// riskFold says how the risk picture shows: as the size allows (open when
// the report keeps room enough beside it), or as the user chose with c.
type riskFold int

const (
	riskAuto riskFold = iota
	riskOpen
	riskFolded
)

// reportRoom is the number of report lines the viewport keeps, at least,
// beside an open risk picture; below it the picture folds to one line.
const reportRoom = 16

// newResult evaluates the answers and prepares the report.
func newResult(e env, a questionnaire.Answers, opts Options) resultModel {
	rep := e.c.Evaluate(a)
	now := opts.Now()
	doc := report.New(rep, report.Options{Lang: e.lang, Version: opts.Version, Now: now})
	md, err := doc.Markdown(e.c)
	if err != nil {
		md = "**" + err.Error() + "**"
	}
	r := resultModel{rep: rep, doc: doc, chunks: screenChunks(chunkMarkdown(md, e.t("risk_picture")))}
	r.report.vp = viewport.New()
	r.report.vp.MouseWheelEnabled = true
	r.report.vp.MouseWheelDelta = 3
	r.report.vp.KeyMap = e.keys.viewport()
	return r
}

// screenChunks puts the report's title block (its title and verdict, which
// the banner already says, then the référentiel, rules and date) at the
// end of the screen's report, as its last line: the reasons come first.
func screenChunks(chunks []string) []string {
	if len(chunks) < 2 || !strings.HasPrefix(chunks[0], "# ") {
		return chunks
	}
	paras := strings.Split(strings.TrimSpace(chunks[0]), "\n\n")
	out := append([]string{}, chunks[1:]...)
	if meta := paras[len(paras)-1]; len(paras) > 1 && !strings.HasPrefix(meta, "**") {
		out = append(out, meta)
	}
	return out
}

// head is what stands above the viewport: the banner, its summary line,
// the last « et si ? » (in the viewport when compact), and a blank line.
func (r resultModel) head(e env) string {
	st := e.st
	lvl := r.rep.Level
	bs := st.Banner(lvl)
	if e.compact {
		bs = bs.PaddingTop(0).PaddingBottom(0)
	}
	band := bs.Width(e.width).Render(strings.ToUpper(lvl.Symbol() + "  " + lvl.Label(e.lang)))
	tool := r.doc.Tool.Name
	if tool == "" {
		tool = e.t("report_no_tool")
	}
	sub := e.t("wiz_banner_sub", "tool", tool, "ref", r.doc.Referentiel.Name,
		"reasons", e.count("wiz_n_reasons", len(r.doc.Reasons)), "alts", e.count("wiz_n_alternatives", len(r.doc.Alternatives)),
		"check", e.count("wiz_n_to_check", len(r.doc.ToCheck)))
	out := band + "\n" + st.Muted.Render(truncate(sub, e.width))
	if r.change != nil && !e.compact {
		out += "\n\n" + r.change.view(e)
	}
	return out + "\n"
}

// layout sizes the viewport and asks for the renders it needs.
func (r resultModel) layout(e env, cache *renderCache) (resultModel, tea.Cmd) {
	if r.rep == nil {
		return r, nil
	}
	h := e.height - lipgloss.Height(r.head(e))
	if r.export.active {
		h -= r.export.height(e)
	} else if r.export.note != "" {
		h--
	}
	r.report.vp.KeyMap = e.keys.viewport()
	var cmd tea.Cmd
	h = max(3, h)
	var top, change string
	if r.change != nil && e.compact {
		// On a low projected screen the last « et si ? » opens the
		// report (the room sees it first) and scrolls away with it, so
		// that the report can have the screen.
		change = r.change.view(e) + "\n\n"
	}
	top, r.opened = r.riskView(e, h-lipgloss.Height(change))
	top = change + top
	r.report, cmd = r.report.set(r.chunks, top, e.t("wiz_rendering"), e.width, h, e.st.ReportStyle(), cache)
	return r, cmd
}

// riskView is the risk picture, open or folded to one line, and whether
// it is open.
func (r resultModel) riskView(e env, vpHeight int) (string, bool) {
	full := riskPicture(e, r.doc)
	open := r.risk == riskOpen
	if r.risk == riskAuto {
		open = vpHeight-lipgloss.Height(full) >= reportRoom
	}
	if open {
		return full, true
	}
	return riskLine(e, r.doc), false
}

func (r resultModel) update(msg tea.Msg, e env, o Options, cache *renderCache, d resultData) (resultModel, tea.Msg, tea.Cmd) {
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
	if r.picker.open {
		var intent tea.Msg
		r.picker, intent = r.picker.update(msg, e, d)
		return r, intent, nil
	}
	km, isKey := msg.(tea.KeyPressMsg)
	if r.hidden {
		if isKey {
			switch {
			case key.Matches(km, e.keys.Reveal):
				return r, revealMsg{}, nil
			case key.Matches(km, e.keys.Change), key.Matches(km, e.keys.Back):
				return r, changeMsg{}, nil
			case key.Matches(km, e.keys.Restart):
				return r, restartMsg{}, nil
			}
		}
		return r, nil, nil
	}
	if isKey {
		switch {
		case key.Matches(km, e.keys.Change), key.Matches(km, e.keys.Back):
			return r, changeMsg{}, nil
		case key.Matches(km, e.keys.Restart):
			return r, restartMsg{}, nil
		case key.Matches(km, e.keys.WhatIf):
			r.picker = openPicker()
			return r, nil, nil
		case key.Matches(km, e.keys.Undo):
			return r, undoMsg{}, nil
		case key.Matches(km, e.keys.Risk):
			r.risk = riskOpen
			if r.opened {
				r.risk = riskFolded
			}
			var cmd tea.Cmd
			r, cmd = r.layout(e, cache)
			r.report.vp.GotoTop()
			return r, nil, cmd
		case key.Matches(km, e.keys.Export):
			var cmd tea.Cmd
			r.export, cmd = r.export.open(e, r.doc, o)
			var lc tea.Cmd
			r, lc = r.layout(e, cache)
			return r, nil, tea.Batch(cmd, lc)
		case key.Matches(km, e.keys.Top):
			r.report.vp.GotoTop()
			r.report.follow = false
			return r, nil, nil
		case key.Matches(km, e.keys.Bottom):
			r.report.vp.GotoBottom()
			r.report.follow = !r.report.ready // the rest is on its way
			return r, nil, nil
		}
		r.report.follow = false
	}
	var cmd tea.Cmd
	r.report.vp, cmd = r.report.vp.Update(msg)
	return r, nil, cmd
}

func (r resultModel) view(e env, d resultData) string {
	if r.hidden {
		return voteView(e, d.kase)
	}
	head := r.head(e)
	room := e.height - lipgloss.Height(head)
	if r.picker.open {
		return head + "\n" + r.picker.view(e, d, room)
	}
	out := head + "\n" + r.report.vp.View()
	if r.export.active || r.export.note != "" {
		out += "\n" + r.export.view(e, d.dir)
	}
	return out
}

// resultData is what the result shows that the root owns.
type resultData struct {
	dir     string
	kase    *questionnaire.Case
	answers questionnaire.Answers
}

// voteView is the result before the reveal: the room votes first.
func voteView(e env, k *questionnaire.Case) string {
	st := e.st
	var b strings.Builder
	if k != nil {
		b.WriteString(st.Title.Render(e.wrap(k.Title.In(e.lang), 0)) + "\n\n")
	}
	b.WriteString(st.Question.Render(e.wrap(e.t("ws_vote"), 0)) + "\n\n")
	b.WriteString(st.Text.Render(e.t("ws_vote_choices")) + "\n\n")
	for _, l := range questionnaire.Levels {
		b.WriteString("    " + st.Level(l).Render(levelText(l, e.lang)) + "\n")
	}
	return b.String()
}

// riskLine is the risk picture folded to one line: how many criteria stand
// at each level, worst first, and the key that unfolds it.
func riskLine(e env, d *report.Doc) string {
	st := e.st
	counts := map[questionnaire.Level]int{}
	for _, c := range d.Criteria {
		counts[c.Severity()]++
	}
	var parts []string
	for _, l := range questionnaire.Levels {
		if n := counts[l]; n > 0 {
			parts = append(parts, st.Level(l).Render(l.Symbol()+" "+strconv.Itoa(n)))
		}
	}
	if len(parts) == 0 {
		parts = append(parts, st.Level(questionnaire.None).Render(levelText(questionnaire.None, e.lang)))
	}
	line := st.Question.Render(e.t("ws_risk_folded", "title", e.t("risk_picture"), "counts", "")) +
		strings.Join(parts, st.Muted.Render(" · "))
	if hint := st.Muted.Render("  (" + e.t("ws_risk_unfold") + ")"); lipgloss.Width(line)+lipgloss.Width(hint) <= e.width {
		line += hint
	}
	return line
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
