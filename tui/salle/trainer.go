package salle

import (
	"context"
	"net"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/conduite/conduite/export"
	"github.com/conduite/conduite/questionnaire"
	room "github.com/conduite/conduite/salle"
	"github.com/conduite/conduite/tui"
)

// Room is what the trainer's screen needs of the room: *room.Room has
// these methods; the tests drive a fake with fixed counts.
type Room interface {
	Snapshot() room.Snapshot
	Subscribe() (updates <-chan room.Snapshot, cancel func())
	OpenVote(step int) error
	CloseVote() error
	Reveal() error
	AddWhatIf(question, value string) (int, error)
}

// Server is what the trainer's screen needs of the network: the open
// addresses, the phone page's URL, and the shutdown on quit.
type Server interface {
	SSHAddr() net.Addr
	HTTPAddr() net.Addr
	URL(host string) string
	Shutdown(ctx context.Context) error
}

// StartFunc opens the room on a case: the room and its listeners. The
// command gives one that makes a room and serves it; nothing listens
// before the trainer has picked the case.
type StartFunc func(k *questionnaire.Case) (Room, Server, error)

// Options are what the trainer's screen is started with.
type Options struct {
	Content *questionnaire.Content
	Lang    questionnaire.Lang
	Theme   tui.Theme
	// FixedTheme keeps Theme (NO_COLOR); otherwise the terminal is asked
	// its background and the styles follow its answer, if one comes.
	FixedTheme bool
	Case       string   // the case's id; "" opens the case picker
	Hosts      []string // the addresses participants reach the machine at (listed locally, never probed)
	Start      StartFunc
	Dir        string                                         // where the export goes (a relative name)
	Write      func(path string, data []byte, ovw bool) error // export.WriteFile unless set (tests)
}

// stage is where the trainer's screen stands.
type stage int

const (
	stagePick     stage = iota // choosing the case
	stageStarting              // opening the listeners
	stageFailed                // they could not be opened
	stageRoom                  // the room is open
)

// Trainer is the trainer's screen: a Bubble Tea model.
type Trainer struct {
	o      Options
	loc    questionnaire.Localizer
	st     tui.Styles
	qr     lipgloss.Style // dark on light, whatever the theme: a QR code is read so
	keys   keyMap
	help   help.Model
	width  int
	height int

	stage   stage
	pick    int
	kase    *questionnaire.Case
	room    Room
	srv     Server
	snap    room.Snapshot
	cancel  func()
	updates *updates

	join      bool // the join panel is shown
	caseShown bool // the case's story was shown (the lobby's second page)
	tallies   map[int]stepTally
	whatif    whatIfPicker
	export    exportPrompt
	confirm   bool   // « close the room? »
	note      string // the outcome of the last action
	bad       bool
	closing   bool
	fullHelp  bool
}

// stepTally is a step's tally as last seen: counts only.
type stepTally struct {
	tally  map[string]int
	voters int
}

// NewTrainer builds the trainer's screen.
func NewTrainer(o Options) Trainer {
	if o.Write == nil {
		o.Write = export.WriteFile
	}
	loc := o.Content.Texts.For(o.Lang)
	m := Trainer{o: o, loc: loc, st: tui.NewPresentationStyles(o.Theme), keys: newKeyMap(loc.T),
		help: help.New(), width: 80, height: 24, join: true, tallies: map[int]stepTally{}}
	m.help.Styles = m.st.Help
	m.qr = lipgloss.NewStyle().Foreground(lipgloss.Color("#000000")).Background(lipgloss.Color("#FFFFFF"))
	if k, ok := o.Content.Cases.Get(o.Case); ok {
		m.kase, m.stage = k, stageStarting
	}
	m.syncKeys()
	return m
}

