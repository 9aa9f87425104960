package tui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/conduite/conduite/internal/resume"
	"github.com/conduite/conduite/questionnaire"
)

// caseOptions are test options opening the wizard on a case study.
func caseOptions(t testing.TB, id string, presentation bool) Options {
	o := testOptions(t)
	o.Case, o.Presentation = id, presentation
	return o
}

// throughCase goes from a case's screen to its review: the story, the
// questions to discuss, then every question kept as the case answers it.
func throughCase(t testing.TB, m Model) Model {
	t.Helper()
	if m.kind() != stateCase {
		t.Fatalf("state %v, want the case screen", m.kind())
	}
	m = press(t, m, "enter", "enter")
	for i := 0; m.kind() == stateQuestion && i < 20; i++ {
		m = press(t, m, "enter")
	}
	if m.kind() != stateReview {
		t.Fatalf("after the case's questions: state %v\n%s", m.kind(), screenText(m))
	}
	return m
}

// countingStore fails the test if the wizard writes anything.
type countingStore struct{ t testing.TB }

func (s countingStore) Load(*questionnaire.Content) (*resume.Session, error) { return nil, nil }
func (s countingStore) Save(int, questionnaire.Answers) error {
	s.t.Error("a workshop saved its answers")
	return nil
}
func (s countingStore) Discard(int) error {
	s.t.Error("a workshop touched the saved session")
	return nil
}

// The trainer's path: the case's story, the questions for the room, each
// question with the case's answer, the verdict hidden on the review and
// on the result until space, nothing saved.
func TestCaseRunInPresentationMode(t *testing.T) {
	o := caseOptions(t, "discord-classe", true)
	o.Store = countingStore{t}
	m := newTestModel(t, o)
	if m.State() != "case" || !m.styles.Present {
		t.Fatalf("state %s, presentation %v", m.State(), m.styles.Present)
	}
	mustContain(t, screenText(m), "Discord comme classe virtuelle", "Pendant une fermeture du collège", "Entrée : les questions à discuter", "? aide")
	if s := screenText(m); strings.Contains(s, "q quitter") {
		t.Errorf("presentation mode shows the help before « ? »:\n%s", s)
	}
	m = press(t, m, "enter")
	mustContain(t, screenText(m), "À discuter", "1. Les élèves qui avaient déjà un compte", "3. Quels outils fournis par l'institution")
	m = press(t, m, "left")
	mustContain(t, screenText(m), "Pendant une fermeture du collège")
	m = press(t, m, "enter", "enter")
	if m.kind() != stateQuestion || m.run.Focus() != "usage" {
		t.Fatalf("the case's first question: state %v current %q", m.kind(), m.run.Focus())
	}
	mustContain(t, screenText(m), "Pour quel usage ?", "(•) Classe virtuelle ◂ réponse du cas")
	m = press(t, m, "left")
	if m.kind() != stateCase || caseOf(m).page != 1 {
		t.Fatalf("back from the first question: state %v page %d, want the questions to discuss", m.kind(), caseOf(m).page)
	}
	m = press(t, m, "right")
	m = press(t, m, "?")
	mustContain(t, screenText(m), "Pourquoi cette question ?", "q quitter")
	m = press(t, m, "?", "left", "left")
	m = throughCase(t, m)
	s := screenText(m)
	mustContain(t, s, "Verdict : masqué jusqu'au vote")
	if strings.Contains(s, "À proscrire") {
		t.Errorf("the review shows the verdict before the vote:\n%s", s)
	}
	m = press(t, m, "enter")
	s = screenText(m)
	mustContain(t, s, "Votez, puis appuyez sur espace pour révéler le verdict", "✖ À proscrire", "✔ Recommandé")
	if strings.Contains(s, "À PROSCRIRE") || m.Summary() != "" {
		t.Errorf("the verdict shows before the reveal (summary %q):\n%s", m.Summary(), s)
	}
	m = press(t, m, "space")
	mustContain(t, screenText(m), "✖  À PROSCRIRE", "POURQUOI") // no colour: headings in capitals, no « ## »
	if !strings.Contains(m.Summary(), "À proscrire") {
		t.Errorf("summary after the reveal: %q", m.Summary())
	}
	// Revealed once, the verdict stays in view on the review.
	m = press(t, m, "m")
	mustContain(t, screenText(m), "Verdict : ✖ À proscrire")
}

