package questionnaire_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/conduite/conduite/questionnaire"
)

// A rule's title, its variants and its placeholders are checked at load:
// a typo fails with the file, line and entry.
func TestLoadRejectsBadRuleTexts(t *testing.T) {
	tests := []struct {
		name, file, old, new, want string
	}{
		{"missing title", "rules.yaml", `    title: {fr: "Contrat signé : clauses à vérifier", en: "Signed contract: clauses to check"}` + "\n", "",
			`^rules\.yaml:\d+:\d+: rules\[1\]\.title: missing text in fr, en \(every rule has a short title`},
		{"untranslated title", "rules.yaml", `title: {fr: "Contrat signé : clauses à vérifier", en: "Signed contract: clauses to check"}`,
			`title: {fr: "Contrat signé : clauses à vérifier"}`, `rules\[1\]\.title: missing text in en \(`},
		{"unknown placeholder", "rules.yaml", "vérifiez avec le {dpd} qu'il contient", "vérifiez avec le {dpo} qu'il contient",
			`^rules\.yaml:\d+:\d+: rules\[1\]\.reason: unknown placeholder \{dpo\} \(did you mean "dpd"\?\); allowed: outil, dpd, `},
		{"placeholder of a multi-choice question", "rules.yaml", "vérifiez avec le {dpd} qu'il contient", "vérifiez {donnees} qu'il contient",
			`rules\[1\]\.reason: unknown placeholder \{donnees\}`},
		{"unbalanced brace", "rules.yaml", "vérifiez avec le {dpd} qu'il contient", "vérifiez avec le {dpd qu'il contient",
			`rules\[1\]\.reason: unbalanced brace`},
		{"unknown placeholder in a variant", "rules.yaml", "faites vérifier par le {dpd} ce qu'il prévoit pour les données (qui les traite, où, à quelles fins), et",
			"faites vérifier par le {prepose} ce qu'il prévoit pour les données (qui les traite, où, à quelles fins), et",
			`rules\[1\]\.variants\[0\]\.reason: unknown placeholder \{prepose\}`},
		{"bad variant condition", "rules.yaml", `when: 'audience not in ["eleves", "mixte"]'`, `when: 'audience not in ["eleve", "mixte"]'`,
			`rules\[1\]\.variants\[0\]\.when: condition .*"eleve" is not a value of audience`},
		{"variant in a référentiel where the rule is not in force", "rules.yaml",
			"    variants:\n      - when: 'audience in [\"eleves\", \"mixte\"]'\n        reason:\n          fr: \"Service grand public sans contrat avec l'école : son usage",
			"    variants:\n      - referentiels: [collectivite]\n        reason:\n          fr: \"Service grand public sans contrat avec l'école : son usage",
			`variants\[0\]\.referentiels: the rule is not in force in référentiel "collectivite"`},
		{"variant that always applies", "rules.yaml", "      - referentiels: [collectivite]\n        reason:\n          fr: \"L'outil est fourni par votre employeur",
			"      - reason:\n          fr: \"L'outil est fourni par votre employeur", `rules\[0\]\.variants\[\d+\]: a variant needs a when or referentiels`},
		{"référentiel without a data-protection contact", "referentiels.yaml", `    dpd: {fr: "DPD de la collectivité", en: "local authority's data-protection officer (DPO)"}` + "\n", "",
			`^referentiels\.yaml:\d+:\d+: referentiels\[1\]\.dpd: missing text in fr, en$`},
		{"bad step condition", "rules.yaml", `when: 'niveau == "ecole" and not ("aucune" in donnees)'`, `when: 'niveau == "ecol" and not ("aucune" in donnees)'`,
			`^rules\.yaml:\d+:\d+: steps\[3\]\.when: condition .*"ecol" is not a value of niveau`},
		{"bad step verdict", "rules.yaml", "  - id: renoncer\n    verdicts: [proscrit]", "  - id: renoncer\n    verdicts: [interdit]",
			`^rules\.yaml:\d+:\d+: steps\[2\]\.verdicts\[0\]: `},
		{"duplicate step", "rules.yaml", "  - id: renoncer\n", "  - id: dpd\n", `steps\[2\]\.id: duplicate step id "dpd"$`},
		{"step without a source", "rules.yaml", "    sources: [rgpd-13]\n", "    sources: [rgpd-1]\n", `steps\[6\]\.sources`},
		{"unknown placeholder in a step", "rules.yaml", "posez-les au {dpd}", "posez-les au {dpo}", `steps\[0\]\.text: unknown placeholder \{dpo\}`},
		{"no text for an unnamed tool", "texts/report.yaml", `  reason_tool_unnamed: {fr: "cet outil", en: "this tool"}` + "\n", "",
			`"reason_tool_unnamed" is required`},
		{"no text for an assumed answer", "texts/report.yaml", `  reason_assumed_answer: {`, `  reason_assumed_answerx: {`,
			`"reason_assumed_answer" is required`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := questionnaire.Load(overlay(t, tc.file, tc.old, tc.new))
			if err == nil {
				t.Fatal("no error")
			}
			if !regexp.MustCompile(tc.want).MatchString(err.Error()) {
				t.Errorf("error\n  %s\ndoes not match\n  %s", err, tc.want)
			}
			checkLocalized(t, err)
		})
	}
}

