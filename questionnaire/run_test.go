package questionnaire_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/conduite/conduite/internal/resume"
	"github.com/conduite/conduite/questionnaire"
)

// stepIDs lists the ids of the run's steps.
func stepIDs(r questionnaire.Run) []string {
	var ids []string
	for _, q := range r.Steps() {
		ids = append(ids, q.ID)
	}
	return ids
}

// at fails unless the run asks question id.
func at(t *testing.T, r questionnaire.Run, id string) {
	t.Helper()
	if q := r.Current(); q == nil || q.ID != id {
		t.Fatalf("run at %s %q, want question %q", r.Stage(), r.Focus(), id)
	}
}

func TestRunStartsOnTheToolUnderItsReferentiel(t *testing.T) {
	c := content(t)
	r := questionnaire.NewRun(c, "")
	if r.Stage() != questionnaire.StageIdle || r.HasAnswers() {
		t.Fatalf("a new run: %s, answers %v; want idle, none", r.Stage(), r.HasAnswers())
	}
	if got, want := r.Answers().Meta.Referentiel, c.Referentiels.Default().ID; got != want {
		t.Errorf("référentiel %q, want the default %q", got, want)
	}
	if r := questionnaire.NewRun(c, "nope"); r.Referentiel() != c.Referentiels.Default() {
		t.Errorf("an unknown référentiel: %q, want the default", r.Referentiel().ID)
	}
	r = questionnaire.NewRun(c, "suisse-romande").Start()
	at(t, r, questionnaire.QTool)
	if !r.First() {
		t.Error("the tool is not the first question")
	}
	if k, n := r.Step(); k != 1 || n != len(r.Steps()) {
		t.Errorf("step %d/%d, want 1/%d", k, n, len(r.Steps()))
	}
	if r.Answers().Meta.Referentiel != "suisse-romande" || r.Referentiel().ID != "suisse-romande" {
		t.Errorf("référentiel %q, want suisse-romande", r.Answers().Meta.Referentiel)
	}
	if _, ok := r.WithReferentiel("nope"); ok {
		t.Error("WithReferentiel took an unknown id")
	}
}

// The question order follows ask_if: « niveau » and « mineurs » are asked
// for pupils and skipped for staff, and going back from the question after
// them lands on the one before the skip.
func TestRunSkipsAQuestionWhoseConditionFails(t *testing.T) {
	c := content(t)
	r := questionnaire.NewRun(c, "").Start()
	r, _ = r.NameTool("")
	r = r.Next()
	at(t, r, questionnaire.QUsage)
	r = r.Answer("messagerie")
	at(t, r, questionnaire.QAudience)
	pupils := r.Answer("eleves")
	staff := r.Answer("agents")
	for _, id := range []string{"niveau", "mineurs"} {
		if slices.Contains(stepIDs(staff), id) || !slices.Contains(stepIDs(pupils), id) {
			t.Errorf("steps for staff %v, for pupils %v: %s asked for pupils only", stepIDs(staff), stepIDs(pupils), id)
		}
	}
	at(t, pupils, "niveau")
	at(t, staff, "donnees")
	at(t, staff.Back(), questionnaire.QAudience)
}

func TestRunAnswerThenBackReturnsToThePreviousQuestion(t *testing.T) {
	c := content(t)
	r := questionnaire.NewRun(c, "").Start().ChooseTool("discord").Next()
	at(t, r, questionnaire.QUsage)
	r = r.Answer("messagerie")
	back := r.Back()
	at(t, back, questionnaire.QUsage)
	if back.Answers().Get(questionnaire.QUsage) != "messagerie" {
		t.Error("going back lost the answer")
	}
	if p := back.Preset(); p.Origin != questionnaire.OriginGiven || !slices.Equal(p.Values, []string{"messagerie"}) {
		t.Errorf("preset on coming back %+v, want the answer given", p)
	}
	// Back from the first question leaves the questions.
	first := back.Back()
	at(t, first, questionnaire.QTool)
	if idle := first.Back(); idle.Stage() != questionnaire.StageIdle {
		t.Errorf("back from the first question: %s, want idle", idle.Stage())
	}
	// The receiver is not changed: a Run is a value.
	at(t, r, questionnaire.QAudience)
}

