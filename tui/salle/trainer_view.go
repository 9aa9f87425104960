package salle

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/conduite/conduite/questionnaire"
	room "github.com/conduite/conduite/salle"
)

// The layout: the content at most maxWidth columns wide, centred, with
// marginX columns at least on each side (a projector's overscan).
const (
	maxWidth = 110
	marginX  = 2
)

// inner is the width the content gets.
func (m Trainer) inner() int {
	return max(20, min(maxWidth, m.width-2*marginX))
}

// render is the whole screen: a header, the body, the last note, the help.
func (m Trainer) render() string {
	w := m.inner()
	head := m.header(w)
	foot := m.footer(w)
	room := max(3, m.height-lipgloss.Height(head)-lipgloss.Height(foot)-2)
	body := m.body(w, room)
	if lipgloss.Height(body) > room {
		body = strings.Join(strings.Split(body, "\n")[:room], "\n")
	}
	gap := max(0, m.height-lipgloss.Height(head)-lipgloss.Height(body)-lipgloss.Height(foot)-1)
	screen := head + "\n\n" + body + strings.Repeat("\n", gap) + foot
	return lipgloss.PlaceHorizontal(m.width, lipgloss.Center, lipgloss.NewStyle().Width(w).Render(screen))
}

// header: « conduite salle », the case, the code and the count.
func (m Trainer) header(w int) string {
	st := m.st
	left := st.Brand.Render("conduite salle")
	if m.kase != nil {
		left += st.Subtitle.Render(" · " + m.kase.Title.In(m.o.Lang))
	}
	if m.stage != stageRoom {
		return truncate(left, w)
	}
	right := st.StepLabel.Render(m.loc.T("salle_t_code", "code", m.snap.Code) + " · " +
		m.loc.Count("salle_t_participants", m.snap.Participants))
	if lipgloss.Width(left)+lipgloss.Width(right)+2 > w {
		left = truncate(left, max(1, w-lipgloss.Width(right)-2))
	}
	return left + strings.Repeat(" ", max(1, w-lipgloss.Width(left)-lipgloss.Width(right))) + right
}

// footer: the last note, the question asked, the help.
func (m Trainer) footer(w int) string {
	var lines []string
	switch {
	case m.confirm:
		lines = append(lines, m.st.Warning.Render(wrap(m.loc.T("salle_t_quit_confirm"), w)))
	case m.closing:
		lines = append(lines, m.st.Muted.Render(m.loc.T("salle_t_closing")))
	case m.export.active || m.export.note != "":
		lines = append(lines, m.export.view(m, w))
	case m.note != "" && m.stage != stageFailed: // the body says it already
		style := m.st.Success
		if m.bad {
			style = m.st.Warning
		}
		lines = append(lines, style.Render(wrap(m.note, w)))
	}
	m.help.SetWidth(w)
	if m.fullHelp {
		lines = append(lines, m.help.FullHelpView(m.keys.FullHelp()))
	} else {
		lines = append(lines, m.help.ShortHelpView(m.keys.ShortHelp()))
	}
	return strings.Join(lines, "\n")
}

func (m Trainer) body(w, h int) string {
	switch m.stage {
	case stagePick:
		return m.pickView(w, h)
	case stageStarting:
		return m.st.Muted.Render(m.loc.T("salle_t_starting"))
	case stageFailed:
		return m.st.Error.Render(wrap(m.loc.T("salle_t_failed", "err", m.note), w))
	case stageRoom:
	}
	if m.whatif.active {
		return m.whatif.view(m, w, h)
	}
	s := m.snap
	if m.join || (s.Phase == room.Lobby && !m.caseShown) {
		return m.joinView(w, h)
	}
	if s.Current < 0 || s.Current >= len(s.Steps) {
		return m.caseView(w, h)
	}
	return m.stepView(w, h)
}

