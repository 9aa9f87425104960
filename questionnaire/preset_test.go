package questionnaire_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/conduite/conduite/questionnaire"
)

// acceptPresets plays a run in which the user accepts, on every question
// still open, the value the front ends start on (Content.Preset: the
// wizard's cursor, the line mode's empty line): the « je ne sais pas »
// value said explicitly, a catalog fact kept implied, as the wizard does.
// It returns the answers and the questions whose preset was assumed.
func acceptPresets(c *questionnaire.Content, a questionnaire.Answers) (questionnaire.Answers, []string) {
	var defaulted []string
	for i := range c.Questions.List {
		q := &c.Questions.List[i]
		if q.Kind == questionnaire.KindTool || !q.Applies(c.Resolve(a).Answers) {
			continue
		}
		if p := c.Preset(a, q); p.Assumed() {
			a = a.Set(q.ID, p.Values...)
			defaulted = append(defaulted, q.ID)
		}
	}
	return a, defaulted
}

// asked counts the questions but the tool that apply to the answers (the
// questions on generative AI and the school level are asked only for that
// use and with pupils).
func asked(c *questionnaire.Content, a questionnaire.Answers) int {
	n, res := 0, c.Resolve(a)
	for i := range c.Questions.List {
		q := &c.Questions.List[i]
		if q.Kind != questionnaire.KindTool && res.Origins[q.ID] != questionnaire.OriginSkipped {
			n++
		}
	}
	return n
}

// freeName draws the name of a tool that is not in the catalog.
func freeName(c *questionnaire.Content, rnd *rand.Rand) string {
	for {
		name := fmt.Sprintf("Klassroomzz %x", rnd.Uint32())
		if len(c.Catalog.Search(name)) == 0 {
			return name
		}
	}
}

// Accepting every default for a tool outside the catalog, in any
// référentiel and whatever the tool's name, ends at « Déconseillé » or
// worse, with every defaulted question under « À vérifier ».
func TestAcceptingEveryDefaultIsNeverReassuring(t *testing.T) {
	c := content(t)
	rnd := rand.New(rand.NewPCG(seedFor(10), 1))
	for _, ref := range c.Referentiels.IDs() {
		for range 50 {
			var a questionnaire.Answers
			a.Meta.ToolName, a.Meta.Referentiel = freeName(c, rnd), ref
			a, defaulted := acceptPresets(c, a)
			rep := c.Evaluate(a)
			if rep.Level < questionnaire.Deconseille {
				t.Fatalf("%s, %q: accepting every default gives %s (%v), want Déconseillé or worse", ref, a.Meta.ToolName, rep.Level, dump(a))
			}
			if want := asked(c, a); len(defaulted) != want || want < 10 {
				t.Errorf("%s: %d questions defaulted, want every question asked but the tool (%d): %v", ref, len(defaulted), want, defaulted)
			}
			if !slices.Equal(rep.ToCheck, defaulted) {
				t.Fatalf("%s: to check %v, want every defaulted question %v", ref, rep.ToCheck, defaulted)
			}
		}
	}
}

// Over the answer space — some questions answered, a catalog tool or not —
// accepting the default on the others says no more than leaving them out
// (same verdict), never gives a better verdict than answering them with
// their least risky value, and lists each of them under « À vérifier ».
func TestAcceptedDefaultCountsAsLeftOut(t *testing.T) {
	c := content(t)
	seed := seedFor(1010)
	g := gen{c: c, rnd: rand.New(rand.NewPCG(seed, 2))}
	for n := range samples(t) {
		given, ref := g.answers()
		if g.rnd.IntN(2) == 0 {
			given = given.Unset(questionnaire.QTool)
			given.Meta.ToolName = freeName(c, g.rnd)
		}
		// The référentiel is part of the answers, as the wizard keeps it:
		// the catalog's facts, and so the presets, depend on it.
		given.Meta.Referentiel = ref
		accepted, defaulted := acceptPresets(c, given)
		rep := c.Evaluate(accepted.WithReferentiel(ref))
		if left := c.Level(given.WithReferentiel(ref)); rep.Level != left {
			t.Fatalf("sample %d (seed %d, %s): accepting the defaults %v gives %s, leaving them out %s\nanswers: %v", n, seed, ref, defaulted, rep.Level, left, dump(given))
		}
		for _, id := range defaulted {
			if !slices.Contains(rep.ToCheck, id) {
				t.Fatalf("sample %d: defaulted %s is not under « À vérifier » %v\nanswers: %v", n, id, rep.ToCheck, dump(accepted))
			}
			q, _ := c.Questions.Get(id)
			if !q.Ordered() {
				continue
			}
			best := slices.MinFunc(q.Options, func(x, y questionnaire.Option) int { return *x.Risk - *y.Risk }).Value
			b := accepted.Set(id, best)
			if q.Kind == questionnaire.KindMulti {
				b = accepted.Set(id, "aucune")
			}
			if with := c.Level(b.WithReferentiel(ref)); rep.Level < with {
				t.Fatalf("sample %d: the default of %s gives %s, better than its least risky answer %s (%s)\nanswers: %v", n, id, rep.Level, best, with, dump(accepted))
			}
		}
	}
}

