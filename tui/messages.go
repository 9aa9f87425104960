package tui

import (
	"github.com/conduite/conduite/internal/resume"
	"github.com/conduite/conduite/questionnaire"
)

// Messages a screen hands to the root to move the run along. Screens return
// them from their update synchronously (not through a command), so that two
// keys typed faster than a command round trip can never answer the same
// question twice.
type (
	// startMsg leaves the welcome screen: a new run, or the saved one.
	startMsg struct{ resume bool }
	// discardMsg deletes the saved session (welcome screen).
	discardMsg struct{}
	// referentielMsg switches the référentiel (welcome screen).
	referentielMsg struct{ id string }
	// toolMsg answers the tool question: a catalog id, or a free name.
	toolMsg struct{ id, name string }
	// answerMsg answers the current question, then moves on (or back);
	// keep means « as the catalog says » (no explicit answer).
	answerMsg struct {
		id   string
		vals []string
		keep bool
		back bool
	}
	// backMsg goes one step back; forwardMsg one step on, keeping the answer.
	backMsg    struct{}
	forwardMsg struct{}
	// editMsg opens one question from the review screen.
	editMsg struct{ id string }
	// showResultMsg evaluates and shows the result.
	showResultMsg struct{}
	// changeMsg goes from the result to the review, to change an answer.
	changeMsg struct{}
	// restartMsg starts a new assessment from the welcome screen.
	restartMsg struct{}

	// casesMsg shows the list of case studies (« mode atelier »).
	casesMsg struct{}
	// openCaseMsg opens a case study on its screen.
	openCaseMsg struct{ id string }
	// caseStartMsg leaves the case's screen for its first question.
	caseStartMsg struct{}
	// revealMsg reveals the verdict (presentation mode).
	revealMsg struct{}
	// whatIfMsg changes one answer from the result (« et si ? »).
	whatIfMsg struct {
		id   string
		vals []string
	}
	// undoMsg undoes the last « et si ? ».
	undoMsg struct{}
)

// Messages from commands.
type (
	// contentMsg brings the content loaded in the background, and the
	// saved session found with it.
	contentMsg struct {
		c       *questionnaire.Content
		err     error
		session *resume.Session
		problem error // the saved session could not be used
	}
	// savedMsg reports the end of a save or a discard of the session.
	savedMsg struct{ err error }
	// renderedMsg brings rendered report chunks (see render.go).
	renderedMsg struct {
		gen    int
		from   int
		chunks []string
		err    error
	}
	// exportedMsg reports an export.
	exportedMsg struct {
		path   string // where the file is
		name   string // as the user typed it
		err    error
		exists bool
	}
)
