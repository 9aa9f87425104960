package tui

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
)

// screen is the contract every screen of the wizard implements, as huh's
// fields and soft-serve's components do: it updates with the shared
// environment, draws its body as a string, says which keys work now and
// fits itself to the body's size. The root holds the active screen as a
// screen and never reaches into it.
//
// A new screen is its own file (its model, these methods, the intent
// that opens it) and one registration: its state in model.go.
type screen interface {
	// update handles a message. It returns the screen, an intent for the
	// root (a message with an apply method, nil when none) and a command.
	update(msg tea.Msg, e env) (screen, tea.Msg, tea.Cmd)
	// view draws the body, within e.width × e.height.
	view(e env) string
	// keys enables on e.keys the bindings that work now (and nothing
	// else: see KeyMap.only) and returns the help that lists them.
	keys(e env) helpKeys
	// setSize fits the screen to the body after a change of size, theme,
	// help or answers.
	setSize(e env) (screen, tea.Cmd)
	// header says what the header shows above the screen.
	header(e env) stepInfo
	// kind names the screen (for tests, logs and State).
	kind() state
}

// typing is implemented by a screen whose text field takes the keys now:
// the InputGate asks it whether that field is full.
type typing interface {
	field() *textinput.Model
}

// intent is what a screen asks of the root: each intent carries out its
// own change of the run and of the active screen, beside the screen that
// sends it.
type intent interface {
	apply(m Model) (Model, tea.Cmd)
}

// helpKeys is the help of one screen: a short line and the columns of the
// full help.
type helpKeys struct {
	short   []key.Binding
	full    [][]key.Binding
	whyOpen bool // « pourquoi ? » is open: presentation mode shows every key
}

// stepInfo is the header of a screen: the label at its right, the
// progress (k of n; n = 0 draws a thin rule), a status at the end of the
// bar (the position in a long report), and whether the screen is part of
// a run (the case study's title replaces the subtitle).
type stepInfo struct {
	label  string
	k, n   int
	status string
	inRun  bool
}
