package salle

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	room "github.com/conduite/conduite/salle"
)

// whatIfPicker chooses an « et si ? »: a question of the case, then the
// value it changes to; the room then votes on the verdict again.
type whatIfPicker struct {
	active   bool
	question string // "" while the question is chosen
	cursor   int
}

func (p whatIfPicker) open(Trainer) whatIfPicker {
	return whatIfPicker{active: true}
}

// items are the picker's lines: the case's questions, or the values of
// the chosen question but the case's own.
func (p whatIfPicker) items(m Trainer) (ids, labels []string) {
	c, lang := m.o.Content, m.o.Lang
	for _, s := range m.snap.Steps {
		if s.Kind != room.QuestionStep {
			continue
		}
		q, ok := c.Questions.Get(s.Question)
		if !ok {
			continue
		}
		if p.question == "" {
			ids, labels = append(ids, q.ID), append(labels, q.Title.In(lang))
			continue
		}
		if q.ID != p.question {
			continue
		}
		for _, o := range q.Options {
			if !slices.Contains(s.Answer, o.Value) {
				ids, labels = append(ids, o.Value), append(labels, o.Label.In(lang))
			}
		}
	}
	return ids, labels
}

func (m Trainer) pressWhatIf(km tea.KeyPressMsg) (Trainer, tea.Cmd) {
	p := m.whatif
	ids, _ := p.items(m)
	n := len(ids)
	switch {
	case key.Matches(km, m.keys.Back):
		if p.question != "" {
			p = whatIfPicker{active: true}
		} else {
			p.active = false
		}
	case n == 0:
	case key.Matches(km, m.keys.Up):
		p.cursor = (p.cursor + n - 1) % n
	case key.Matches(km, m.keys.Down):
		p.cursor = (p.cursor + 1) % n
	case key.Matches(km, m.keys.Select):
		id := ids[min(p.cursor, n-1)]
		if p.question == "" {
			p.question, p.cursor = id, 0
			break
		}
		m.whatif = whatIfPicker{}
		r, q := m.room, p.question
		m.join = false
		return m, act(func() error {
			i, err := r.AddWhatIf(q, id)
			if err != nil {
				return err
			}
			return r.OpenVote(i)
		})
	}
	m.whatif = p
	return m, nil
}

func (p whatIfPicker) view(m Trainer, w, h int) string {
	st := m.st
	var b strings.Builder
	b.WriteString(st.Title.Render(m.loc.T("salle_t_whatif_title")) + "\n")
	intro := "salle_t_whatif_pick_question"
	if p.question != "" {
		intro = "salle_t_whatif_pick_value"
		if q, ok := m.o.Content.Questions.Get(p.question); ok {
			b.WriteString(st.Question.Render(wrap(q.Text.In(m.o.Lang), w)) + "\n")
		}
	}
	b.WriteString(st.Text.Render(wrap(m.loc.T(intro), w)) + "\n\n")
	_, labels := p.items(m)
	rows := max(1, h-lipgloss.Height(b.String()))
	lo := max(0, min(p.cursor-rows/2, len(labels)-rows))
	for i := lo; i < min(len(labels), lo+rows); i++ {
		b.WriteString(m.line(labels[i], i == p.cursor, w) + "\n")
	}
	return strings.TrimRight(b.String(), "\n")
}
