package tui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/conduite/conduite/questionnaire"
)

// The moves of a run between screens, shared by the intents.

// answered records a change of the answers made on a question's screen,
// saves the run and leaves the question forward or back.
func (m Model) answered(id string, a questionnaire.Answers, back bool) (Model, tea.Cmd) {
	m.run.set(m.c, a)
	m, cmd := m.advance(id, back)
	return m, tea.Batch(m.saveCmd(), cmd)
}

// advance leaves question id forward or back. From a question opened in the
// review, forward goes to the next question left without an answer (a new
// conditional one), else back to the review.
func (m Model) advance(id string, back bool) (Model, tea.Cmd) {
	if m.run.editing {
		if !back {
			if next := firstUnanswered(m.c, m.run.answers); next != "" {
				return m.goTo(next)
			}
		}
		return m.toReview(id)
	}
	ss := m.run.steps(m.c)
	i := stepIndex(ss, id)
	switch {
	case back && m.run.kase != nil && (i <= 0 || ss[i-1].ID == questionnaire.QTool):
		// A case starts after its tool: back leads to its screen.
		return m.show(caseModel{page: 1})
	case back && i <= 0:
		return m.show(welcomeModel{})
	case back:
		return m.goTo(ss[i-1].ID)
	case i+1 < len(ss):
		return m.goTo(ss[i+1].ID)
	}
	return m.toReview("")
}

// show makes s the active screen.
func (m Model) show(s screen) (Model, tea.Cmd) {
	m.active = s
	return m.relayout()
}

// goTo shows the screen of question id.
func (m Model) goTo(id string) (Model, tea.Cmd) {
	q, _ := m.c.Questions.Get(id)
	m.run.current = id
	if q.Kind == questionnaire.KindTool {
		return m.show(newTool(m.env(), m.run.answers))
	}
	qm := newQuestion(m.c, m.run.answers, q)
	if m.run.kase != nil {
		qm.fromCase = m.run.kase.Answers.List(id)
		qm = qm.caseSilent()
	}
	return m.show(qm)
}

// toReview shows the review, the cursor on question id (« voir la
// recommandation » when "").
func (m Model) toReview(id string) (Model, tea.Cmd) {
	m.run.editing = false
	if !m.run.seenRes {
		m.run.shown = m.run.level
	}
	return m.show(newReview(m.c, m.run.answers, id))
}

// showResult evaluates the answers and shows the recommendation. The run
// has ended: the saved session is deleted.
func (m Model) showResult() (Model, tea.Cmd) {
	m.run.editing = false
	first := !m.run.seenRes
	m.run.seenRes = true
	m.run.shown = m.run.level
	m, cmd := m.show(newResult(m.env(), m.run.answers))
	if first {
		m.save.session = nil
		cmd = tea.Batch(cmd, m.discardCmd())
	}
	return m, cmd
}

// answersChangedMsg tells the active screen that the run changed under it
// (« et si ? », undo, the reveal): the result evaluates it again.
type answersChangedMsg struct{}

// changed tells the active screen that the run changed.
func (m Model) changed() (Model, tea.Cmd) {
	m.run.shown = m.run.level
	return m.delegate(answersChangedMsg{})
}
