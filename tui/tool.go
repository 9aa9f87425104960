package tui

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/conduite/conduite/internal/safetext"
	"github.com/conduite/conduite/questionnaire"
	"github.com/conduite/conduite/report"
)

// toolModel is the tool question: type to filter the catalog, or choose
// « autre outil » and type a free name.
type toolModel struct {
	filter  textinput.Model
	name    textinput.Model
	matches []*questionnaire.Tool
	cursor  int  // in matches; len(matches) is « autre outil »
	naming  bool // typing a free name
}

func newTool(e env, a questionnaire.Answers) toolModel {
	t := toolModel{filter: newInput(e, e.t("wiz_tool_search")), name: newInput(e, e.t("wiz_tool_name_prompt"))}
	t.filter.Focus()
	t.matches = e.c.Catalog.Search("")
	if id := a.Get(questionnaire.QTool); id != "" {
		for i, m := range t.matches {
			if m.ID == id {
				t.cursor = i
			}
		}
	} else if a.Meta.ToolName != "" {
		t.cursor = len(t.matches)
		t.name.SetValue(a.Meta.ToolName)
	}
	return t
}

// newInput makes a one-line text input styled for the wizard, with a steady
// cursor (a blinking one would redraw the screen twice a second).
func newInput(e env, prompt string) textinput.Model {
	in := textinput.New()
	in.Prompt = prompt
	in.CharLimit = nameLimit
	s := textinput.DefaultStyles(e.st.Theme != ThemeLight)
	s.Focused.Prompt = e.st.Question
	s.Blurred.Prompt = e.st.Muted
	s.Focused.Text = e.st.Input
	s.Cursor.Blink = false
	in.SetStyles(s)
	fitInput(&in, e)
	return in
}

// fitInput gives a text input the width of the body (after a resize too:
// an input keeps the width it was made with, and pads its line to it).
func fitInput(in *textinput.Model, e env) {
	in.SetWidth(max(10, e.width-lipgloss.Width(in.Prompt)-2))
	in.SetCursor(in.Position()) // scrolls the text to the new width
}

func (t toolModel) update(msg tea.Msg, e env) (toolModel, tea.Msg, tea.Cmd) {
	km, isKey := msg.(tea.KeyPressMsg)
	if t.naming {
		switch {
		case isKey && key.Matches(km, e.keys.Select):
			// Typed or pasted, the name goes into reports: cleaned as the
			// answers files' names are (no control, no bidi override).
			name := strings.TrimSpace(safetext.Line(t.name.Value()))
			if m, ok := e.c.Catalog.Match(name); ok {
				// One of a catalog tool's names: that entry applies (the
				// view said so while the name was typed).
				return t, toolMsg{id: m.ID}, nil
			}
			return t, toolMsg{name: name}, nil
		case isKey && key.Matches(km, e.keys.BackText):
			t.naming = false
			t.name.Blur()
			t.filter.Focus()
			return t, nil, nil
		}
		var cmd tea.Cmd
		t.name, cmd = t.name.Update(fitMsg(t.name, msg))
		return t, nil, cmd
	}
	if isKey {
		switch {
		case key.Matches(km, e.keys.Up):
			t.cursor = (t.cursor + len(t.matches)) % (len(t.matches) + 1)
			return t, nil, nil
		case key.Matches(km, e.keys.Down):
			t.cursor = (t.cursor + 1) % (len(t.matches) + 1)
			return t, nil, nil
		case key.Matches(km, e.keys.Select):
			if t.cursor < len(t.matches) {
				return t, toolMsg{id: t.matches[t.cursor].ID}, nil
			}
			t.naming = true
			if t.name.Value() == "" {
				t.name.SetValue(strings.TrimSpace(t.filter.Value()))
			}
			t.name.CursorEnd()
			t.filter.Blur()
			t.name.Focus()
			return t, nil, nil
		case key.Matches(km, e.keys.BackText):
			return t, backMsg{}, nil
		}
	}
	before := t.filter.Value()
	var cmd tea.Cmd
	t.filter, cmd = t.filter.Update(fitMsg(t.filter, msg))
	if t.filter.Value() != before {
		t.matches = e.c.Catalog.Search(t.filter.Value())
		t.cursor = 0
	}
	return t, nil, cmd
}

