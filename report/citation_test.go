package report_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/conduite/conduite/questionnaire"
	"github.com/conduite/conduite/report"
)

// seedFilePattern is the shape of the project's seed document names: an
// internal key that a reader cannot look up.
var seedFilePattern = regexp.MustCompile(`\d{3}_[0-9a-f]{16}\.txt`)

// noSeedFile fails when out names a seed document by its file name.
func noSeedFile(t *testing.T, c *questionnaire.Content, where, out string) {
	t.Helper()
	if m := seedFilePattern.FindString(out); m != "" {
		t.Errorf("%s names the seed file %q: cite it by institution, title, date and URL", where, m)
	}
	for _, f := range c.Sources.Files() {
		if strings.Contains(out, f) {
			t.Errorf("%s names the seed file %q", where, f)
		}
	}
}

// TestNoSeedFileInReports renders every example and every case study in
// every report format (Markdown, HTML, JSON, terminal text in the three
// styles), in both languages, and every catalog entry as `conduite tools`
// prints it: none may name a seed file.
func TestNoSeedFileInReports(t *testing.T) {
	c := loadContent(t)
	if len(c.Sources.Files()) == 0 {
		t.Fatal("no seed source names its file: the test would prove nothing")
	}
	type run struct {
		name string
		a    questionnaire.Answers
		ref  string
	}
	var runs []run
	for _, ex := range examples(t, c) {
		runs = append(runs, run{name: ex.name, a: ex.answers})
	}
	for _, k := range c.Cases.List {
		runs = append(runs, run{name: "case " + k.ID, a: k.Answers, ref: k.Referentiel})
	}
	for _, r := range runs {
		rep := c.Evaluate(r.a.WithReferentiel(r.ref))
		for _, lang := range questionnaire.Langs {
			d := report.New(rep, fixedOptions(lang))
			where := r.name + " (" + string(lang) + ")"
			md, err := d.Markdown(c)
			if err != nil {
				t.Fatal(err)
			}
			noSeedFile(t, c, where+" markdown", md)
			var html, js bytes.Buffer
			if err := d.WriteHTML(&html, c); err != nil {
				t.Fatal(err)
			}
			noSeedFile(t, c, where+" html", html.String())
			if err := d.WriteJSON(&js); err != nil {
				t.Fatal(err)
			}
			noSeedFile(t, c, where+" json", js.String())
			if !strings.Contains(md, "— <https://") && !strings.Contains(md, "»") {
				t.Errorf("%s: the sources carry no citation a reader can look up:\n%s", where, md)
			}
			for _, st := range []report.Style{report.StyleDark, report.StyleLight, report.StyleNoColor} {
				term, err := report.RenderTerminal(md, 80, st)
				if err != nil {
					t.Fatal(err)
				}
				noSeedFile(t, c, where+" terminal "+string(st), term)
			}
		}
	}
	for _, lang := range questionnaire.Langs {
		for i := range c.Catalog.Tools {
			td := report.NewTool(c, &c.Catalog.Tools[i], lang)
			var js bytes.Buffer
			if err := td.WriteJSON(&js); err != nil {
				t.Fatal(err)
			}
			noSeedFile(t, c, "tool "+td.ID+" markdown", td.Markdown())
			noSeedFile(t, c, "tool "+td.ID+" json", js.String())
		}
		var contract bytes.Buffer
		report.WriteContract(&contract, c, lang)
		noSeedFile(t, c, "questions contract", contract.String())
	}
}

