package questionnaire

import (
	"slices"
	"strings"
)

// What a screen asks of a Run. Everything here is derived from the answers
// and the position: nothing is stored twice.

// Content returns the content the run asks.
func (r Run) Content() *Content { return r.c }

// Answers returns the answers as they stand (their Meta.Referentiel is the
// run's référentiel).
func (r Run) Answers() Answers { return r.answers }

// Referentiel returns the run's référentiel.
func (r Run) Referentiel() *Referentiel { return r.c.referentielFor(r.answers) }

// Case returns the case study of the run, or nil.
func (r Run) Case() *Case { return r.kase }

// Stage says where the run stands.
func (r Run) Stage() Stage { return r.stage }

// Current returns the question asked, or nil when the run is not at a
// question.
func (r Run) Current() *Question {
	if r.stage != StageQuestion {
		return nil
	}
	q, _ := r.c.Questions.Get(r.current)
	return q
}

// Focus is the question the review's cursor starts on ("" for the link to
// the verdict); at a question, that question's id.
func (r Run) Focus() string { return r.current }

// Editing reports whether the current question was opened from the review.
func (r Run) Editing() bool { return r.editing }

// Seen reports whether the result was shown in this run.
func (r Run) Seen() bool { return r.seen }

// HasAnswers reports whether anything was answered (a tool named counts):
// leaving would lose something.
func (r Run) HasAnswers() bool {
	return r.answers.Len() > 0 || r.answers.Meta.ToolName != ""
}

// Draft returns the values ticked on the current question (a copy): on
// arrival its preset when given or from the catalog, then what Tick made.
func (r Run) Draft() []string { return slices.Clone(r.draft) }

// Steps lists the questions to ask, given the answers (catalog facts
// included), in questionnaire order: a question whose ask_if does not hold
// is skipped.
func (r Run) Steps() []*Question { return r.c.Steps(r.answers) }

// Step returns the position of the current question among the steps (k
// from 1) and their number; k is 0 when the run is not at a question.
func (r Run) Step() (k, n int) {
	ss := r.Steps()
	if r.stage == StageQuestion {
		k = stepIndex(ss, r.current) + 1
	}
	return k, len(ss)
}

// First reports whether the current question is the run's first (the tool,
// or in a case study the first question after it): Back leaves the
// questions from there.
func (r Run) First() bool {
	return r.stage == StageQuestion && !r.editing && r.current == r.firstID()
}

// Preset returns the current question's preset (Content.Preset): the
// zero Preset when the run is not at a question.
func (r Run) Preset() Preset {
	q := r.Current()
	if q == nil {
		return Preset{}
	}
	return r.c.Preset(r.answers, q)
}

// Fact returns the value the catalog implies for question id under the
// run's référentiel (whether or not the user answered it), or "".
func (r Run) Fact(id string) string { return r.c.FactsFor(r.answers)[id] }

// Tool returns the catalog entry the answers name (outil, or a free name
// that is one of its names), or nil.
func (r Run) Tool() *Tool {
	t, _ := r.c.ToolFor(r.answers)
	return t
}

// Answered reports whether question q has an answer, given or implied by
// the catalog. The tool question counts as answered once the run has gone
// past it (a tool or a free name, possibly empty, was chosen).
func (r Run) Answered(q *Question) bool { return r.c.answered(r.answers, q) }

// FirstUnanswered returns the first step without an answer, or "".
func (r Run) FirstUnanswered() string { return r.c.FirstUnanswered(r.answers) }

// Level is the live verdict of the answers.
func (r Run) Level() Level { return r.c.Level(r.answers) }

// Report evaluates the answers.
func (r Run) Report() *Report { return r.c.Evaluate(r.answers) }

// WhatIfs returns the « et si ? » in force, oldest first (a copy).
func (r Run) WhatIfs() []WhatIf { return slices.Clone(r.whatif) }

// WhatIfChange says what the last « et si ? » in force did to the verdict
// (false when there is none).
func (r Run) WhatIfChange() (WhatIf, Change, bool) {
	n := len(r.whatif)
	if n == 0 {
		return WhatIf{}, Change{}, false
	}
	last := r.whatif[n-1]
	return last, Compare(r.c.Evaluate(last.Before), r.Report()), true
}

// Shown is a question's answer as a front end lists it (the review, the
// line mode's summary, « et si ? »).
type Shown struct {
	Text    string // the labels, the tool's name, or what says there is none
	Origin  Origin // OriginGiven, or OriginCatalog for a fact of the catalog
	Missing bool   // nothing said: the evaluation assumes « je ne sais pas »
}