// Every question but the tool has a « Je ne sais pas » value, `inconnu`,
// that no known answer outranks: its risk is the highest, or it lies
// between the answers it could turn out to be. The default of every
// question is that value, never its least risky one.
func TestEveryQuestionHasIDontKnow(t *testing.T) {
	c := content(t)
	for i := range c.Questions.List {
		q := &c.Questions.List[i]
		if q.Kind == questionnaire.KindTool {
			continue
		}
		if q.Unknown != "inconnu" {
			t.Errorf("%s: the « je ne sais pas » value is %q, want inconnu", q.ID, q.Unknown)
			continue
		}
		o, _ := q.Option(q.Unknown)
		if o.Label.In(questionnaire.FR) != "Je ne sais pas" || o.Label.In(questionnaire.EN) != "I don't know" {
			t.Errorf("%s: inconnu reads %q / %q", q.ID, o.Label.In(questionnaire.FR), o.Label.In(questionnaire.EN))
		}
		p := c.Preset(questionnaire.Answers{}, q)
		if !p.Assumed() || !slices.Equal(p.Values, []string{"inconnu"}) {
			t.Errorf("%s: with no answer the preset is %v (%s), want inconnu", q.ID, p.Values, p.Origin)
		}
		if q.Ordered() {
			least := slices.MinFunc(q.Options, func(x, y questionnaire.Option) int { return *x.Risk - *y.Risk })
			if *o.Risk <= *least.Risk {
				t.Errorf("%s: inconnu ranks %d, no more than the least risky answer %s", q.ID, *o.Risk, least.Value)
			}
		}
	}
}

// The preset is the answer given, else the catalog's fact, else inconnu.
func TestPresetOrder(t *testing.T) {
	c := content(t)
	q, _ := c.Questions.Get("contrat")
	a := questionnaire.NewAnswers(map[string][]string{"outil": {"discord"}})
	if p := c.Preset(a, q); p.Origin != questionnaire.OriginCatalog || !slices.Equal(p.Values, []string{"non"}) {
		t.Errorf("Discord's contract: preset %v (%s), want the catalog's non", p.Values, p.Origin)
	}
	if p := c.Preset(a.Set("contrat", "oui"), q); p.Origin != questionnaire.OriginGiven || !slices.Equal(p.Values, []string{"oui"}) {
		t.Errorf("a given contract: preset %v (%s)", p.Values, p.Origin)
	}
	a.Meta.ToolName = "Klassroomzz"
	if p := c.Preset(a.Unset("outil"), q); !p.Assumed() || !slices.Equal(p.Values, []string{"inconnu"}) {
		t.Errorf("a tool outside the catalog: preset %v (%s), want inconnu", p.Values, p.Origin)
	}
	tool, _ := c.Questions.Get(questionnaire.QTool)
	if p := c.Preset(questionnaire.Answers{}, tool); !p.Assumed() || len(p.Values) != 0 {
		t.Errorf("no tool named: preset %v (%s)", p.Values, p.Origin)
	}
}

// A question a case study leaves silent (and the catalog too) takes
// « je ne sais pas » in the workshop, never a reassuring value: the
// cursor starts there and the verdict counts it as unknown.
func TestCaseSilenceIsNeverReassuring(t *testing.T) {
	c := content(t)
	for _, k := range c.Cases.List {
		res := c.Resolve(k.Answers)
		for i := range c.Questions.List {
			q := &c.Questions.List[i]
			if q.Kind == questionnaire.KindTool || res.Origins[q.ID] != questionnaire.OriginAssumed {
				continue
			}
			if got := res.Answers.List(q.ID); !slices.Equal(got, []string{q.Unknown}) || q.Assumed() != q.Unknown {
				t.Errorf("case %s leaves %s silent: taken as %v, want %s", k.ID, q.ID, got, q.Unknown)
			}
		}
	}
}
