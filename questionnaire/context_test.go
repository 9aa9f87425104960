package questionnaire_test

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/conduite/conduite/questionnaire"
	"github.com/conduite/conduite/report"
)

// A reason speaks of the situation it judges: a word that belongs to
// another situation (a class council when nobody is a delegate, pupils
// when none takes part, a French DPD in Switzerland) is a reason that does
// not fit. Each entry says where a pattern may not appear; the test reads
// every text shown of every case study and example, in French and in
// English, and of answer sets drawn over the whole answer space.

// situation is what a context rule looks at.
type situation struct {
	rep *questionnaire.Report
	ref string
}

func (s situation) answer(id string) string { return s.rep.Resolved.Answers.Get(id) }

func (s situation) data(v string) bool {
	return slices.Contains(s.rep.Resolved.Answers.List("donnees"), v)
}

// scope is which texts of a report an entry reads.
type scope int

const (
	scopeReasons scope = iota // the reasons only
	scopeReport               // reasons, the to-check and no-alternative lines, the disclaimer
)

// words matches any of the words whole: Go's \b knows ASCII letters only,
// so « élèves » needs boundaries of its own.
func words(ws ...string) *regexp.Regexp {
	return regexp.MustCompile(`(?i)(?:^|[^\p{L}\p{N}])(` + strings.Join(ws, "|") + `)(?:$|[^\p{L}\p{N}])`)
}

var contextRules = []struct {
	name    string
	pattern *regexp.Regexp
	scope   scope
	// allowed reports whether the words fit the situation.
	allowed func(s situation) bool
	// ignore, when set, is removed from a text before it is read (the
	// parents of pupils are parents, not pupils).
	ignore *regexp.Regexp
}{
	{"a class council needs staff with parents' or pupils' delegates (audience mixte)",
		words(`conseils? de classe`, `class councils?`), scopeReasons,
		func(s situation) bool { return s.answer("audience") == "mixte" }, nil},
	{"pupils are named only when pupils take part or their school data are exchanged",
		words(`élèves?`, `pupils?`, `écoliers?`, `collégiens?`, `lycéens?`), scopeReasons,
		func(s situation) bool {
			a := s.answer("audience")
			return a == "eleves" || a == "mixte" || s.data("scolaires")
		}, regexp.MustCompile(`(?i)parents d'élèves|parents of pupils`)},
	{"parents and families are named only when they take part",
		words(`parents?`, `familles?`, `family`, `families`), scopeReasons,
		func(s situation) bool { a := s.answer("audience"); return a == "parents" || a == "mixte" },
		regexp.MustCompile(`(?i)family situations?`)},
	{"a Swiss school asks its préposé, not a French DPD",
		words(`DPDs?`, `DPOs?`, `délégués? à la protection des données`, `data[- ]protection officers?`), scopeReport,
		func(s situation) bool { return s.ref != "suisse-romande" }, nil},
	{"a Swiss school is not under French institutions nor, directly, the GDPR",
		words(`RGPD`, `GDPR`, `CNIL`, `DANE`, `académies?`, `académiques?`, `ministère`, `ministry`), scopeReasons,
		func(s situation) bool { return s.ref != "suisse-romande" }, nil},
	{"a French school or authority has no préposé",
		words(`préposés?`, `PPDT`, `commissioners?`), scopeReport,
		func(s situation) bool { return s.ref == "suisse-romande" }, nil},
	{"a local authority's agents among themselves have no teacher",
		words(`enseignants?`, `teachers?`), scopeReasons,
		func(s situation) bool {
			a := s.answer("audience")
			return s.ref != "collectivite" || a == "eleves" || a == "mixte"
		}, nil},
	{"every placeholder is filled",
		regexp.MustCompile(`[{}]`), scopeReport,
		func(situation) bool { return false }, nil},
}

