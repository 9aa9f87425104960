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

// questionModel is one question on its screen: its options with the
// highlighted one's help, the answer given or implied by the catalog, and
// « pourquoi cette question ? » on demand.
type questionModel struct {
	q        *questionnaire.Question
	cursor   int
	chosen   []string // the answer shown as chosen (given, else catalog)
	catalog  string   // the value the catalog implies, if any
	fromCase []string // the case study's answer, in a workshop
	assumed  string   // in a workshop, the value taken when the case is silent
	preset   []string // the preset's values: enter on them accepts the preset
	given    bool     // the user has answered explicitly
	showWhy  bool
	mustTick bool // enter was pressed on a multi question with nothing ticked
}

// newQuestion places the cursor on the question's preset (the domain's
// questionnaire.Content.Preset): the answer given, else the catalog's fact,
// marked, else « Je ne sais pas ». Only a given or catalog answer is shown
// as chosen: nothing is assumed in the user's favour.
func newQuestion(c *questionnaire.Content, a questionnaire.Answers, q *questionnaire.Question) questionModel {
	p := c.Preset(a, q)
	m := questionModel{q: q, given: p.Origin == questionnaire.OriginGiven, preset: p.Values}
	// The catalog's value stays marked under an answer that overrides it.
	if f := c.Preset(a.Unset(q.ID), q); f.Origin == questionnaire.OriginCatalog {
		m.catalog = f.Values[0]
	}
	if !p.Assumed() {
		m.chosen = p.Values
	}
	if len(p.Values) > 0 {
		m.cursor = max(0, slices.Index(q.Values(), p.Values[0]))
	}
	return m
}

func (m questionModel) kind() state { return stateQuestion }

func (m questionModel) header(e env) stepInfo { return questionStep(e) }

// questionStep is the header of a question's screen: its step in the run.
func questionStep(e env) stepInfo {
	k, n := e.run.Step()
	return stepInfo{label: e.t("wiz_step", "k", strconv.Itoa(k), "n", strconv.Itoa(n)), k: k, n: n, inRun: true}
}

func (m questionModel) setSize(env) (screen, tea.Cmd) { return m, nil }

func (m questionModel) keys(e env) helpKeys {
	k := e.keys
	on := []*key.Binding{&k.Up, &k.Down, &k.Jump, &k.Select, &k.Back, &k.Why, &k.Quit, &k.Abort}
	if m.q.Kind == questionnaire.KindMulti {
		on = append(on, &k.Toggle)
	}
	if m.answeredNow() {
		on = append(on, &k.Forward)
	}
	k.only(on...)
	return helpKeys{short: []key.Binding{k.Up, k.Toggle, k.Select, k.Back, k.Why, k.Quit, k.Forward}, whyOpen: m.showWhy}
}

func (m questionModel) update(msg tea.Msg, e env) (screen, tea.Msg, tea.Cmd) {
	m, in := m.press(msg, e)
	return m, in, nil
}

func (m questionModel) press(msg tea.Msg, e env) (questionModel, tea.Msg) {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return m, nil
	}
	n := len(m.q.Options)
	multi := m.q.Kind == questionnaire.KindMulti
	if c, ok := moveCursor(km, e.keys, m.cursor, n); ok {
		m.cursor = c
		return m, nil
	}
	switch {
	case key.Matches(km, e.keys.Toggle):
		m = m.toggle(m.q.Options[m.cursor].Value)
	case key.Matches(km, e.keys.Why):
		m.showWhy = !m.showWhy
	case key.Matches(km, e.keys.Select):
		vals := []string{m.q.Options[m.cursor].Value}
		if multi {
			vals = m.ordered()
		}
		switch {
		case len(vals) == 0:
			m.mustTick = true
			return m, nil
		case slices.Equal(vals, m.preset):
			// The preset as it stands, as Enter alone in the line mode:
			// a given or catalog answer stays what it is.
			return m, acceptMsg{id: m.q.ID}
		}
		return m, answerMsg{id: m.q.ID, vals: vals}
	case key.Matches(km, e.keys.Forward):
		if multi && len(m.chosen) > 0 {
			return m, answerMsg{id: m.q.ID, vals: m.ordered()}
		}
		if m.answeredNow() {
			return m, stepForwardMsg{}
		}
	case key.Matches(km, e.keys.Back):
		if multi && len(m.chosen) > 0 && m.given {
			// Keep what was ticked: going back never loses an answer.
			return m, answerMsg{id: m.q.ID, vals: m.ordered(), back: true}
		}
		return m, stepBackMsg{}
	}
	return m, nil
}

