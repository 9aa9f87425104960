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

// « Et si ? » on the result screen: s opens a compact picker (a question,
// then one of its answers), the answer changes in place and the result is
// evaluated again at once; the screen says what the change did to the
// verdict and which rule made the difference. The run
// (questionnaire.Run) keeps the answers before each change, so u undoes
// them one by one; everything shown is derived from those answers.

// whatIfShown is what the result says about the last change in force.
type whatIfShown struct {
	title  string // the question's short title
	answer string // its new answer
	change questionnaire.Change
	steps  int // changes in force, for the undo hint
}

// pickOption is one answer the picker offers.
type pickOption struct{ value, label string }

// pickerModel is the « et si ? » picker: first the questions with their
// answers, then the options of the one chosen.
type pickerModel struct {
	open    bool
	q       *questionnaire.Question // nil while the question is chosen
	cursor  int                     // in the questions, or in the options
	qcursor int                     // the question's line, to come back to
	chosen  []string                // the values ticked (multi)
}

func openPicker() pickerModel { return pickerModel{open: true} }

// multi reports whether the options stage ticks several values.
func (p pickerModel) multi() bool { return p.q != nil && p.q.Kind == questionnaire.KindMulti }

// keys are the picker's: a question, then its answers.
func (p pickerModel) keys(e env) helpKeys {
	k := e.keys
	on := []*key.Binding{&k.Up, &k.Down, &k.Select, &k.Back, &k.Help, &k.Quit, &k.Abort}
	if p.q != nil {
		on = append(on, &k.Jump)
	}
	if p.multi() {
		on = append(on, &k.Toggle)
	}
	k.only(on...)
	return helpKeys{short: []key.Binding{k.Up, k.Toggle, k.Select, k.Back, k.Help, k.Quit}}
}

func (p pickerModel) update(msg tea.Msg, e env) (pickerModel, tea.Msg) {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return p, nil
	}
	answers := e.run.Answers()
	if p.q == nil {
		ss := e.run.Steps()
		n := len(ss)
		p.cursor = min(p.cursor, n-1)
		if c, ok := moveCursor(km, e.keys, p.cursor, n); ok {
			p.cursor = c
			return p, nil
		}
		switch {
		case key.Matches(km, e.keys.Select):
			p.q, p.qcursor = ss[p.cursor], p.cursor
			p.chosen = currentValues(e, answers, p.q)
			p.cursor = 0
			if len(p.chosen) > 0 {
				p.cursor = max(0, slices.IndexFunc(pickOptions(e, p.q), func(o pickOption) bool { return o.value == p.chosen[0] }))
			}
		case key.Matches(km, e.keys.Back):
			p.open = false
		}
		return p, nil
	}
	opts := pickOptions(e, p.q)
	n := len(opts)
	if c, ok := moveCursor(km, e.keys, p.cursor, n); ok {
		p.cursor = c
		return p, nil
	}
	switch {
	case key.Matches(km, e.keys.Toggle):
		p.chosen = p.toggle(opts[p.cursor].value)
	case key.Matches(km, e.keys.Select):
		vals := []string{opts[p.cursor].value}
		if p.multi() {
			if len(p.chosen) == 0 {
				return p, nil
			}
			vals = ordered(p.q, p.chosen)
		}
		return pickerModel{}, whatIfMsg{id: p.q.ID, vals: vals}
	case key.Matches(km, e.keys.Back):
		p.q, p.cursor, p.chosen = nil, p.qcursor, nil
	}
	return p, nil
}

// toggle ticks or unticks a multi value; an exclusive value stands alone.
func (p pickerModel) toggle(v string) []string {
	if slices.Contains(p.chosen, v) {
		return slices.DeleteFunc(slices.Clone(p.chosen), func(x string) bool { return x == v })
	}
	if p.q.IsExclusive(v) {
		return []string{v}
	}
	return append(slices.DeleteFunc(slices.Clone(p.chosen), p.q.IsExclusive), v)
}

// ordered returns the values in the question's order.
func ordered(q *questionnaire.Question, vals []string) []string {
	var out []string
	for _, v := range q.Values() {
		if slices.Contains(vals, v) {
			out = append(out, v)
		}
	}
	return out
}

// pickOptions are the answers the picker offers for q: its options, or
// the catalog's tools for the tool question.
func pickOptions(e env, q *questionnaire.Question) []pickOption {
	if q.Kind == questionnaire.KindTool {
		tools := e.c.Catalog.Search("")
		out := make([]pickOption, 0, len(tools))
		for _, t := range tools {
			out = append(out, pickOption{t.ID, t.Name})
		}
		return out
	}
	out := make([]pickOption, 0, len(q.Options))
	for _, o := range q.Options {
		out = append(out, pickOption{o.Value, o.Label.In(e.lang)})
	}
	return out
}

// currentValues are the values the evaluation uses for q now: given,
// from the catalog, or assumed.
func currentValues(e env, a questionnaire.Answers, q *questionnaire.Question) []string {
	if q.Kind == questionnaire.KindTool {
		if id := a.Get(questionnaire.QTool); id != "" {
			return []string{id}
		}
		return nil
	}
	return e.c.Resolve(a).Answers.List(q.ID)
}

