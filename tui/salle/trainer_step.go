package salle

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/conduite/conduite/questionnaire"
	room "github.com/conduite/conduite/salle"
)

// stepView is the current vote: what is asked, the tally as bars (counts
// and percentages, never who), and once revealed the case's answer — for
// the verdict, the reveal: the verdict, the share of the room that found
// it, the decisive reasons.
func (m Trainer) stepView(w, h int) string {
	st, s := m.st, m.snap
	step := s.Steps[s.Current]
	var b strings.Builder
	b.WriteString(st.StepLabel.Render(m.stepLabel(s.Current, s.Steps)) + "\n")
	b.WriteString(st.Question.Render(wrap(m.stepTitle(step), w)) + "\n\n")
	b.WriteString(m.bars(step, s.Tally, s.Voters, s.Phase == room.Revealed, w) + "\n\n")
	b.WriteString(m.status(step) + "\n")
	if s.Phase == room.Revealed {
		b.WriteString("\n" + m.reveal(step, s.Tally, s.Voters, w, h-lipgloss.Height(b.String())-1))
	}
	return clipLines(strings.TrimRight(b.String(), "\n"), h)
}

// stepLabel: « Question 3 sur 11 », « Le verdict », « Et si ? ».
func (m Trainer) stepLabel(i int, steps []room.Step) string {
	switch steps[i].Kind {
	case room.QuestionStep:
		n := 0
		for _, s := range steps {
			if s.Kind == room.QuestionStep {
				n++
			}
		}
		return m.loc.T("salle_t_step_question", "k", strconv.Itoa(i+1), "n", strconv.Itoa(n))
	case room.VerdictStep:
		return m.loc.T("salle_t_step_verdict")
	case room.WhatIfStep:
		return m.loc.T("salle_t_step_whatif")
	}
	return ""
}

// status says where the vote stands and what enter does next.
func (m Trainer) status(step room.Step) string {
	s, st := m.snap, m.st
	votes := m.loc.Count("salle_t_votes", s.Participants, "v", s.Voters)
	switch s.Phase {
	case room.Voting:
		return st.Success.Render(m.loc.T("salle_t_voting")) + st.Text.Render(" · "+votes)
	case room.Closed:
		return st.Warning.Render(m.loc.T("salle_t_closed")) + st.Text.Render(" · "+votes)
	case room.Revealed, room.Lobby:
	}
	return st.Text.Render(votes)
}

// bars draws one bar a value: its label, the bar, the count and the share
// of the voters (a multi vote can tick several: the shares then add up to
// more than 100 %). Revealed, the case's answer is marked.
func (m Trainer) bars(step room.Step, tally map[string]int, voters int, revealed bool, w int) string {
	labelW := 0
	labels := make([]string, len(step.Values))
	for i, v := range step.Values {
		labels[i] = m.valueLabel(step, v)
		labelW = max(labelW, lipgloss.Width(labels[i]))
	}
	labelW = min(labelW, max(12, w*2/5))
	const numW = 12 // « 999  100 % »
	barW := max(4, w-labelW-numW-4)
	var lines []string
	for i, v := range step.Values {
		n := tally[v]
		pct := 0
		if voters > 0 {
			pct = (n*100 + voters/2) / voters
		}
		fill := 0
		if voters > 0 {
			fill = (n*barW + voters/2) / voters
		}
		mark := "  "
		label := m.st.Text.Render(pad(truncate(labels[i], labelW), labelW))
		if revealed && slices.Contains(step.Answer, v) {
			mark = m.st.Success.Render("→ ")
			label = m.st.Highlight.Render(pad(truncate(labels[i], labelW), labelW))
		}
		bar := m.barStyle(step, v).Render(strings.Repeat("█", fill)) + m.st.BarEmpty.Render(strings.Repeat("░", barW-fill))
		lines = append(lines, mark+label+" "+bar+" "+m.st.Text.Render(fmt.Sprintf("%3d %5s", n, m.loc.T("salle_t_pct", "n", strconv.Itoa(pct)))))
	}
	return strings.Join(lines, "\n")
}

// barStyle colours a verdict's bar in its level's colour.
func (m Trainer) barStyle(step room.Step, v string) lipgloss.Style {
	if step.Kind != room.QuestionStep {
		if l, err := questionnaire.ParseLevel(v); err == nil {
			return m.st.Level(l)
		}
	}
	return m.st.BarFull
}

// reveal is what shows once the answer is revealed: for a question, the
// case's answer; for the verdict (and an « et si ? »), the verdict's band,
// the share of the room that found it and the decisive reasons.
func (m Trainer) reveal(step room.Step, tally map[string]int, voters, w, h int) string {
	st, c, lang := m.st, m.o.Content, m.o.Lang
	if step.Kind == room.QuestionStep {
		q, ok := c.Questions.Get(step.Question)
		if !ok {
			return ""
		}
		return st.Success.Render(wrap(m.loc.T("salle_t_answer", "v", c.AnswerLabel(q, step.Answer, lang)), w))
	}
	rep := c.Evaluate(m.answersOf(step))
	lvl := rep.Level
	found := tally[lvl.String()]
	share := 0
	if voters > 0 {
		share = (found*100 + voters/2) / voters
	}
	var b strings.Builder
	b.WriteString(st.Banner(lvl).Render(lvl.Symbol()+" "+strings.ToUpper(lvl.Label(lang))) + "\n")
	b.WriteString(st.Question.Render(wrap(m.loc.T("salle_t_found", "pct", strconv.Itoa(share), "n", strconv.Itoa(found), "voters", strconv.Itoa(voters)), w)) + "\n")
	var reasons []string
	for _, r := range rep.Reasons {
		if r.Rule.Level == lvl && len(reasons) < 3 {
			reasons = append(reasons, st.Text.Render(wrap("• "+r.Title(lang), w)))
		}
	}
	if len(reasons) > 0 {
		b.WriteString(st.Title.Render(m.loc.T("salle_t_reasons")) + "\n" + strings.Join(reasons, "\n"))
	}
	return clipLines(strings.TrimRight(b.String(), "\n"), max(1, h))
}

// answersOf are the case's answers, with an « et si ? »'s change.
func (m Trainer) answersOf(step room.Step) questionnaire.Answers {
	k := m.kase
	a := k.Answers.Clone()
	if k.Referentiel != "" {
		a = a.WithReferentiel(k.Referentiel)
	}
	if step.Kind == room.WhatIfStep && step.Question != "" {
		a = a.Set(step.Question, step.WhatIf)
	}
	return a
}
