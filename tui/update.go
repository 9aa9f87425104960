package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/conduite/conduite/questionnaire"
)

// Update handles the messages of the whole wizard: size, colours, loading,
// saving and quitting here; everything else goes to the current screen.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	m, cmd := m.update(msg)
	m.syncKeys()
	m.gate.follow(&m)
	return m, cmd
}

func (m Model) update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.help.SetWidth(max(10, m.width-2))
		return m.relayout()
	case tea.BackgroundColorMsg:
		if m.opts.FixedTheme || m.opts.Theme == ThemeNoColor {
			return m, nil
		}
		t := ThemeLight
		if msg.IsDark() {
			t = ThemeDark
		}
		if t == m.opts.Theme {
			return m, nil
		}
		m.setTheme(t)
		if m.state == stateTool && m.c != nil {
			m.tool = m.tool.restyle(m.env())
		}
		return m.relayout()
	case contentMsg:
		if msg.err != nil {
			// The embedded content is tested: this is a bug, say it and go.
			m.exit = exitAborted
			return m, tea.Sequence(tea.Println("conduite: "+msg.err.Error()), tea.Quit)
		}
		m = m.loaded(msg, false)
		if p := m.pending; p != nil {
			m.pending = nil
			return m.intent(p)
		}
		return m, nil
	case savedMsg:
		m.saveErr = ""
		if msg.err != nil {
			m.saveErr = m.env().t("wiz_save_failed", "err", msg.err.Error())
		}
		return m, nil
	case renderedMsg:
		if m.state != stateResult && m.prev != stateResult {
			return m, nil
		}
		var cmd tea.Cmd
		m.result.report, cmd = m.result.report.received(msg, m.cache)
		return m, cmd
	case exportedMsg:
		var cmd tea.Cmd
		var done bool
		m.result.export, cmd, done = m.result.export.update(msg, m.env(), m.result.doc, m.opts)
		if done {
			var lc tea.Cmd
			m.result, lc = m.result.layout(m.env(), m.cache)
			cmd = tea.Batch(cmd, lc)
		}
		return m, cmd
	case tea.KeyPressMsg:
		return m.key(msg)
	case tea.MouseMsg:
		if m.screen() == stateResult {
			var cmd tea.Cmd
			m.result.report.vp, cmd = m.result.report.vp.Update(msg)
			return m, cmd
		}
		return m, nil
	}
	// Anything else (a cursor blink, a message of a later feature) goes to
	// the current screen.
	return m.delegate(msg)
}

// key handles the keys that mean the same everywhere, then delegates.
func (m Model) key(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.Abort):
		return m.requestQuit(true)
	case key.Matches(msg, m.keys.Suspend):
		// Bubble Tea restores the terminal, stops the process and, on
		// fg, takes the terminal back and repaints (tea.ResumeMsg).
		return m, tea.Suspend
	case key.Matches(msg, m.keys.Quit) && m.screen() != stateQuitConfirm:
		return m.requestQuit(false)
	case key.Matches(msg, m.keys.Help):
		m.help.ShowAll = !m.help.ShowAll
		return m.relayout()
	}
	switch m.screen() {
	case stateTooSmall:
		return m, nil
	case stateQuitConfirm:
		switch {
		case key.Matches(msg, m.keys.Yes), key.Matches(msg, m.keys.Quit):
			m.exit = exitAborted
			return m, tea.Quit
		case key.Matches(msg, m.keys.No):
			m.state = m.prev
			return m.relayout()
		}
		return m, nil
	case stateWelcome, stateTool, stateQuestion, stateReview, stateResult, stateCases, stateCase:
	}
	return m.delegate(msg)
}