// Placeholders are filled from the answers: the tool's name, the
// référentiel's contact, the label of an answer as the user chose it.
func TestPlaceholdersAreFilledFromTheAnswers(t *testing.T) {
	c := content(t)
	text := func(rep *questionnaire.Report, id string, lang questionnaire.Lang) string {
		t.Helper()
		for _, r := range rep.Reasons {
			if r.Rule.ID == id {
				return r.Text(lang)
			}
		}
		t.Fatalf("rule %s did not fire: %v", id, ruleIDs(rep))
		return ""
	}
	rep := c.Evaluate(parse(t, c, `{outil: via, usage: visio, audience: parents, mineurs: non, donnees: [identite]}`))
	if got := text(rep, "reserve-aux-personnels", questionnaire.FR); !strings.Contains(got, "Vous échangez avec des parents d'élèves :") {
		t.Errorf("the audience is not in the user's words: %s", got)
	}
	if got := text(rep, "reserve-aux-personnels", questionnaire.EN); !strings.Contains(got, "You exchange with parents:") {
		t.Errorf("the audience is not in the user's words (en): %s", got)
	}
	// Left out, the audience is « je ne sais pas »: the reason that fires
	// says nobody knows who takes part, and never names an audience the
	// user did not give.
	rep = c.Evaluate(parse(t, c, `{outil: discord, usage: visio, donnees: [identite]}`))
	if got := text(rep, "modele-donnees-public-inconnu", questionnaire.FR); strings.Contains(got, "Vous échangez avec") {
		t.Errorf("an unknown audience reads as the user's answer: %s", got)
	}
	if rep.Fired("modele-donnees-eleves") {
		t.Errorf("a rule about pupils fired for an audience nobody gave: %v", ruleIDs(rep))
	}
	rep = c.Evaluate(parse(t, c, `{outil: via, usage: visio, audience: agents, donnees: [identite]}`).WithReferentiel("collectivite"))
	if got := text(rep, "collectivite-outil-education-nationale", questionnaire.FR); !strings.HasPrefix(got, "« Classe virtuelle VIA » est un service") {
		t.Errorf("the tool is not named: %s", got)
	}
	for ref, want := range map[string]string{"education-nationale": "auprès du DPD de l'académie", "suisse-romande": "auprès du préposé cantonal"} {
		rep = c.Evaluate(parse(t, c, `{nom_outil: "Dépôt-Facile", usage: partage_documents, audience: agents, donnees: [identite]}`).WithReferentiel(ref))
		if got := text(rep, "contrat-inconnu", questionnaire.FR); !strings.Contains(got, want) {
			t.Errorf("%s: the contact is not the référentiel's: %s", ref, got)
		}
	}
}
