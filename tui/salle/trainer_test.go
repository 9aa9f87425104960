package salle

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/conduite/conduite/assets"
	"github.com/conduite/conduite/export"
	"github.com/conduite/conduite/questionnaire"
	room "github.com/conduite/conduite/salle"
	"github.com/conduite/conduite/tui"
)

// fakeRoom is a room with fixed counts: the steps of the real room for the
// case, the phase and the tally set by the test; the trainer's actions are
// recorded.
type fakeRoom struct {
	mu      sync.Mutex
	snap    room.Snapshot
	actions []string
	ch      chan room.Snapshot
}

func newFakeRoom(t *testing.T, c *questionnaire.Content, k *questionnaire.Case) *fakeRoom {
	t.Helper()
	r, err := room.New(room.Config{Content: c, Case: k, Code: "4821", Max: 200})
	if err != nil {
		t.Fatal(err)
	}
	s := r.Snapshot()
	s.Participants = 3
	return &fakeRoom{snap: s, ch: make(chan room.Snapshot, 1)}
}

func (f *fakeRoom) Snapshot() room.Snapshot {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.snap
}

func (f *fakeRoom) Subscribe() (<-chan room.Snapshot, func()) { return f.ch, func() {} }

func (f *fakeRoom) did(a string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.actions = append(f.actions, a)
	return nil
}

func (f *fakeRoom) OpenVote(step int) error { return f.did(fmt.Sprintf("open %d", step)) }
func (f *fakeRoom) CloseVote() error        { return f.did("close") }
func (f *fakeRoom) Reveal() error           { return f.did("reveal") }
func (f *fakeRoom) AddWhatIf(q, v string) (int, error) {
	return len(f.snap.Steps), f.did("whatif " + q + "=" + v)
}

// fakeServer is a server that listens nowhere.
type fakeServer struct{ down bool }

func (s *fakeServer) SSHAddr() net.Addr  { return &net.TCPAddr{IP: net.IPv4zero, Port: 2323} }
func (s *fakeServer) HTTPAddr() net.Addr { return &net.TCPAddr{IP: net.IPv4zero, Port: 8023} }
func (s *fakeServer) URL(host string) string {
	return "http://" + net.JoinHostPort(host, "8023") + "/?code=4821"
}
func (s *fakeServer) Shutdown(context.Context) error { s.down = true; return nil }

