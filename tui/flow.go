package tui

import (
	"github.com/conduite/conduite/questionnaire"
	"github.com/conduite/conduite/tui/internal/flow"
)

// The order of the run is derived from the answers (package flow).

func toolOf(c *questionnaire.Content, a questionnaire.Answers) *questionnaire.Tool {
	return flow.Tool(c, a)
}

func steps(c *questionnaire.Content, a questionnaire.Answers) []*questionnaire.Question {
	return flow.Steps(c, a)
}

func stepIndex(ss []*questionnaire.Question, id string) int { return flow.Index(ss, id) }

func firstUnanswered(c *questionnaire.Content, a questionnaire.Answers) string {
	return flow.FirstUnanswered(c, a)
}
