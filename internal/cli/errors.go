package cli

import (
	"errors"

	"github.com/conduite/conduite/questionnaire"
)

// The exit statuses.
const (
	ExitOK       = 0
	ExitInternal = 1 // a bug or an I/O failure of the machine
	ExitBadInput = 2 // bad input or usage: the message says what and where
	ExitFailOn   = 3 // --fail-on: a verdict at or above the level
	ExitAborted  = 130
)

// exitError carries an exit status with its message.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// badInput marks err as the user's input being wrong (exit 2).
func badInput(err error) error {
	if err == nil {
		return nil
	}
	return &exitError{code: ExitBadInput, err: err}
}

// badMsg is bad input in the words of the text of key (see
// questionnaire.Localizer.T).
func badMsg(key string, args ...any) error { return badInput(questionnaire.NewMsg(key, args...)) }

// Localize renders the error in l's language.
func (e *exitError) Localize(l questionnaire.Localizer) string { return l.Error(e.err) }

// ErrAborted is returned when the user quits the wizard before the end.
var ErrAborted = errors.New("interrompu")

// exitCode maps an error to the process's exit status, in one place.
func exitCode(err error) int {
	var ee *exitError
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &ee):
		return ee.code
	case errors.Is(err, ErrAborted):
		return ExitAborted
	}
	return ExitInternal
}