// A catalog fact answered with the catalog's own value stays the
// catalog's (not an explicit answer); another value overrides it.
func TestRunKeepsTheCatalogsFactImplied(t *testing.T) {
	c := content(t)
	r := questionnaire.NewRun(c, "").Start().ChooseTool("discord")
	var id, fact string
	for _, q := range r.Steps() {
		if v := r.Fact(q.ID); v != "" && q.Kind == questionnaire.KindSingle {
			id, fact = q.ID, v
			break
		}
	}
	if id == "" {
		t.Fatal("discord has no catalog fact on a question asked")
	}
	r = r.Edit(id)
	if p := r.Preset(); p.Origin != questionnaire.OriginCatalog || p.Values[0] != fact {
		t.Fatalf("preset of %s %+v, want the catalog's %q", id, p, fact)
	}
	if !slices.Equal(r.Draft(), []string{fact}) {
		t.Errorf("draft %v, want the catalog's value ticked", r.Draft())
	}
	if kept := r.Give(fact); kept.Answers().Has(id) {
		t.Errorf("answering %s with the catalog's value made it explicit", id)
	}
	q, _ := c.Questions.Get(id)
	other := q.Assumed()
	if given := r.Give(other); given.Answers().Get(id) != other {
		t.Errorf("answering %s with %q: %v", id, other, given.Answers().List(id))
	}
	if s := r.Shown(q, questionnaire.FR); s.Origin != questionnaire.OriginCatalog || s.Missing {
		t.Errorf("shown %+v, want from the catalog", s)
	}
}

func TestRunAcceptPresetSaysUnknownAndKeepsTheGiven(t *testing.T) {
	c := content(t)
	r := questionnaire.NewRun(c, "").Start()
	r, _ = r.NameTool("Klassroomzz")
	r = r.Next()
	q := r.Current()
	if s := r.Shown(q, questionnaire.FR); !s.Missing {
		t.Errorf("an open question shown %+v, want missing", s)
	}
	if len(r.Draft()) != 0 {
		t.Errorf("draft %v on an open question, want nothing ticked", r.Draft())
	}
	next := r.AcceptPreset()
	if got := next.Answers().List(q.ID); !slices.Equal(got, []string{q.Assumed()}) {
		t.Errorf("accepting the preset of %s gave %v, want « je ne sais pas » said", q.ID, got)
	}
	if kept := r.Give("messagerie").AcceptPreset(); kept.Answers().Get(q.ID) != "messagerie" {
		t.Error("accepting the preset replaced the answer given")
	}
}

// Ticking an exclusive value of « données » drops the others, and ticking
// another drops the exclusive one; Give refuses what an answers file
// could not hold.
func TestRunTicksExclusiveValuesAlone(t *testing.T) {
	c := content(t)
	r := questionnaire.NewRun(c, "").Start()
	r, _ = r.NameTool("")
	r = r.Edit("donnees")
	r = r.Tick("identite").Tick("sensibles")
	if got := r.Draft(); !slices.Equal(got, []string{"identite", "sensibles"}) && !slices.Equal(got, []string{"sensibles", "identite"}) {
		t.Fatalf("ticked %v", got)
	}
	if got := r.Tick("aucune").Draft(); !slices.Equal(got, []string{"aucune"}) {
		t.Errorf("ticking aucune: %v, want it alone", got)
	}
	if got := r.Tick("aucune").Tick("identite").Draft(); !slices.Equal(got, []string{"identite"}) {
		t.Errorf("ticking identite after aucune: %v, want identite alone", got)
	}
	if got := r.Tick("sensibles").Draft(); !slices.Equal(got, []string{"identite"}) {
		t.Errorf("unticking sante: %v", got)
	}
	before := r.Answers()
	for _, bad := range [][]string{{"aucune", "identite"}, {"nope"}, {"identite", "identite"}} {
		if got := r.Give(bad...).Answers(); !got.Equal(before) {
			t.Errorf("Give(%v) changed the answers to %v", bad, got.List("donnees"))
		}
	}
	if got := r.Give("sensibles", "identite").Answers().List("donnees"); !slices.Equal(got, r.Current().InOrder([]string{"identite", "sensibles"})) {
		t.Errorf("given %v, want the question's order", got)
	}
}

