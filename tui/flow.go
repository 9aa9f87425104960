package tui

import (
	"slices"

	"github.com/conduite/conduite/questionnaire"
)

// The order of the run is the domain's (questionnaire.Run.Steps); the
// tests ask it of the content for answers of their own.

func steps(c *questionnaire.Content, a questionnaire.Answers) []*questionnaire.Question {
	return c.Steps(a)
}

func stepIndex(ss []*questionnaire.Question, id string) int {
	return slices.IndexFunc(ss, func(q *questionnaire.Question) bool { return q.ID == id })
}