// Shown returns question q's answer in lang: the labels given, else the
// catalog's fact (OriginCatalog), else « non répondu » (Missing). For the
// tool question: the catalog's name, the free name, or « aucun outil ».
func (r Run) Shown(q *Question, lang Lang) Shown {
	a := r.answers
	if q.Kind == KindTool {
		if t := r.Tool(); t != nil {
			return Shown{Text: t.Name}
		}
		if a.Meta.ToolName != "" {
			return Shown{Text: a.Meta.ToolName}
		}
		return Shown{Text: r.c.Texts.T(lang, TextNoTool)}
	}
	if a.Has(q.ID) {
		return Shown{Text: r.c.AnswerLabel(q, a.List(q.ID), lang)}
	}
	if v := r.Fact(q.ID); v != "" {
		return Shown{Text: r.c.AnswerLabel(q, []string{v}, lang), Origin: OriginCatalog}
	}
	return Shown{Text: r.c.Texts.T(lang, TextNotAnswered), Origin: OriginAssumed, Missing: true}
}

// The texts a Run's Shown uses.
const (
	TextNoTool      = "wiz_no_tool"
	TextNotAnswered = "wiz_not_answered"
)

// AnswerLabel says values of question q in lang: the options' labels, a
// catalog tool's name, else the value itself, joined by commas.
func (c *Content) AnswerLabel(q *Question, vals []string, lang Lang) string {
	labels := make([]string, 0, len(vals))
	for _, v := range vals {
		if q.Kind == KindTool {
			if t, ok := c.Catalog.Tool(v); ok {
				labels = append(labels, t.Name)
				continue
			}
		}
		if o, ok := q.Option(v); ok && o.Label.FR != "" {
			labels = append(labels, o.Label.In(lang))
		} else {
			labels = append(labels, v)
		}
	}
	return strings.Join(labels, ", ")
}

// Steps lists the questions to ask given answers a, in questionnaire order:
// those whose ask_if holds over the answers completed with the catalog
// facts of the tool named.
func (c *Content) Steps(a Answers) []*Question {
	eff := c.WithFacts(a)
	out := make([]*Question, 0, len(c.Questions.List))
	for i := range c.Questions.List {
		q := &c.Questions.List[i]
		if q.Applies(eff) {
			out = append(out, q)
		}
	}
	return out
}

// WithFacts returns the answers completed with the catalog facts of the
// tool named, where the user has not answered.
func (c *Content) WithFacts(a Answers) Answers {
	facts := c.FactsFor(a)
	for _, id := range toolFactQuestions {
		if v := facts[id]; v != "" && !a.Has(id) {
			a = a.Set(id, v)
		}
	}
	return a
}

// FirstUnanswered returns the first step of answers a without an answer,
// or "".
func (c *Content) FirstUnanswered(a Answers) string {
	for _, q := range c.Steps(a) {
		if !c.answered(a, q) {
			return q.ID
		}
	}
	return ""
}

func (c *Content) answered(a Answers, q *Question) bool {
	if a.Has(q.ID) {
		return true
	}
	if q.Kind == KindTool {
		return a.Meta.ToolName != "" || a.Len() > 0
	}
	return c.FactsFor(a)[q.ID] != ""
}

// Toggle ticks or unticks value v among the values chosen of a multi
// question and returns them in the question's order: an exclusive value
// (aucune, je ne sais pas) stands alone, and ticking another drops it.
func (q *Question) Toggle(chosen []string, v string) []string {
	switch {
	case slices.Contains(chosen, v):
		chosen = slices.DeleteFunc(slices.Clone(chosen), func(x string) bool { return x == v })
	case q.IsExclusive(v):
		chosen = []string{v}
	default:
		chosen = append(slices.DeleteFunc(slices.Clone(chosen), q.IsExclusive), v)
	}
	return q.InOrder(chosen)
}

// InOrder returns the values of vals that are q's, once each, in the
// question's order.
func (q *Question) InOrder(vals []string) []string {
	out := make([]string, 0, len(vals))
	for _, v := range q.Values() {
		if slices.Contains(vals, v) {
			out = append(out, v)
		}
	}
	return out
}

// Combined returns an exclusive value that vals combine with others, which
// the parser refuses (false when there is none).
func (q *Question) Combined(vals []string) (string, bool) {
	if len(vals) < 2 {
		return "", false
	}
	for _, v := range vals {
		if q.IsExclusive(v) {
			return v, true
		}
	}
	return "", false
}
