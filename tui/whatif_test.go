package tui

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/conduite/conduite/questionnaire"
)

// explicitAnswers are the effective answers made explicit (catalog facts
// and otherwise values included), the tool left out: what the room sees.
func explicitAnswers(c *questionnaire.Content, a questionnaire.Answers) questionnaire.Answers {
	r := c.Resolve(a)
	out := questionnaire.Answers{}
	for _, q := range c.Questions.List {
		if q.ID != questionnaire.QTool && r.Answers.Has(q.ID) {
			out = out.Set(q.ID, r.Answers.List(q.ID)...)
		}
	}
	return out
}

// whatIf changes question id to vals through the « et si ? » picker: s,
// the question's line, its options (numbers), enter.
func whatIf(t testing.TB, m Model, id string, vals []string) Model {
	t.Helper()
	c := testContent(t)
	ss := steps(c, m.run.Answers())
	i := stepIndex(ss, id)
	if i < 0 {
		t.Fatalf("question %s is not in the picker", id)
	}
	m = press(t, m, "s")
	if !resultOf(m).picker.open {
		t.Fatalf("s did not open the picker:\n%s", screenText(m))
	}
	for resultOf(m).picker.cursor != i {
		m = press(t, m, "down")
	}
	m = press(t, m, "enter")
	q := resultOf(m).picker.q
	if q == nil || q.ID != id {
		t.Fatalf("the picker opened %v, want %s", q, id)
	}
	vs := q.Values()
	if q.Kind == questionnaire.KindMulti {
		for j, v := range vs {
			if slices.Contains(resultOf(m).picker.chosen, v) != slices.Contains(vals, v) {
				m = press(t, m, fmt.Sprint(j+1), "space") // a digit moves, space ticks
			}
		}
		if !slices.Equal(ordered(q, resultOf(m).picker.chosen), vals) {
			t.Fatalf("ticked %v, want %v", resultOf(m).picker.chosen, vals)
		}
	} else {
		m = press(t, m, fmt.Sprint(slices.Index(vs, vals[0])+1))
	}
	return press(t, m, "enter")
}

// « Et si ? » on the Discord case: its answers changed one by one to
// those of Tchap (the effective answers, catalog facts made explicit, as
// in questionnaire's TestWhatIfDiscordTowardsTchap) through the picker.
// The screen says « le verdict ne change pas » while a proscrit rule still
// matches, shows the verdict leave « À proscrire » exactly at the step
// where the last one stops, names it, and undo brings the verdict back.
func TestWhatIfDiscordTowardsTchap(t *testing.T) {
	c := testContent(t)
	m := newTestModel(t, caseOptions(t, "discord-classe", false))
	m = press(t, throughCase(t, m), "enter")
	if resultOf(m).rep.Level != questionnaire.Proscrit {
		t.Fatalf("the Discord case starts at %v", resultOf(m).rep.Level)
	}
	start := m.run.Answers()
	tchap := questionnaire.NewAnswers(map[string][]string{"outil": {"tchap"}, "usage": {"messagerie"}, "audience": {"agents"},
		"donnees": {"identite"}, "inscription": {"compte_institutionnel"}, "identification": {"oui"}, "appareil": {"professionnel"}})
	target := explicitAnswers(c, tchap)
	left, changes := false, 0
	for _, q := range c.Questions.List {
		if q.ID == questionnaire.QTool || !target.Has(q.ID) {
			continue
		}
		want := target.List(q.ID)
		if slices.Equal(c.Resolve(m.run.Answers()).Answers.List(q.ID), want) || stepIndex(steps(c, m.run.Answers()), q.ID) < 0 {
			continue // the same already, or it does not apply any more
		}
		before, beforeRep := m.run.Answers(), resultOf(m).rep
		m = whatIf(t, m, q.ID, want)
		changes++
		if got := c.Resolve(m.run.Answers()).Answers.List(q.ID); !slices.Equal(got, want) {
			t.Fatalf("step %s: the answer is %v, want %v", q.ID, got, want)
		}
		rep := resultOf(m).rep
		s := screenText(m)
		proscritLeft := 0
		for _, r := range rep.Reasons {
			if r.Rule.Level == questionnaire.Proscrit {
				proscritLeft++
			}
		}
		switch {
		case !left && rep.Level < questionnaire.Proscrit:
			left = true
			if proscritLeft != 0 {
				t.Fatalf("step %s: the verdict left À proscrire with %d proscrit rules still matching", q.ID, proscritLeft)
			}
			ch := questionnaire.Compare(beforeRep, rep)
			if len(ch.Decisive) == 0 {
				t.Fatalf("step %s: no decisive rule", q.ID)
			}
			for _, r := range ch.Decisive {
				if r.Level != questionnaire.Proscrit || !beforeRep.Fired(r.ID) || rep.Fired(r.ID) {
					t.Errorf("step %s: decisive %s is not a proscrit rule that stopped matching", q.ID, r.ID)
				}
			}
			mustContain(t, s, "Et si "+q.Title.In(questionnaire.FR)+" :",
				"✖ À proscrire → "+levelText(rep.Level, questionnaire.FR),
				"La règle qui a fait la différence : "+ch.Decisive[0].Level.Symbol()+" "+ch.Decisive[0].Title.In(questionnaire.FR),
				strings.ToUpper(rep.Level.Symbol()+"  "+rep.Level.Label(questionnaire.FR)))
			if strings.Contains(s, "Le verdict ne change pas") {
				t.Errorf("step %s: the verdict changed but the screen says it does not:\n%s", q.ID, s)
			}
			t.Logf("the verdict leaves À proscrire when %s changes; decisive %s", q.ID, ch.Decisive[0].ID)
			// Undo brings the verdict and the answers back; redo by hand.
			m = press(t, m, "u")
			if resultOf(m).rep.Level != questionnaire.Proscrit || !m.run.Answers().Equal(before) {
				t.Fatalf("undo: verdict %v, answers restored %v", resultOf(m).rep.Level, m.run.Answers().Equal(before))
			}
			mustContain(t, screenText(m), "✖  À PROSCRIRE")
			m = whatIf(t, m, q.ID, want)
		case !left:
			if proscritLeft == 0 {
				t.Fatalf("step %s: no proscrit rule left but the verdict is %v", q.ID, rep.Level)
			}
			mustContain(t, s, "Le verdict ne change pas : ✖ À proscrire", "✖  À PROSCRIRE")
		}
		mustContain(t, s, fmt.Sprintf("%d changement(s) — u pour annuler", changes))
	}
	if !left {
		t.Fatal("the verdict never left À proscrire")
	}
	// Every change undone, one by one: the case as it was.
	for range changes {
		m = press(t, m, "u")
	}
	if !m.run.Answers().Equal(start) || resultOf(m).rep.Level != questionnaire.Proscrit || len(m.run.WhatIfs()) != 0 || resultOf(m).change != nil {
		t.Errorf("after undoing everything: answers back %v, verdict %v, history %d", m.run.Answers().Equal(start), resultOf(m).rep.Level, len(m.run.WhatIfs()))
	}
	if m.keys.Undo.Enabled() {
		t.Error("u is offered with nothing to undo")
	}
}