// Without --presentation a case runs in the everyday theme, the verdict
// in view as usual.
func TestCaseRunWithoutPresentation(t *testing.T) {
	m := newTestModel(t, caseOptions(t, "tchap-equipe", false))
	if m.styles.Present {
		t.Fatal("a case without --presentation turned presentation mode on")
	}
	mustContain(t, screenText(m), "Tchap pour l'équipe pédagogique", "q quitter")
	m = throughCase(t, m)
	mustContain(t, screenText(m), "Verdict : ✔ Recommandé")
	m = press(t, m, "enter")
	mustContain(t, screenText(m), "✔  RECOMMANDÉ")
}

// Every case reaches, in the wizard, the verdict it states.
func TestEveryCaseReachesItsVerdictInTheWizard(t *testing.T) {
	c := testContent(t)
	for _, k := range c.Cases.List {
		t.Run(k.ID, func(t *testing.T) {
			m := newTestModel(t, caseOptions(t, k.ID, false))
			m = press(t, throughCase(t, m), "enter")
			if m.kind() != stateResult || resultOf(m).rep.Level != k.Expected {
				t.Errorf("state %v verdict %v, the case says %v", m.kind(), resultOf(m).rep.Level, k.Expected)
			}
		})
	}
}

// « Mode atelier » on the welcome screen: the list of cases, then the case
// in presentation mode, nothing saved.
func TestWorkshopFromTheWelcomeScreen(t *testing.T) {
	o := testOptions(t)
	o.Store = countingStore{t}
	m := newTestModel(t, o)
	mustContain(t, screenText(m), "Mode atelier : étudier un cas avec un groupe")
	m = press(t, m, "down", "down", "enter")
	if m.State() != "cases" {
		t.Fatalf("state %s, want the list of cases\n%s", m.State(), screenText(m))
	}
	mustContain(t, screenText(m), "Études de cas", "Discord comme classe virtuelle", "Zoom gratuit pour un conseil de classe")
	m = press(t, m, "esc")
	if m.State() != "welcome" {
		t.Fatalf("esc on the list: %s", m.State())
	}
	m = press(t, m, "enter", "down", "enter")
	if m.State() != "case" || m.run.Case().ID != c0(t, 1) || !m.styles.Present {
		t.Fatalf("state %s case %v presentation %v", m.State(), m.run.Case(), m.styles.Present)
	}
	m = press(t, m, "esc")
	if m.State() != "cases" || casesOf(m).cursor != 1 {
		t.Errorf("back from the case: state %s cursor %d", m.State(), casesOf(m).cursor)
	}
	m = press(t, m, "enter")
	m = press(t, throughCase(t, m), "enter", "space")
	if m.kind() != stateResult || m.run.hidden(m.styles.Present) {
		t.Fatalf("state %v hidden %v", m.kind(), m.run.hidden(m.styles.Present))
	}
}

// c0 is the id of the i-th case study.
func c0(t testing.TB, i int) string { return testContent(t).Cases.List[i].ID }

// « Recommencer » (n) after a workshop: a clean welcome screen for the
// next participant, with no answer, no export name, no « et si ? », no
// case and no rendered report of the previous run.
func TestRestartAfterAWorkshopKeepsNothing(t *testing.T) {
	m := newTestModel(t, caseOptions(t, "discord-classe", true))
	m = press(t, throughCase(t, m), "enter", "space")
	m = whatIf(t, m, "contrat", []string{"fourni_institution"})
	m = press(t, m, "e")
	m = typeText(t, m, "-groupe-3")
	name := resultOf(m).export.input.Value()
	m = press(t, m, "esc")
	if len(m.run.WhatIfs()) == 0 || name == "" || len(m.cache.entries) == 0 {
		t.Fatalf("setup: history %d, export name %q, cache %d", len(m.run.WhatIfs()), name, len(m.cache.entries))
	}
	m = press(t, m, "n")
	if m.State() != "welcome" {
		t.Fatalf("n: state %s", m.State())
	}
	switch {
	case m.run.HasAnswers(), m.run.Answers().Len() != 0:
		t.Errorf("answers survived: %v", m.run.Answers().IDs())
	case len(m.run.WhatIfs()) != 0:
		t.Errorf("« et si ? » survived: %d", len(m.run.WhatIfs()))
	case m.run.Case() != nil, m.run.revealed, m.run.Seen():
		t.Errorf("the run survived: case %v revealed %v seen %v", m.run.Case(), m.run.revealed, m.run.Seen())
	case resultOf(m).rep != nil, resultOf(m).export.input.Value() != "", resultOf(m).export.note != "":
		t.Errorf("the result or its export name survived: %q", resultOf(m).export.input.Value())
	case len(m.cache.entries) != 0:
		t.Errorf("%d rendered reports survived", len(m.cache.entries))
	case toolScreenOf(m).filter.Value() != "", questionOf(m).q != nil, reviewOf(m).cursor != 0:
		t.Error("a screen's state survived")
	}
	if !m.styles.Present || m.save.store != nil {
		t.Errorf("presentation %v and no-save %v should stay for the next participant", m.styles.Present, m.save.store == nil)
	}
	s := screenText(m)
	for _, gone := range []string{name, "Discord comme", "PROSCRIRE", "Reprendre", "Votez"} {
		if strings.Contains(s, gone) {
			t.Errorf("the welcome screen still shows %q:\n%s", gone, s)
		}
	}
	mustContain(t, s, "Commencer", "Mode atelier")
}