// pickView lists the cases.
func (m Trainer) pickView(w, h int) string {
	st := m.st
	var b strings.Builder
	b.WriteString(st.Title.Render(m.loc.T("salle_t_pick_title")) + "\n")
	b.WriteString(st.Text.Render(wrap(m.loc.T("salle_t_pick_intro"), w)) + "\n\n")
	list := m.o.Content.Cases.List
	rows := max(1, h-lipgloss.Height(b.String()))
	lo := max(0, min(m.pick-rows/2, len(list)-rows))
	for i := lo; i < min(len(list), lo+rows); i++ {
		b.WriteString(m.line(list[i].Title.In(m.o.Lang), i == m.pick, w) + "\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

// line is a line of a list, highlighted under the cursor.
func (m Trainer) line(label string, on bool, w int) string {
	label = truncate(label, w-4)
	if on {
		return m.st.Cursor.Render("› ") + m.st.Highlight.Render(" "+label+" ")
	}
	return "  " + m.st.Text.Render(" "+label)
}

// joinView is the join panel: the QR code of the phone page, the URL, the
// ssh command for each address, the count, what is open.
func (m Trainer) joinView(w, h int) string {
	st := m.st
	hosts := m.o.Hosts
	if len(hosts) == 0 {
		hosts = []string{hostOf(m.srv.HTTPAddr())}
	}
	url := m.srv.URL(hosts[0])
	qr := m.qrBlock(url, w, h)
	textW := w
	if qr != "" {
		textW = w - lipgloss.Width(qr) - 3
	}
	var b strings.Builder
	b.WriteString(st.Title.Render(wrap(m.loc.T("salle_t_join_title"), textW)) + "\n\n")
	b.WriteString(st.Question.Render(m.loc.T("salle_t_join_code", "code", m.snap.Code)) + "\n\n")
	b.WriteString(st.Text.Render(wrap(m.loc.T("salle_t_join_phone"), textW)) + "\n")
	b.WriteString(st.Link.Render(hardWrap(url, textW)) + "\n\n")
	b.WriteString(st.Text.Render(wrap(m.loc.T("salle_t_join_ssh"), textW)) + "\n")
	port := portOf(m.srv.SSHAddr())
	for i, host := range hosts {
		if i == 3 {
			b.WriteString(st.Muted.Render(m.loc.Count("salle_t_join_more", len(hosts)-i)) + "\n")
			break
		}
		b.WriteString(st.Link.Render(hardWrap(fmt.Sprintf("ssh -p %d %s@%s", port, m.snap.Code, host), textW)) + "\n")
	}
	b.WriteString("\n" + st.Question.Render(wrap(m.loc.Count("salle_t_connected", m.snap.Participants, "max", m.snap.Max), textW)) + "\n\n")
	b.WriteString(st.Muted.Render(wrap(m.loc.T("salle_t_open", "ssh", m.srv.SSHAddr().String(), "http", m.srv.HTTPAddr().String()), textW)))
	text := b.String()
	if qr == "" {
		return text
	}
	return lipgloss.JoinHorizontal(lipgloss.Top, qr, "   ", text)
}

// qrBlock draws the QR code of url as large as the screen allows (two
// columns a module from 120×40 up when it fits, else one; a quiet zone
// of four modules, two on a small screen), or "" when it does not fit.
func (m Trainer) qrBlock(url string, w, h int) string {
	mods, err := qrModules(url)
	if err != nil {
		return ""
	}
	n := len(mods)
	for _, try := range [][2]int{{2, 4}, {1, 4}, {1, 2}} {
		scale, quiet := try[0], try[1]
		qw, qh := qrSize(n, quiet, scale)
		if qh <= h && qw+3+30 <= w {
			return m.qr.Render(strings.Join(qrLines(mods, quiet, scale), "\n"))
		}
	}
	return ""
}

// caseView is the case's story, before the first vote.
func (m Trainer) caseView(w, h int) string {
	st := m.st
	k := m.kase
	var b strings.Builder
	b.WriteString(st.Title.Render(wrap(k.Title.In(m.o.Lang), w)) + "\n\n")
	b.WriteString(st.Text.Render(wrap(k.Story.In(m.o.Lang), w)) + "\n\n")
	b.WriteString(st.Link.Render(wrap("→ "+m.loc.T("salle_t_case_start"), w)))
	return clipLines(b.String(), h)
}

func hostOf(a interface{ String() string }) string {
	s := a.String()
	if i := strings.LastIndexByte(s, ':'); i >= 0 {
		return strings.Trim(s[:i], "[]")
	}
	return s
}

// stepLabel is the text put to the vote on step s.
func (m Trainer) stepTitle(s room.Step) string {
	c, lang := m.o.Content, m.o.Lang
	switch s.Kind {
	case room.QuestionStep:
		if q, ok := c.Questions.Get(s.Question); ok {
			return q.Text.In(lang)
		}
	case room.VerdictStep:
		return m.loc.T("salle_t_verdict_question")
	case room.WhatIfStep:
		q, ok := c.Questions.Get(s.Question)
		if !ok {
			return m.loc.T("salle_t_verdict_question")
		}
		return m.loc.T("salle_t_whatif_question", "q", q.Title.In(lang), "v", c.AnswerLabel(q, []string{s.WhatIf}, lang))
	}
	return s.Question
}

// valueLabel is how value v of step s reads.
func (m Trainer) valueLabel(s room.Step, v string) string {
	if s.Kind == room.QuestionStep {
		if q, ok := m.o.Content.Questions.Get(s.Question); ok {
			if opt, ok := q.Option(v); ok {
				return opt.Label.In(m.o.Lang)
			}
		}
		return v
	}
	l, err := questionnaire.ParseLevel(v)
	if err != nil {
		return v
	}
	return l.Symbol() + " " + l.Label(m.o.Lang)
}
