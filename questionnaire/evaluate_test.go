package questionnaire_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/conduite/conduite/questionnaire"
)

// The situations of the seed documents, and what the seeds conclude.
var seedCases = []struct {
	name    string
	answers string
	ref     string
	want    questionnaire.Level
	rules   []string // rules that must be among the reasons
}{
	{
		name: "Discord as a virtual class with pupils under 15 (seed 004)",
		answers: `{outil: discord, usage: classe_virtuelle, audience: eleves, mineurs: oui_moins_15,
			donnees: [identite, images], inscription: imposee, appareil: personnel}`,
		want:  questionnaire.Proscrit,
		rules: []string{"sans-contrat", "mineurs-moins-15", "inscription-imposee", "hors-ue-sans-garanties"},
	},
	{
		name: "free Zoom for a conseil de classe (seed 004)",
		answers: `{outil: zoom, usage: visio, audience: mixte, mineurs: oui_moins_15,
			donnees: [identite, scolaires], inscription: aucun_compte, identification: non, appareil: personnel}`,
		want:  questionnaire.Proscrit,
		rules: []string{"sans-contrat", "hors-ue-sans-garanties", "conseil-classe-hors-controle"},
	},
	{
		name: "Tchap between agents (seed 000)",
		answers: `{outil: tchap, usage: messagerie, audience: agents, donnees: [identite],
			appareil: professionnel}`,
		want:  questionnaire.Recommande,
		rules: []string{"outil-institutionnel"},
	},
	{
		name:    "a WhatsApp group of agents (seeds 000, 003)",
		answers: `{outil: whatsapp, usage: messagerie, audience: agents, donnees: [identite], appareil: personnel}`,
		want:    questionnaire.Proscrit,
		rules:   []string{"sans-contrat", "groupe-prive-pro"},
	},
	{
		name: "RENAvisio for a staff meeting (seed 004)",
		answers: `{outil: renavisio, usage: visio, audience: agents, donnees: [identite],
			inscription: aucun_compte, identification: oui, appareil: professionnel}`,
		want:  questionnaire.Recommande,
		rules: []string{"outil-institutionnel"},
	},
	{
		name:    "nothing known about a file-sharing service",
		answers: `{nom_outil: "Dépôt-Facile", usage: partage_documents, audience: agents, donnees: [identite], appareil: professionnel}`,
		want:    questionnaire.Deconseille,
		rules:   []string{"contrat-inconnu", "hebergement-inconnu"},
	},
	{
		name:    "WhatsApp with a class that already uses it, in France (seed 000)",
		answers: `{outil: whatsapp, usage: messagerie, audience: eleves, mineurs: oui_15_plus, donnees: [identite], inscription: deja_utilisateurs, appareil: personnel}`,
		want:    questionnaire.Proscrit,
		rules:   []string{"deja-utilisateurs-france"},
	},
	{
		name:    "WhatsApp with a class that already uses it, in Switzerland (seed 002)",
		answers: `{outil: whatsapp, usage: messagerie, audience: eleves, mineurs: oui_15_plus, donnees: [identite], inscription: deja_utilisateurs, appareil: personnel}`,
		ref:     "suisse-romande",
		want:    questionnaire.Deconseille,
		rules:   []string{"tolerance-suisse", "sans-contrat-suisse"},
	},
	{
		name:    "WhatsApp with sensitive data, in Switzerland (seed 002)",
		answers: `{outil: whatsapp, usage: messagerie, audience: eleves, mineurs: oui_15_plus, donnees: [sensibles], inscription: deja_utilisateurs, appareil: personnel}`,
		ref:     "suisse-romande",
		want:    questionnaire.Proscrit,
		rules:   []string{"donnees-sensibles-hors-controle"},
	},
	{
		name:    "a Facebook group of a Région's agents (seed 003)",
		answers: `{outil: facebook-groupes, usage: reseau_social, audience: agents, donnees: [identite], appareil: personnel}`,
		ref:     "collectivite",
		want:    questionnaire.Proscrit,
		rules:   []string{"collectivite-outils-employeur", "appareil-personnel-collectivite"},
	},
}

func TestSeedCases(t *testing.T) {
	c := content(t)
	for _, tc := range seedCases {
		t.Run(tc.name, func(t *testing.T) {
			rep := c.Evaluate(parse(t, c, tc.answers).WithReferentiel(tc.ref))
			if rep.Level != tc.want {
				t.Errorf("verdict %s, want %s; reasons: %v", rep.Level, tc.want, ruleIDs(rep))
			}
			for _, id := range tc.rules {
				if !rep.Fired(id) {
					t.Errorf("rule %s did not fire; reasons: %v", id, ruleIDs(rep))
				}
			}
			if got := c.Level(parse(t, c, tc.answers).WithReferentiel(tc.ref)); got != rep.Level {
				t.Errorf("Level() = %s, Evaluate().Level = %s", got, rep.Level)
			}
			// Reasons come most severe first, and the verdict is the first one's.
			if len(rep.Reasons) == 0 || rep.Reasons[0].Rule.Level != rep.Level {
				t.Errorf("the first reason is not at the verdict's level: %v", ruleIDs(rep))
			}
			if !slices.IsSortedFunc(rep.Reasons, func(a, b questionnaire.Reason) int { return int(b.Rule.Level - a.Rule.Level) }) {
				t.Errorf("reasons not sorted most severe first: %v", ruleIDs(rep))
			}
		})
	}
}

func ruleIDs(rep *questionnaire.Report) []string {
	var ids []string
	for _, r := range rep.Reasons {
		ids = append(ids, r.Rule.ID+"("+r.Rule.Level.String()+")")
	}
	return ids
}