// texts returns the texts of the report in lang, by scope.
func reportTexts(rep *questionnaire.Report, lang questionnaire.Lang) (reasons, rest []string) {
	d := report.New(rep, report.Options{Lang: lang, Version: "test"})
	for _, r := range d.Reasons {
		reasons = append(reasons, r.Rule+": "+r.Text)
	}
	rest = append(rest, "to_check_intro: "+d.T("to_check_intro"), "no_alternative: "+d.NoAlternative(), "disclaimer: "+d.T("disclaimer"))
	for _, a := range d.Alternatives {
		rest = append(rest, "alternative "+a.ID+": "+a.For+" "+a.Limits)
	}
	return reasons, rest
}

func checkContext(t *testing.T, where string, rep *questionnaire.Report, ref string) {
	t.Helper()
	s := situation{rep: rep, ref: rep.Referentiel.ID}
	for _, lang := range questionnaire.Langs {
		reasons, rest := reportTexts(rep, lang)
		for _, cr := range contextRules {
			if cr.allowed(s) {
				continue
			}
			texts := reasons
			if cr.scope == scopeReport {
				texts = append(slices.Clone(reasons), rest...)
			}
			for _, x := range texts {
				// The tool's name is the user's own words (« Messagerie
				// académique » in Switzerland says what they chose).
				read := x
				if name := rep.ToolName(); name != "" {
					read = strings.ReplaceAll(read, name, "")
				}
				if cr.ignore != nil {
					read = cr.ignore.ReplaceAllString(read, "")
				}
				if m := cr.pattern.FindStringSubmatch(read); m != nil {
					t.Errorf("%s (%s, %s): « %s » does not fit: %s\n  %s\n  answers: %s",
						where, s.ref, lang, m[len(m)-1], cr.name, x, dump(rep.Resolved.Answers))
				}
			}
		}
	}
}

func TestReasonsFitTheirSituation(t *testing.T) {
	c := content(t)
	for _, k := range c.Cases.List {
		checkContext(t, "case "+k.ID, c.Evaluate(k.Answers.WithReferentiel(k.Referentiel)), k.Referentiel)
	}
	files, _ := filepath.Glob("../examples/*")
	files = slices.DeleteFunc(files, questionnaire.IsProfileFile) // the example profile is no answers file
	if len(files) == 0 {
		t.Fatal("no example found")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		a, err := c.ParseAnswers(filepath.Base(f), data)
		if err != nil {
			t.Fatal(err)
		}
		checkContext(t, "example "+filepath.Base(f), c.Evaluate(a), "")
		// The same situation in every référentiel: a Swiss reading of a
		// French example must speak Swiss.
		for _, ref := range c.Referentiels.IDs() {
			checkContext(t, "example "+filepath.Base(f)+" in "+ref, c.Evaluate(a.WithReferentiel(ref)), ref)
		}
	}
}

// The same check over answer sets drawn from the whole answer space: every
// variant of every rule is read somewhere.
func TestReasonsFitTheirSituationOverTheAnswerSpace(t *testing.T) {
	c := content(t)
	g := gen{c: c, rnd: rand.New(rand.NewPCG(seedFor(11), 13))}
	n := samples(t) / 4
	for i := range n {
		a, ref := g.answers()
		checkContext(t, "sample "+strconv.Itoa(i), c.Evaluate(a.WithReferentiel(ref)), ref)
		if t.Failed() {
			return // one situation is enough to read
		}
	}
}

// Every variant of every rule words some situation of the answer space: a
// variant that never applies is a wording nobody reads (a condition shadowed
// by an earlier variant, or that its rule excludes).
func TestEveryVariantIsUsed(t *testing.T) {
	c := content(t)
	g := gen{c: c, rnd: rand.New(rand.NewPCG(17, 19))}
	used := map[*questionnaire.Variant]bool{}
	for range 24000 { // not fewer in -short: tool-specific variants are rare draws (more questions, rarer draws)
		a, ref := g.answers()
		for _, r := range c.Evaluate(a.WithReferentiel(ref)).Reasons {
			if r.Variant != nil {
				used[r.Variant] = true
			}
		}
	}
	for i := range c.Rules.Rules {
		r := &c.Rules.Rules[i]
		for k := range r.Variants {
			if !used[&r.Variants[k]] {
				t.Errorf("rule %s: variant %d (%s %v) never words a situation", r.ID, k, r.Variants[k].When, r.Variants[k].Referentiels)
			}
		}
	}
}
