package tui

import (
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/conduite/conduite/questionnaire"
)

// Workshops: the welcome screen's « mode atelier » lists the case studies
// (casesModel); a case opens on its own screen (caseModel), the story on
// one page and the questions for the room on the next, one idea per
// screen; then the usual flow with the case's answers pre-filled, each
// question shown so the room can discuss it, and the verdict revealed on a
// key once the room has voted. Nothing is saved.

// withCase starts a run on case study k: its screen, its answers and its
// référentiel. A case run saves nothing, for the rest of the process: the
// saved session of an earlier run is neither shown nor touched.
func (m Model) withCase(k *questionnaire.Case) Model {
	m.save.store, m.save.session = nil, nil
	m.run = wizardRun{Run: m.run.WithCase(k)}
	m.active = caseModel{}
	return m
}

// fresh is the wizard a new participant finds: a welcome screen built anew
// from the options, keeping only the size, the theme, presentation mode
// and no-save. No answer, export name, « et si ? », case or rendered report
// of the previous run survives.
func (m Model) fresh() Model {
	o := m.opts
	o.Content, o.Case = m.c, ""
	o.Presentation = m.styles.Present
	o.Store = nil // the session was read at start, and deleted with the result
	n := New(o)
	n.opts = m.opts // as given
	n.save.store = m.save.store
	n.width, n.height = m.width, m.height
	n.help.SetWidth(max(10, n.width-2))
	return n
}

// casesModel is the list of case studies.
type casesModel struct {
	cursor int
}

func (c casesModel) kind() state                   { return stateCases }
func (c casesModel) setSize(env) (screen, tea.Cmd) { return c, nil }

func (c casesModel) header(e env) stepInfo { return stepInfo{label: e.t("ws_step_cases")} }

func (c casesModel) keys(e env) helpKeys {
	k := e.keys
	k.only(&k.Up, &k.Down, &k.Jump, &k.Select, &k.Back, &k.Help, &k.Quit, &k.Abort)
	return helpKeys{short: []key.Binding{k.Up, k.Select, k.Back, k.Help, k.Quit},
		full: [][]key.Binding{{k.Up, k.Jump, k.Select}, {k.Back, k.Quit, k.Abort, k.Help}}}
}

func (c casesModel) update(msg tea.Msg, e env) (screen, tea.Msg, tea.Cmd) {
	c, in := c.press(msg, e)
	return c, in, nil
}

func (c casesModel) press(msg tea.Msg, e env) (casesModel, tea.Msg) {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return c, nil
	}
	n := len(e.c.Cases.List)
	if n == 0 {
		if key.Matches(km, e.keys.Back) {
			return c, welcomeMsg{}
		}
		return c, nil
	}
	c.cursor = min(c.cursor, n-1)
	if i, ok := moveCursor(km, e.keys, c.cursor, n); ok {
		c.cursor = i
		return c, nil
	}
	switch {
	case key.Matches(km, e.keys.Select):
		return c, openCaseMsg{id: e.c.Cases.List[c.cursor].ID}
	case key.Matches(km, e.keys.Back):
		return c, welcomeMsg{}
	}
	return c, nil
}

// focus puts the cursor on case id.
func (c casesModel) focus(cs *questionnaire.Cases, id string) casesModel {
	for i, k := range cs.List {
		if k.ID == id {
			c.cursor = i
		}
	}
	return c
}

func (c casesModel) view(e env) string {
	st := e.st
	var b strings.Builder
	b.WriteString(st.Title.Render(e.t("ws_cases_title")) + "\n")
	b.WriteString(st.Text.Render(e.wrap(e.t("ws_cases_intro"), 0)) + "\n\n")
	list := e.c.Cases.List
	room := max(1, e.height-lipgloss.Height(b.String())-3)
	cursor := min(c.cursor, len(list)-1)
	lo, hi := window(len(list), cursor, room)
	for i := lo; i < hi; i++ {
		k := list[i]
		label := truncate(k.Title.In(e.lang), max(10, e.width-2))
		b.WriteString(menuLine(e, label, i == cursor) + "\n")
	}
	if cursor >= 0 && cursor < len(list) {
		k := list[cursor]
		if ref, ok := e.c.Referentiels.Get(k.Referentiel); ok {
			b.WriteString("\n" + st.Muted.Render(truncate(e.t("wiz_referentiel", "name", ref.Name.In(e.lang)), e.width)) + "\n")
		}
	}
	return b.String()
}

// caseModel is the screen of one case: its story, then the questions for
// the room.
type caseModel struct {
	page int // 0: the story; 1: the questions to discuss
}

