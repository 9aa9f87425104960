package tui

import (
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/conduite/conduite/questionnaire"
)

// View draws the whole screen: a header with the progress, the current
// screen's body, and the help at the bottom. Only the root returns a
// tea.View (alternate screen, mouse on the result, window title).
func (m Model) View() tea.View {
	v := tea.NewView(fitScreen(m.render(), m.width, m.height))
	v.AltScreen = true
	v.WindowTitle = "conduite"
	if m.screen() == stateResult {
		v.MouseMode = tea.MouseModeCellMotion
	}
	return v
}

// render is the screen as text.
func (m Model) render() string {
	if len(m.texts.Map) == 0 {
		return "" // the content (and its texts) is a few milliseconds away
	}
	if m.screen() == stateTooSmall {
		return m.tooSmallView()
	}
	e := m.env()
	var body string
	switch m.state {
	case stateWelcome:
		body = m.welcome.view(e, m.welcomeData())
	case stateTool:
		body = m.tool.view(e)
	case stateQuestion:
		body = m.question.view(e)
	case stateReview:
		body = m.review.view(e, m.reviewData())
	case stateResult:
		body = m.result.view(e, m.resultData())
	case stateCases:
		body = m.cases.view(e)
	case stateCase:
		body = m.caseView.view(e, m.kase)
	case stateQuitConfirm:
		body = m.quitView(e)
	case stateTooSmall:
	}
	body = fitWidth(clip(strings.TrimRight(body, "\n"), e.height), e.width)
	if m.saveErr != "" && m.state != stateResult {
		body = clip(body, e.height-2) + "\n\n" + m.styles.Warning.Render(truncate(m.saveErr, e.width))
	}
	gap := max(0, e.height-lipgloss.Height(body))
	if m.styles.Present && (m.state != stateResult || m.result.hidden) {
		// On a projector a short screen stands in the upper third, not
		// stuck under the header.
		top := gap / 3
		body, gap = strings.Repeat("\n", top)+body, gap-top
	}
	if m.compact() {
		// The result on a small projected screen: the report, under its
		// verdict, gets every line the header took.
		left, _ := m.frame()
		return indent(body+strings.Repeat("\n", gap+1)+m.helpView(), strings.Repeat(" ", left))
	}
	out := m.header(e) + "\n" + body + strings.Repeat("\n", gap+1) + m.helpView()
	if m.styles.Present {
		// A centred column with a margin on top.
		left, _ := m.frame()
		return strings.Repeat("\n", m.styles.MarginY) + indent(out, strings.Repeat(" ", left))
	}
	return m.styles.App.Render(out)
}

// fitWidth cuts every line of s to w cells: whatever a screen draws, the
// frame never gets wider than the terminal.
func fitWidth(s string, w int) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if lipgloss.Width(l) > w {
			lines[i] = ansi.Truncate(l, w, "…")
		}
	}
	return strings.Join(lines, "\n")
}

// chromeHeight is the number of lines around the body: the header (title,
// bar, blank line), a blank line and the help.
func (m Model) chromeHeight() int {
	if m.compact() {
		return 1 + lipgloss.Height(m.helpView())
	}
	return m.styles.MarginY + 3 + 1 + lipgloss.Height(m.helpView())
}

// presCompactHeight is the terminal height below which presentation mode's
// result drops the header (title, progress bar, top margin) and folds its
// banner to one line: at 80×24 the report keeps about twice the lines.
const presCompactHeight = 32

// compact says whether the screen is presentation mode's revealed result
// on a terminal lower than presCompactHeight.
func (m Model) compact() bool {
	return m.styles.Present && m.height < presCompactHeight && m.screen() == stateResult && !m.result.hidden
}

// header is the title line with the step, and the progress bar.
func (m Model) header(e env) string {
	st := &m.styles
	shown := m.state
	if shown == stateQuitConfirm {
		shown = m.prev
	}
	var label string
	k, n := 0, 0
	switch shown {
	case stateTool, stateQuestion:
		ss := steps(m.c, m.answers)
		n = len(ss)
		k = stepIndex(ss, m.current) + 1
		label = e.t("wiz_step", "k", strconv.Itoa(k), "n", strconv.Itoa(n))
	case stateReview:
		k, n = 1, 1
		label = e.t("wiz_step_review")
	case stateResult:
		k, n = 1, 1
		label = e.t("wiz_step_result")
	case stateCases:
		label = e.t("ws_step_cases")
	case stateCase:
		label = e.t("ws_step_case")
	case stateWelcome, stateQuitConfirm, stateTooSmall:
	}
	left := st.Brand.Render("conduite")
	sub := " · " + e.t("wiz_subtitle")
	switch {
	case m.kase != nil && shown != stateWelcome && shown != stateCases && shown != stateCase:
		sub = " · " + m.kase.Title.In(e.lang)
	case m.present:
		sub = " · " + e.t("ws_subtitle")
	}
	if room := e.width - lipgloss.Width(left) - lipgloss.Width(label) - 2; lipgloss.Width(sub) > room && m.kase != nil && room > 12 {
		sub = truncate(sub, room) // a long case title, cut
	}
	if lipgloss.Width(left)+lipgloss.Width(sub)+lipgloss.Width(label)+2 <= e.width {
		left += st.Subtitle.Render(sub)
	}
	gap := max(1, e.width-lipgloss.Width(left)-lipgloss.Width(label))
	line := left + strings.Repeat(" ", gap) + st.StepLabel.Render(label)
	return line + "\n" + progressBar(st, e.width, k, n) + "\n"
}

