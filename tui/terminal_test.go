package tui

import (
	"testing"

	tea "charm.land/bubbletea/v2"
)

// ctrl+z suspends on every screen, in the text fields too (the tool
// filter, the free name): the model answers tea.Suspend, and Bubble Tea
// restores the terminal, stops the process and takes the terminal back on
// fg (the end-to-end test TestTerminalSuspend runs that in tmux).
func TestCtrlZSuspendsEverywhere(t *testing.T) {
	ctrlZ := tea.KeyPressMsg{Code: 'z', Mod: tea.ModCtrl}
	m := newTestModel(t, testOptions(t))
	steps := []struct {
		name string
		keys []string
	}{
		{"welcome", nil},
		{"tool", []string{"enter"}},
		{"tool", []string{"d", "i"}},
		{"tool", []string{"up", "enter"}}, // « autre outil »: the free name
		{"tool", []string{"esc"}},         // back to the filter « di »
		{"question", []string{"s", "c", "o", "r", "d", "enter"}},
	}
	for _, s := range steps {
		m = press(t, m, s.keys...)
		if m.State() != s.name {
			t.Fatalf("after %v: on %s, want %s", s.keys, m.State(), s.name)
		}
		before := screen(m)
		next, cmd := m.Update(ctrlZ)
		if cmd == nil {
			t.Fatalf("%s: ctrl+z returned no command", s.name)
		}
		if _, ok := cmd().(tea.SuspendMsg); !ok {
			t.Errorf("%s: ctrl+z did not suspend", s.name)
		}
		m = next.(Model)
		if screen(m) != before {
			t.Errorf("%s: ctrl+z changed the screen (typed into a field?)", s.name)
		}
		// Resumed, the wizard is where it was.
		m = send(t, m, tea.ResumeMsg{})
		if m.State() != s.name || screen(m) != before {
			t.Errorf("%s: the screen changed across the suspend", s.name)
		}
	}
}