// Init opens the room when the case is known.
func (m Trainer) Init() tea.Cmd {
	var cmds []tea.Cmd
	if m.stage == stageStarting {
		cmds = append(cmds, m.startCmd())
	}
	if !m.o.FixedTheme {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	return tea.Batch(cmds...)
}

// startedMsg is the room opened (or why not).
type startedMsg struct {
	room Room
	srv  Server
	err  error
}

// snapMsg is a new snapshot of the room.
type snapMsg struct{ snap room.Snapshot }

// actedMsg is the outcome of an action on the room.
type actedMsg struct{ err error }

// closedMsg: the listeners are closed; the program ends.
type closedMsg struct{ err error }

func (m Trainer) startCmd() tea.Cmd {
	start, k := m.o.Start, m.kase
	return func() tea.Msg {
		if start == nil {
			return startedMsg{err: room.ErrConfig}
		}
		r, s, err := start(k)
		return startedMsg{room: r, srv: s, err: err}
	}
}

// waitSnap reads the next snapshot.
func waitSnap(ch <-chan room.Snapshot) tea.Cmd {
	return func() tea.Msg {
		s, ok := <-ch
		if !ok {
			return nil
		}
		return snapMsg{snap: s}
	}
}

// act runs an action on the room in a command.
func act(f func() error) tea.Cmd {
	return func() tea.Msg { return actedMsg{err: f()} }
}

// shutdownCmd closes both listeners and every session, then quits.
func (m Trainer) shutdownCmd() tea.Cmd {
	srv, cancel := m.srv, m.cancel
	return func() tea.Msg {
		if cancel != nil {
			cancel()
		}
		var err error
		if srv != nil {
			ctx, stop := context.WithTimeout(context.Background(), 5*time.Second)
			defer stop()
			err = srv.Shutdown(ctx)
		}
		return closedMsg{err: err}
	}
}

// Update handles a message.
func (m Trainer) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.help.SetWidth(max(10, m.width-4))
	case tea.BackgroundColorMsg:
		if !m.o.FixedTheme {
			theme := tui.ThemeDark
			if !msg.IsDark() {
				theme = tui.ThemeLight
			}
			m.st = tui.NewPresentationStyles(theme)
			m.help.Styles = m.st.Help
		}
	case startedMsg:
		cmd = m.started(msg)
	case snapMsg:
		if prev := m.snap; msg.snap.Current != prev.Current || (prev.Phase == room.Lobby && msg.snap.Phase != room.Lobby) {
			m.join = false // the room moved on: the vote takes the screen
		}
		m.snap = msg.snap
		if s := msg.snap; s.Current >= 0 && s.Current < len(s.Steps) {
			m.tallies[s.Current] = stepTally{tally: s.Tally, voters: s.Voters}
		}
		if m.room != nil && !m.closing {
			ch, _ := m.subscription()
			cmd = waitSnap(ch)
		}
	case actedMsg:
		if msg.err != nil {
			m.note, m.bad = m.loc.Error(msg.err), true
		}
	case exportedMsg:
		m = m.exported(msg)
	case closedMsg:
		return m, tea.Quit
	case tea.KeyPressMsg:
		m, cmd = m.press(msg)
	}
	m.syncKeys()
	return m, cmd
}

// subscription is the room's update channel, kept in a closure by
// started (a Trainer is a value: the channel itself is shared).
func (m Trainer) subscription() (<-chan room.Snapshot, bool) {
	if m.updates == nil {
		return nil, false
	}
	return m.updates.ch, true
}

func (m *Trainer) started(msg startedMsg) tea.Cmd {
	if msg.err != nil {
		m.stage, m.note, m.bad = stageFailed, m.loc.Error(msg.err), true
		return nil
	}
	m.stage, m.room, m.srv = stageRoom, msg.room, msg.srv
	ch, cancel := msg.room.Subscribe()
	m.updates, m.cancel = &updates{ch: ch}, cancel
	m.snap = msg.room.Snapshot()
	return waitSnap(ch)
}

// press handles a key.
func (m Trainer) press(km tea.KeyPressMsg) (Trainer, tea.Cmd) {
	k := m.keys
	switch {
	case m.closing:
		return m, nil
	case m.confirm:
		switch {
		case key.Matches(km, k.Yes), km.String() == "ctrl+c":
			m.confirm, m.closing = false, true
			return m, m.shutdownCmd()
		case key.Matches(km, k.No):
			m.confirm = false
		}
		return m, nil
	case m.export.active:
		return m.pressExport(km)
	case m.whatif.active:
		return m.pressWhatIf(km)
	case key.Matches(km, k.Quit):
		if m.stage != stageRoom {
			return m, tea.Quit // nothing is open yet
		}
		m.confirm = true
		return m, nil
	case key.Matches(km, k.Help):
		m.fullHelp = !m.fullHelp
		return m, nil
	}
	switch m.stage {
	case stagePick:
		return m.pressPick(km)
	case stageStarting, stageFailed:
		return m, nil
	case stageRoom:
		return m.pressRoom(km)
	}
	return m, nil
}

