package tui

import (
	"github.com/conduite/conduite/internal/resume"
	"github.com/conduite/conduite/questionnaire"
)

// Messages a screen hands to the root (intents) are declared beside the
// screen that sends them, each with its apply method. Screens return them
// from their update synchronously (not through a command), so that two
// keys typed faster than a command round trip can never answer the same
// question twice.

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
