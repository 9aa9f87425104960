package report_test

import (
	"bytes"
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/conduite/conduite/questionnaire"
	"github.com/conduite/conduite/report"
)

// withExampleProfile is the content adapted by the example profile of
// docs/profil.md.
func withExampleProfile(t *testing.T) *questionnaire.Content {
	t.Helper()
	data, err := os.ReadFile("../docs/profil-academie.yaml")
	if err != nil {
		t.Fatal(err)
	}
	c, err := loadContent(t).WithProfile("docs/profil-academie.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// With a profile, every format says which profile and its date, names the
// académie's ENT first among the alternatives, and gives the DPD's contact
// in « À vérifier », « Que faire plutôt » and the next steps; the JSON
// follows the schema, in both languages, for every example.
func TestReportWithProfile(t *testing.T) {
	c := withExampleProfile(t)
	s := compileSchema(t)
	for _, lang := range questionnaire.Langs {
		for _, ex := range examples(t, c) {
			validate(t, s, "profile/"+ex.name+"/"+string(lang), report.New(c.Evaluate(ex.answers), fixedOptions(lang)))
		}
	}
	a, err := c.ParseAnswers("discord-classe.yaml", mustRead(t, "../examples/discord-classe.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	doc := report.New(c.Evaluate(a), fixedOptions(questionnaire.FR))
	if len(doc.Alternatives) == 0 || doc.Alternatives[0].ID != "e-lyco" || !doc.Alternatives[0].Local {
		t.Fatalf("alternatives: %+v", doc.Alternatives)
	}
	md, err := doc.Markdown()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Profil\u00a0: Académie de Nantes (exemple), daté du 1 décembre 2026", "## Que faire ensuite",
		"Profil d'exemple de conduite"} {
		if !strings.Contains(md, want) {
			t.Errorf("the Markdown lacks %q", want)
		}
	}
	contact := "DPD académique (exemple fictif) — <dpd@ac-exemple.fr> — <https://www.ac-nantes.fr>"
	if n := strings.Count(md, contact); n != 3 {
		t.Errorf("the contact is in the Markdown %d times, want 3 (à vérifier, que faire plutôt, ensuite)", n)
	}
	var html bytes.Buffer
	if err := doc.WriteHTML(&html); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(html.String(), `<a href="mailto:dpd@ac-exemple.fr">dpd@ac-exemple.fr</a>`); n != 3 {
		t.Errorf("the contact is in the HTML %d times, want 3", n)
	}
	var js bytes.Buffer
	if err := doc.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Profile struct {
			Organisation, Date string
			Contact            struct{ Email string }
		}
	}
	if err := json.Unmarshal(js.Bytes(), &got); err != nil || got.Profile.Date != "2026-12-01" || got.Profile.Contact.Email != "dpd@ac-exemple.fr" {
		t.Errorf("JSON profile: %+v (%v)", got.Profile, err)
	}
	// Without a profile, nothing of it.
	plain := report.New(loadContent(t).Evaluate(a), fixedOptions(questionnaire.FR))
	js.Reset()
	_ = plain.WriteJSON(&js)
	if strings.Contains(js.String(), `"profile"`) || strings.Contains(js.String(), `"local"`) {
		t.Error("a report without a profile has profile fields")
	}
}

// The next steps of a report cite their sources among the report's.
func TestNextStepsCiteTheirSources(t *testing.T) {
	c := loadContent(t)
	for _, ex := range examples(t, c) {
		doc := report.New(c.Evaluate(ex.answers), fixedOptions(questionnaire.FR))
		for _, st := range doc.Steps {
			if len(st.Sources) == 0 {
				t.Errorf("%s: step %s has no source", ex.name, st.ID)
			}
			for _, src := range st.Sources {
				if doc.SourceNumber(src.ID) == 0 {
					t.Errorf("%s: step %s cites %s, not in the report's sources", ex.name, st.ID, src.ID)
				}
			}
		}
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// A profile's texts are the organisation's, shared with every school: in
// Markdown and HTML they read as text, never as markup.
func TestProfileTextIsInert(t *testing.T) {
	const hostile = `<img src=x onerror=alert(1)> [lien](https://evil.example) **gras** # titre`
	doc := `organisation: "` + hostile + `"
date: 2026
contact: {name: "` + hostile + `", email: dpd@ac-exemple.fr}
footer: {fr: "` + hostile + `"}
services:
  - {id: ent, name: "` + hostile + `", for: {fr: "` + hostile + `"}, usages: [classe_virtuelle], audiences: [eleves]}
decisions:
  - {tool: discord, decision: refuse, reason: {fr: "` + hostile + `"}, date: 2026}
procedure:
  - {step: renoncer, text: {fr: "` + hostile + `"}}
`
	c, err := loadContent(t).WithProfile("p.yaml", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	a, err := c.ParseAnswers("a.yaml", []byte("outil: discord\nusage: classe_virtuelle\naudience: eleves\n"))
	if err != nil {
		t.Fatal(err)
	}
	d := report.New(c.Evaluate(a), fixedOptions(questionnaire.FR))
	md, err := d.Markdown()
	if err != nil {
		t.Fatal(err)
	}
	if regexp.MustCompile(`(^|[^\\])<img`).MatchString(md) || strings.Contains(md, "](https://evil") || strings.Contains(md, " **gras**") {
		t.Errorf("the profile's text is markup in the Markdown:\n%s", md)
	}
	if n := strings.Count(md, `\<img`); n < 7 {
		t.Errorf("the profile's text shows %d times escaped, want every place (7)", n)
	}
	var html bytes.Buffer
	if err := d.WriteHTML(&html); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(html.String(), "<img") || strings.Contains(html.String(), `href="https://evil`) {
		t.Error("the profile's text is markup in the HTML")
	}
}