func (m Trainer) pressPick(km tea.KeyPressMsg) (Trainer, tea.Cmd) {
	list := m.o.Content.Cases.List
	n := len(list)
	if n == 0 {
		return m, nil
	}
	switch {
	case key.Matches(km, m.keys.Up):
		m.pick = (m.pick + n - 1) % n
	case key.Matches(km, m.keys.Down):
		m.pick = (m.pick + 1) % n
	case key.Matches(km, m.keys.Select):
		m.kase, m.stage = &list[m.pick], stageStarting
		return m, m.startCmd()
	}
	return m, nil
}

// pressRoom moves the room on: each enter is the next action (the case's
// story, open the vote, close it, show the answer, open the next vote).
func (m Trainer) pressRoom(km tea.KeyPressMsg) (Trainer, tea.Cmd) {
	k, s, r := m.keys, m.snap, m.room
	m.note, m.bad = "", false
	switch {
	case key.Matches(km, k.Join):
		m.join = !m.join
	case key.Matches(km, k.Export):
		return m.openExport()
	case key.Matches(km, k.WhatIf):
		m.whatif = m.whatif.open(m)
	case key.Matches(km, k.Reveal):
		if s.Phase == room.Closed {
			return m, act(r.Reveal)
		}
	case key.Matches(km, k.Next):
		return m.next()
	}
	return m, nil
}

func (m Trainer) next() (Trainer, tea.Cmd) {
	s, r := m.snap, m.room
	switch s.Phase {
	case room.Lobby:
		if m.join || !m.caseShown {
			m.join, m.caseShown = false, true
			return m, nil
		}
		return m, act(func() error { return r.OpenVote(0) })
	case room.Voting:
		return m, act(r.CloseVote)
	case room.Closed:
		return m, act(r.Reveal)
	case room.Revealed:
		m.join = false
		if next := s.Current + 1; next < len(s.Steps) {
			return m, act(func() error { return r.OpenVote(next) })
		}
	}
	return m, nil
}

// syncKeys enables the keys that work now.
func (m *Trainer) syncKeys() {
	k := &m.keys
	k.Quit.SetHelp("q", k.quitApp)
	if m.stage == stageRoom {
		k.Quit.SetHelp("q", k.quitRoom)
	}
	switch {
	case m.closing:
		k.only()
	case m.confirm:
		k.only(&k.Yes, &k.No)
	case m.export.active:
		m.export.keys(k)
	case m.whatif.active:
		k.only(&k.Up, &k.Select, &k.Back, &k.Quit)
	case m.stage == stagePick:
		k.only(&k.Up, &k.Down, &k.Select, &k.Help, &k.Quit)
	case m.stage != stageRoom:
		k.only(&k.Quit)
	default:
		on := []*key.Binding{&k.Join, &k.Export, &k.Help, &k.Quit}
		s := m.snap
		if s.Phase != room.Revealed || s.Current+1 < len(s.Steps) {
			on = append(on, &k.Next)
		}
		if s.Phase == room.Closed {
			on = append(on, &k.Reveal)
		}
		if m.canWhatIf() {
			on = append(on, &k.WhatIf)
		}
		k.only(on...)
	}
}

// canWhatIf: « et si ? » comes after the verdict's vote is closed.
func (m Trainer) canWhatIf() bool {
	s := m.snap
	if s.Current < 0 || s.Current >= len(s.Steps) || s.Phase == room.Voting {
		return false
	}
	return s.Steps[s.Current].Kind != room.QuestionStep
}

// View draws the screen.
func (m Trainer) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.WindowTitle = "conduite salle"
	return v
}

// updates holds the subscription's channel (shared by every copy of the
// model).
type updates struct{ ch <-chan room.Snapshot }
