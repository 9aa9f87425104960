package tui

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
)

// What the text fields accept, in characters: the tool filter and the free
// tool name take a name, the export field a path.
//
// A text pasted without bracketed paste arrives as one key press per
// character, and each costs an update and a frame (about half a
// millisecond: 100 KB took a minute, and ctrl+c waited behind it). So a
// field takes at most its limit, a message brings at most the room left
// (fitText: a huge paste is never converted or cleaned whole), and once a
// field is full the keys that would type into it change nothing: the
// InputGate says so, and the program's filter (internal/cli) drops them
// before the update and the frame.
const (
	nameLimit = 80
	pathLimit = 512
)

// fitMsg gives a field at most the text that fits: the text of a key
// press or a paste, cleaned as the field would clean it, cut to the room
// left. Other messages go through unchanged.
func fitMsg(in textinput.Model, msg tea.Msg) tea.Msg {
	if in.CharLimit <= 0 {
		return msg
	}
	room := in.CharLimit - utf8.RuneCountInString(in.Value())
	switch m := msg.(type) {
	case tea.PasteMsg:
		m.Content = fitText(m.Content, room)
		return m
	case tea.KeyPressMsg:
		if len(m.Text) > utf8.UTFMax { // more than one character
			m.Text = fitText(m.Text, room)
		}
		return m
	}
	return msg
}

// fitText cleans s as a text input does (newlines and tabs become spaces,
// other control characters and invalid bytes are dropped) and keeps at
// most n characters, reading no further than it needs.
func fitText(s string, n int) string {
	var b strings.Builder
	for _, r := range s {
		if n <= 0 {
			break
		}
		switch {
		case r == '\r' || r == '\n' || r == '\t':
			r = ' '
		case r == utf8.RuneError || unicode.IsControl(r):
			continue
		}
		b.WriteRune(r)
		n--
	}
	return b.String()
}

// InputGate says, before a message reaches the wizard, whether it would
// change nothing at all: text typed or pasted into a text field that is
// full (a key that the screen binds is never dropped). The command line's
// program filter asks it for every message and drops those, so that a long
// paste costs neither updates nor frames. It follows the model: every
// Update records whether the field that takes the keys is full, and the
// keys bound now (Model.InputGate returns it; every copy of a model shares
// it, as the program's do). It is used from the program's event loop only.
type InputGate struct {
	full bool
	keys KeyMap
}

// Drops reports whether msg would change nothing. It allocates nothing but
// the key's name, and only while the field is full.
func (g *InputGate) Drops(msg tea.Msg) bool {
	if g == nil || !g.full {
		return false
	}
	switch msg := msg.(type) {
	case tea.PasteMsg:
		return true
	case tea.KeyPressMsg:
		if msg.Text == "" || msg.Mod&^(tea.ModShift|tea.ModCapsLock|tea.ModNumLock) != 0 {
			return false
		}
		name := msg.String()
		for _, b := range g.keys.all() {
			if b.Enabled() && slices.Contains(b.Keys(), name) {
				return false
			}
		}
		return !slices.Contains(g.keys.Suspend.Keys(), name)
	}
	return false
}

// InputGate returns the gate that follows this model and its copies.
func (m Model) InputGate() *InputGate { return m.gate }

// follow records the model's state in its gate (after each Update).
func (g *InputGate) follow(m *Model) {
	if g != nil {
		g.full, g.keys = m.inputFull(), m.keys
	}
}

// inputFull reports whether the text field that takes the keys now, if
// any, is full.
func (m *Model) inputFull() bool {
	t, ok := m.active.(typing)
	if !ok || m.tooSmall() {
		return false
	}
	in := t.field()
	if in == nil || in.CharLimit <= 0 {
		return false
	}
	// The cursor at the limit is the common case of a paste, and costs
	// nothing; else count.
	return in.Position() >= in.CharLimit || utf8.RuneCountInString(in.Value()) >= in.CharLimit
}
