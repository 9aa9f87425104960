// Package flow derives the order of a run from its answers, for the wizard
// and its accessible mode alike: the steps are the questions that apply to
// what has been answered so far (catalog facts included), in questionnaire
// order, the tool first. Nothing here is stored: it is all computed from
// the answers.
package flow

import (
	"slices"

	"github.com/conduite/conduite/questionnaire"
)

// WithFacts returns the answers completed with the catalog facts of the
// chosen tool, where the user has not answered.
func WithFacts(c *questionnaire.Content, a questionnaire.Answers) questionnaire.Answers {
	facts := c.FactsFor(a)
	for _, id := range questionnaire.ToolFactQuestions() {
		if v := facts[id]; v != "" && !a.Has(id) {
			a = a.Set(id, v)
		}
	}
	return a
}

// Tool returns the catalog entry the answers name (outil, or a free name
// that is one of its names), or nil.
func Tool(c *questionnaire.Content, a questionnaire.Answers) *questionnaire.Tool {
	t, _ := c.ToolFor(a)
	return t
}

// Fact returns the value the catalog implies for question id under the
// answers' référentiel, or "".
func Fact(c *questionnaire.Content, a questionnaire.Answers, id string) string {
	return c.FactsFor(a)[id]
}

// Steps lists the questions to ask, given the answers.
func Steps(c *questionnaire.Content, a questionnaire.Answers) []*questionnaire.Question {
	eff := WithFacts(c, a)
	out := make([]*questionnaire.Question, 0, len(c.Questions.List))
	for i := range c.Questions.List {
		q := &c.Questions.List[i]
		if q.Applies(eff) {
			out = append(out, q)
		}
	}
	return out
}

// Index returns the position of question id among the steps, or -1.
func Index(steps []*questionnaire.Question, id string) int {
	return slices.IndexFunc(steps, func(q *questionnaire.Question) bool { return q.ID == id })
}

// Answered reports whether the question has an answer, given or implied by
// the catalog. The tool question counts as answered once the run has gone
// past it (a tool or a free name, possibly empty, was chosen).
func Answered(c *questionnaire.Content, a questionnaire.Answers, q *questionnaire.Question) bool {
	if a.Has(q.ID) {
		return true
	}
	if q.Kind == questionnaire.KindTool {
		return a.Meta.ToolName != "" || a.Len() > 0
	}
	return Fact(c, a, q.ID) != ""
}

// FirstUnanswered returns the first step without an answer, or "".
func FirstUnanswered(c *questionnaire.Content, a questionnaire.Answers) string {
	for _, q := range Steps(c, a) {
		if !Answered(c, a, q) {
			return q.ID
		}
	}
	return ""
}