func content(t *testing.T) *questionnaire.Content {
	t.Helper()
	c, err := questionnaire.Load(assets.FS)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// open returns the trainer on the Discord case, its room opened on the
// fake, at w×h.
func open(t *testing.T, lang questionnaire.Lang, w, h int) (Trainer, *fakeRoom, *fakeServer) {
	t.Helper()
	c := content(t)
	k, ok := c.Cases.Get("discord-classe")
	if !ok {
		t.Fatal("no case discord-classe")
	}
	fr, srv := newFakeRoom(t, c, k), &fakeServer{}
	m := NewTrainer(Options{Content: c, Lang: lang, Theme: tui.ThemeDark, Case: k.ID, Hosts: []string{"192.168.1.20", "10.0.0.7"},
		Start: func(*questionnaire.Case) (Room, Server, error) { return fr, srv, nil }, Dir: t.TempDir()})
	m = update(t, m, tea.WindowSizeMsg{Width: w, Height: h})
	m = update(t, m, m.startCmd()())
	return m, fr, srv
}

func update(t *testing.T, m Trainer, msg tea.Msg) Trainer {
	t.Helper()
	next, _ := m.Update(msg)
	return next.(Trainer)
}

// press sends a key and runs the command it returns (one level: an action
// on the room, an export), feeding its message back.
func press(t *testing.T, m Trainer, k string) Trainer {
	t.Helper()
	next, cmd := m.Update(keyPress(k))
	m = next.(Trainer)
	if cmd != nil {
		if msg := cmd(); msg != nil {
			if _, quit := msg.(tea.QuitMsg); !quit {
				m = update(t, m, msg)
			}
		}
	}
	return m
}

func keyPress(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "ctrl+c":
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

// at puts the fake room on step i in phase p with tally and voters, and
// tells the trainer.
func at(t *testing.T, m Trainer, fr *fakeRoom, i int, p room.Phase, tally map[string]int, voters int) Trainer {
	t.Helper()
	fr.mu.Lock()
	fr.snap.Current, fr.snap.Phase, fr.snap.Tally, fr.snap.Voters = i, p, tally, voters
	fr.snap.Version++
	s := fr.snap
	fr.mu.Unlock()
	return update(t, m, snapMsg{snap: s})
}

func screen(m Trainer) string {
	lines := strings.Split(ansi.Strip(m.View().Content), "\n")
	for i := range lines {
		lines[i] = strings.TrimRight(lines[i], " ")
	}
	return strings.Join(lines, "\n") + "\n"
}

func stepIndex(t *testing.T, s room.Snapshot, kind room.StepKind, q string) int {
	t.Helper()
	for i, st := range s.Steps {
		if st.Kind == kind && (q == "" || st.Question == q) {
			return i
		}
	}
	t.Fatalf("no step %v %q", kind, q)
	return -1
}

// The goldens (testdata/TestTrainerGoldens): the join panel, an open vote
// with its bars, the verdict's reveal, at 80×24 and 120×40, in French and
// English; text without colour. Refresh with
// `go test ./tui/salle -run TestTrainerGoldens -update`, then read them.
func TestTrainerGoldens(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		for _, lang := range []questionnaire.Lang{questionnaire.FR, questionnaire.EN} {
			name := fmt.Sprintf("%dx%d-%s", size[0], size[1], lang)
			t.Run("join-"+name, func(t *testing.T) {
				m, _, _ := open(t, lang, size[0], size[1])
				golden.RequireEqual(t, screen(m))
			})
			t.Run("vote-"+name, func(t *testing.T) {
				m, fr, _ := open(t, lang, size[0], size[1])
				i := stepIndex(t, fr.snap, room.QuestionStep, "usage")
				m = at(t, m, fr, i, room.Voting, map[string]int{"classe_virtuelle": 2, "visio": 1}, 3)
				golden.RequireEqual(t, screen(m))
			})
			t.Run("reveal-"+name, func(t *testing.T) {
				m, fr, _ := open(t, lang, size[0], size[1])
				i := stepIndex(t, fr.snap, room.VerdictStep, "")
				m = at(t, m, fr, i, room.Revealed, map[string]int{"proscrit": 2, "deconseille": 1}, 3)
				golden.RequireEqual(t, screen(m))
			})
		}
	}
}

// Enter moves the room on, one action at a time, as the help says.
func TestTrainerFlow(t *testing.T) {
	m, fr, srv := open(t, questionnaire.FR, 120, 40)
	if s := screen(m); !strings.Contains(s, "ssh -p 2323 4821@192.168.1.20") || !strings.Contains(s, "ssh -p 2323 4821@10.0.0.7") {
		t.Fatalf("the join panel lacks the ssh lines:\n%s", s)
	}
	if s := screen(m); !strings.Contains(s, "http://192.168.1.20:8023/?code=4821") || !strings.Contains(s, "█") {
		t.Fatalf("the join panel lacks the URL or the QR code:\n%s", s)
	}
	m = press(t, m, "enter") // the case's story
	if s := screen(m); !strings.Contains(s, "Discord") || strings.Contains(s, "ssh -p") {
		t.Fatalf("enter did not show the case:\n%s", s)
	}
	m = press(t, m, "enter")
	m = at(t, m, fr, 0, room.Voting, map[string]int{}, 0)
	m = press(t, m, "enter")
	m = at(t, m, fr, 0, room.Closed, map[string]int{}, 0)
	m = press(t, m, "space")
	m = at(t, m, fr, 0, room.Revealed, map[string]int{}, 0)
	m = press(t, m, "enter")
	want := []string{"open 0", "close", "reveal", "open 1"}
	if fmt.Sprint(fr.actions) != fmt.Sprint(want) {
		t.Fatalf("actions %v, want %v", fr.actions, want)
	}
	// q asks first; n keeps the room open; q then o closes it.
	m = press(t, m, "q")
	if s := screen(m); !strings.Contains(s, "Fermer la salle ?") {
		t.Fatalf("q did not ask:\n%s", s)
	}
	m = press(t, m, "n")
	if srv.down || m.confirm {
		t.Fatal("n closed the room")
	}
	m = press(t, m, "q")
	_, cmd := m.Update(keyPress("o"))
	if cmd == nil {
		t.Fatal("yes gave no command")
	}
	if _, ok := cmd().(closedMsg); !ok || !srv.down {
		t.Fatal("yes did not shut the server down")
	}
}

// The tally's bars say the counts and the shares, never who.
func TestTrainerBars(t *testing.T) {
	m, fr, _ := open(t, questionnaire.EN, 120, 40)
	i := stepIndex(t, fr.snap, room.VerdictStep, "")
	m = at(t, m, fr, i, room.Voting, map[string]int{"proscrit": 3, "recommande": 1}, 4)
	s := screen(m)
	for _, want := range []string{"  3   75%", "  1   25%", "  0    0%", "Votes: 4 of 3 participants"} {
		if !strings.Contains(s, want) {
			t.Errorf("the screen lacks %q:\n%s", want, s)
		}
	}
}

// « et si ? » after the verdict: a question, a value, and the vote opens
// on the new step.
func TestTrainerWhatIf(t *testing.T) {
	m, fr, _ := open(t, questionnaire.FR, 120, 40)
	i := stepIndex(t, fr.snap, room.VerdictStep, "")
	m = at(t, m, fr, i, room.Revealed, map[string]int{"proscrit": 3}, 3)
	m = press(t, m, "s")
	if s := screen(m); !strings.Contains(s, "Quelle réponse du cas changer") {
		t.Fatalf("s did not open « et si ? »:\n%s", s)
	}
	m = press(t, m, "enter")
	m = press(t, m, "enter")
	n := len(fr.snap.Steps)
	if len(fr.actions) != 2 || !strings.HasPrefix(fr.actions[0], "whatif ") || fr.actions[1] != fmt.Sprintf("open %d", n) {
		t.Fatalf("actions %v", fr.actions)
	}
	_ = m
}

// e writes the tally, counts only, atomically; an existing file is kept
// unless the trainer says yes; an unknown extension is refused.
func TestTrainerExport(t *testing.T) {
	m, fr, _ := open(t, questionnaire.FR, 120, 40)
	i := stepIndex(t, fr.snap, room.VerdictStep, "")
	m = at(t, m, fr, i, room.Revealed, map[string]int{"proscrit": 2, "deconseille": 1}, 3)
	m = press(t, m, "e")
	m = press(t, m, "enter")
	path := filepath.Join(m.o.Dir, "salle-discord-classe.md")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("no export: %v\n%s", err, screen(m))
	}
	for _, want := range []string{"| **✖ À proscrire** ← | 2 | 67 % |", "| ▲ Déconseillé | 1 | 33 % |", "3 votants"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("the export lacks %q:\n%s", want, data)
		}
	}
	m = press(t, m, "e")
	m = press(t, m, "enter")
	if m.export.confirm == "" {
		t.Fatal("an existing file was not asked about")
	}
	m = press(t, m, "n")
	m = press(t, m, "e")
	for range len("salle-discord-classe.md") {
		m = press(t, m, "\x7f")
		next, _ := m.Update(tea.KeyPressMsg{Code: tea.KeyBackspace})
		m = next.(Trainer)
	}
	for _, r := range "x.html" {
		m = press(t, m, string(r))
	}
	m = press(t, m, "enter")
	page, err := os.ReadFile(filepath.Join(m.o.Dir, "x.html"))
	if err != nil || !strings.Contains(string(page), "<td class=\"n\">2</td>") || strings.Contains(string(page), "<script") {
		t.Fatalf("html export: %v\n%s", err, page)
	}
	m.o.Write = func(string, []byte, bool) error { return errors.New("unused") }
	cmd := m.writeCmd(filepath.Join(m.o.Dir, "x.txt"), false)
	if res := cmd().(exportedMsg); res.err == nil {
		t.Fatal("a .txt export was accepted")
	}
	_ = export.ErrExists
}