// From the review, an edited question comes back to the review, through
// a question the change opened.
func TestRunEditReturnsToTheReview(t *testing.T) {
	c := content(t)
	r := questionnaire.NewRun(c, "").Start()
	r, _ = r.NameTool("")
	r = r.Next().Answer("messagerie").Answer("agents")
	for r.Stage() == questionnaire.StageQuestion {
		r = r.AcceptPreset()
	}
	if r.Stage() != questionnaire.StageReview || r.Focus() != "" {
		t.Fatalf("after the last question: %s %q, want the review on the verdict", r.Stage(), r.Focus())
	}
	e := r.Edit(questionnaire.QAudience)
	if !e.Editing() {
		t.Fatal("Edit did not mark the edit")
	}
	if back := e.Back(); back.Stage() != questionnaire.StageReview || back.Focus() != questionnaire.QAudience {
		t.Errorf("back from an edit: %s %q, want the review on audience", back.Stage(), back.Focus())
	}
	e = e.Answer("eleves") // opens « niveau » and « mineurs »
	var opened []string
	for e.Stage() == questionnaire.StageQuestion {
		if !e.Editing() {
			t.Fatalf("%s, which the edit opened, is not part of the edit", e.Focus())
		}
		opened = append(opened, e.Focus())
		e = e.AcceptPreset()
	}
	if !slices.Equal(opened, []string{"niveau", "mineurs"}) {
		t.Errorf("the edit asked %v, want the questions it opened: niveau, mineurs", opened)
	}
	if e.Stage() != questionnaire.StageReview || e.Focus() != "mineurs" {
		t.Errorf("after the opened questions: %s %q, want the review on the last", e.Stage(), e.Focus())
	}
	res := e.Next()
	if res.Stage() != questionnaire.StageResult || !res.Seen() {
		t.Errorf("next from the review: %s, want the result", res.Stage())
	}
	if r.Edit("nope").Stage() != questionnaire.StageReview {
		t.Error("editing an unknown question moved the run")
	}
}

func TestRunWhatIfAndUndo(t *testing.T) {
	c := content(t)
	k, ok := c.Cases.Get("whatsapp-classe-france")
	if !ok {
		t.Skip("case whatsapp-classe-france is gone")
	}
	r := questionnaire.NewRun(c, "").WithCase(k).Start().Finish()
	before := r.Answers()
	if r.Level() != k.Expected {
		t.Fatalf("the case's run gives %s, want %s", r.Level(), k.Expected)
	}
	if _, changed := r.WhatIf(questionnaire.QTool, k.Answers.Get(questionnaire.QTool)); changed {
		t.Error("an « et si ? » to the same answer counted")
	}
	w, changed := r.WhatIf("appareil", "professionnel")
	if !changed {
		t.Fatal("« et si ? » appareil: professionnel did nothing")
	}
	w2, _ := w.WhatIf("donnees", "aucune")
	if n := len(w2.WhatIfs()); n != 2 {
		t.Fatalf("%d « et si ? » in force, want 2", n)
	}
	last, ch, ok := w2.WhatIfChange()
	if !ok || last.ID != "donnees" || ch.After != w2.Level() {
		t.Errorf("last change %v %+v", last.ID, ch.After)
	}
	u, _ := w2.Undo()
	if !u.Answers().Equal(w.Answers()) {
		t.Error("undo did not restore the answers before the last « et si ? »")
	}
	u, _ = u.Undo()
	if !u.Answers().Equal(before) {
		t.Error("undoing twice did not restore the case's answers")
	}
	if _, ok := u.Undo(); ok {
		t.Error("undo with nothing to undo")
	}
	// The stacks of two runs made from one are never shared.
	a, _ := w.WhatIf("contrat", "oui")
	b, _ := w.WhatIf("contrat", "non")
	if a.WhatIfs()[1].ID != "contrat" || !slices.Equal(b.WhatIfs()[0].Before.IDs(), before.IDs()) || len(w.WhatIfs()) != 1 {
		t.Error("two « et si ? » made on one run share their stack")
	}
	if rev := w2.Revise(); rev.Stage() != questionnaire.StageReview || len(rev.WhatIfs()) != 0 {
		t.Error("Revise kept the « et si ? »")
	}
}

