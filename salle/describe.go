package salle

import (
	"github.com/conduite/conduite/internal/safetext"
	"github.com/conduite/conduite/questionnaire"
)

// StepView is a step in words, in one language, for the participants'
// screens (the phone page, the SSH app): cleaned of control characters.
type StepView struct {
	Counter string // « Question 2 sur 7 », « Le verdict », « Et si ? »
	Phase   string // « Vote ouvert »…
	Title   string // the question's short title (a question step)
	Prompt  string // what is put to the vote
	Context string // a what-if's change, said in full
	Multi   bool
	Options []OptionView
}

// OptionView is one value of a step.
type OptionView struct {
	Value  string
	Label  string
	Answer bool // the case's answer (show it only once revealed)
}

// Describe puts step of the snapshot into words.
func Describe(c *questionnaire.Content, loc questionnaire.Localizer, s Snapshot, step int) StepView {
	if step < 0 || step >= len(s.Steps) {
		return StepView{}
	}
	st := s.Steps[step]
	v := StepView{Multi: st.Multi, Phase: PhaseLabel(loc, s.Phase)}
	lang := loc.Lang()
	switch st.Kind {
	case QuestionStep:
		k, n := 0, 0
		for i, o := range s.Steps {
			if o.Kind == QuestionStep {
				n++
				if i <= step {
					k++
				}
			}
		}
		v.Counter = loc.T("salle_counter_question", "k", k, "n", n)
		if q, ok := c.Questions.Get(st.Question); ok {
			v.Title, v.Prompt = q.Title.In(lang), q.Text.In(lang)
			for _, val := range st.Values {
				o, _ := q.Option(val)
				v.Options = append(v.Options, OptionView{Value: val, Label: o.Label.In(lang), Answer: contains(st.Answer, val)})
			}
		}
	case VerdictStep, WhatIfStep:
		v.Counter, v.Prompt = loc.T("salle_counter_verdict"), loc.T("salle_prompt_verdict")
		if st.Kind == WhatIfStep {
			v.Counter = loc.T("salle_counter_whatif")
			if q, ok := c.Questions.Get(st.Question); ok {
				o, _ := q.Option(st.WhatIf)
				v.Context = loc.T("salle_whatif_context", "question", q.Title.In(lang), "value", o.Label.In(lang))
			}
		}
		for _, val := range st.Values {
			l, _ := questionnaire.ParseLevel(val)
			v.Options = append(v.Options, OptionView{Value: val, Label: l.Symbol() + " " + l.Label(lang), Answer: contains(st.Answer, val)})
		}
	}
	v.Counter, v.Phase, v.Title = safetext.Line(v.Counter), safetext.Line(v.Phase), safetext.Line(v.Title)
	v.Prompt, v.Context = safetext.Line(v.Prompt), safetext.Line(v.Context)
	for i := range v.Options {
		v.Options[i].Label = safetext.Line(v.Options[i].Label)
	}
	return v
}

// PhaseLabel says the phase.
func PhaseLabel(loc questionnaire.Localizer, p Phase) string {
	switch p {
	case Lobby:
		return loc.T("salle_phase_lobby")
	case Voting:
		return loc.T("salle_phase_voting")
	case Closed:
		return loc.T("salle_phase_closed")
	case Revealed:
		return loc.T("salle_phase_revealed")
	}
	return ""
}

// MineLabel says the participant's own vote: « Votre vote : … ».
func (v StepView) MineLabel(loc questionnaire.Localizer, mine []string) string {
	if len(mine) == 0 {
		return loc.T("salle_mine_none")
	}
	var labels []string
	for _, o := range v.Options {
		if contains(mine, o.Value) {
			labels = append(labels, o.Label)
		}
	}
	return loc.T("salle_mine", "vote", labels)
}