// Without a case the trainer picks one; the room opens only then, on the
// case picked.
func TestTrainerPicker(t *testing.T) {
	c := content(t)
	var started *questionnaire.Case
	var fr *fakeRoom
	m := NewTrainer(Options{Content: c, Lang: questionnaire.FR, Theme: tui.ThemeDark,
		Start: func(k *questionnaire.Case) (Room, Server, error) {
			started, fr = k, newFakeRoom(t, c, k)
			return fr, &fakeServer{}, nil
		}})
	m = update(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	if m.stage != stagePick || m.room != nil {
		t.Fatal("the room opens before a case is picked")
	}
	if s := screen(m); !strings.Contains(s, "Quel cas faire voter ?") || !strings.Contains(s, "Rien n'écoute encore") || !strings.Contains(s, "q quitter") {
		t.Fatalf("not the picker:\n%s", s)
	}
	m = press(t, m, "down")
	m = press(t, m, "enter")
	if started == nil || started.ID != c.Cases.List[1].ID {
		t.Fatalf("started on %v, want %s", started, c.Cases.List[1].ID)
	}
	if s := screen(m); !strings.Contains(s, "Rejoindre la salle") || !strings.Contains(s, "q fermer la salle") {
		t.Fatalf("no join panel after the pick:\n%s", s)
	}
}

// A room that cannot open (a port taken) says why; q then quits at once.
func TestTrainerStartFails(t *testing.T) {
	c := content(t)
	m := NewTrainer(Options{Content: c, Lang: questionnaire.EN, Case: "discord-classe",
		Start: func(*questionnaire.Case) (Room, Server, error) { return nil, nil, room.ErrConfig }})
	m = update(t, m, m.startCmd()())
	if s := screen(m); !strings.Contains(s, "The room could not open") {
		t.Fatalf("no failure on screen:\n%s", s)
	}
	if _, cmd := m.Update(keyPress("q")); cmd == nil {
		t.Fatal("q does not quit a room that never opened")
	} else if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Fatal("q does not quit a room that never opened")
	}
}