// A case study starts after its tool, its answers pre-filled and its
// référentiel in force; back from its first question leaves for its screen.
func TestRunOnACase(t *testing.T) {
	c := content(t)
	for i := range c.Cases.List {
		k := &c.Cases.List[i]
		r := questionnaire.NewRun(c, "").WithCase(k)
		if r.Case() != k || r.Stage() != questionnaire.StageIdle {
			t.Fatalf("case %s: not on its screen", k.ID)
		}
		if k.Referentiel != "" && r.Referentiel().ID != k.Referentiel {
			t.Errorf("case %s: référentiel %s, want %s", k.ID, r.Referentiel().ID, k.Referentiel)
		}
		r = r.Next()
		if q := r.Current(); q == nil || q.ID == questionnaire.QTool || !r.First() {
			t.Fatalf("case %s starts at %v", k.ID, r.Focus())
		}
		if r.Back().Stage() != questionnaire.StageIdle {
			t.Errorf("case %s: back from the first question does not leave", k.ID)
		}
		// Going through with the draft the case shows keeps its verdict.
		for r.Stage() == questionnaire.StageQuestion {
			r = r.Answer(r.Draft()...)
		}
		if got := r.Level(); got != k.Expected {
			t.Errorf("case %s gone through as shown: %s, want %s", k.ID, got, k.Expected)
		}
	}
}

func TestRunResume(t *testing.T) {
	c := content(t)
	a := parse(t, c, `{outil: discord, usage: messagerie, referentiel: suisse-romande}`)
	r := questionnaire.NewRun(c, "").Resume(a)
	at(t, r, questionnaire.QAudience)
	if r.Referentiel().ID != "suisse-romande" {
		t.Errorf("resumed under %s, want the answers' référentiel", r.Referentiel().ID)
	}
	done := r
	for done.Stage() == questionnaire.StageQuestion {
		done = done.AcceptPreset()
	}
	if again := questionnaire.NewRun(c, "").Resume(done.Answers()); again.Stage() != questionnaire.StageReview {
		t.Errorf("resuming complete answers: %s, want the review", again.Stage())
	}
}

// action is one thing a user does to a run, drawn at random.
type action struct {
	name string
	do   func(questionnaire.Run, *rand.Rand) questionnaire.Run
}

func randomValue(q *questionnaire.Question, rnd *rand.Rand) string {
	return q.Options[rnd.IntN(len(q.Options))].Value
}

// answerAction is the index of "answer" in runActions.
const answerAction = 6

var runActions = []action{
	{"start", func(r questionnaire.Run, _ *rand.Rand) questionnaire.Run { return r.Start() }},
	{"next", func(r questionnaire.Run, _ *rand.Rand) questionnaire.Run { return r.Next() }},
	{"back", func(r questionnaire.Run, _ *rand.Rand) questionnaire.Run { return r.Back() }},
	{"preset", func(r questionnaire.Run, _ *rand.Rand) questionnaire.Run { return r.AcceptPreset() }},
	{"finish", func(r questionnaire.Run, _ *rand.Rand) questionnaire.Run { return r.Finish() }},
	{"revise", func(r questionnaire.Run, _ *rand.Rand) questionnaire.Run { return r.Revise() }},
	{"answer", func(r questionnaire.Run, rnd *rand.Rand) questionnaire.Run {
		q := r.Current()
		if q == nil {
			return r
		}
		if q.Kind == questionnaire.KindTool {
			if rnd.IntN(2) == 0 {
				n, _ := r.NameTool([]string{"", "Klassroomzz", "discord", "\x1b[2J"}[rnd.IntN(4)])
				return n.Next()
			}
			return r.Answer(randomValue(q, rnd))
		}
		vals := []string{randomValue(q, rnd)}
		for rnd.IntN(3) == 0 {
			vals = append(vals, randomValue(q, rnd)) // sometimes what a file could not hold
		}
		return r.Answer(vals...)
	}},
	{"tick", func(r questionnaire.Run, rnd *rand.Rand) questionnaire.Run {
		if q := r.Current(); q != nil && q.Kind != questionnaire.KindTool {
			r = r.Tick(randomValue(q, rnd))
			if rnd.IntN(2) == 0 {
				return r.Answer(r.Draft()...)
			}
		}
		return r
	}},
	{"edit", func(r questionnaire.Run, rnd *rand.Rand) questionnaire.Run {
		ss := r.Steps()
		return r.Edit(ss[rnd.IntN(len(ss))].ID)
	}},
	{"whatif", func(r questionnaire.Run, rnd *rand.Rand) questionnaire.Run {
		ss := r.Steps()
		q := ss[rnd.IntN(len(ss))]
		n, _ := r.WhatIf(q.ID, randomValue(q, rnd))
		return n
	}},
	{"undo", func(r questionnaire.Run, _ *rand.Rand) questionnaire.Run { n, _ := r.Undo(); return n }},
}