// The result at 80×24: the banner stays, the risk picture folds to one
// line, the reasons start at once; c unfolds it (then it scrolls with the
// report) and folds it again.
func TestResultReadableAt80x24(t *testing.T) {
	m := newTestModel(t, testOptions(t))
	m = press(t, m, discordKeys...)
	m = press(t, m, "enter")
	lines := strings.Split(screenText(m), "\n")
	first := -1
	for i, l := range lines {
		if strings.Contains(l, "Service grand public sans contrat") {
			first = i
		}
	}
	if first < 0 || first > 10 {
		t.Errorf("the first reason is on line %d of 24:\n%s", first, strings.Join(lines, "\n"))
	}
	mustContain(t, screenText(m), "✖  À PROSCRIRE", "(c pour déplier)")
	m = press(t, m, "c")
	if !resultOf(m).opened {
		t.Fatal("c did not unfold the risk picture")
	}
	mustContain(t, screenText(m), "Contrat           ▰▰▰▰ ✖")
	m = press(t, m, "pgdown")
	s := screenText(m)
	mustContain(t, s, "✖  À PROSCRIRE") // the banner stays
	if strings.Contains(s, "Contrat           ▰▰▰▰ ✖") {
		t.Error("the open risk picture should scroll away with the report")
	}
	m = press(t, m, "c")
	if resultOf(m).opened {
		t.Error("c again did not fold it")
	}
	// Large enough, it opens by itself.
	m = newTestModel(t, testOptions(t))
	m = send(t, press(t, m, append(discordKeys, "enter")...), tea.WindowSizeMsg{Width: 120, Height: 40})
	if !resultOf(m).opened {
		t.Error("at 120×40 the risk picture should be open")
	}
}

