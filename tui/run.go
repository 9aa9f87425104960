package tui

import (
	"github.com/conduite/conduite/questionnaire"
)

// wizardRun is the wizard's run: the domain's questionnaire.Run (the
// answers, the current question, the edit, the case study, the « et si ? »
// stack: the wizard keeps none of them itself) and the two things only a
// screen knows, the verdict last shown and whether the room saw it.
// Screens read it from env.run; intents change it through Run's methods,
// then show the screen of the run's stage (Model.follow).
//
// Before the content arrives the Run is the zero value: only what reads no
// content (HasAnswers, Seen, Answers) is asked of it then.
type wizardRun struct {
	questionnaire.Run
	shown    questionnaire.Level // the verdict last shown on the result
	revealed bool                // presentation mode: the verdict was revealed
}

// ref is the run's référentiel.
func (r *wizardRun) ref() string { return r.Answers().Meta.Referentiel }

// hidden says whether the verdict waits for the room's vote.
func (r *wizardRun) hidden(present bool) bool { return present && !r.revealed }
