package tui

import (
	"strings"
	"testing"
	"unicode/utf8"

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
		before := screenText(m)
		next, cmd := m.Update(ctrlZ)
		if cmd == nil {
			t.Fatalf("%s: ctrl+z returned no command", s.name)
		}
		if _, ok := cmd().(tea.SuspendMsg); !ok {
			t.Errorf("%s: ctrl+z did not suspend", s.name)
		}
		m = next.(Model)
		if screenText(m) != before {
			t.Errorf("%s: ctrl+z changed the screen (typed into a field?)", s.name)
		}
		// Resumed, the wizard is where it was.
		m = send(t, m, tea.ResumeMsg{})
		if m.State() != s.name || screenText(m) != before {
			t.Errorf("%s: the screen changed across the suspend", s.name)
		}
	}
}

// feed delivers msgs as the program does with conduite's filter: a message
// that Drops is never updated nor drawn. It returns the number of messages
// that reached Update.
func feed(t testing.TB, m Model, msgs []tea.Msg) (Model, int) {
	t.Helper()
	updates := 0
	gate := m.InputGate()
	for _, msg := range msgs {
		if gate.Drops(msg) {
			continue
		}
		m = send(t, m, msg)
		updates++
	}
	return m, updates
}

// pasteKeys is text pasted without bracketed paste: one key press a
// character.
func pasteKeys(s string) []tea.Msg {
	msgs := make([]tea.Msg, 0, len(s))
	for _, r := range s {
		msgs = append(msgs, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return msgs
}

// A 100 KB paste into a field fills it to its limit; the rest is dropped
// before the update (no update, no frame: it took a minute, and ctrl+c
// waited behind it), and ctrl+c right after is handled on the next update.
// BenchmarkPaste100KB measures the time.
func TestPasteIsCapped(t *testing.T) {
	big := strings.Repeat("zoom équipe ", 100_000/12) // ~100 KB, accents and spaces
	for _, c := range []struct {
		name  string
		keys  []string // from the welcome screen to the field
		field func(Model) string
		limit int
	}{
		{"tool filter", []string{"enter"}, func(m Model) string { return toolScreenOf(m).filter.Value() }, nameLimit},
		{"free name", []string{"enter", "up", "enter"}, func(m Model) string { return toolScreenOf(m).name.Value() }, nameLimit},
		{"export name", nil, func(m Model) string { return resultOf(m).export.input.Value() }, pathLimit},
	} {
		for _, how := range []string{"keys", "bracketed paste"} {
			t.Run(c.name+"/"+how, func(t *testing.T) {
				m := newTestModel(t, testOptions(t))
				if c.keys == nil {
					m = press(t, m, discordKeys...)
					m = press(t, m, "r", "e")
					m = edit(m, func(r *resultModel) { r.export.input.SetValue("") })
				} else {
					m = press(t, m, c.keys...)
				}
				state := m.State()
				var msgs []tea.Msg
				if how == "keys" {
					msgs = pasteKeys(big)
				} else {
					msgs = []tea.Msg{tea.PasteMsg{Content: big}, tea.PasteMsg{Content: big}}
				}
				m, updates := feed(t, m, msgs)
				if got := utf8.RuneCountInString(c.field(m)); got != c.limit {
					t.Errorf("the field holds %d characters, want its limit %d", got, c.limit)
				}
				if want := []rune(big)[:c.limit]; c.field(m) != string(want) {
					t.Errorf("the field holds %q, want the paste's first %d characters", c.field(m), c.limit)
				}
				if updates > c.limit+1 {
					t.Errorf("%d messages reached Update, want at most %d (the field's limit)", updates, c.limit+1)
				}
				if m.State() != state {
					t.Fatalf("the paste moved the wizard from %s to %s", state, m.State())
				}
				ctrlC := tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
				if m.InputGate().Drops(ctrlC) {
					t.Fatal("ctrl+c is dropped")
				}
				m, quit := quits(t, m, "ctrl+c")
				if !quit && m.State() != "quit-confirm" {
					t.Errorf("ctrl+c after the paste: on %s, neither quitting nor asking", m.State())
				}
			})
		}
	}
}

// Only text into a full field is dropped: never a key a screen binds, never
// a key that edits (backspace), never a message to another screen.
func TestDropsOnlyTextIntoAFullField(t *testing.T) {
	m := newTestModel(t, testOptions(t))
	a := tea.KeyPressMsg{Code: 'a', Text: "a"}
	if m.InputGate().Drops(a) {
		t.Error("a key on the welcome screen is dropped")
	}
	m = press(t, m, "enter")
	if m.InputGate().Drops(a) {
		t.Error("a key into an empty filter is dropped")
	}
	m = edit(m, func(s *toolModel) { s.filter.SetValue(strings.Repeat("x", nameLimit)) })
	m.gate.follow(&m)
	for _, k := range []tea.KeyPressMsg{keyMsg("enter"), keyMsg("up"), keyMsg("esc"), keyMsg("ctrl+c"),
		{Code: tea.KeyBackspace}, {Code: 'z', Mod: tea.ModCtrl}, {Code: 'b', Mod: tea.ModAlt, Text: "b"}} {
		if m.InputGate().Drops(k) {
			t.Errorf("%s into a full filter is dropped", k)
		}
	}
	if !m.InputGate().Drops(a) || !m.InputGate().Drops(keyMsg("space")) || !m.InputGate().Drops(tea.PasteMsg{Content: "x"}) {
		t.Error("text into a full filter is not dropped")
	}
}

// A key press or a paste brings a field at most the room left, cleaned as
// the field cleans it, read no further than needed.
func TestFitText(t *testing.T) {
	for _, c := range []struct {
		in   string
		n    int
		want string
	}{
		{"abc", 5, "abc"},
		{"abcdef", 3, "abc"},
		{"é\tà\r\nü", 10, "é à  ü"},
		{"a\x1b[31mb\x07c\u0085d", 10, "a[31mbcd"},
		{"a\xffb", 10, "ab"},
		{"abc", 0, ""},
		{"abc", -2, ""},
	} {
		if got := fitText(c.in, c.n); got != c.want {
			t.Errorf("fitText(%q, %d) = %q, want %q", c.in, c.n, got, c.want)
		}
	}
}

// BenchmarkPaste100KB is 100 KB pasted without bracketed paste into the
// tool filter, as the program runs it: each key press through conduite's
// filter (InputGate.Drops), then, if kept, Update and View. « unfiltered » is
// the same for 1 KB without the filter (what every key cost before).
//
//	go test ./tui -run XXX -bench Paste -benchtime 5x
func BenchmarkPaste100KB(b *testing.B) {
	start := press(b, newTestModel(b, testOptions(b)), "enter")
	keys := pasteKeys(strings.Repeat("abcdefghij", 10_000))
	run := func(b *testing.B, msgs []tea.Msg, filter bool) {
		for range b.N {
			m := start
			m.gate.follow(&m) // the gate shared with the last run's model
			gate := m.InputGate()
			for _, msg := range msgs {
				if filter && gate.Drops(msg) {
					continue
				}
				next, _ := m.Update(msg)
				m = next.(Model)
				_ = m.View()
			}
		}
	}
	b.Run("filtered", func(b *testing.B) { run(b, keys, true) })
	b.Run("unfiltered-1KB", func(b *testing.B) { run(b, keys[:1000], false) })
}
