package questionnaire_test

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/conduite/conduite/questionnaire"
)

// A reason says what its source says, at the level the source supports.
// Each line is a situation where a rule once said more than its source (or
// less), with the verdict, the rules that must and must not fire, and words
// its text must or must not hold.
var sourceLevelCases = []struct {
	name    string
	answers string
	ref     string
	want    questionnaire.Level // None: not checked
	fired   []string
	silent  []string
	has     map[string][]string // rule → words its French text holds
	lacks   map[string][]string // rule → words its French text must not hold
}{
	{
		name: "one Région's charter does not rule out a tool whose contract is only unknown",
		answers: `{usage: messagerie, audience: agents, donnees: [identite], hebergement: ue, contrat: inconnu,
			modele_economique: payant, inscription: compte_institutionnel, identification: oui, appareil: professionnel}`,
		ref:   "collectivite",
		want:  questionnaire.Deconseille,
		fired: []string{"collectivite-outils-employeur", "contrat-inconnu"},
		has:   map[string][]string{"collectivite-outils-employeur": {"Nouvelle-Aquitaine", "par exemple", "vérifiez"}},
	},
	{
		name: "under 15, the law sets a condition (joint consent), not a ban",
		answers: `{usage: classe_virtuelle, audience: eleves, mineurs: oui_moins_15, donnees: [identite], hebergement: ue,
			contrat: inconnu, modele_economique: payant, inscription: libre, identification: oui, appareil: professionnel}`,
		want:  questionnaire.Deconseille,
		fired: []string{"mineurs-moins-15"},
		has:   map[string][]string{"mineurs-moins-15": {"conjointement", "art. 45"}},
	},
	{
		name: "a class council on a platform not controlled: the DPD network « s'interroge »",
		answers: `{usage: visio, audience: mixte, mineurs: oui_moins_15, donnees: [identite, scolaires], hebergement: ue,
			contrat: inconnu, modele_economique: payant, inscription: aucun_compte, identification: oui, appareil: professionnel}`,
		want:  questionnaire.Deconseille,
		fired: []string{"conseil-classe-hors-controle"},
		has:   map[string][]string{"conseil-classe-hors-controle": {"s'interroge"}},
		lacks: map[string][]string{"conseil-classe-hors-controle": {"expressément"}},
	},
	{
		name: "a Discord virtual class with pupils is not a class council",
		answers: `{outil: discord, usage: classe_virtuelle, audience: eleves, mineurs: oui_moins_15,
			donnees: [identite, scolaires], inscription: imposee, appareil: personnel}`,
		want:   questionnaire.Proscrit,
		silent: []string{"conseil-classe-hors-controle"},
	},
	{
		name: "confidential information is not art. 9 data",
		answers: `{usage: messagerie, audience: agents, donnees: [confidentielles], hebergement: ue, contrat: inconnu,
			modele_economique: payant, inscription: compte_institutionnel, identification: oui, appareil: professionnel}`,
		want:   questionnaire.Deconseille,
		fired:  []string{"confidentielles-hors-controle"},
		silent: []string{"donnees-sensibles-hors-controle"},
		lacks:  map[string][]string{"confidentielles-hors-controle": {"article 9", "art. 9"}},
	},
	{
		name: "in Switzerland, official secrecy must not go through an uncontrolled channel (the préposé's words)",
		answers: `{usage: messagerie, audience: agents, donnees: [confidentielles], hebergement: ue, contrat: inconnu,
			modele_economique: payant, inscription: compte_institutionnel, identification: oui, appareil: professionnel}`,
		ref:    "suisse-romande",
		want:   questionnaire.Proscrit,
		fired:  []string{"confidentielles-hors-controle-suisse"},
		silent: []string{"donnees-sensibles-hors-controle"},
		has:    map[string][]string{"confidentielles-hors-controle-suisse": {"secret de fonction", "préposé"}},
	},
	{
		name: "art. 9 is the GDPR's, the « ne doivent pas transiter » phrase is the Swiss opinion's",
		answers: `{outil: whatsapp, usage: messagerie, audience: agents, donnees: [sensibles], appareil: professionnel,
			inscription: deja_utilisateurs, identification: oui}`,
		want:  questionnaire.Proscrit,
		fired: []string{"donnees-sensibles-hors-controle"},
		has:   map[string][]string{"donnees-sensibles-hors-controle": {"article 9"}},
		lacks: map[string][]string{"donnees-sensibles-hors-controle": {"transiter", "confidentielles", "secret"}},
	},
	{
		name: "the same in Switzerland cites the préposé, not art. 9",
		answers: `{outil: whatsapp, usage: messagerie, audience: agents, donnees: [sensibles], appareil: professionnel,
			inscription: deja_utilisateurs, identification: oui}`,
		ref:   "suisse-romande",
		want:  questionnaire.Proscrit,
		fired: []string{"donnees-sensibles-hors-controle"},
		has:   map[string][]string{"donnees-sensibles-hors-controle": {"préposé", "transiter"}},
		lacks: map[string][]string{"donnees-sensibles-hors-controle": {"article 9", "RGPD"}},
	},
	{
		name: "data outside the EU: the Data Privacy Framework exists, and the reason does not assert what is unknown",
		answers: `{outil: padlet, usage: partage_documents, audience: eleves, mineurs: oui_moins_15, donnees: [identite, images],
			appareil: personnel, inscription: aucun_compte, identification: non}`,
		want:  questionnaire.Proscrit,
		fired: []string{"hors-ue-sans-garanties"},
		has:   map[string][]string{"hors-ue-sans-garanties": {"Data Privacy Framework", "on ne sait pas si un contrat"}},
		lacks: map[string][]string{"hors-ue-sans-garanties": {"sans garanties"}},
	},
	{
		name: "US law: the ministry asked to stop the free suites, the CNIL wrote to higher education",
		answers: `{outil: zoom-licence, usage: visio, audience: agents, donnees: [identite], hebergement: ue,
			inscription: aucun_compte, identification: oui, appareil: professionnel}`,
		want:  questionnaire.SousConditions,
		fired: []string{"droit-extra-europeen"},
		has:   map[string][]string{"droit-extra-europeen": {"enseignement supérieur", "CLOUD Act"}},
		lacks: map[string][]string{"droit-extra-europeen": {"a arrêté"}},
	},
	{
		name: "the free suites: a request to stop deployment and extension; the CNIL letter was to higher education",
		answers: `{outil: google-workspace, usage: partage_documents, audience: agents, donnees: [identite], contrat: inconnu,
			appareil: professionnel}`,
		fired: []string{"suites-gratuites-ecoles"},
		has:   map[string][]string{"suites-gratuites-ecoles": {"arrêter tout déploiement ou extension", "enseignement supérieur"}},
	},
	{
		name: "a data-exploiting provider with pupils is a vulnerability the sources weigh, not a ban of its own",
		answers: `{usage: messagerie, audience: eleves, mineurs: oui_15_plus, donnees: [identite], hebergement: ue, contrat: inconnu,
			modele_economique: gratuit_donnees, inscription: compte_institutionnel, identification: oui, appareil: professionnel}`,
		want:  questionnaire.Deconseille,
		fired: []string{"modele-donnees-eleves"},
		lacks: map[string][]string{"modele-donnees-eleves": {"l'école ne peut pas"}},
	},
	{
		name: "private and work life mixed: French sources, not the Swiss référentiel",
		answers: `{outil: whatsapp, usage: messagerie, audience: eleves, mineurs: oui_15_plus, donnees: [identite],
			appareil: personnel, inscription: deja_utilisateurs, identification: oui}`,
		ref:    "suisse-romande",
		want:   questionnaire.Deconseille,
		silent: []string{"groupe-prive-pro", "appareil-personnel"},
	},
	{
		name:    "a union's position is named as such",
		answers: `{outil: facebook-groupes, usage: reseau_social, audience: agents, donnees: [identite], appareil: personnel}`,
		ref:     "collectivite",
		want:    questionnaire.Proscrit,
		fired:   []string{"appareil-personnel-collectivite"},
		has:     map[string][]string{"appareil-personnel-collectivite": {"FA-FPT"}},
	},
	{
		name: "WhatsApp with parents: the reason speaks of families, not of pupils",
		answers: `{outil: whatsapp, usage: messagerie, audience: parents, mineurs: non, donnees: [identite], appareil: personnel,
			inscription: imposee, identification: oui}`,
		want:  questionnaire.Proscrit,
		fired: []string{"inscription-imposee"},
		has:   map[string][]string{"inscription-imposee": {"parent"}},
		lacks: map[string][]string{"inscription-imposee": {"élèves"}},
	},
}