func (c caseModel) kind() state                   { return stateCase }
func (c caseModel) setSize(env) (screen, tea.Cmd) { return c, nil }

func (c caseModel) header(e env) stepInfo { return stepInfo{label: e.t("ws_step_case")} }

func (c caseModel) keys(e env) helpKeys {
	k := e.keys
	k.only(&k.Next, &k.Back, &k.Help, &k.Quit, &k.Abort)
	return helpKeys{short: []key.Binding{k.Next, k.Back, k.Help, k.Quit},
		full: [][]key.Binding{{k.Next, k.Back}, {k.Quit, k.Abort, k.Help}}}
}

func (c caseModel) update(msg tea.Msg, e env) (screen, tea.Msg, tea.Cmd) {
	c, in := c.press(msg, e)
	return c, in, nil
}

func (c caseModel) press(msg tea.Msg, e env) (caseModel, tea.Msg) {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return c, nil
	}
	switch {
	case key.Matches(km, e.keys.Next):
		if c.page == 0 {
			c.page = 1
			return c, nil
		}
		return c, caseStartMsg{}
	case key.Matches(km, e.keys.Back):
		if c.page == 1 {
			c.page = 0
			return c, nil
		}
		return c, casesMsg{}
	}
	return c, nil
}

func (c caseModel) view(e env) string {
	k := e.run.Case()
	if k == nil || e.c == nil {
		return ""
	}
	st := e.st
	var b strings.Builder
	b.WriteString(st.Title.Render(e.wrap(k.Title.In(e.lang), 0)) + "\n")
	if ref, ok := e.c.Referentiels.Get(k.Referentiel); ok && c.page == 0 {
		b.WriteString(st.Muted.Render(e.wrap(e.t("wiz_referentiel", "name", ref.Name.In(e.lang)), 0)) + "\n")
	}
	b.WriteString("\n")
	next := "ws_case_next"
	if c.page == 0 {
		b.WriteString(st.Text.Render(e.wrap(k.Story.In(e.lang), 0)) + "\n")
	} else {
		b.WriteString(st.Question.Render(e.t("ws_discuss_title")) + "\n\n")
		gap := "\n"
		if e.st.Present {
			gap = "\n\n" // large spacing, where there is room (clipped below)
		}
		var qs []string
		for i, q := range k.Questions {
			num := strconv.Itoa(i+1) + ". "
			text := lipgloss.Wrap(q.In(e.lang), max(10, e.width-len(num)), " ")
			qs = append(qs, st.Text.Render(num+indentRest(text, strings.Repeat(" ", len(num)))))
		}
		body := strings.Join(qs, gap)
		if lipgloss.Height(b.String())+lipgloss.Height(body)+2 > e.height {
			body = strings.Join(qs, "\n")
		}
		b.WriteString(body + "\n")
		next = "ws_case_start"
	}
	hint := st.Link.Render(e.wrap("→ "+e.t(next), 0))
	body := b.String()
	room := e.height - lipgloss.Height(hint) - 1
	if lipgloss.Height(body) > room {
		body = clip(strings.TrimRight(body, "\n"), room) + "\n"
	}
	return body + "\n" + hint
}

// indentRest indents every line of s but the first.
func indentRest(s, prefix string) string {
	return strings.ReplaceAll(s, "\n", "\n"+prefix)
}

// casesMsg shows the list of case studies (« mode atelier »), on the case
// of this run if any.
type casesMsg struct{}

func (casesMsg) apply(m Model) (Model, tea.Cmd) {
	c := casesModel{}
	if k := m.run.Case(); k != nil {
		c = c.focus(m.c.Cases, k.ID)
	}
	return m.show(c)
}

// welcomeMsg goes back from the cases to the welcome screen, on « mode
// atelier ».
type welcomeMsg struct{}

func (welcomeMsg) apply(m Model) (Model, tea.Cmd) {
	cursor := max(0, slices.Index(welcomeDataOf(m.env()).items(), itemWorkshop))
	return m.show(welcomeModel{cursor: cursor})
}

// openCaseMsg opens a case study on its screen.
type openCaseMsg struct{ id string }

func (msg openCaseMsg) apply(m Model) (Model, tea.Cmd) {
	k, ok := m.c.Cases.Get(msg.id)
	if !ok {
		return m, nil
	}
	if !m.styles.Present {
		m.setTheme(m.styles.Theme, true) // the welcome's « mode atelier » is for a room
	}
	return m.withCase(k).relayout()
}

// caseStartMsg leaves the case's screen for its first question.
type caseStartMsg struct{}

func (caseStartMsg) apply(m Model) (Model, tea.Cmd) { return m.moved(m.run.Next()) }
