package tui

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/conduite/conduite/internal/resume"
	"github.com/conduite/conduite/questionnaire"
)

func TestTooSmallTerminal(t *testing.T) {
	m := newTestModel(t, testOptions(t))
	m = press(t, m, "enter", "enter")
	m = send(t, m, tea.WindowSizeMsg{Width: 50, Height: 12})
	if m.State() != "too-small" {
		t.Fatalf("state %s", m.State())
	}
	s := screenText(m)
	mustContain(t, s, "agrandissez la fenêtre (min. 60×20)", "taille actuelle : 50×12")
	for i, l := range strings.Split(s, "\n") {
		if w := lipgloss.Width(l); w > 50 {
			t.Errorf("line %d is %d wide in a 50-column terminal: %q", i, w, l)
		}
	}
	if n := strings.Count(s, "\n") + 1; n > 12 {
		t.Errorf("%d lines in a 12-line terminal", n)
	}
	m = press(t, m, "enter", "2") // ignored while too small
	m = send(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	if m.State() != "question" || m.run.Focus() != "usage" || m.run.Answers().Has("usage") {
		t.Errorf("after growing back: state %s current %q answers %v", m.State(), m.run.Focus(), m.run.Answers().IDs())
	}
}

// Every screen fits its terminal: no line wider, no more lines, and the
// quit key always visible in the help line.
func TestEveryScreenFits(t *testing.T) {
	for _, size := range [][2]int{{60, 20}, {80, 24}, {120, 40}} {
		for _, lang := range []questionnaire.Lang{questionnaire.FR, questionnaire.EN} {
			o := testOptions(t)
			o.Lang = lang
			m := New(o)
			m = send(t, m, tea.WindowSizeMsg{Width: size[0], Height: size[1]})
			check := func(name string) {
				t.Helper()
				s := screenText(m)
				lines := strings.Split(s, "\n")
				if len(lines) > size[1] {
					t.Errorf("%v %s %s: %d lines", size, lang, name, len(lines))
				}
				for i, l := range lines {
					if w := lipgloss.Width(l); w > size[0] {
						t.Errorf("%v %s %s: line %d is %d wide: %q", size, lang, name, i, w, l)
					}
				}
				last := strings.Join(lines[max(0, len(lines)-4):], "\n")
				if !strings.Contains(last, "quit") && !strings.Contains(last, "ctrl+c") {
					t.Errorf("%v %s %s: no quit key in the help %q", size, lang, name, last)
				}
			}
			check("welcome")
			m = press(t, m, "enter")
			check("tool")
			for i, k := range discordKeys[1:] {
				m = press(t, m, k)
				if k == "enter" || k == "?" {
					check("step " + discordKeys[i])
				}
			}
			m = press(t, m, "?")
			check("review help")
			m = press(t, m, "?", "enter")
			check("result")
			m = press(t, m, "pgdown", "pgdown")
			check("result scrolled")
		}
	}
}

func TestResizeRewrapsTheReport(t *testing.T) {
	m := newTestModel(t, testOptions(t))
	m = press(t, m, discordKeys...)
	m = press(t, m, "enter")
	if !resultOf(m).report.ready {
		t.Fatal("the report is not rendered after its commands ran")
	}
	widest := func(s string) int {
		w := 0
		for _, l := range strings.Split(s, "\n") {
			w = max(w, lipgloss.Width(l))
		}
		return w
	}
	at80 := widest(resultOf(m).report.body)
	m = send(t, m, tea.WindowSizeMsg{Width: 120, Height: 40})
	if !resultOf(m).report.ready {
		t.Fatal("not rendered again after the resize")
	}
	at120 := widest(resultOf(m).report.body)
	if at80 > 78 || at120 <= at80 || at120 > 118 {
		t.Errorf("report widths: %d at 80 columns, %d at 120", at80, at120)
	}
	// Back to 80: from the cache, at once (no command needed).
	next, cmd := m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m = next.(Model)
	if !resultOf(m).report.ready || cmd != nil {
		t.Errorf("going back to a known size should come from the cache (ready %v, cmd %v)", resultOf(m).report.ready, cmd != nil)
	}
	if w := widest(resultOf(m).report.body); w != at80 {
		t.Errorf("cached width %d, want %d", w, at80)
	}
}

func TestStaleRenderIsDropped(t *testing.T) {
	m := newTestModel(t, testOptions(t))
	m = press(t, m, discordKeys...)
	next, cmd := m.Update(keyMsg("enter"))
	m = next.(Model)
	stale := runCmd(cmd)
	m = send(t, m, tea.WindowSizeMsg{Width: 100, Height: 30})
	before := resultOf(m).report.body
	for _, msg := range stale {
		m = send(t, m, msg)
	}
	if resultOf(m).report.body != before {
		t.Error("a render for the old width replaced the new one")
	}
}

func TestBackgroundColourSwitchesTheme(t *testing.T) {
	o := testOptions(t)
	o.Theme, o.FixedTheme = ThemeDark, false
	m := New(o)
	if m.Init() == nil {
		t.Fatal("Init should ask for the background colour")
	}
	m = send(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	m = send(t, m, tea.BackgroundColorMsg{Color: lipgloss.Color("#FFFFFF")})
	if m.styles.Theme != ThemeLight {
		t.Errorf("theme %v after a white background", m.styles.Theme)
	}
	m = send(t, m, tea.BackgroundColorMsg{Color: lipgloss.Color("#000000")})
	if m.styles.Theme != ThemeDark {
		t.Errorf("theme %v after a black background", m.styles.Theme)
	}
	o.Theme = ThemeNoColor // NO_COLOR: the background changes nothing
	m = newTestModel(t, o)
	m = send(t, m, tea.BackgroundColorMsg{Color: lipgloss.Color("#FFFFFF")})
	if m.styles.Theme != ThemeNoColor {
		t.Errorf("NO_COLOR theme changed to %v", m.styles.Theme)
	}
}

func TestVerdictNeverByColourAlone(t *testing.T) {
	for _, th := range []Theme{ThemeDark, ThemeLight, ThemeNoColor} {
		o := testOptions(t)
		o.Theme = th
		m := newTestModel(t, o)
		m = press(t, m, discordKeys...)
		m = press(t, m, "enter")
		// At 80×24 the risk picture is folded: symbols and counts. Open,
		// at 80 columns it is compact: marks and symbols, and a legend
		// that gives each symbol its word.
		mustContain(t, screenText(m), "✖  À PROSCRIRE", "✖ 3 · ▲ 3 · ◆ 2")
		m = press(t, m, "c")
		mustContain(t, screenText(m), "Contrat           ▰▰▰▰ ✖", "▰▰▱▱ ◆", "✖ À proscrire · ▲ Déconseillé")
		m = send(t, m, tea.WindowSizeMsg{Width: 120, Height: 40})
		mustContain(t, screenText(m), "▰▰▰▰ ✖ À proscrire", "▰▰▱▱ ◆ Possible sous conditions")
	}
}

func TestContentLoadedInTheBackground(t *testing.T) {
	c := testContent(t)
	o := testOptions(t)
	o.Content = nil
	o.Load = func() (*questionnaire.Content, error) { return c, nil }
	m := New(o)
	m = send(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	if s := strings.TrimSpace(screenText(m)); s != "" {
		t.Errorf("before the content (and its texts), the screen is empty; got\n%s", s)
	}
	next, _ := m.Update(keyMsg("enter")) // before the content: kept for later
	m = next.(Model)
	if m.kind() != stateWelcome || m.pending == nil {
		t.Fatalf("state %v pending %v", m.kind(), m.pending)
	}
	msgs := runCmd(m.Init())
	if len(msgs) != 1 {
		t.Fatalf("Init's commands gave %d messages (%v); want the content's alone", len(msgs), msgs)
	}
	m = send(t, m, msgs[0])
	if m.kind() != stateTool {
		t.Errorf("after loading the start happens: state %v", m.kind())
	}
}

func TestResumeOffered(t *testing.T) {
	c := testContent(t)
	dir := t.TempDir()
	store := resume.New(dir)
	a := questionnaire.NewAnswers(map[string][]string{"outil": {"discord"}, "usage": {"classe_virtuelle"}, "audience": {"eleves"}})
	if err := store.Save(1, a); err != nil {
		t.Fatal(err)
	}
	o := testOptions(t)
	o.Store = resume.New(dir)
	m := newTestModel(t, o)
	mustContain(t, screenText(m), "Reprendre la session enregistrée (3 réponses")
	m = press(t, m, "down", "enter")
	if m.run.Focus() != "niveau" || m.run.Answers().Get("usage") != "classe_virtuelle" {
		t.Fatalf("resumed at %q with %v", m.run.Focus(), m.run.Answers().IDs())
	}
	// Each step saves.
	m = press(t, m, "3", "enter", "4", "enter") // niveau college_4e_3e, mineurs oui_moins_15
	got, err := resume.New(dir).Load(c)
	if err != nil || got.Answers.Get("mineurs") != "oui_moins_15" {
		t.Fatalf("saved session: %v, %v", got, err)
	}
	// The result ends the run: the file goes.
	m = answerRest(t, press(t, m, "2", "enter"))
	m = press(t, m, "enter")
	if m.kind() != stateResult {
		t.Fatalf("state %v", m.kind())
	}
	if _, err := os.Stat(filepath.Join(dir, resume.FileName)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the resume file outlived the result: %v", err)
	}
}

func TestResumeDiscardedAndCorrupt(t *testing.T) {
	dir := t.TempDir()
	if err := resume.New(dir).Save(1, questionnaire.NewAnswers(map[string][]string{"usage": {"visio"}})); err != nil {
		t.Fatal(err)
	}
	o := testOptions(t)
	o.Store = resume.New(dir)
	m := newTestModel(t, o)
	m = press(t, m, "down", "down", "enter") // « effacer la session »
	mustContain(t, screenText(m), "Session enregistrée effacée.")
	if strings.Contains(screenText(m), "Reprendre") {
		t.Error("resume still offered after discarding")
	}
	if _, err := os.Stat(filepath.Join(dir, resume.FileName)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("discarded file still there: %v", err)
	}

	if err := os.WriteFile(filepath.Join(dir, resume.FileName), []byte("usage: [nope\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	m = newTestModel(t, o)
	mustContain(t, screenText(m), "illisible", ".corrupt")
	if m.save.session != nil {
		t.Error("a corrupt session is offered")
	}
}

func TestSaveFailureIsShownAndNothingLost(t *testing.T) {
	o := testOptions(t)
	o.Store = failingStore{}
	m := newTestModel(t, o)
	m = press(t, m, "enter", "enter", "1", "enter")
	mustContain(t, screenText(m), "Enregistrement de la session impossible")
	if m.run.Answers().Get("usage") != "messagerie" {
		t.Error("the answer was lost")
	}
}

type failingStore struct{}

func (failingStore) Load(*questionnaire.Content) (*resume.Session, error) { return nil, nil }
func (failingStore) Save(int, questionnaire.Answers) error                { return errors.New("disque plein") }
func (failingStore) Discard(int) error                                    { return nil }

func TestExportWritesAndConfirmsOverwrite(t *testing.T) {
	o := testOptions(t)
	m := newTestModel(t, o)
	m = press(t, m, discordKeys...)
	m = press(t, m, "enter", "e")
	if !resultOf(m).export.active {
		t.Fatal("e did not open the export prompt")
	}
	name := resultOf(m).export.input.Value()
	if name != "conduite-discord-2026-11-23.html" {
		t.Errorf("proposed name %q", name)
	}
	m = press(t, m, "enter")
	path := filepath.Join(o.Dir, name)
	data, err := os.ReadFile(path)
	if err != nil || !strings.Contains(string(data), "proscrire") {
		t.Fatalf("export: %v", err)
	}
	mustContain(t, screenText(m), "Rapport enregistré")
	// Again: the file exists, a yes is needed.
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	m = press(t, m, "e", "enter")
	mustContain(t, screenText(m), "existe déjà. Le remplacer ?")
	m = press(t, m, "n")
	if data, _ := os.ReadFile(path); string(data) != "old" {
		t.Error("the file was replaced after no")
	}
	// No leads back to the report, not to the name, so that the next q
	// quits instead of being typed into it; e proposes the name again.
	if resultOf(m).export.active {
		t.Error("no left the export prompt open")
	}
	mustContain(t, screenText(m), "gardé tel quel", "rien n'a été écrit")
	if _, q := quits(t, m, "q"); !q {
		t.Error("q after no did not quit")
	}
	m = press(t, m, "e", "enter", "y")
	if data, _ := os.ReadFile(path); !strings.Contains(string(data), "proscrire") {
		t.Error("the file was not replaced after yes")
	}
	// Markdown by its extension.
	m = press(t, m, "e")
	m = edit(m, func(r *resultModel) { r.export.input.SetValue("rapport.md") })
	m = press(t, m, "enter")
	if data, err := os.ReadFile(filepath.Join(o.Dir, "rapport.md")); err != nil || !strings.HasPrefix(string(data), "# ") {
		t.Errorf("markdown export: %v %.20q", err, data)
	}
	// A bad extension is reported, nothing lost.
	m = press(t, m, "e")
	m = edit(m, func(r *resultModel) { r.export.input.SetValue("rapport.docx") })
	m = press(t, m, "enter")
	mustContain(t, screenText(m), "Export impossible")
	if m.kind() != stateResult {
		t.Error("a failed export left the result")
	}
}

func TestEnglish(t *testing.T) {
	o := testOptions(t)
	o.Lang = questionnaire.EN
	m := newTestModel(t, o)
	mustContain(t, screenText(m), "Start", "Nothing leaves this computer", "q quit")
	m = press(t, m, discordKeys...)
	m = press(t, m, "enter")
	mustContain(t, screenText(m), "✖  MUST NOT BE USED", "The risk, criterion by criterion")
}

func TestStateNames(t *testing.T) {
	for s := stateWelcome; s <= stateTooSmall; s++ {
		if s.String() == "" {
			t.Errorf("state %d has no name", s)
		}
	}
}

// The styles are built with the content, not before Bubble Tea starts: the
// screen is empty until then. Whatever came before it (presentation mode,
// the terminal's background) is what they are built for.
func TestStylesBuiltWithTheContent(t *testing.T) {
	c := testContent(t)
	for _, tc := range []struct {
		name    string
		present bool
		before  []tea.Msg
		want    Theme
	}{
		{"dark", false, nil, ThemeDark},
		{"presentation", true, nil, ThemeDark},
		{"light background first", false, []tea.Msg{tea.BackgroundColorMsg{Color: lipgloss.Color("#FFFFFF")}}, ThemeLight},
		{"presentation, light background first", true, []tea.Msg{tea.BackgroundColorMsg{Color: lipgloss.Color("#FFFFFF")}}, ThemeLight},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := testOptions(t)
			o.Content, o.Theme, o.FixedTheme, o.Presentation = nil, ThemeDark, false, tc.present
			o.Load = func() (*questionnaire.Content, error) { return c, nil }
			m := New(o)
			if m.styles.built {
				t.Fatal("New built the styles before the content")
			}
			m = send(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
			for _, msg := range tc.before {
				m = send(t, m, msg)
			}
			m = send(t, m, contentMsg{c: c})
			want := NewStyles(tc.want)
			if tc.present {
				want = NewPresentationStyles(tc.want)
			}
			if !m.styles.built || m.styles.Theme != tc.want || m.styles.Present != tc.present || m.styles.MarginX != want.MarginX {
				t.Fatalf("styles after the content: built %v, theme %v, presentation %v, margin %d; want theme %v, presentation %v, margin %d",
					m.styles.built, m.styles.Theme, m.styles.Present, m.styles.MarginX, tc.want, tc.present, want.MarginX)
			}
			if got := m.styles.Brand.GetForeground(); got != want.Brand.GetForeground() {
				t.Errorf("brand colour %v; want the theme's %v", got, want.Brand.GetForeground())
			}
			mustContain(t, screenText(m), "Commencer")
		})
	}
}
