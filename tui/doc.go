// Package tui is conduite's interactive wizard (Bubble Tea v2): a welcome
// screen, the tool picked from the catalog, one question per screen with
// its « pourquoi ? », a review where any answer can be changed, and the
// recommendation with its risk picture and the glamour-rendered report.
//
// It only shows and collects: every decision comes from package
// questionnaire, and the run itself (answers, current question, edit,
// « et si ? » stack) is a questionnaire.Run that the wizard drives, as the
// line mode does. Every screen implements one small contract (screen.go:
// update with the shared environment, a view that returns a string, its
// keys and its help, its size, its header); the root Model holds the
// active screen, handles size, quitting and help, and passes every other
// message to it. A screen asks the root for a change with an intent, a
// message that carries out its own change of the run (beside the screen
// that sends it). Keys are declared once (keymap.go) and each screen
// enables those that work, styles are built once per theme (styles.go),
// the slow report render runs in commands and is cached (render.go).
// There is no global mutable state: one process could serve several
// sessions at once.
//
// Workshops (workshop.go, whatif.go): « mode atelier » lists the case
// studies and opens one on its story and its questions for the room, then
// the usual flow with the case's answers; presentation mode (a projector)
// is a variant of every theme with a centred column, the help hidden until
// « ? » and the verdict revealed on a key; on the result, « et si ? »
// changes one answer in place and says which rule made the verdict move,
// each change undone with u.
//
// The plain line-by-line mode for screen readers is package
// tui/accessible.
package tui
