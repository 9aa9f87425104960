package questionnaire_test

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/conduite/conduite/questionnaire"
)

// example reads an answers file of examples/.
func example(t *testing.T, c *questionnaire.Content, name string) questionnaire.Answers {
	t.Helper()
	data, err := os.ReadFile("../examples/" + name)
	if err != nil {
		t.Fatal(err)
	}
	a, err := c.ParseAnswers(name, data)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// Issue 14's « done when »: a 5e class signed up to a consumer chatbot and
// pupils' names and grades pasted into it are « À proscrire » for the
// framework's reasons; a lesson prepared alone with no personal data is
// « Possible sous conditions », not proscribed for want of a contract, and
// one pupil's name typed in makes it « À proscrire ».
func TestGenerativeAIVerdicts(t *testing.T) {
	c := content(t)
	for _, tc := range []struct {
		file       string
		want       questionnaire.Level
		fired, not []string
	}{
		{"ia-classe-5e-inscription.yaml", questionnaire.Proscrit, []string{"ia-compte-eleves", "ia-autonomie-avant-4e", "ia-donnees-grand-public"}, nil},
		{"ia-copies-appreciations.yaml", questionnaire.Proscrit, []string{"ia-donnees-grand-public", "ia-evaluation-haut-risque"}, []string{"ia-preparation-sans-donnees"}},
		{"ia-preparation-cours.yaml", questionnaire.SousConditions, []string{"ia-preparation-sans-donnees"},
			[]string{"sans-contrat", "hors-ue-sans-garanties", "ia-principes-cadre", "ia-donnees-grand-public"}},
	} {
		rep := c.Evaluate(example(t, c, tc.file))
		if rep.Level != tc.want {
			t.Errorf("%s: %s, want %s; reasons %v", tc.file, rep.Level, tc.want, ruleIDs(rep))
		}
		for _, id := range tc.fired {
			if !rep.Fired(id) {
				t.Errorf("%s: rule %s does not fire; reasons %v", tc.file, id, ruleIDs(rep))
			}
		}
		for _, id := range tc.not {
			if rep.Fired(id) {
				t.Errorf("%s: rule %s fires; reasons %v", tc.file, id, ruleIDs(rep))
			}
		}
	}
	prep := example(t, c, "ia-preparation-cours.yaml")
	if got := c.Level(prep.Set("donnees", "identite")); got != questionnaire.Proscrit {
		t.Errorf("a lesson prepared with a pupil's name typed in: %s, want proscrit", got)
	}
	// The same lesson with the teacher leading the tool in class stays
	// possible; with the 6e pupils using it themselves it is not.
	inClass := prep.Set("utilisation_ia", "enseignant_classe").Set("audience", "eleves").Set("niveau", "college_avant_4e").
		Set("mineurs", "oui_moins_15")
	if got := c.Level(inClass); got != questionnaire.SousConditions {
		t.Errorf("teacher-led use in a 6e class: %s, want sous_conditions; reasons %v", got, ruleIDs(c.Evaluate(inClass)))
	}
	if got := c.Level(inClass.Set("utilisation_ia", "eleves_autonomes")); got != questionnaire.Proscrit {
		t.Errorf("6e pupils using it themselves: %s, want proscrit", got)
	}
	// From the 4e, pupils may use it themselves: with a tool under the
	// institution's contract, under the framework's conditions; a consumer
	// tool without contract stays ruled out (the contract rules apply as
	// soon as pupils use it).
	lycee := inClass.Set("utilisation_ia", "eleves_autonomes").Set("niveau", "lycee").Set("mineurs", "oui_15_plus")
	if got := c.Level(lycee.Set("contrat", "oui").Set("hebergement", "ue")); got != questionnaire.SousConditions {
		t.Errorf("lycée pupils using an AI under contract themselves, no account, no data: %s, want sous_conditions; reasons %v", got, ruleIDs(c.Evaluate(lycee.Set("contrat", "oui").Set("hebergement", "ue"))))
	}
	if got := c.Level(lycee); got != questionnaire.Proscrit {
		t.Errorf("lycée pupils using a consumer AI themselves: %s, want proscrit", got)
	}
	if got := c.Level(prep.Set("finalite_ia", "emotions")); got != questionnaire.Proscrit {
		t.Errorf("inferring emotions: %s, want proscrit (AI Act art. 5(1)(f))", got)
	}
}

// Every reason of the generative-AI section in force in the EU cites the
// education framework, the CNIL, the AI Act or the GDPR by article or
// title, in the text and in its sources.
func TestGenerativeAIReasonsCiteTheirLaw(t *testing.T) {
	c := content(t)
	n := 0
	for _, r := range c.Rules.Rules {
		if !strings.HasPrefix(r.ID, "ia-") || (!r.AppliesTo("education-nationale") && !r.AppliesTo("collectivite")) {
			continue
		}
		n++
		if r.Title.FR == "" || r.Title.EN == "" {
			t.Errorf("%s has no title", r.ID)
		}
		for _, s := range []struct{ text, lang string }{{r.Reason.FR, "fr"}, {r.Reason.EN, "en"}} {
			named := []string{"cadre d'usage de l'IA en éducation", "CNIL", "règlement européen sur l'IA", "RGPD"}
			if s.lang == "en" {
				named = []string{"education framework on AI", "CNIL", "AI Act", "GDPR"}
			}
			if !slices.ContainsFunc(named, func(w string) bool { return strings.Contains(s.text, w) }) {
				t.Errorf("%s (%s) names none of %v: %s", r.ID, s.lang, named, s.text)
			}
		}
		cites := slices.ContainsFunc(r.Sources, func(id string) bool {
			return id == "men-cadre-ia" || id == "cnil-faq-ia" || strings.HasPrefix(id, "ai-act-") || strings.HasPrefix(id, "rgpd-")
		})
		if !cites {
			t.Errorf("%s cites %v: none is the framework, the CNIL, the AI Act or the GDPR", r.ID, r.Sources)
		}
	}
	if n < 10 {
		t.Errorf("%d generative-AI rules, want the section's (at least 10)", n)
	}
}

func altIDs(rep *questionnaire.Report) []string {
	var ids []string
	for _, t := range rep.Alternatives {
		ids = append(ids, t.ID)
	}
	return ids
}

// Alternatives follow the school level: a primary class is never offered
// Pronote, a collège class is; an unknown level filters nothing.
func TestAlternativesFollowTheLevel(t *testing.T) {
	c := content(t)
	base := parse(t, c, "usage: messagerie\naudience: eleves\ncontrat: non\n")
	for _, tc := range []struct {
		niveau    string
		want, not []string
	}{
		{"ecole", []string{"ent"}, []string{"pronote"}},
		{"college_avant_4e", []string{"ent", "pronote"}, nil},
		{"lycee", []string{"ent", "pronote"}, nil},
		{"superieur", nil, []string{"ent", "pronote"}},
		{"inconnu", []string{"ent", "pronote"}, nil},
	} {
		ids := altIDs(c.Evaluate(base.Set("niveau", tc.niveau).WithReferentiel("education-nationale")))
		for _, id := range tc.want {
			if !slices.Contains(ids, id) {
				t.Errorf("niveau %s: %s not offered: %v", tc.niveau, id, ids)
			}
		}
		for _, id := range tc.not {
			if slices.Contains(ids, id) {
				t.Errorf("niveau %s: %s offered: %v", tc.niveau, id, ids)
			}
		}
	}
	// Parents are not asked the level: nothing is filtered.
	if ids := altIDs(c.Evaluate(parse(t, c, "usage: messagerie\naudience: parents\nniveau: ecole\n").WithReferentiel("education-nationale"))); !slices.Contains(ids, "pronote") {
		t.Errorf("with parents the level is not asked and filters nothing: %v", ids)
	}
}

// Every alternative of the embedded catalog that serves pupils names the
// school levels it serves.
func TestPupilAlternativesNameTheirLevels(t *testing.T) {
	c := content(t)
	for _, tool := range c.Catalog.Tools {
		a := tool.Alternative
		if a == nil || !slices.Contains(a.Referentiels, "education-nationale") {
			continue
		}
		if (slices.Contains(a.Audiences, "eleves") || slices.Contains(a.Audiences, "mixte")) && len(a.Levels) == 0 {
			t.Errorf("%s serves pupils but names no levels", tool.ID)
		}
	}
}