func TestReasonsAtTheLevelOfTheirSource(t *testing.T) {
	c := content(t)
	for _, tc := range sourceLevelCases {
		t.Run(tc.name, func(t *testing.T) {
			rep := c.Evaluate(parse(t, c, tc.answers).WithReferentiel(tc.ref))
			if tc.want != questionnaire.None && rep.Level != tc.want {
				t.Errorf("verdict %s, want %s; reasons %v", rep.Level, tc.want, ruleIDs(rep))
			}
			for _, id := range tc.fired {
				if !rep.Fired(id) {
					t.Errorf("rule %s did not fire; reasons %v", id, ruleIDs(rep))
				}
			}
			for _, id := range tc.silent {
				if rep.Fired(id) {
					t.Errorf("rule %s fired; reasons %v", id, ruleIDs(rep))
				}
			}
			for _, r := range rep.Reasons {
				text := strings.ToLower(r.Text(questionnaire.FR))
				for _, w := range tc.has[r.Rule.ID] {
					if !strings.Contains(text, strings.ToLower(w)) {
						t.Errorf("%s does not say « %s »: %s", r.Rule.ID, w, r.Text(questionnaire.FR))
					}
				}
				for _, w := range tc.lacks[r.Rule.ID] {
					if strings.Contains(text, strings.ToLower(w)) {
						t.Errorf("%s says « %s »: %s", r.Rule.ID, w, r.Text(questionnaire.FR))
					}
				}
			}
		})
	}
}