// delegate passes a message to the current screen and acts on what it says.
func (m Model) delegate(msg tea.Msg) (Model, tea.Cmd) {
	e := m.env()
	var intent tea.Msg
	var cmd tea.Cmd
	switch m.screen() {
	case stateWelcome:
		m.welcome, intent = m.welcome.update(msg, e, m.welcomeData())
	case stateTool:
		m.tool, intent, cmd = m.tool.update(msg, e)
	case stateQuestion:
		m.question, intent = m.question.update(msg, e)
	case stateReview:
		m.review, intent = m.review.update(msg, e, m.reviewData())
	case stateResult:
		m.result, intent, cmd = m.result.update(msg, e, m.opts, m.cache, m.resultData())
	case stateCases:
		m.cases, intent = m.cases.update(msg, e)
	case stateCase:
		m.caseView, intent = m.caseView.update(msg, e)
	case stateQuitConfirm, stateTooSmall:
	}
	if intent == nil {
		return m, cmd
	}
	m, icmd := m.intent(intent)
	return m, tea.Batch(cmd, icmd)
}

// requestQuit quits at once when nothing would be lost (no answer yet, or
// the result is on screen), else asks first. abort (ctrl+c) always ends
// with ErrAborted; q on the result is a normal end.
func (m Model) requestQuit(abort bool) (Model, tea.Cmd) {
	switch {
	case m.screen() == stateQuitConfirm:
		m.exit = exitAborted
		return m, tea.Quit
	case m.state == stateResult:
		m.exit = exitDone
		if abort {
			m.exit = exitAborted
		}
		return m, tea.Quit
	case !m.hasAnswers() || m.screen() == stateTooSmall:
		m.exit = exitAborted
		return m, tea.Quit
	}
	m.prev, m.state = m.state, stateQuitConfirm
	return m.relayout()
}

// intent carries out what a screen asked for.
func (m Model) intent(msg tea.Msg) (Model, tea.Cmd) {
	if m.c == nil {
		m.pending = msg // the content is on its way: do it when it comes
		return m, nil
	}
	switch msg := msg.(type) {
	case startMsg:
		m.editing, m.seenRes = false, false
		if msg.resume && m.session != nil {
			m.answers = m.session.Answers
			if m.answers.Meta.Referentiel != "" {
				m.ref = m.answers.Meta.Referentiel
			}
			m.answers.Meta.Referentiel = m.ref
			m.level = m.c.Level(m.answers)
			if id := firstUnanswered(m.c, m.answers); id != "" {
				return m.goTo(id)
			}
			return m.toReview(questionnaire.QTool)
		}
		m.answers = questionnaire.Answers{}
		m.answers.Meta.Referentiel = m.ref
		m.level = m.c.Level(m.answers)
		return m.goTo(questionnaire.QTool)
	case discardMsg:
		m.session = nil
		m.welcome.note, m.welcome.bad = m.env().t("wiz_discarded"), false
		return m, m.discardCmd()
	case referentielMsg:
		m.ref = msg.id
		m.answers.Meta.Referentiel = msg.id
		return m, nil
	case toolMsg:
		a := m.answers
		if msg.id != "" {
			a = a.Set(questionnaire.QTool, msg.id)
			a.Meta.ToolName = ""
		} else {
			a = a.Unset(questionnaire.QTool)
			a.Meta.ToolName = msg.name
		}
		m = m.setAnswers(a)
		m, cmd := m.advance(questionnaire.QTool, false)
		return m, tea.Batch(m.saveCmd(), cmd)
	case answerMsg:
		a := m.answers
		if msg.keep {
			a = a.Unset(msg.id)
		} else {
			a = a.Set(msg.id, msg.vals...)
		}
		m = m.setAnswers(a)
		m, cmd := m.advance(msg.id, msg.back)
		return m, tea.Batch(m.saveCmd(), cmd)
	case backMsg:
		switch m.state {
		case stateTool:
			return m.advance(questionnaire.QTool, true)
		case stateQuestion:
			return m.advance(m.current, true)
		case stateReview:
			m.editing = false
			ss := steps(m.c, m.answers)
			return m.goTo(ss[len(ss)-1].ID)
		case stateResult:
			return m.toReview("")
		case stateCases:
			m.state = stateWelcome
			return m.relayout()
		case stateWelcome, stateCase, stateQuitConfirm, stateTooSmall:
		}
		return m, nil
	case forwardMsg:
		if m.state == stateQuestion && m.question.answeredNow() {
			return m.advance(m.current, false)
		}
		return m, nil
	case editMsg:
		m.editing = true
		return m.goTo(msg.id)
	case showResultMsg:
		return m.showResult()
	case changeMsg:
		m.whatif = nil // the « et si ? » belong to the result they were made on
		return m.toReview("")
	case restartMsg:
		return m.fresh().relayout()
	case casesMsg:
		m.state = stateCases
		if m.kase != nil {
			m.cases = m.cases.focus(m.c.Cases, m.kase.ID)
		}
		return m.relayout()
	case openCaseMsg:
		k, ok := m.c.Cases.Get(msg.id)
		if !ok {
			return m, nil
		}
		if !m.present {
			m.present = true // the welcome's « mode atelier » is for a room
			m.setTheme(m.opts.Theme)
		}
		m = m.withCase(k)
		return m.relayout()
	case caseStartMsg:
		for _, q := range steps(m.c, m.answers) {
			if q.ID != questionnaire.QTool {
				return m.goTo(q.ID)
			}
		}
		return m.toReview("")
	case revealMsg:
		m.revealed = true
		m.result.hidden = false
		return m.relayout()
	case whatIfMsg:
		a := m.answers.Set(msg.id, msg.vals...)
		if msg.id == questionnaire.QTool {
			a.Meta.ToolName = ""
		}
		if m.c.Resolve(a).Answers.Equal(m.c.Resolve(m.answers).Answers) {
			return m.relayout() // the same answer: nothing to undo
		}
		m.whatif = append(m.whatif, whatIfStep{before: m.answers, id: msg.id})
		m = m.setAnswers(a)
		return m.buildResult()
	case undoMsg:
		if len(m.whatif) == 0 {
			return m, nil
		}
		last := m.whatif[len(m.whatif)-1]
		m.whatif = m.whatif[:len(m.whatif)-1]
		m = m.setAnswers(last.before)
		return m.buildResult()
	}
	return m, nil
}