// TestNoSeedFileInDocs reads the documentation, the README, the examples,
// the texts and the report templates: none names a seed file.
func TestNoSeedFileInDocs(t *testing.T) {
	c := loadContent(t)
	var paths []string
	for _, root := range []string{"../docs", "../examples", "../assets/texts", "../assets/templates"} {
		err := filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
			if err == nil && !e.IsDir() {
				paths = append(paths, p)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	paths = append(paths, "../README.md")
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		noSeedFile(t, c, p, string(data))
	}
}

// TestCitations checks the citations of the seed documents: institution,
// title between guillemets, date, and the URL when there is one; never the
// file name.
func TestCitations(t *testing.T) {
	c := loadContent(t)
	for _, tc := range []struct {
		id   string
		lang questionnaire.Lang
		want string
	}{
		{"seed-002", questionnaire.FR, "Préposé à la protection des données et à la transparence Jura-Neuchâtel (PPDT), « Les enseignants sont-ils en droit d'utiliser WhatsApp pour communiquer avec les élèves ? (avis 2016.1473) » (relayé après la mise en demeure de WhatsApp par la CNIL du 18 décembre 2017), 28 septembre 2016"},
		{"seed-002", questionnaire.EN, "Préposé à la protection des données et à la transparence Jura-Neuchâtel (PPDT), « Les enseignants sont-ils en droit d'utiliser WhatsApp pour communiquer avec les élèves ? (avis 2016.1473) » (relayé après la mise en demeure de WhatsApp par la CNIL du 18 décembre 2017), 28 September 2016"},
		{"seed-003", questionnaire.FR, "FA-FPT Nouvelle-Aquitaine (syndicat des agents de la Région), « Bon à savoir : usage des réseaux sociaux dans le cadre professionnel », date à vérifier — https://fafpt-na.fr/bon-a-savoir-usage-des-reseaux-sociaux-dans-le-cadre-professionnel"},
		{"seed-004", questionnaire.FR, "Réseau des DANE et des DPD académiques, « Conduite à tenir dans le choix des outils numériques (version PDF, focus Discord et Zoom) » (le focus Discord est daté du 7 mai 2020), 2020"},
		{"rgpd-28", questionnaire.FR, "Union européenne, « Règlement (UE) 2016/679 (RGPD), article 28 « Sous-traitant » », 27 avril 2016 — https://eur-lex.europa.eu/eli/reg/2016/679/oj"},
		{"lil-45", questionnaire.EN, "République française, « Loi n° 78-17 du 6 janvier 1978 relative à l'informatique, aux fichiers et aux libertés, article 45 » (majorité numérique à 15 ans), 6 January 1978 — https://www.legifrance.gouv.fr/loda/id/JORFTEXT000000886460"},
		{"discord-age", questionnaire.FR, "Discord, « Pourquoi Discord veut-il connaître ma date de naissance ? » (âge minimum par pays : 15 ans en France, 13 ans par défaut), consulté le 23 novembre 2026 — https://support.discord.com/hc/articles/360040724612"},
		{"cnil-2021", questionnaire.FR, "CNIL, courrier aux établissements d'enseignement supérieur, cité dans la réponse ministérielle n° 971 : des suites collaboratives de fournisseurs soumis au seul droit européen, 27 mai 2021"},
	} {
		s, ok := c.Sources.Get(tc.id)
		if !ok {
			t.Fatalf("no source %q", tc.id)
		}
		if got := s.Citation(c.Texts, tc.lang); got != tc.want {
			t.Errorf("%s (%s):\n got %s\nwant %s", tc.id, tc.lang, got, tc.want)
		}
	}
	for _, s := range c.Sources.List {
		for _, lang := range questionnaire.Langs {
			cit := s.Citation(c.Texts, lang)
			if strings.Contains(cit, "[") || (s.File != "" && strings.Contains(cit, s.File)) {
				t.Errorf("%s: citation %q has a missing text or the file name", s.ID, cit)
			}
			if s.Kind == "seed" && !strings.Contains(cit, "« "+s.Title+" »") {
				t.Errorf("%s: a seed is cited by its title: %q", s.ID, cit)
			}
		}
	}
}

// TestReportSaysTheNameWasRecognised: a free name that is one of a catalog
// tool's names is said to be recognised, in every format.
func TestReportSaysTheNameWasRecognised(t *testing.T) {
	c := loadContent(t)
	a, err := c.ParseAnswers("t.yaml", []byte(`{nom_outil: "Google Workspace for Education", usage: partage_documents, audience: eleves}`))
	if err != nil {
		t.Fatal(err)
	}
	d := report.New(c.Evaluate(a), fixedOptions(questionnaire.FR))
	md, err := d.Markdown(c)
	if err != nil {
		t.Fatal(err)
	}
	var html, js bytes.Buffer
	if err := d.WriteHTML(&html, c); err != nil {
		t.Fatal(err)
	}
	if err := d.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	want := "« Google Workspace for Education » est reconnu dans le catalogue : Google Workspace for Education (offre gratuite)"
	for format, out := range map[string]string{"markdown": md, "html": html.String()} {
		if !strings.Contains(out, want) {
			t.Errorf("the %s report does not say the name was recognised", format)
		}
	}
	validate(t, compileSchema(t), "matched name", d)
	if !strings.Contains(js.String(), `"matched_name": "Google Workspace for Education"`) || !strings.Contains(js.String(), `"id": "google-workspace"`) {
		t.Errorf("the JSON report does not carry the match:\n%s", js.String())
	}
}

// TestNoAlternativeForGenerativeAI: no institutional AI service could be
// sourced, so « Que faire plutôt » says so (to be checked) and how a
// consumer tool may still serve, instead of the general « ask the DPD ».
func TestNoAlternativeForGenerativeAI(t *testing.T) {
	c := loadContent(t)
	for _, lang := range []questionnaire.Lang{questionnaire.FR, questionnaire.EN} {
		a, err := c.ParseAnswers("ia.yaml", []byte("usage: ia_generative\nutilisation_ia: enseignant_seul\ndonnees: [aucune]\n"))
		if err != nil {
			t.Fatal(err)
		}
		d := report.New(c.Evaluate(a), report.Options{Lang: lang})
		if len(d.Alternatives) != 0 {
			t.Skipf("the catalog now has an alternative for generative AI: %v", d.Alternatives)
		}
		md, err := d.Markdown(c)
		if err != nil {
			t.Fatal(err)
		}
		want := map[questionnaire.Lang]string{questionnaire.FR: "Aucun service d'IA générative de l'institution", questionnaire.EN: "No generative-AI service of the institution"}[lang]
		if !strings.Contains(md, want) || strings.Contains(md, c.Texts.T(lang, "no_alternative")) {
			t.Errorf("%s: « Que faire plutôt » does not give the AI text:\n%s", lang, md)
		}
	}
}