// Confidential information on an institution-provided tool is what these
// tools are recommended for: the RENAvisio example with confidential
// information stays « Recommandé », with the need-to-know reminder.
func TestRenavisioWithConfidentialInformationIsRecommended(t *testing.T) {
	c := content(t)
	data, err := os.ReadFile("../examples/renavisio-reunion.yaml")
	if err != nil {
		t.Fatal(err)
	}
	a, err := c.ParseAnswers("renavisio-reunion.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	vals := a.List("donnees")
	if slices.Contains(vals, "confidentielles") {
		t.Fatal("the example already has confidential information: the test is out of date")
	}
	a = a.Set("donnees", append(slices.Clone(vals), "confidentielles")...)
	rep := c.Evaluate(a)
	if rep.Level != questionnaire.Recommande {
		t.Errorf("RENAvisio with confidential information: %s, want recommande; reasons %v", rep.Level, ruleIDs(rep))
	}
	if !rep.Fired("confidentielles-outil-institution") {
		t.Fatalf("no reminder about confidential information; reasons %v", ruleIDs(rep))
	}
	for _, r := range rep.Reasons {
		if r.Rule.ID == "confidentielles-outil-institution" && !strings.Contains(r.Text(questionnaire.FR), "ont à en connaître") {
			t.Errorf("the reminder does not say to share only with those who need to know: %s", r.Text(questionnaire.FR))
		}
	}
	// Art. 9 data keeps its own rule: health data on the same tool is not
	// « Recommandé ».
	if got := c.Level(a.Set("donnees", "identite", "sensibles")); got != questionnaire.SousConditions {
		t.Errorf("RENAvisio with health data: %s, want sous_conditions", got)
	}
}