func (p pickerModel) view(e env, room int) string {
	st := e.st
	var b strings.Builder
	if p.q == nil {
		b.WriteString(st.Question.Render(truncate(e.t("ws_whatif_pick"), e.width)) + "\n")
		ss := e.run.Steps()
		titleW := 0
		for _, q := range ss {
			titleW = max(titleW, lipgloss.Width(q.Title.In(e.lang)))
		}
		lo, hi := window(len(ss), p.cursor, max(1, room-1))
		for i := lo; i < hi; i++ {
			q := ss[i]
			title := q.Title.In(e.lang)
			title += strings.Repeat(" ", titleW-lipgloss.Width(title))
			answer, _, _ := answerText(e, q)
			answer = truncate(answer, max(8, e.width-titleW-4))
			if i == p.cursor {
				b.WriteString(st.Cursor.Render("›") + " " + st.Highlight.Render(title) + "  " + st.Text.Render(answer) + "\n")
			} else {
				b.WriteString("  " + st.ReviewKey.Render(title) + "  " + st.Text.Render(answer) + "\n")
			}
		}
		return b.String()
	}
	b.WriteString(st.Question.Render(truncate(e.t("ws_whatif_options", "title", p.q.Title.In(e.lang), "question", p.q.Text.In(e.lang)), e.width)) + "\n")
	opts := pickOptions(e, p.q)
	cur := p.chosen
	lo, hi := window(len(opts), p.cursor, max(1, room-1))
	for i := lo; i < hi; i++ {
		o := opts[i]
		mark := "( )"
		if p.multi() {
			mark = "[ ]"
		}
		if slices.Contains(cur, o.value) {
			mark = st.Chosen.Render(map[bool]string{true: "[x]", false: "(•)"}[p.multi()])
		}
		label := truncate(o.label, max(8, e.width-6))
		if i == p.cursor {
			b.WriteString(st.Cursor.Render("›") + " " + mark + " " + st.Highlight.Render(label) + "\n")
		} else {
			b.WriteString("  " + mark + " " + st.Text.Render(label) + "\n")
		}
	}
	return b.String()
}

// view says what the last change did: the verdict before → after and the
// rule that made the difference, by its title and, when the screen has room,
// its reason as the report words it; or that the verdict stays and which
// rules appeared or disappeared; then how to undo. Rules are named by their
// titles, never their ids, and text wraps: nothing is cut.
func (w whatIfShown) view(e env) string {
	st := e.st
	ch := w.change
	lines := []string{st.Title.Render(e.wrap(e.t("ws_whatif_change", "title", w.title, "answer", w.answer), 0))}
	if ch.Changed() {
		lines = append(lines, st.Level(ch.Before).Render(levelText(ch.Before, e.lang))+st.Text.Render(" → ")+
			st.Level(ch.After).Render(levelText(ch.After, e.lang)))
		if len(ch.Decisive) > 0 {
			r := ch.Decisive[0]
			lines = append(lines, st.Text.Render(e.wrap(e.t("ws_whatif_decisive", "title", ruleName(r, e.lang)), 0)))
			if x, ok := ch.Reason(r); ok && e.height >= whatIfReasonRoom {
				lines = append(lines, st.Muted.Render(indent(e.wrap(x.Text(e.lang), e.width-2), "  ")))
			}
			if len(ch.Decisive) > 1 {
				lines = append(lines, st.Muted.Render(e.wrap(e.t("ws_whatif_decisive_more", "list", ruleList(e, ch.Decisive[1:])), 0)))
			}
		}
	} else {
		lines = append(lines, st.Text.Render(e.t("ws_whatif_same", "verdict", ""))+st.Level(ch.After).Render(levelText(ch.After, e.lang)))
		if len(ch.Gone) == 0 && len(ch.Added) == 0 {
			lines = append(lines, st.Muted.Render(e.wrap(e.t("ws_whatif_no_rule"), 0)))
		}
		if len(ch.Gone) > 0 {
			lines = append(lines, st.Text.Render(e.wrap(e.t("ws_whatif_gone", "list", ruleList(e, ch.Gone)), 0)))
		}
		if len(ch.Added) > 0 {
			lines = append(lines, st.Text.Render(e.wrap(e.t("ws_whatif_added", "list", ruleList(e, ch.Added)), 0)))
		}
	}
	lines = append(lines, st.Muted.Render(e.wrap(e.t("ws_whatif_history", "n", strconv.Itoa(w.steps)), 0)))
	return strings.Join(lines, "\n")
}

// whatIfReasonRoom is the body height from which « et si ? » shows the
// decisive rule's reason under its title (below, the title alone: the
// reason is in the report underneath).
const whatIfReasonRoom = 30

// ruleName is a rule's title with its level's symbol, kept together.
func ruleName(r *questionnaire.Rule, lang questionnaire.Lang) string {
	return r.Level.Symbol() + "\u00a0" + r.Title.In(lang)
}

// ruleList names rules by their titles, with their level's symbol.
func ruleList(e env, rules []*questionnaire.Rule) string {
	parts := make([]string, len(rules))
	for i, r := range rules {
		parts[i] = ruleName(r, e.lang)
	}
	return strings.Join(parts, e.t("list_sep"))
}

// whatIfMsg changes one answer from the result (« et si ? »).
type whatIfMsg struct {
	id   string
	vals []string
}

func (msg whatIfMsg) apply(m Model) (Model, tea.Cmd) {
	r, ok := m.run.WhatIf(msg.id, msg.vals...)
	if !ok {
		return m.relayout() // the same answer: nothing to undo
	}
	m.run.Run = r
	return m.changed()
}

// undoMsg undoes the last « et si ? ».
type undoMsg struct{}

func (undoMsg) apply(m Model) (Model, tea.Cmd) {
	r, ok := m.run.Undo()
	if !ok {
		return m, nil
	}
	m.run.Run = r
	return m.changed()
}