// progressBar draws k of n as a bar of the whole width; without a step
// (the welcome screen) it is a thin rule.
func progressBar(st *Styles, w, k, n int) string {
	if n == 0 {
		return st.BarEmpty.Render(strings.Repeat("─", w))
	}
	full := w * k / n
	return st.BarFull.Render(strings.Repeat("█", full)) + st.BarEmpty.Render(strings.Repeat("░", w-full))
}

// helpView is the help line, or the full help. In presentation mode the
// help stays hidden until « ? » (only that key is shown), then every key
// of the screen shows, on as many lines as it takes.
func (m Model) helpView() string {
	h := m.helpKeys()
	_, width := m.frame()
	width = max(10, width)
	if m.styles.Present && (m.keys.Help.Enabled() || m.keys.Why.Enabled()) {
		open := m.help.ShowAll || (m.screen() == stateQuestion && m.question.showWhy)
		if !open {
			st := m.styles.Help
			desc := m.t("key_help")
			if m.keys.Why.Enabled() {
				desc = m.t("key_why") + " · " + desc
			}
			return st.ShortKey.Render("?") + " " + st.ShortDesc.Render(desc)
		}
		all := h.short
		if len(h.full) > 0 {
			all = slices.Concat(h.full...)
		}
		return m.wrapHelp(all, width)
	}
	if m.help.ShowAll && len(h.full) > 0 {
		return m.help.FullHelpView(h.full)
	}
	return m.shortHelp(h.short, width)
}

// wrapHelp draws every enabled key of bindings, wrapped to width.
func (m Model) wrapHelp(bindings []key.Binding, width int) string {
	st := m.styles.Help
	sep := st.ShortSeparator.Render(" • ")
	var lines []string
	line := ""
	for _, b := range bindings {
		if !b.Enabled() {
			continue
		}
		item := st.ShortKey.Render(b.Help().Key) + " " + st.ShortDesc.Render(b.Help().Desc)
		switch {
		case line == "":
			line = item
		case lipgloss.Width(line)+lipgloss.Width(sep)+lipgloss.Width(item) <= width:
			line += sep + item
		default:
			lines = append(lines, line)
			line = item
		}
	}
	lines = append(lines, line)
	return strings.Join(lines, "\n")
}

// shortHelp draws the help line in width: when it is too long, the keys at
// its end go first, but the way out (q, ctrl+c) always stays.
func (m Model) shortHelp(bindings []key.Binding, width int) string {
	st := m.styles.Help
	sep := st.ShortSeparator.Render(" • ")
	var items []string
	var keep []bool
	for _, b := range bindings {
		if !b.Enabled() {
			continue
		}
		items = append(items, st.ShortKey.Render(b.Help().Key)+" "+st.ShortDesc.Render(b.Help().Desc))
		keep = append(keep, slices.Contains(b.Keys(), "q") || slices.Contains(b.Keys(), "ctrl+c"))
	}
	for {
		line := strings.Join(items, sep)
		if lipgloss.Width(line) <= width {
			return line
		}
		i := len(items) - 1
		for i >= 0 && keep[i] {
			i--
		}
		if i < 0 {
			return truncate(line, width)
		}
		items = slices.Delete(items, i, i+1)
		keep = slices.Delete(keep, i, i+1)
	}
}

func (m Model) quitView(e env) string {
	st := e.st
	msg := e.t("wiz_quit_lost")
	if m.opts.Store != nil && m.saveErr == "" && !m.seenRes {
		msg = e.t("wiz_quit_saved")
	}
	return st.Question.Render(e.t("wiz_quit_title")) + "\n\n" + st.Text.Render(e.wrap(msg, 0))
}

// tooSmallView asks for a bigger window, centred in what there is.
func (m Model) tooSmallView() string {
	e := m.env()
	msg := e.t("wiz_too_small", "w", strconv.Itoa(MinWidth), "h", strconv.Itoa(MinHeight))
	now := e.t("wiz_too_small_now", "w", strconv.Itoa(m.width), "h", strconv.Itoa(m.height))
	text := lipgloss.Wrap(m.styles.TooSmall.Render(msg), max(10, m.width), " ") + "\n" +
		lipgloss.Wrap(m.styles.Muted.Render(now), max(10, m.width), " ")
	return lipgloss.Place(max(1, m.width), max(1, m.height), lipgloss.Center, lipgloss.Center, text)
}

// fitScreen cuts a frame to the terminal: no line wider than w, no more
// than h lines. The layout aims to fit by itself (the resize storm test
// checks it at every usable size); this keeps even a 1×1 terminal clean.
func fitScreen(s string, w, h int) string {
	w, h = max(1, w), max(1, h)
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		if lipgloss.Width(l) > w {
			lines[i] = ansi.Truncate(l, w, "")
		}
	}
	return strings.Join(lines, "\n")
}

// t is env's t for the root's own drawing (env needs the help's height).
func (m Model) t(key string, kv ...string) string {
	return fill(m.texts.T(m.opts.Lang, key), kv...)
}

// levelText says a level with its symbol.
func levelText(l questionnaire.Level, lang questionnaire.Lang) string {
	return l.Symbol() + " " + l.Label(lang)
}
