package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Update handles the messages of the whole wizard: size, colours, loading,
// saving and quitting here; everything else goes to the active screen.
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
		return m.background(msg)
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
		return m.relayout()
	case savedMsg:
		m.save.err = ""
		if msg.err != nil {
			m.save.err = m.t("wiz_save_failed", "err", msg.err.Error())
		}
		return m, nil
	case tea.KeyPressMsg:
		return m.key(msg)
	}
	// Anything else (a render, an export, the mouse, a cursor blink, a
	// message of a later feature) goes to the active screen.
	return m.delegate(msg)
}

// background switches the theme to the terminal's background.
func (m Model) background(msg tea.BackgroundColorMsg) (Model, tea.Cmd) {
	if m.opts.FixedTheme || m.styles.Theme == ThemeNoColor {
		return m, nil
	}
	t := ThemeLight
	if msg.IsDark() {
		t = ThemeDark
	}
	if t == m.styles.Theme {
		return m, nil
	}
	m.setTheme(t, m.styles.Present)
	return m.relayout()
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
	case key.Matches(msg, m.keys.Quit):
		return m.requestQuit(false)
	case key.Matches(msg, m.keys.Help):
		m.help.ShowAll = !m.help.ShowAll
		return m.relayout()
	case m.tooSmall():
		return m, nil
	}
	return m.delegate(msg)
}

// delegate passes a message to the active screen and carries out the
// intent it returns.
func (m Model) delegate(msg tea.Msg) (Model, tea.Cmd) {
	var in tea.Msg
	var cmd tea.Cmd
	m.active, in, cmd = m.active.update(msg, m.env())
	if in == nil {
		return m, cmd
	}
	m, icmd := m.intent(in)
	return m, tea.Batch(cmd, icmd)
}

// intent carries out what a screen asked for.
func (m Model) intent(msg tea.Msg) (Model, tea.Cmd) {
	if m.c == nil {
		m.pending = msg // the content is on its way: do it when it comes
		return m, nil
	}
	if in, ok := msg.(intent); ok {
		return in.apply(m)
	}
	return m, nil
}

// quitMsg ends the wizard; abort makes it end with ErrAborted.
type quitMsg struct{ abort bool }

func (q quitMsg) apply(m Model) (Model, tea.Cmd) {
	m.exit = exitDone
	if q.abort {
		m.exit = exitAborted
	}
	return m, tea.Quit
}

// requestQuit quits at once when nothing would be lost (no answer yet, or
// the result is on screen), else asks first. abort (ctrl+c) always ends
// with ErrAborted; q where nothing is lost is a normal end, and q in the
// quit confirmation means yes.
func (m Model) requestQuit(abort bool) (Model, tea.Cmd) {
	switch {
	case m.kind() == stateQuitConfirm:
		return quitMsg{abort: true}.apply(m)
	case m.kind() == stateResult, !m.run.HasAnswers(), m.tooSmall():
		return quitMsg{abort: abort || (m.tooSmall() && m.run.HasAnswers())}.apply(m)
	}
	m.active = quitModel{under: m.active}
	return m.relayout()
}

// env is what the screens get: the content, the texts, the styles, the
// keys, the run, and the size of the body.
func (m *Model) env() env {
	e := m.keyEnv()
	e.height = max(3, m.height-m.chromeHeight())
	return e
}

// keyEnv is env without the body's height (which depends on the help,
// and so on the keys).
func (m *Model) keyEnv() env {
	_, w := m.frame()
	return env{c: m.c, texts: m.texts, lang: m.opts.Lang, st: &m.styles, keys: &m.keys,
		width: max(10, w), height: 3, compact: m.compact(), run: &m.run, opts: &m.opts, save: &m.save, cache: m.cache}
}

// relayout fits the active screen after a change of size, theme, help or
// screen.
func (m Model) relayout() (Model, tea.Cmd) {
	m.syncKeys() // the help's height depends on the keys of the screen
	if m.tooSmall() || m.c == nil {
		return m, nil
	}
	var cmd tea.Cmd
	m.active, cmd = m.active.setSize(m.env())
	return m, cmd
}

// syncKeys enables the keys of the active screen and nothing else.
func (m *Model) syncKeys() {
	k := &m.keys
	k.Up.SetKeys("up", "k")
	k.Down.SetKeys("down", "j")
	k.Up.SetHelp("↑/↓", m.t("key_up_down"))
	k.No.SetHelp("n/esc", m.t("key_no"))
	if m.tooSmall() {
		k.only(&k.Quit, &k.Abort)
		return
	}
	m.active.keys(m.keyEnv())
}

// helpKeys is the help of the active screen.
func (m Model) helpKeys() helpKeys {
	if m.tooSmall() {
		return helpKeys{short: []key.Binding{m.keys.Quit, m.keys.Abort}}
	}
	k := m.keys // the screen enables on a copy: View changes nothing
	e := m.keyEnv()
	e.keys = &k
	return m.active.keys(e)
}

// saveCmd saves the answers of an unfinished run.
func (m *Model) saveCmd() tea.Cmd {
	store := m.save.store
	if store == nil || m.run.Seen() {
		return nil
	}
	m.save.seq++
	seq, a := m.save.seq, m.run.Answers()
	return func() tea.Msg { return savedMsg{err: store.Save(seq, a)} }
}

// discardCmd deletes the saved session.
func (m *Model) discardCmd() tea.Cmd {
	store := m.save.store
	if store == nil {
		return nil
	}
	m.save.seq++
	seq := m.save.seq
	return func() tea.Msg { return savedMsg{err: store.Discard(seq)} }
}
