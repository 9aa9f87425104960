// Package flow derives the order of a run from its answers, for the wizard
// and its accessible mode alike. It is a thin shim over the domain
// (questionnaire.Run and the Content methods it uses), kept while the
// wizard moves onto questionnaire.Run.
package flow

import (
	"slices"

	"github.com/conduite/conduite/questionnaire"
)

// WithFacts returns the answers completed with the catalog facts of the
// chosen tool, where the user has not answered.
func WithFacts(c *questionnaire.Content, a questionnaire.Answers) questionnaire.Answers {
	return c.WithFacts(a)
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
	return c.Steps(a)
}

// Index returns the position of question id among the steps, or -1.
func Index(steps []*questionnaire.Question, id string) int {
	return slices.IndexFunc(steps, func(q *questionnaire.Question) bool { return q.ID == id })
}

// FirstUnanswered returns the first step without an answer, or "".
func FirstUnanswered(c *questionnaire.Content, a questionnaire.Answers) string {
	return c.FirstUnanswered(a)
}