// The example answers files reach the verdict their README line states.
func TestExamples(t *testing.T) {
	c := content(t)
	want := map[string]questionnaire.Level{
		"discord-classe.yaml":           questionnaire.Proscrit,
		"zoom-conseil-classe.yaml":      questionnaire.Proscrit,
		"tchap-agents.yaml":             questionnaire.Recommande,
		"whatsapp-agents.yaml":          questionnaire.Proscrit,
		"renavisio-reunion.yaml":        questionnaire.Recommande,
		"partage-inconnu.yaml":          questionnaire.Deconseille,
		"padlet-photos.json":            questionnaire.Proscrit,
		"whatsapp-classe-suisse.yaml":   questionnaire.Deconseille,
		"ia-preparation-cours.yaml":     questionnaire.SousConditions,
		"ia-classe-5e-inscription.yaml": questionnaire.Proscrit,
		"ia-copies-appreciations.yaml":  questionnaire.Proscrit,
	}
	files, _ := filepath.Glob("../examples/*")
	files = slices.DeleteFunc(files, questionnaire.IsProfileFile) // the example profile is no answers file
	if len(files) < len(want) {
		t.Fatalf("found %d example files, want at least %d", len(files), len(want))
	}
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			a, err := c.ParseAnswers(name, data)
			if err != nil {
				t.Fatal(err)
			}
			w, ok := want[name]
			if !ok {
				t.Fatalf("no expected verdict for %s: add it to this table", name)
			}
			if rep := c.Evaluate(a); rep.Level != w {
				t.Errorf("verdict %s, want %s; reasons %v", rep.Level, w, ruleIDs(rep))
			}
		})
	}
}

// Every case study reaches the verdict it states.
func TestCasesReachTheirVerdict(t *testing.T) {
	c := content(t)
	if len(c.Cases.List) < 10 {
		t.Errorf("%d case studies, want at least 10", len(c.Cases.List))
	}
	for _, k := range c.Cases.List {
		t.Run(k.ID, func(t *testing.T) {
			if rep := c.Evaluate(k.Answers.WithReferentiel(k.Referentiel)); rep.Level != k.Expected {
				t.Errorf("verdict %s, the case says %s; reasons %v", rep.Level, k.Expected, ruleIDs(rep))
			}
		})
	}
}

func TestCatalogFactsPrefillAndExplicitAnswersWin(t *testing.T) {
	c := content(t)
	a := parse(t, c, `{outil: zoom, usage: visio, audience: agents}`)
	rep := c.Evaluate(a)
	if got := rep.Resolved.Answers.Get("contrat"); got != "non" {
		t.Fatalf("free Zoom's contract from the catalog = %q, want non", got)
	}
	if rep.Resolved.Origins["contrat"] != questionnaire.OriginCatalog {
		t.Errorf("contrat origin = %s, want catalog", rep.Resolved.Origins["contrat"])
	}
	b := parse(t, c, `{outil: zoom, usage: visio, audience: agents, contrat: oui}`)
	rep = c.Evaluate(b)
	if rep.Resolved.Answers.Get("contrat") != "oui" || rep.Resolved.Origins["contrat"] != questionnaire.OriginGiven {
		t.Errorf("an explicit answer must override the catalog: got %q (%s)", rep.Resolved.Answers.Get("contrat"), rep.Resolved.Origins["contrat"])
	}
}

func TestLeftOutQuestionsAreToCheck(t *testing.T) {
	c := content(t)
	rep := c.Evaluate(parse(t, c, `{usage: messagerie, audience: agents, contrat: fourni_institution}`))
	for _, id := range []string{"donnees", "hebergement", "modele_economique", "inscription", "identification", "appareil"} {
		if !slices.Contains(rep.ToCheck, id) {
			t.Errorf("%s left out but not in ToCheck %v", id, rep.ToCheck)
		}
	}
	if slices.Contains(rep.ToCheck, "mineurs") {
		t.Errorf("mineurs does not apply to agents and must not be to check: %v", rep.ToCheck)
	}
	if rep.Resolved.Answers.Get("mineurs") != "non" || rep.Resolved.Origins["mineurs"] != questionnaire.OriginSkipped {
		t.Errorf("mineurs for agents = %q (%s), want non (skipped)", rep.Resolved.Answers.Get("mineurs"), rep.Resolved.Origins["mineurs"])
	}
	if rep.Level == questionnaire.Recommande {
		t.Errorf("unknown facts must not give a pass, got %s", rep.Level)
	}
}

func TestAlternativesFitUsageAndAudience(t *testing.T) {
	c := content(t)
	rep := c.Evaluate(parse(t, c, `{outil: whatsapp, usage: messagerie, audience: agents}`))
	if len(rep.Alternatives) == 0 {
		t.Fatal("no alternative to WhatsApp among agents")
	}
	names := []string{}
	for _, a := range rep.Alternatives {
		names = append(names, a.ID)
		if !a.Alternative.Fits("messagerie", "agents", "education-nationale") {
			t.Errorf("%s proposed but does not fit messagerie/agents", a.ID)
		}
	}
	if !slices.Contains(names, "tchap") {
		t.Errorf("Tchap missing from the alternatives for agents' messaging: %v", names)
	}
	// The Swiss référentiel proposes Threema Education first for a class.
	rep = c.Evaluate(parse(t, c, `{outil: whatsapp, usage: messagerie, audience: eleves}`).WithReferentiel("suisse-romande"))
	if len(rep.Alternatives) == 0 || rep.Alternatives[0].ID != "threema-education" {
		t.Errorf("Swiss alternatives for a class = %v, want threema-education first", rep.Alternatives)
	}
}
