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

// View draws the whole screen: a header with the progress, the active
// screen's body, and the help at the bottom. Only the root returns a
// tea.View (alternate screen, mouse on the result, window title).
func (m Model) View() tea.View {
	v := tea.NewView(fitScreen(m.render(), m.width, m.height))
	v.AltScreen = true
	v.WindowTitle = "conduite"
	if !m.tooSmall() && m.kind() == stateResult {
		v.MouseMode = tea.MouseModeCellMotion
	}
	return v
}

// render is the screen as text.
func (m Model) render() string {
	if len(m.texts.Map) == 0 {
		return "" // the content (and its texts) is a few milliseconds away
	}
	if m.tooSmall() {
		return m.tooSmallView()
	}
	e := m.env()
	body := ""
	if m.c != nil || m.kind() == stateWelcome {
		body = m.active.view(e)
	}
	body = fitWidth(clip(strings.TrimRight(body, "\n"), e.height), e.width)
	full := m.kind() == stateResult && !e.hidden() // the report fills the body
	if m.save.err != "" && m.kind() != stateResult {
		body = clip(body, e.height-2) + "\n\n" + m.styles.Warning.Render(truncate(m.save.err, e.width))
	}
	gap := max(0, e.height-lipgloss.Height(body))
	if m.styles.Present && !full {
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
	return m.styles.Present && m.height < presCompactHeight && !m.tooSmall() &&
		m.kind() == stateResult && !m.run.hidden(true)
}

// header is the title line with the step, and the progress bar.
func (m Model) header(e env) string {
	st := &m.styles
	info := m.active.header(e)
	left := st.Brand.Render("conduite")
	sub := " · " + e.t("wiz_subtitle")
	switch {
	case m.run.Case() != nil && info.inRun:
		sub = " · " + m.run.Case().Title.In(e.lang)
	case st.Present:
		sub = " · " + e.t("ws_subtitle")
	}
	label := info.label
	if room := e.width - lipgloss.Width(left) - lipgloss.Width(label) - 2; lipgloss.Width(sub) > room && m.run.Case() != nil && room > 12 {
		sub = truncate(sub, room) // a long case title, cut
	}
	if lipgloss.Width(left)+lipgloss.Width(sub)+lipgloss.Width(label)+2 <= e.width {
		left += st.Subtitle.Render(sub)
	}
	gap := max(1, e.width-lipgloss.Width(left)-lipgloss.Width(label))
	line := left + strings.Repeat(" ", gap) + st.StepLabel.Render(label)
	bar := progressBar(st, e.width, info.k, info.n)
	if info.status != "" {
		bar = progressBar(st, max(1, e.width-lipgloss.Width(info.status)-1), info.k, info.n) + " " + st.StepLabel.Render(info.status)
	}
	return line + "\n" + bar + "\n"
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
		open := m.help.ShowAll || (m.keys.Why.Enabled() && h.whyOpen)
		if !open {
			st := m.styles.Help
			desc := m.t("key_help")
			if m.keys.Why.Enabled() {
				desc = m.t("key_why") + " · " + desc
			}
			line := st.ShortKey.Render("?") + " " + st.ShortDesc.Render(desc)
			if info := m.active.header(m.keyEnv()); m.compact() && info.status != "" {
				// No header here: the position in the report ends the line.
				status := st.ShortDesc.Render(info.status)
				line += strings.Repeat(" ", max(2, width-lipgloss.Width(line)-lipgloss.Width(status))) + status
			}
			return line
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