// A change that keeps the verdict says so, with the rules that appeared
// or disappeared; picking the same answer again changes nothing.
func TestWhatIfSameVerdictAndNoOp(t *testing.T) {
	m := newTestModel(t, caseOptions(t, "discord-classe", false))
	m = press(t, throughCase(t, m), "enter")
	m = whatIf(t, m, "appareil", []string{"professionnel"})
	mustContain(t, screenText(m), "Et si Équipement : Équipement professionnel", "Le verdict ne change pas : ✖ À proscrire", "Disparues : ◆ ")
	if len(m.run.WhatIfs()) != 1 {
		t.Fatalf("history %d", len(m.run.WhatIfs()))
	}
	m = whatIf(t, m, "appareil", []string{"professionnel"})
	if len(m.run.WhatIfs()) != 1 || resultOf(m).picker.open {
		t.Errorf("the same answer again: history %d, picker open %v", len(m.run.WhatIfs()), resultOf(m).picker.open)
	}
	// esc leaves the picker a stage at a time.
	m = press(t, m, "s", "enter", "esc")
	if !resultOf(m).picker.open || resultOf(m).picker.q != nil {
		t.Errorf("esc from the options should come back to the questions")
	}
	m = press(t, m, "esc")
	if resultOf(m).picker.open || m.kind() != stateResult {
		t.Errorf("esc from the questions should close the picker (state %v)", m.kind())
	}
	// Going to the review ends the « et si ? » of this result.
	m = press(t, m, "m", "r")
	if len(m.run.WhatIfs()) != 0 || resultOf(m).change != nil {
		t.Errorf("the history outlived the review: %d", len(m.run.WhatIfs()))
	}
}

// « Et si ? » speaks in words: whatever answer changes, the block names
// rules by their titles, never by their ids, and wraps instead of cutting
// with « … », at 80 columns as at 120, in both languages.
func TestWhatIfNamesRulesInWordsAndNeverCuts(t *testing.T) {
	c := testContent(t)
	ids := regexp.MustCompile(`\b(` + strings.Join(ruleIDs(c), "|") + `)\b`)
	for _, lang := range questionnaire.Langs {
		for _, width := range []int{80, 120} {
			o := caseOptions(t, "discord-classe", false)
			o.Lang = lang
			base := press(t, throughCase(t, newTestModel(t, o)), "enter")
			base = send(t, base, tea.WindowSizeMsg{Width: width, Height: 40})
			seen := 0
			for _, q := range steps(c, base.run.Answers()) {
				if q.Kind == questionnaire.KindTool {
					continue
				}
				for _, v := range q.Values() {
					m := whatIf(t, base, q.ID, []string{v})
					if resultOf(m).change == nil {
						continue // the same answer: nothing to say
					}
					seen++
					// The answer's own label may hold « … » (« santé, opinions… »).
					block := strings.ReplaceAll(ansi.Strip(resultOf(m).change.view(m.env())), resultOf(m).change.answer, "")
					if m := ids.FindString(block); m != "" {
						t.Errorf("%s %d cols, %s=%s: the « et si ? » block shows the rule id %q:\n%s", lang, width, q.ID, v, m, block)
					}
					if strings.Contains(block, "…") {
						t.Errorf("%s %d cols, %s=%s: the « et si ? » block cuts text:\n%s", lang, width, q.ID, v, block)
					}
					for _, line := range strings.Split(block, "\n") {
						if w := lipgloss.Width(line); w > width {
							t.Errorf("%s %d cols, %s=%s: a line of %d columns:\n%s", lang, width, q.ID, v, w, line)
						}
					}
				}
			}
			if seen < 10 {
				t.Errorf("%s %d cols: only %d changes tried", lang, width, seen)
			}
		}
	}
}

func ruleIDs(c *questionnaire.Content) []string {
	var ids []string
	for _, r := range c.Rules.Rules {
		ids = append(ids, regexp.QuoteMeta(r.ID))
	}
	return ids
}
