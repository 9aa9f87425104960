// Package tui is conduite's interactive wizard (Bubble Tea v2): a welcome
// screen, the tool picked from the catalog, one question per screen with
// its « pourquoi ? », a review where any answer can be changed, and the
// recommendation with its risk picture and the glamour-rendered report.
//
// It only shows and collects: every decision comes from package
// questionnaire. One root Model with an explicit state hands each message
// to the model of the current screen (welcome.go, tool.go, question.go,
// review.go, result.go); keys are declared once (keymap.go) and enabled per
// screen, styles are built once per theme (styles.go), the slow report
// render runs in commands and is cached (render.go). There is no global
// mutable state: one process could serve several sessions at once.
//
// The plain line-by-line mode for screen readers is package
// tui/accessible; the order of the questions, shared by both, is package
// tui/internal/flow.
package tui
