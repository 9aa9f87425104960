package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/conduite/conduite/questionnaire"
)

// The moves of a run between screens: an intent changes the run through
// questionnaire.Run's methods, then follow shows the screen of the stage
// the run reached.

// follow shows the screen of the run's stage: the welcome (or the case's
// screen) before the questions, the current question, the review, the
// result.
func (m Model) follow() (Model, tea.Cmd) {
	switch m.run.Stage() {
	case questionnaire.StageIdle:
		if m.run.Case() != nil {
			// A case starts after its tool: back leads to its screen.
			return m.show(caseModel{page: 1})
		}
		return m.show(welcomeModel{})
	case questionnaire.StageQuestion:
		q := m.run.Current()
		if q.Kind == questionnaire.KindTool {
			return m.show(newTool(m.env(), m.run.Answers()))
		}
		qm := newQuestion(m.c, m.run.Answers(), q)
		if k := m.run.Case(); k != nil {
			qm.fromCase = k.Answers.List(q.ID)
			qm = qm.caseSilent()
		}
		return m.show(qm)
	case questionnaire.StageReview:
		if !m.run.Seen() {
			m.run.shown = m.run.Level()
		}
		return m.show(newReview(m.run.Run))
	case questionnaire.StageResult:
		return m.showResult()
	}
	return m, nil
}

// answered follows the run after a change of the answers made on a
// question's screen, and saves it.
func (m Model) answered(r questionnaire.Run) (Model, tea.Cmd) {
	m.run.Run = r
	m, cmd := m.follow()
	return m, tea.Batch(m.saveCmd(), cmd)
}

// moved follows the run after a move that changes no answer.
func (m Model) moved(r questionnaire.Run) (Model, tea.Cmd) {
	m.run.Run = r
	return m.follow()
}

// show makes s the active screen.
func (m Model) show(s screen) (Model, tea.Cmd) {
	m.active = s
	return m.relayout()
}

// showResult shows the recommendation. The first time, the run has ended:
// the saved session is deleted.
func (m Model) showResult() (Model, tea.Cmd) {
	m.run.shown = m.run.Level()
	m, cmd := m.show(newResult(m.env(), m.run.Answers()))
	if !m.save.discarded {
		m.save.session, m.save.discarded = nil, true
		cmd = tea.Batch(cmd, m.discardCmd())
	}
	return m, cmd
}

// answersChangedMsg tells the active screen that the run changed under it
// (« et si ? », undo): the result evaluates it again.
type answersChangedMsg struct{}

// changed tells the active screen that the run changed.
func (m Model) changed() (Model, tea.Cmd) {
	m.run.shown = m.run.Level()
	return m.delegate(answersChangedMsg{})
}

// moveCursor moves a list's cursor on up and down, wrapping around a list
// of n items, and on a digit, which only moves, on every screen (space
// ticks, entrée chooses). It says whether the key was one of those.
func moveCursor(km tea.KeyPressMsg, k *KeyMap, cursor, n int) (int, bool) {
	switch {
	case n <= 0:
		return cursor, false
	case key.Matches(km, k.Up):
		return (cursor + n - 1) % n, true
	case key.Matches(km, k.Down):
		return (cursor + 1) % n, true
	case key.Matches(km, k.Jump):
		if i := int(km.Code - '1'); i >= 0 && i < n {
			return i, true
		}
		return cursor, true
	}
	return cursor, false
}
