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
	{"question, several values", discordKeys[:19]},
	{"quit confirmation", []string{"enter", "d", "i", "s", "enter", "q"}},
	{"review", discordKeys},
	{"review, help", append(append([]string{}, discordKeys...), "?")},
	{"result", append(append([]string{}, discordKeys...), "enter")},
	{"result, scrolled", append(append([]string{}, discordKeys...), "enter", "pgdown", "pgdown", "pgdown")},
	{"result, export", append(append([]string{}, discordKeys...), "enter", "e")},
	{"result, help", append(append([]string{}, discordKeys...), "enter", "?")},
	{"result, change an answer", append(append([]string{}, discordKeys...), "enter", "m")},
	{"result, et si ?", append(append([]string{}, discordKeys...), "enter", "s")},
	{"result, et si ?, changed", append(append([]string{}, discordKeys...), "enter", "s", "enter", "down", "enter")},
	{"result, risk picture", append(append([]string{}, discordKeys...), "enter", "c")},
	{"result, revealed", append(append([]string{}, discordKeys...), "enter", "space")},
	{"case studies", []string{"down", "down", "enter"}},
	{"case study", []string{"down", "down", "enter", "enter"}},
	{"case study, questions", []string{"down", "down", "enter", "enter", "enter"}},
	{"case study, result", []string{"down", "down", "enter", "enter", "enter", "enter", "r"}},
}

func TestResizeStormEveryScreen(t *testing.T) {
	sizes := 40
	if testing.Short() {
		sizes = 8 // and French only: -race -short stays under half a minute
	}
	rnd := rand.New(rand.NewPCG(2026, 7))
	modes := []struct {
		name         string
		lang         questionnaire.Lang
		presentation bool
	}{{"fr", questionnaire.FR, false}, {"en", questionnaire.EN, false}, {"presentation", questionnaire.FR, true}}
	if testing.Short() {
		modes = modes[:1]
	}
	for _, mode := range modes {
		for _, sc := range stormScreens {
			t.Run(fmt.Sprintf("%s/%s", mode.name, sc.name), func(t *testing.T) {
				o := testOptions(t)
				o.Lang, o.Presentation = mode.lang, mode.presentation
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
// a person does while the window is dragged about, every frame fits. The
// walks start on the welcome screen, the review and the result; a key that
// ends the wizard starts a new one at the same place.
func TestResizeStormRandomWalk(t *testing.T) {
	steps := 600
	if testing.Short() {
		steps = 80
	}
	// Enter and space often, so that a walk gets through the questions;
	// every other key of the wizard too.
	keys := []string{"enter", "enter", "enter", "enter", "space", "space",
		"up", "down", "down", "left", "right", "esc", "tab", "shift+tab",
		"1", "2", "3", "4", "5", "6", "?", "pgdown", "e", "m", "n", "r", "d", "z", "q", "s", "u", "c", "g", "G"}
	starts := []struct {
		name string
		keys []string
	}{
		{"welcome", nil},
		{"review", discordKeys},
		{"result", append(append([]string{}, discordKeys...), "enter")},
	}
	for i, start := range starts {
		t.Run(start.name, func(t *testing.T) {
			rnd := rand.New(rand.NewPCG(7, uint64(i)))
			fresh := func(w, h int) Model {
				m := press(t, newTestModel(t, testOptions(t)), start.keys...)
				return send(t, m, tea.WindowSizeMsg{Width: w, Height: h})
			}
			w, h := 80, 24
			m := fresh(w, h)
			seen := map[string]bool{}
			for i := range steps {
				if rnd.IntN(3) == 0 {
					w, h = stormSize(rnd)
					m = send(t, m, tea.WindowSizeMsg{Width: w, Height: h})
				} else {
					k := keys[rnd.IntN(len(keys))]
					if next, quit := quits(t, m, k); quit {
						m = fresh(w, h)
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
		})
	}
}
