package report_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/conduite/conduite/questionnaire"
	"github.com/conduite/conduite/report"
)

// The template round-trips: the real parser reads it unchanged, every
// question is a key of it, every value is named in its comments, and its
// evaluation puts every question the evaluation asks under « À vérifier »,
// in both languages. With usage set to generative AI, the questions on AI
// are asked and to check too.
func TestTemplateRoundTrip(t *testing.T) {
	c := loadContent(t)
	for _, lang := range []questionnaire.Lang{questionnaire.FR, questionnaire.EN} {
		t.Run(string(lang), func(t *testing.T) {
			var b bytes.Buffer
			if err := report.WriteTemplate(&b, c, lang); err != nil {
				t.Fatal(err)
			}
			tpl := b.String()
			for i := range c.Questions.List {
				q := &c.Questions.List[i]
				if !strings.Contains(tpl, "\n"+q.ID+":") {
					t.Errorf("no key %s in the template", q.ID)
				}
				if !strings.Contains(tpl, q.Why.In(lang)[:20]) {
					t.Errorf("%s: its « pourquoi » is not in the template", q.ID)
				}
				for _, o := range q.Options {
					if q.Kind == questionnaire.KindTool {
						break // the catalog's ids, listed on a few lines
					}
					if !strings.Contains(tpl, "#   "+o.Value+" — "+o.Label.In(lang)+"\n") {
						t.Errorf("%s: value %s and its label not listed", q.ID, o.Value)
					}
				}
			}
			for _, k := range questionnaire.MetaKeys {
				if !strings.Contains(tpl, "\n"+k+":\n") {
					t.Errorf("no empty key %s in the template", k)
				}
			}
			for line := range strings.SplitSeq(tpl, "\n") {
				if n := len([]rune(line)); n > 80 {
					t.Errorf("a line of %d characters: %q", n, line)
				}
			}
			check := func(t *testing.T, data string, wantAI bool) {
				a, err := c.ParseAnswers("modele.yaml", []byte(data))
				if err != nil {
					t.Fatalf("the template does not parse: %v", err)
				}
				rep := c.Evaluate(a)
				for i := range c.Questions.List {
					q := &c.Questions.List[i]
					origin := rep.Resolved.Origins[q.ID]
					switch {
					case q.Kind == questionnaire.KindTool:
						if rep.Resolved.Tool != nil {
							t.Errorf("a tool was found: %s", rep.Resolved.Tool.ID)
						}
					case origin == questionnaire.OriginSkipped:
						if q.AskIf == "" {
							t.Errorf("%s is skipped but always asked", q.ID)
						}
						if wantAI && strings.Contains(q.AskIf, "ia_generative") {
							t.Errorf("%s is skipped for generative AI", q.ID)
						}
					case wantAI && q.ID == questionnaire.QUsage: // answered
					case !slices.Contains(rep.ToCheck, q.ID):
						t.Errorf("%s (%s) is not « à vérifier »", q.ID, origin)
					}
				}
				if rep.Level < questionnaire.Deconseille {
					t.Errorf("an unfilled template reads %s: unknowns must count at their worst", rep.Level)
				}
			}
			t.Run("unchanged", func(t *testing.T) { check(t, tpl, false) })
			t.Run("ia", func(t *testing.T) {
				filled := strings.Replace(tpl, "\nusage: inconnu\n", "\nusage: ia_generative\n", 1)
				if filled == tpl {
					t.Fatal("no « usage: inconnu » line")
				}
				check(t, filled, true)
			})
		})
	}
}
