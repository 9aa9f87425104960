package tui

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/conduite/conduite/questionnaire"
)

// The resize storm: hundreds of random sizes, from 1×1 to 300×100, on every
// screen of the wizard, through Update and View only. No panic, and every
// frame fits its terminal: no line wider than the width, no more lines than
// the height.

// stormFits checks one frame against its terminal's size: the frame
// drawn, and at a usable size (the minimum or more) the layout itself,
// before View cuts what overflows.
func stormFits(t *testing.T, m Model, w, h int, where string) {
	t.Helper()
	fits(t, m.View().Content, w, h, where)
	if w >= MinWidth && h >= MinHeight {
		fits(t, m.render(), w, h, where+", layout")
	}
}

func fits(t *testing.T, s string, w, h int, where string) {
	t.Helper()
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		t.Errorf("%s at %d×%d: %d lines", where, w, h, len(lines))
	}
	for i, l := range lines {
		if lw := lipgloss.Width(l); lw > w {
			t.Errorf("%s at %d×%d: line %d is %d wide: %q", where, w, h, i, lw, l)
			return
		}
	}
}

// stormSize draws a size, with the edges (1, the wizard's minimum, the
// largest) more often than chance would.
func stormSize(rnd *rand.Rand) (int, int) {
	pick := func(limit, min int) int {
		switch rnd.IntN(8) {
		case 0:
			return 1
		case 1:
			return min - 1 + rnd.IntN(3) // around the minimum
		case 2:
			return limit
		}
		return 1 + rnd.IntN(limit)
	}
	return pick(300, MinWidth), pick(100, MinHeight)
}

// stormScreens are key sequences from a fresh wizard to each of its
// screens and states worth drawing.
var stormScreens = []struct {
	name string
	keys []string
}{
	{"welcome", nil},
	{"welcome, référentiel", []string{"down"}},
	{"tool", []string{"enter"}},
	{"tool, filtered", []string{"enter", "z", "o"}},
	{"tool, no match", []string{"enter", "x", "q", "x", "q"}},
	{"question, one value", []string{"enter", "d", "i", "s", "enter"}},
	{"question, why", []string{"enter", "d", "i", "s", "enter", "?"}},
	{"question, several values", discordKeys[:16]},
	{"quit confirmation", []string{"enter", "d", "i", "s", "enter", "q"}},
	{"review", discordKeys},
	{"review, help", append(append([]string{}, discordKeys...), "?")},
	{"result", append(append([]string{}, discordKeys...), "enter")},
	{"result, scrolled", append(append([]string{}, discordKeys...), "enter", "pgdown", "pgdown", "pgdown")},
	{"result, export", append(append([]string{}, discordKeys...), "enter", "e")},
	{"result, help", append(append([]string{}, discordKeys...), "enter", "?")},
	{"result, change an answer", append(append([]string{}, discordKeys...), "enter", "m")},
}

func TestResizeStormEveryScreen(t *testing.T) {
	sizes := 40
	if testing.Short() {
		sizes = 12
	}
	rnd := rand.New(rand.NewPCG(2026, 7))
	for _, lang := range []questionnaire.Lang{questionnaire.FR, questionnaire.EN} {
		for _, sc := range stormScreens {
			t.Run(fmt.Sprintf("%s/%s", lang, sc.name), func(t *testing.T) {
				o := testOptions(t)
				o.Lang = lang
				m := newTestModel(t, o)
				m = press(t, m, sc.keys...)
				state := m.State()
				for range sizes {
					w, h := stormSize(rnd)
					m = send(t, m, tea.WindowSizeMsg{Width: w, Height: h})
					stormFits(t, m, w, h, sc.name)
				}
				// Back to a usable size, the screen is the one we left.
				m = send(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
				if m.State() != state {
					t.Errorf("after the storm the wizard shows %s, not %s", m.State(), state)
				}
				stormFits(t, m, 80, 24, sc.name+" after the storm")
			})
		}
	}
}

// TestResizeStormRandomWalk mixes random keys and random sizes: whatever
// a person does while the window is dragged about, every frame fits. A key
// that ends the wizard starts a new one.
func TestResizeStormRandomWalk(t *testing.T) {
	steps := 1500
	if testing.Short() {
		steps = 300
	}
	keys := []string{"enter", "enter", "enter", "up", "down", "down", "left", "right", "esc", "space", "tab", "shift+tab",
		"1", "2", "3", "4", "5", "6", "?", "pgdown", "e", "m", "n", "r", "d", "z", "q"}
	rnd := rand.New(rand.NewPCG(7, 2026))
	m := newTestModel(t, testOptions(t))
	w, h := 80, 24
	seen := map[string]bool{}
	for i := range steps {
		if rnd.IntN(3) == 0 {
			w, h = stormSize(rnd)
			m = send(t, m, tea.WindowSizeMsg{Width: w, Height: h})
		} else {
			k := keys[rnd.IntN(len(keys))]
			next, ok := quits(t, m, k)
			if ok {
				m = newTestModel(t, testOptions(t))
				m = send(t, m, tea.WindowSizeMsg{Width: w, Height: h})
			} else {
				m = send(t, next, tea.WindowSizeMsg{Width: w, Height: h})
			}
		}
		seen[m.State()] = true
		stormFits(t, m, w, h, fmt.Sprintf("step %d (%s)", i, m.State()))
		if t.Failed() {
			return
		}
	}
	t.Logf("%d steps; screens seen: %v", steps, seen)
}
