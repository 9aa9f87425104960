package tui

import (
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/conduite/conduite/internal/contenttest"
	"github.com/conduite/conduite/questionnaire"
)

// testContent is the embedded content, loaded once for the package's tests
// (Content is immutable: sharing it is what the wizard does too).
func testContent(t testing.TB) *questionnaire.Content { return contenttest.Content(t) }

// fixedNow is the date of every test report.
func fixedNow() time.Time { return time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC) }

// testOptions are the options of a test wizard: French, no colour, no
// background query, a fixed date, no saving, exports to a temporary folder.
func testOptions(t testing.TB) Options {
	return Options{Content: testContent(t), Lang: questionnaire.FR, Theme: ThemeNoColor, FixedTheme: true,
		Version: "test", Now: fixedNow, Dir: t.TempDir()}
}

// newTestModel returns a wizard of 80×24 built from opts.
func newTestModel(t testing.TB, opts Options) Model {
	t.Helper()
	m := New(opts)
	return send(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
}

// keyMsg builds the key press a terminal sends for a key name ("enter",
// "space", "shift+tab", "ctrl+c"…) or a character.
func keyMsg(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	case "ctrl+c":
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	}
	r := []rune(k)
	return tea.KeyPressMsg{Code: r[0], Text: k}
}

// press sends keys one by one, running the commands they return.
func press(t testing.TB, m Model, keys ...string) Model {
	t.Helper()
	for _, k := range keys {
		m = send(t, m, keyMsg(k))
	}
	return m
}

// typeText types s character by character.
func typeText(t testing.TB, m Model, s string) Model {
	t.Helper()
	for _, r := range s {
		m = send(t, m, keyMsg(string(r)))
	}
	return m
}

// send delivers msg to the model, then runs the commands it returns and
// delivers their messages, as the program would. Commands that do not
// answer quickly (timers, the cursor blink) are dropped; tea.Quit marks
// the model as having quit.
func send(t testing.TB, m Model, msg tea.Msg) Model {
	t.Helper()
	queue := []tea.Msg{msg}
	for len(queue) > 0 {
		msg, queue = queue[0], queue[1:]
		if _, ok := msg.(tea.QuitMsg); ok {
			continue
		}
		next, cmd := m.Update(msg)
		m = next.(Model)
		queue = append(queue, runCmd(cmd)...)
	}
	return m
}

// runCmd runs a command and the commands of its batches, returning their
// messages. A render can take long on a loaded machine under -race, so a
// command gets seconds to answer; the cursor's blink messages, which would
// come back forever, are dropped.
func runCmd(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-done:
	case <-time.After(5 * time.Second):
		return nil
	}
	if msg != nil && strings.HasSuffix(reflect.TypeOf(msg).PkgPath(), "/cursor") {
		return nil
	}
	switch msg := msg.(type) {
	case nil:
		return nil
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range msg {
			out = append(out, runCmd(c)...)
		}
		return out
	}
	return []tea.Msg{msg}
}

// screen is the plain text of the model's view.
// No-break spaces (which keep words together) read as spaces.
func screen(m Model) string {
	return strings.ReplaceAll(ansi.Strip(m.View().Content), "\u00a0", " ")
}

// quit reports whether the last message made the model quit: sending it
// a key returns tea.Quit.
func quits(t testing.TB, m Model, k string) (Model, bool) {
	t.Helper()
	next, cmd := m.Update(keyMsg(k))
	for _, msg := range runCmd(cmd) {
		if _, ok := msg.(tea.QuitMsg); ok {
			return next.(Model), true
		}
	}
	return next.(Model), false
}

// discordKeys answer the Discord case (examples/discord-classe.yaml) from
// the welcome screen to the review: the tool typed and chosen, then usage
// classe_virtuelle (3), audience eleves (5), niveau college_4e_3e (3),
// mineurs oui_moins_15 (4),
// données identite and images (2 space 3 space: a digit moves, space
// ticks), the catalog's hébergement, contrat and modèle économique kept,
// inscription imposee (6), the catalog's identification kept, appareil
// personnel (2).
var discordKeys = []string{"enter", "d", "i", "s", "c", "o", "r", "d", "enter",
	"3", "enter", "5", "enter", "3", "enter", "4", "enter", "2", "space", "3", "space", "enter",
	"enter", "enter", "enter", "6", "enter", "enter", "2", "enter"}

func mustContain(t testing.TB, s string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(s, w) {
			t.Errorf("screen lacks %q:\n%s", w, s)
		}
	}
}

// answerRest answers the remaining questions: the catalog's value where
// there is one, else the first option.
func answerRest(t testing.TB, m Model) Model {
	t.Helper()
	for i := 0; m.state == stateQuestion && i < 20; i++ {
		if m.question.catalog == "" {
			m = press(t, m, "1")
			if m.question.q.Kind == questionnaire.KindMulti {
				m = press(t, m, "space", "enter")
				continue
			}
		}
		m = press(t, m, "enter")
	}
	return m
}