func (t toolModel) view(e env) string {
	st := e.st
	q, _ := e.c.Questions.Get(questionnaire.QTool)
	var b strings.Builder
	b.WriteString(st.Title.Render(q.Title.In(e.lang)) + "\n")
	b.WriteString(st.Question.Render(e.wrap(q.Text.In(e.lang), 0)) + "\n")
	if t.naming {
		b.WriteString(st.Muted.Render(e.wrap(e.t("wiz_tool_name_hint"), 0)) + "\n\n")
		b.WriteString(t.name.View() + "\n")
		if m, ok := e.c.Catalog.Match(t.name.Value()); ok {
			b.WriteString("\n" + st.Catalog.Render(e.wrap(e.t("name_matched_short", "tool", m.Name), 0)) + "\n")
		}
		return b.String()
	}
	b.WriteString(st.Muted.Render(e.wrap(e.t("wiz_tool_hint", "n", strconv.Itoa(len(e.c.Catalog.Tools))), 0)) + "\n\n")
	b.WriteString(t.filter.View() + "\n\n")
	head := lipgloss.Height(b.String())
	// Room for the list: the body less the header, the blank line and the
	// two lines of the highlighted tool's facts.
	room := max(3, e.height-head-3)
	n := len(t.matches) + 1
	lo, hi := window(n, t.cursor, room)
	if len(t.matches) == 0 {
		b.WriteString(st.Muted.Render(e.wrap(e.t("wiz_tool_none"), 0)) + "\n")
		room--
		lo, hi = window(n, t.cursor, room)
	}
	nameW := 0
	for _, m := range t.matches {
		nameW = max(nameW, lipgloss.Width(m.Name))
	}
	nameW = min(nameW, e.width/2)
	for i := lo; i < hi; i++ {
		if i == len(t.matches) {
			b.WriteString(menuLine(e, e.t("wiz_tool_other"), i == t.cursor) + "\n")
			continue
		}
		m := t.matches[i]
		name := truncate(m.Name, nameW)
		label := name + strings.Repeat(" ", max(0, nameW-lipgloss.Width(name)))
		line := menuLine(e, label, i == t.cursor)
		if rest := e.width - nameW - 5; rest > 10 {
			line += "  " + st.Muted.Render(truncate(usagesOf(e, m), rest))
		}
		b.WriteString(line + "\n")
	}
	if t.cursor < len(t.matches) {
		b.WriteString("\n" + st.Catalog.Render(clip(e.wrap(factsLine(e, t.matches[t.cursor]), 0), 2)) + "\n")
	}
	return b.String()
}

// usagesOf names the uses a tool serves.
func usagesOf(e env, t *questionnaire.Tool) string {
	q, _ := e.c.Questions.Get(questionnaire.QUsage)
	return report.AnswerLabel(e.c, q, t.Usages, e.lang)
}

// factsLine says what the catalog knows of a tool.
func factsLine(e env, t *questionnaire.Tool) string {
	ids := t.FactIDs()
	if len(ids) == 0 {
		return e.t("wiz_tool_knows_nothing")
	}
	parts := make([]string, 0, len(ids))
	for _, id := range ids {
		q, _ := e.c.Questions.Get(id)
		parts = append(parts, strings.ToLower(q.Title.In(e.lang)))
	}
	return e.t("wiz_tool_knows", "facts", strings.Join(parts, ", "))
}

// truncate cuts s to w cells, with « … » when cut.
func truncate(s string, w int) string {
	if lipgloss.Width(s) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && lipgloss.Width(string(r))+1 > w {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}

// restyle gives the inputs the styles of a new theme.
func (t toolModel) restyle(e env) toolModel {
	for _, in := range []*textinput.Model{&t.filter, &t.name} {
		fresh := newInput(e, in.Prompt)
		in.SetStyles(fresh.Styles())
	}
	return t
}