// Presentation mode fits every size: centred, never wider than its
// maximum width, every screen within the terminal.
func TestPresentationFitsAndIsCentred(t *testing.T) {
	for _, size := range [][2]int{{60, 20}, {80, 24}, {120, 40}, {160, 45}, {300, 80}} {
		w, h := size[0], size[1]
		m := New(caseOptions(t, "zoom-conseil-classe", true))
		m = send(t, m, tea.WindowSizeMsg{Width: w, Height: h})
		check := func(where string) {
			t.Helper()
			s := screenText(m)
			lines := strings.Split(s, "\n")
			if len(lines) > h {
				t.Errorf("%dx%d %s: %d lines", w, h, where, len(lines))
			}
			minLeft, maxRight := w, 0
			for _, l := range lines {
				if lw := lipgloss.Width(l); lw > w {
					t.Errorf("%dx%d %s: a line of %d: %q", w, h, where, lw, l)
				}
				if strings.TrimSpace(l) == "" {
					continue
				}
				minLeft = min(minLeft, len(l)-len(strings.TrimLeft(l, " ")))
				maxRight = max(maxRight, lipgloss.Width(strings.TrimRight(l, " ")))
			}
			if used := maxRight - minLeft; used > presMaxWidth {
				t.Errorf("%dx%d %s: content %d wide, more than %d", w, h, where, used, presMaxWidth)
			}
			margin := presMarginX
			if m.compact() {
				margin = presCompactMarginX // the result on a small screen
			}
			if minLeft < margin-1 || (w >= presMaxWidth+2*margin && abs(minLeft-(w-maxRight)) > 2) {
				t.Errorf("%dx%d %s: not centred (left %d, right %d)", w, h, where, minLeft, w-maxRight)
			}
		}
		check("case")
		m = press(t, m, "enter")
		check("questions to discuss")
		m = press(t, m, "enter")
		check("question")
		m = press(t, m, "?")
		check("question, why and help")
		m = press(t, m, "?")
		m = press(t, throughCase(t, press(t, m, "left", "left")), "enter")
		check("vote")
		m = press(t, m, "space")
		check("result")
		m = press(t, m, "s")
		check("et si")
		m = press(t, m, "enter")
		check("et si, options")
		m = press(t, m, "enter")
		check("et si, done")
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// The new screens keep fitting while the window is dragged about.
func TestWorkshopScreensSurviveResizes(t *testing.T) {
	screens := []struct {
		name string
		keys []string
	}{
		{"case", nil},
		{"questions to discuss", []string{"enter"}},
		{"question", []string{"enter", "enter"}},
		{"cases", []string{"esc"}},
	}
	for _, presentation := range []bool{false, true} {
		for _, sc := range screens {
			m := newTestModel(t, caseOptions(t, "zoom-conseil-classe", presentation))
			m = press(t, m, sc.keys...)
			for _, size := range [][2]int{{1, 1}, {59, 19}, {60, 20}, {61, 100}, {300, 20}, {80, 24}, {200, 60}} {
				m = send(t, m, tea.WindowSizeMsg{Width: size[0], Height: size[1]})
				s := screenText(m)
				lines := strings.Split(s, "\n")
				if len(lines) > size[1] {
					t.Errorf("%s (presentation %v) at %v: %d lines", sc.name, presentation, size, len(lines))
				}
				for _, l := range lines {
					if lipgloss.Width(l) > size[0] {
						t.Errorf("%s (presentation %v) at %v: %q", sc.name, presentation, size, l)
						break
					}
				}
			}
		}
	}
}

// Presentation styles are high contrast: pure text colours and the
// verdict band three lines tall.
func TestPresentationStyles(t *testing.T) {
	for _, th := range []Theme{ThemeDark, ThemeLight, ThemeNoColor} {
		st := NewPresentationStyles(th)
		if !st.Present || st.MaxWidth != presMaxWidth {
			t.Errorf("%v: not a presentation layout", th)
		}
		if h := lipgloss.Height(st.Banner(questionnaire.Proscrit).Render("✖ À PROSCRIRE")); h != 3 {
			t.Errorf("%v: banner %d lines high, want 3", th, h)
		}
	}
	want := map[Theme]string{ThemeDark: "#FFFFFF", ThemeLight: "#000000"}
	for th, hex := range want {
		if got := colorHex(NewPresentationStyles(th).Text.GetForeground()); got != hex {
			t.Errorf("%v: text colour %s, want %s", th, got, hex)
		}
	}
}

func colorHex(c interface{ RGBA() (r, g, b, a uint32) }) string {
	r, g, b, _ := c.RGBA()
	return fmt.Sprintf("#%02X%02X%02X", r>>8, g>>8, b>>8)
}

// End pressed while the report is still being rendered lands on its real
// end once the rest arrives.
func TestEndBeforeTheReportIsRendered(t *testing.T) {
	m := newTestModel(t, testOptions(t))
	m = press(t, m, discordKeys...)
	next, cmd := m.Update(keyMsg("enter"))
	m = next.(Model)
	pending := runCmd(cmd)
	m = press(t, m, "G")
	for len(pending) > 0 {
		var msg tea.Msg
		msg, pending = pending[0], pending[1:]
		next, cmd := m.Update(msg)
		m = next.(Model)
		pending = append(pending, runCmd(cmd)...)
	}
	if !resultOf(m).report.ready || !resultOf(m).report.vp.AtBottom() {
		t.Errorf("ready %v, at the bottom %v", resultOf(m).report.ready, resultOf(m).report.vp.AtBottom())
	}
	mustContain(t, screenText(m), "Cette recommandation aide à décider")
}
