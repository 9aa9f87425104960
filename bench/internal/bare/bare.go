// Package bare is the smallest useful Bubble Tea v2 program: a list of three
// choices whose cursor moves with up/down. bench/cmd/bareprog runs it alone
// (the reference that validates the termbench harness) and
// bench/cmd/floorprog runs it with Glamour v2 linked in (the floor of
// conduite's own start-up: the same packages initialised before main).
//
// Its screen ends with "choice: N" (the 1-based cursor position) and
// "size: WxH" (the last window size it was told), which are the markers a
// benchmark waits for.
package bare

import (
	"flag"
	"fmt"
	"os"
	"strings"

	tea "charm.land/bubbletea/v2"
)

var choices = []string{"one", "two", "three"}

type model struct {
	cursor        int
	width, height int
	extra         func(width int) string // the m key's text (Main's extra); nil: none
	shown         string
}

func (m model) Init() tea.Cmd { return nil }

func (m model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
	case tea.KeyPressMsg:
		switch msg.String() {
		case "up", "k":
			m.cursor = (m.cursor + len(choices) - 1) % len(choices)
		case "down", "j":
			m.cursor = (m.cursor + 1) % len(choices)
		case "m":
			if m.extra != nil {
				m.shown = m.extra(m.width)
			}
		case "q", "ctrl+c":
			return m, tea.Quit
		}
	}
	return m, nil
}

func (m model) View() tea.View {
	var b strings.Builder
	b.WriteString("Pick one:\n\n")
	for i, c := range choices {
		mark := "  "
		if i == m.cursor {
			mark = "> "
		}
		b.WriteString(mark + c + "\n")
	}
	fmt.Fprintf(&b, "\nchoice: %d\nsize: %dx%d\n", m.cursor+1, m.width, m.height)
	b.WriteString(m.shown)
	v := tea.NewView(b.String())
	v.AltScreen = true
	return v
}

// Main parses the flags (-fps) and runs the program; name prefixes its
// error. extra, if not nil, is what the m key shows under the list: a
// program's code that the first frame never runs but that is linked, so
// that its packages are initialised before main as they would be in use.
func Main(name string, extra func(width int) string) {
	fps := flag.Int("fps", 60, "maximum frames per second of the renderer (Bubble Tea caps it at 120)")
	flag.Parse()
	if _, err := tea.NewProgram(model{extra: extra}, tea.WithFPS(*fps)).Run(); err != nil {
		fmt.Fprintln(os.Stderr, name+":", err)
		os.Exit(1)
	}
}