// setAnswers replaces the answers and keeps the verdict current.
func (m Model) setAnswers(a questionnaire.Answers) Model {
	m.answers = a
	m.level = m.c.Level(a)
	return m
}

// advance leaves question id forward or back. From a question opened in the
// review, forward goes to the next question left without an answer (a new
// conditional one), else back to the review.
func (m Model) advance(id string, back bool) (Model, tea.Cmd) {
	if m.editing {
		if !back {
			if next := firstUnanswered(m.c, m.answers); next != "" {
				return m.goTo(next)
			}
		}
		return m.toReview(id)
	}
	ss := steps(m.c, m.answers)
	i := stepIndex(ss, id)
	switch {
	case back && m.kase != nil && (i <= 0 || ss[i-1].ID == questionnaire.QTool):
		// A case starts after its tool: back leads to its screen.
		m.state, m.caseView = stateCase, caseModel{page: 1}
		return m.relayout()
	case back && i <= 0:
		m.state = stateWelcome
		return m.relayout()
	case back:
		return m.goTo(ss[i-1].ID)
	case i+1 < len(ss):
		return m.goTo(ss[i+1].ID)
	}
	return m.toReview("")
}

// goTo shows the screen of question id.
func (m Model) goTo(id string) (Model, tea.Cmd) {
	q, _ := m.c.Questions.Get(id)
	m.current = id
	if q.Kind == questionnaire.KindTool {
		m.state = stateTool
		m.tool = newTool(m.env(), m.answers)
		return m.relayout()
	}
	m.state = stateQuestion
	m.question = newQuestion(m.c, m.answers, q)
	if m.kase != nil {
		m.question.fromCase = m.kase.Answers.List(id)
		m.question = m.question.caseSilent()
	}
	return m.relayout()
}

