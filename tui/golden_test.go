package tui

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/vt"

	"github.com/conduite/conduite/questionnaire"
)

// The golden files hold each screen as a terminal shows it: the program
// runs under teatest (fixed size, colour profile pinned to Ascii, fixed
// date), its output goes through a terminal emulator, and the emulated
// screen's text is compared with testdata/TestGoldenScreens/*.golden.
// Refresh them with `go test ./tui -run TestGoldenScreens -update`, then
// read every changed file.

type goldenScreen struct {
	name string
	keys []string
	// marker is a text only the awaited screen shows, per language.
	marker map[questionnaire.Lang]string
}

func goldenScreens() []goldenScreen {
	fr, en := questionnaire.FR, questionnaire.EN
	return []goldenScreen{
		{"welcome", nil, map[questionnaire.Lang]string{fr: "Référentiel : Éducation", en: "Frame of reference: French"}},
		{"tool", []string{"enter"}, map[questionnaire.Lang]string{fr: "Rechercher", en: "Search"}},
		// The filter ranks the name people type first: « drive » is the
		// personal Google Drive, before Microsoft 365 (« onedrive »).
		{"tool-filter-drive", []string{"enter", "d", "r", "i", "v", "e"}, map[questionnaire.Lang]string{fr: "Rechercher : drive", en: "Search: drive"}},
		// A tool outside the catalog: the cursor on « Je ne sais pas », nothing chosen.
		{"question-unknown-tool", []string{"enter", "K", "l", "a", "s", "s", "r", "o", "o", "m", "z", "z", "enter", "enter"}, map[questionnaire.Lang]string{fr: "Pour quel usage", en: "What is it for"}},
		{"question-catalog", discordKeys[:23], map[questionnaire.Lang]string{fr: "Quel cadre contractuel", en: "What contract covers it"}},
		{"question-multi-why", append(append([]string{}, discordKeys[:21]...), "?"), map[questionnaire.Lang]string{fr: "Pourquoi cette question", en: "Why this question"}},
		{"review", discordKeys, map[questionnaire.Lang]string{fr: "Voir la recommandation", en: "See the recommendation"}},
		{"result", append(append([]string{}, discordKeys...), "enter"), map[questionnaire.Lang]string{fr: "• ✖", en: "• ✖"}},
		{"quit-confirm", append(append([]string{}, discordKeys[:12]...), "q"), map[questionnaire.Lang]string{fr: "Quitter conduite ?", en: "Quit conduite?"}},
		// « Et si ? » on the Discord result: the contract becomes « fourni par
		// l'institution » (the verdict moves), or the device professional
		// (it stays); rules are named by their titles, wrapped, never cut.
		// The marker is the report's, rendered after the change (the « et si ? »
		// block shows at once, the report a moment later).
		{"whatif-changed", whatIfKeys(7), map[questionnaire.Lang]string{fr: "• ▲", en: "• ▲"}},
		{"whatif-same", whatIfKeys(11), map[questionnaire.Lang]string{fr: "• ✖", en: "• ✖"}},
	}
}

// whatIfKeys reach the Discord result, open « et si ? », choose the
// question on line n of the picker and its first answer.
func whatIfKeys(n int) []string {
	keys := append(append([]string{}, discordKeys...), "enter", "s")
	for range n {
		keys = append(keys, "down")
	}
	return append(keys, "enter", "1", "enter")
}

func TestGoldenScreens(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping the golden screens in -short mode")
	}
	for _, sc := range goldenScreens() {
		for _, size := range [][2]int{{80, 24}, {120, 40}} {
			for _, lang := range []questionnaire.Lang{questionnaire.FR, questionnaire.EN} {
				t.Run(fmt.Sprintf("%s-%dx%d-%s", sc.name, size[0], size[1], lang), func(t *testing.T) {
					t.Parallel()
					got := runScreen(t, lang, size[0], size[1], sc.keys, sc.marker[lang])
					golden.RequireEqual(t, got)
				})
			}
		}
	}
	for _, lang := range []questionnaire.Lang{questionnaire.FR, questionnaire.EN} {
		t.Run("too-small-50x15-"+string(lang), func(t *testing.T) {
			t.Parallel()
			marker := map[questionnaire.Lang]string{questionnaire.FR: "agrandissez", questionnaire.EN: "enlarge"}[lang]
			golden.RequireEqual(t, runScreen(t, lang, 50, 15, []string{"enter"}, marker))
		})
	}
}

// runScreen runs the wizard under teatest, types keys, waits for marker on
// the emulated screen and for the screen to settle, and returns its text.
func runScreen(t *testing.T, lang questionnaire.Lang, w, h int, keys []string, marker string) string {
	t.Helper()
	o := testOptions(t)
	o.Lang = lang
	o.Theme = ThemeDark
	return runScreenWith(t, o, w, h, keys, marker)
}

// termScreen feeds a program's output into a terminal emulator.
type termScreen struct {
	mu   sync.Mutex
	emu  *vt.Emulator
	out  io.Reader
	stop chan struct{}
	done chan struct{}
}

func newTermScreen(w, h int, out io.Reader) *termScreen {
	s := &termScreen{emu: vt.NewEmulator(w, h), out: out, stop: make(chan struct{}), done: make(chan struct{})}
	go func() { // the emulator's answers to queries go nowhere
		buf := make([]byte, 256)
		for {
			if _, err := s.emu.Read(buf); err != nil {
				return
			}
		}
	}()
	go func() {
		defer close(s.done)
		buf := make([]byte, 32*1024)
		for {
			select {
			case <-s.stop:
				return
			default:
			}
			n, _ := s.out.Read(buf)
			if n > 0 {
				// A terminal's line discipline turns \n into \r\n (ONLCR);
				// the renderer counts on it.
				chunk := bytes.ReplaceAll(buf[:n], []byte("\n"), []byte("\r\n"))
				s.mu.Lock()
				_, _ = s.emu.Write(chunk)
				s.mu.Unlock()
				continue
			}
			time.Sleep(2 * time.Millisecond)
		}
	}()
	return s
}

func (s *termScreen) text() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	lines := strings.Split(s.emu.String(), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

func (s *termScreen) waitFor(t *testing.T, marker string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if strings.Contains(s.text(), marker) {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("the screen never showed %q:\n%s", marker, s.text())
}

// settle waits until the screen has not changed for a while (renders in
// flight have landed) and returns it. On a loaded machine the report's
// render commands can land more than a quiet period apart: the screen
// counts as settled when two quiet periods in a row end on the same text.
func (s *termScreen) settle() string {
	quiet := func() string {
		last, since := s.text(), time.Now()
		for time.Since(since) < 150*time.Millisecond {
			time.Sleep(10 * time.Millisecond)
			if now := s.text(); now != last {
				last, since = now, time.Now()
			}
		}
		return last
	}
	last := quiet()
	for range 5 {
		again := quiet()
		if again == last {
			break
		}
		last = again
	}
	return last
}

func (s *termScreen) close() {
	close(s.stop)
	<-s.done
	if pw, ok := s.emu.InputPipe().(*io.PipeWriter); ok {
		_ = pw.Close()
	}
}