// caseSilent shows, in a workshop, the value the evaluation takes when
// the case leaves the question unanswered (« je ne sais pas », never a
// reassuring value), so that going through the case with enter keeps its
// verdict.
func (m questionModel) caseSilent() questionModel {
	if m.given || m.catalog != "" || m.q.Kind == questionnaire.KindTool {
		return m
	}
	m.assumed = m.q.Assumed()
	m.chosen = []string{m.assumed}
	m.cursor = max(0, slices.Index(m.q.Values(), m.assumed))
	return m
}

// answeredNow reports whether the question may be left forward as it is.
func (m questionModel) answeredNow() bool { return len(m.chosen) > 0 }

// toggle ticks or unticks a multi value; an exclusive value (aucune, je ne
// sais pas) stands alone.
func (m questionModel) toggle(v string) questionModel {
	m.mustTick = false
	m.given = true
	if slices.Contains(m.chosen, v) {
		m.chosen = slices.DeleteFunc(slices.Clone(m.chosen), func(x string) bool { return x == v })
		return m
	}
	if m.q.IsExclusive(v) {
		m.chosen = []string{v}
		return m
	}
	m.chosen = slices.DeleteFunc(slices.Clone(m.chosen), m.q.IsExclusive)
	m.chosen = append(m.chosen, v)
	return m
}

// ordered returns the ticked values in the question's order.
func (m questionModel) ordered() []string {
	var out []string
	for _, v := range m.q.Values() {
		if slices.Contains(m.chosen, v) {
			out = append(out, v)
		}
	}
	return out
}

func (m questionModel) view(e env) string {
	st := e.st
	multi := m.q.Kind == questionnaire.KindMulti
	var top strings.Builder
	top.WriteString(st.Title.Render(m.q.Title.In(e.lang)) + "\n")
	top.WriteString(st.Question.Render(e.wrap(m.q.Text.In(e.lang), 0)) + "\n")
	if multi && !m.showWhy {
		top.WriteString(st.Muted.Render(e.wrap(e.t("wiz_multi_hint"), 0)) + "\n")
	}
	top.WriteString("\n")

	var opts strings.Builder
	for i, o := range m.q.Options {
		opts.WriteString(m.optionLine(e, i, o) + "\n")
	}

	// With « pourquoi » open, the option's help gives it its room.
	var bottom strings.Builder
	switch {
	case m.mustTick:
		bottom.WriteString("\n" + st.Warning.Render(e.wrap(e.t("wiz_multi_empty"), 0)) + "\n")
	case !m.showWhy:
		help := m.q.Options[m.cursor].Help.In(e.lang)
		bottom.WriteString("\n" + st.OptionHelp.Render(e.wrap(help, 0)) + "\n")
	}
	options := opts.String()
	if st.Present && !m.showWhy {
		// Large spacing on a projector, where the screen has room for it.
		spaced := strings.ReplaceAll(strings.TrimRight(options, "\n"), "\n", "\n\n") + "\n"
		if lipgloss.Height(top.String()+spaced+bottom.String()) <= e.height {
			options = spaced
		}
	}
	body := top.String() + options + bottom.String()
	if m.showWhy {
		room := e.height - lipgloss.Height(body) - 1
		if room >= 3 {
			body += "\n" + clip(m.whyView(e), room)
		}
	}
	return body
}

