package tui

import (
	"github.com/conduite/conduite/questionnaire"
)

// wizardRun is the state of one pass through the questionnaire in the
// wizard: the answers (whose Meta.Referentiel is the référentiel's only
// copy), the question on screen, the edit in progress, the case study and
// the « et si ? » stack; screens read it from env.run, intents change it.
type wizardRun struct {
	answers  questionnaire.Answers
	level    questionnaire.Level // the verdict of the answers, kept current
	shown    questionnaire.Level // the verdict last shown on the result
	seenRes  bool                // the result was shown in this run
	editing  bool                // a question opened from the review
	current  string              // the question on screen
	kase     *questionnaire.Case // the case study of this run, if any
	revealed bool                // presentation mode: the verdict was revealed
	whatif   []whatIfStep        // the « et si ? » in force, oldest first
	startRef string              // the référentiel a new run starts with
}

// ref is the run's référentiel.
func (r *wizardRun) ref() string { return r.answers.Meta.Referentiel }

// set replaces the answers and keeps the verdict current.
func (r *wizardRun) set(c *questionnaire.Content, a questionnaire.Answers) {
	r.answers = a
	r.level = c.Level(a, "")
}

// hasAnswers reports whether the run holds something to lose.
func (r *wizardRun) hasAnswers() bool {
	return r.answers.Len() > 0 || r.answers.Meta.ToolName != ""
}

// hidden says whether the verdict waits for the room's vote.
func (r *wizardRun) hidden(present bool) bool { return present && !r.revealed }

// steps are the questions of the run, in order.
func (r *wizardRun) steps(c *questionnaire.Content) []*questionnaire.Question {
	return steps(c, r.answers)
}
