package tui

import (
	"slices"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/conduite/conduite/questionnaire"
)

// The hurried run: a tool that is not in the catalog, then enter on every
// screen (space once on « Données », which asks for a tick). Each screen
// opens with its cursor on « Je ne sais pas » and nothing chosen; the
// result is « Déconseillé » or worse, every question to be checked.
func TestEnterThroughUnknownToolIsNeverReassuring(t *testing.T) {
	for _, lang := range []questionnaire.Lang{questionnaire.FR, questionnaire.EN} {
		o := testOptions(t)
		o.Lang = lang
		m := newTestModel(t, o)
		m = press(t, m, "enter")
		m = typeText(t, m, "Klassroomzz")
		m = press(t, m, "enter", "enter") // « autre outil », then the name typed
		if m.kind() != stateQuestion || m.run.Answers().Meta.ToolName != "Klassroomzz" {
			t.Fatalf("%s: after naming the tool: state %v, name %q", lang, m.kind(), m.run.Answers().Meta.ToolName)
		}
		var seen []string
		for i := 0; m.kind() == stateQuestion && i < 20; i++ {
			q := questionOf(m)
			seen = append(seen, q.q.ID)
			if v := q.q.Options[q.cursor].Value; v != q.q.Unknown || len(q.chosen) != 0 {
				t.Errorf("%s, %s: the screen opens on %s with %v chosen, want « je ne sais pas » and nothing", lang, q.q.ID, v, q.chosen)
			}
			if q.q.Kind == questionnaire.KindMulti {
				m = press(t, m, "enter")
				if !questionOf(m).mustTick {
					t.Fatalf("%s, %s: enter with nothing ticked moved on", lang, q.q.ID)
				}
				m = press(t, m, "space")
			}
			m = press(t, m, "enter")
		}
		if m.kind() != stateReview {
			t.Fatalf("%s: state %v after the questions:\n%s", lang, m.kind(), screenText(m))
		}
		m = press(t, m, "enter")
		if m.kind() != stateResult {
			t.Fatalf("%s: state %v, want the result", lang, m.kind())
		}
		rep := resultOf(m).rep
		if rep.Level < questionnaire.Deconseille {
			t.Errorf("%s: the Enter-through run gives %s, want Déconseillé or worse", lang, rep.Level)
		}
		if !slices.Equal(rep.ToCheck, seen) {
			t.Errorf("%s: to check %v, want every question answered by enter %v", lang, rep.ToCheck, seen)
		}
		m = send(t, m, tea.WindowSizeMsg{Width: 160, Height: 40}) // the summary line whole
		want := map[questionnaire.Lang]string{questionnaire.FR: "10 à vérifier", questionnaire.EN: "10 to check"}[lang]
		mustContain(t, screenText(m), want)
	}
}

// A digit moves the cursor on the data screen, as on the others, and
// ticks nothing; space ticks.
func TestDigitMovesOnTheDataScreen(t *testing.T) {
	m := newTestModel(t, testOptions(t))
	m = press(t, m, "enter", "enter", "1", "enter", "1", "enter") // the first tool, messagerie, agents: to données
	if m.run.Focus() != "donnees" {
		t.Fatalf("current %q", m.run.Focus())
	}
	m = press(t, m, "3")
	if got := questionOf(m).q.Options[questionOf(m).cursor].Value; got != "images" || len(questionOf(m).chosen) != 0 {
		t.Fatalf("3: cursor on %s, ticked %v; want the cursor on images, nothing ticked", got, questionOf(m).chosen)
	}
	m = press(t, m, "space")
	if !slices.Equal(questionOf(m).chosen, []string{"images"}) {
		t.Fatalf("space: ticked %v", questionOf(m).chosen)
	}
}

// « Et si ? » starts, for a question nobody answered, on « Je ne sais
// pas » (the value the evaluation took), never on the first option.
func TestWhatIfStartsOnIDontKnow(t *testing.T) {
	c := testContent(t)
	m := newTestModel(t, testOptions(t))
	// An answers file's worth: the contract left out.
	a := questionnaire.NewAnswers(map[string][]string{"usage": {"messagerie"}, "audience": {"agents"}, "donnees": {"identite"}})
	a.Meta.ToolName = "Klassroomzz"
	m, cmd := m.moved(m.run.Resume(a).Finish())
	for _, msg := range runCmd(cmd) {
		m = send(t, m, msg)
	}
	if m.kind() != stateResult {
		t.Fatalf("state %v:\n%s", m.kind(), screenText(m))
	}
	m = press(t, m, "s")
	for resultOf(m).picker.cursor != stepIndex(steps(c, m.run.Answers()), "contrat") {
		m = press(t, m, "down")
	}
	m = press(t, m, "enter")
	p := resultOf(m).picker
	if p.q == nil || p.q.ID != "contrat" {
		t.Fatalf("the picker opened %v", p.q)
	}
	if v := pickOptions(m.env(), p.q)[p.cursor].value; v != "inconnu" {
		t.Errorf("« et si ? » on the contract starts on %s, want inconnu", v)
	}
}

// In a workshop, a question the case leaves silent starts on « Je ne sais
// pas », marked as such, never on a reassuring value.
func TestCaseSilentStartsOnIDontKnow(t *testing.T) {
	c := testContent(t)
	k, _ := c.Cases.Get("outil-gratuit-inconnu")
	m := newTestModel(t, caseOptions(t, k.ID, false))
	m = press(t, m, "enter", "enter")
	checked := 0
	for i := 0; m.kind() == stateQuestion && i < 20; i++ {
		q := questionOf(m)
		if !k.Answers.Has(q.q.ID) && q.catalog == "" {
			checked++
			if v := q.q.Options[q.cursor].Value; v != q.q.Unknown || q.assumed != q.q.Unknown {
				t.Errorf("%s, silent in the case: cursor on %s, assumed %q; want %s", q.q.ID, v, q.assumed, q.q.Unknown)
			}
			mustContain(t, screenText(m), "le cas ne le dit pas : inconnu, à vérifier")
		}
		m = press(t, m, "enter")
	}
	if checked == 0 {
		t.Fatal("the case leaves no question silent: pick another case")
	}
}