// Random sequences of what a user does never leave answers an answers
// file could not hold (written as the resume file writes them and read
// back by the parser, they are the same); Back right after an Answer that
// moved to the next step returns to the question answered; Undo restores
// the answers before the « et si ? »; the live verdict is the evaluation's.
func TestRunRandomActionsKeepAnswersValid(t *testing.T) {
	c := content(t)
	seed := seedFor(1212)
	rnd := rand.New(rand.NewPCG(seed, 12))
	n := samples(t) / 40
	backs, undos := 0, 0
	for s := range n {
		r := questionnaire.NewRun(c, c.Referentiels.IDs()[s%len(c.Referentiels.IDs())])
		if s%4 == 0 {
			r = r.WithCase(&c.Cases.List[rnd.IntN(len(c.Cases.List))])
		}
		var trail []string
		for range 60 {
			act := runActions[rnd.IntN(len(runActions))]
			if rnd.IntN(2) == 0 {
				act = runActions[answerAction] // answering is what users mostly do
			}
			prev := r
			r = act.do(r, rnd)
			trail = append(trail, act.name)
			where := fmt.Sprintf("seed %d, sample %d, after %v", seed, s, trail)

			a := r.Answers()
			back, err := c.ParseAnswers("run.yaml", resume.Encode(a))
			if err != nil {
				t.Fatalf("%s: the parser refuses the answers: %v\n%s", where, err, resume.Encode(a))
			}
			if !back.Equal(a) {
				t.Fatalf("%s: the answers read back differ:\n%s", where, resume.Encode(a))
			}
			if r.Stage() == questionnaire.StageQuestion && r.Current() == nil {
				t.Fatalf("%s: at a question that is not one", where)
			}
			if q := r.Current(); q != nil && !slices.Contains(r.Steps(), q) {
				t.Fatalf("%s: at %s, which is not a step", where, q.ID)
			}
			if act.name == "answer" && prev.Stage() == questionnaire.StageQuestion && !prev.Editing() &&
				r.Stage() == questionnaire.StageQuestion && r.Current() != prev.Current() {
				backs++
				at(t, r.Back(), prev.Current().ID)
			}
			if act.name == "whatif" && len(r.WhatIfs()) > len(prev.WhatIfs()) {
				undos++
				if u, _ := r.Undo(); !u.Answers().Equal(prev.Answers()) {
					t.Fatalf("%s: undo does not restore the answers", where)
				}
			}
			if r.Level() != r.Report().Level {
				t.Fatalf("%s: live verdict %s, evaluation %s", where, r.Level(), r.Report().Level)
			}
		}
	}
	if backs < n || undos < n/4 {
		t.Errorf("%d backs after an answer and %d undos checked in %d runs: the actions drawn miss them", backs, undos, n)
	}
}

// The evaluation reads the référentiel from the answers alone:
// WithReferentiel sets it, "" keeps the answers' own, an unknown id means
// the default.
func TestEvaluateReadsTheAnswersReferentiel(t *testing.T) {
	c := content(t)
	a := parse(t, c, `{outil: whatsapp, usage: messagerie, audience: eleves, referentiel: suisse-romande}`)
	for _, tc := range []struct{ set, want string }{
		{"", "suisse-romande"}, {"collectivite", "collectivite"}, {"nope", c.Referentiels.Default().ID},
	} {
		b := a.WithReferentiel(tc.set)
		if got := c.Evaluate(b).Referentiel.ID; got != tc.want {
			t.Errorf("WithReferentiel(%q): evaluated under %s, want %s", tc.set, got, tc.want)
		}
		if c.Level(b) != c.Evaluate(b).Level {
			t.Errorf("WithReferentiel(%q): Level and Evaluate disagree", tc.set)
		}
	}
	if a.Meta.Referentiel != "suisse-romande" {
		t.Error("WithReferentiel changed its receiver")
	}
}