// optionLine draws option i: the cursor, the mark, the label and where
// the answer comes from (the case, the catalog).
func (m questionModel) optionLine(e env, i int, o questionnaire.Option) string {
	st := e.st
	multi := m.q.Kind == questionnaire.KindMulti
	mark := "( )"
	if multi {
		mark = "[ ]"
	}
	if slices.Contains(m.chosen, o.Value) {
		mark = st.Chosen.Render(map[bool]string{true: "[x]", false: "(•)"}[multi])
	}
	label := o.Label.In(e.lang)
	if i == m.cursor {
		label = st.Highlight.Render(label)
	} else {
		label = st.Text.Render(label)
	}
	cur := "  "
	if i == m.cursor {
		cur = st.Cursor.Render("›") + " "
	}
	line := cur + mark + " " + label
	if slices.Contains(m.fromCase, o.Value) || (o.Value == m.assumed && !m.given) {
		tag := " ◂ " + e.t("ws_from_case")
		if o.Value == m.assumed {
			tag = " ◂ " + e.t("ws_case_assumed")
		}
		if lipgloss.Width(line)+lipgloss.Width(tag) <= e.width {
			line += st.Catalog.Render(tag)
		} else {
			line += st.Catalog.Render(" ◂")
		}
	} else if o.Value == m.catalog && m.assumed == "" {
		// The mark once: after the option, or on the line under it
		// when it does not fit there.
		tag := "◂ " + e.t("wiz_from_catalog")
		if lipgloss.Width(line)+1+lipgloss.Width(tag) <= e.width {
			line += " " + st.Catalog.Render(tag)
		} else {
			line += "\n      " + st.Catalog.Render(tag)
		}
	}
	return line
}

// whyView is « pourquoi cette question ? » with its sources, each cited as a
// reader finds it (« Institution, « Titre », date ») with its URL on a line
// of its own, never cut.
func (m questionModel) whyView(e env) string {
	st := e.st
	w := e.width - 2
	var cites []string
	for _, s := range e.c.Sources.Resolve(m.q.Sources) {
		cite := s.Citation(e.texts, e.lang)
		if s.URL != "" {
			cite = strings.TrimSuffix(cite, " — "+s.URL)
		}
		cite = lipgloss.Wrap("• "+cite, w, " ")
		if s.URL != "" {
			cite += "\n  " + s.URL
		}
		cites = append(cites, cite)
	}
	text := st.WhyTitle.Render(e.t("wiz_why_title")) + "\n" +
		lipgloss.Wrap(m.q.Why.In(e.lang), w, " ") + "\n" +
		st.Muted.Render(strings.TrimSpace(e.t("wiz_sources", "list", ""))+"\n"+strings.Join(cites, "\n"))
	return st.Why.Render(text)
}

// answerMsg answers the current question, then moves on (or back); a
// value the catalog implies stays the catalog's (Run.Give).
type answerMsg struct {
	id   string
	vals []string
	back bool
}

func (msg answerMsg) apply(m Model) (Model, tea.Cmd) {
	if q := m.run.Current(); q == nil || q.ID != msg.id {
		return m, nil // an answer for a question no longer asked
	}
	r := m.run.Give(msg.vals...) // the catalog's own value stays the catalog's
	if msg.back {
		return m.answered(r.Back())
	}
	return m.answered(r.Next())
}

// acceptMsg takes the current question's preset and moves on.
type acceptMsg struct{ id string }

func (msg acceptMsg) apply(m Model) (Model, tea.Cmd) {
	if q := m.run.Current(); q == nil || q.ID != msg.id {
		return m, nil
	}
	return m.answered(m.run.AcceptPreset())
}

// stepBackMsg leaves the current question one step back; stepForwardMsg
// one step on, keeping its answer.
type (
	stepBackMsg    struct{}
	stepForwardMsg struct{}
)

func (stepBackMsg) apply(m Model) (Model, tea.Cmd)    { return m.moved(m.run.Back()) }
func (stepForwardMsg) apply(m Model) (Model, tea.Cmd) { return m.moved(m.run.Next()) }