// toReview shows the review, the cursor on question id (« voir la
// recommandation » when "").
func (m Model) toReview(id string) (Model, tea.Cmd) {
	m.state = stateReview
	m.editing = false
	if !m.seenRes {
		m.shown = m.level
	}
	m.review = m.review.focus(m.reviewData(), id)
	return m.relayout()
}

// showResult evaluates the answers and shows the recommendation. The run
// has ended: the saved session is deleted.
func (m Model) showResult() (Model, tea.Cmd) {
	m.state = stateResult
	m.editing = false
	first := !m.seenRes
	m.seenRes = true
	m, cmd := m.buildResult()
	if first {
		m.session = nil
		cmd = tea.Batch(cmd, m.discardCmd())
	}
	return m, cmd
}

// buildResult evaluates the answers and makes the result screen anew,
// keeping the risk picture as the user left it. What it says about
// « et si ? » is derived from the answers before the last change.
func (m Model) buildResult() (Model, tea.Cmd) {
	prev := m.result
	m.result = newResult(m.env(), m.answers, m.opts)
	m.result.risk = prev.risk
	// Renders of the previous report may still be in flight: the new one
	// counts its generations on from the old, so they are told apart (a
	// stale render of another length once crashed « et si ? »).
	m.result.report.gen = prev.report.gen
	m.result.hidden = m.present && !m.revealed
	if n := len(m.whatif); n > 0 {
		last := m.whatif[n-1]
		q, _ := m.c.Questions.Get(last.id)
		answer, _, _ := answerText(m.env(), m.answers, q)
		m.result.change = &whatIfShown{title: q.Title.In(m.opts.Lang), answer: answer, steps: n,
			change: questionnaire.Compare(m.c.Evaluate(last.before), m.result.rep)}
	}
	m.shown = m.result.rep.Level
	return m.relayout()
}

// relayout sizes the current screen after a change of size, theme, help or
// state; only the result has something to redo (its report).
func (m Model) relayout() (Model, tea.Cmd) {
	m.syncKeys() // the help's height depends on the keys of the screen
	e := m.env()
	fitInput(&m.tool.filter, e)
	fitInput(&m.tool.name, e)
	fitInput(&m.result.export.input, e)
	if m.state != stateResult && !(m.state == stateQuitConfirm && m.prev == stateResult) {
		return m, nil
	}
	if m.screen() == stateTooSmall {
		return m, nil
	}
	var cmd tea.Cmd
	m.result, cmd = m.result.layout(m.env(), m.cache)
	return m, cmd
}

// saveCmd saves the answers of an unfinished run.
func (m *Model) saveCmd() tea.Cmd {
	store := m.opts.Store
	if store == nil || m.seenRes {
		return nil
	}
	m.saveSeq++
	seq, a := m.saveSeq, m.answers
	return func() tea.Msg { return savedMsg{err: store.Save(seq, a)} }
}

// discardCmd deletes the saved session.
func (m *Model) discardCmd() tea.Cmd {
	store := m.opts.Store
	if store == nil {
		return nil
	}
	m.saveSeq++
	seq := m.saveSeq
	return func() tea.Msg { return savedMsg{err: store.Discard(seq)} }
}

func (m Model) welcomeData() welcomeData {
	d := welcomeData{loaded: m.c != nil, session: m.session, noSave: m.opts.Store == nil}
	if m.c != nil {
		d.ref, _ = m.c.Referentiels.Get(m.ref)
		d.cases = len(m.c.Cases.List) > 0
	}
	return d
}

func (m Model) reviewData() reviewData {
	return reviewData{answers: m.answers, steps: steps(m.c, m.answers), level: m.level,
		before: m.shown, changed: m.seenRes, hidden: m.present && !m.revealed}
}

func (m Model) resultData() resultData {
	return resultData{dir: m.opts.Dir, kase: m.kase, answers: m.answers}
}