// The styles follow the terminal's background when it answers; the
// screen starts on the given theme.
func TestTrainerBackground(t *testing.T) {
	m, _, _ := open(t, questionnaire.FR, 80, 24)
	if m.st.Theme != tui.ThemeDark {
		t.Fatalf("starts on %v", m.st.Theme)
	}
	m = update(t, m, tea.BackgroundColorMsg{Color: color.White})
	if m.st.Theme != tui.ThemeLight || !m.st.Present {
		t.Fatalf("a light background gave %v (presentation %v)", m.st.Theme, m.st.Present)
	}
	m.o.FixedTheme = true
	m = update(t, m, tea.BackgroundColorMsg{Color: color.Black})
	if m.st.Theme != tui.ThemeLight {
		t.Fatal("a fixed theme followed the terminal")
	}
}

// An « et si ? » put to the vote, then revealed: the verdict of the case
// with the answer changed (a contract signed by the institution takes
// Discord from « À proscrire » to « Déconseillé »).
func TestTrainerWhatIfReveal(t *testing.T) {
	m, fr, _ := open(t, questionnaire.FR, 80, 24)
	c := m.o.Content
	r, err := room.New(room.Config{Content: c, Case: m.kase, Code: "4821", Max: 10})
	if err != nil {
		t.Fatal(err)
	}
	i, err := r.AddWhatIf("contrat", "oui")
	if err != nil {
		t.Fatal(err)
	}
	fr.snap.Steps = r.Snapshot().Steps
	m = at(t, m, fr, i, room.Revealed, map[string]int{"proscrit": 1, "deconseille": 2}, 3)
	s := screen(m)
	for _, want := range []string{"Et si ?", "Et si « Contrat » était", "DÉCONSEILLÉ", "67 % de la salle l'a trouvé (2 sur 3)"} {
		if !strings.Contains(s, want) {
			t.Errorf("the « et si ? » reveal lacks %q:\n%s", want, s)
		}
	}
}
