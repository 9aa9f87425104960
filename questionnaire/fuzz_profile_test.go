package questionnaire_test

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/conduite/conduite/internal/fuzzbudget"
	"github.com/conduite/conduite/internal/safetext"
	"github.com/conduite/conduite/questionnaire"
)

// FuzzWithProfile: an organisation's profile, any bytes read as YAML or
// JSON, gives either a new content carrying the profile, whose every text is
// clean and whose every address is https, the shared content left untouched
// and an evaluation giving a verdict; or a *PosError at a position inside
// the file. Seeds: the example profile of docs/profil.md, the same with a
// catalog section, a minimal profile in JSON.
//
//	go test ./questionnaire -run '^$' -fuzz '^FuzzWithProfile$' -fuzztime 5m
func FuzzWithProfile(f *testing.F) {
	c := content(f)
	example, err := os.ReadFile("../docs/profil-academie.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(example, false)
	f.Add(append(slices.Clone(example), []byte("catalog:\n  "+strings.ReplaceAll(fuzzTool, "\n", "\n  "))...), false)
	f.Add([]byte(`{"organisation": "École", "date": "2026", "contact": {"email": "dpd@ac-exemple.fr"},
	  "services": [{"id": "ent", "name": "ENT", "for": {"fr": "x"}, "usages": ["messagerie"], "audiences": ["eleves"]}]}`), true)
	baseIDs := c.Catalog.IDs()
	answers := parse(f, c, "outil: discord\nusage: messagerie\naudience: eleves\nniveau: ecole\n")
	f.Fuzz(func(t *testing.T, data []byte, asJSON bool) {
		defer fuzzbudget.Start(t)() // a slow or greedy input is a finding
		name := "profil.yaml"
		if asJSON {
			name = "profil.json"
		}
		nc, err := c.WithProfile(name, data)
		if c.Profile != nil || !slices.Equal(c.Catalog.IDs(), baseIDs) {
			t.Fatalf("WithProfile changed the shared content")
		}
		if err != nil {
			checkPosError(t, err, name, data)
			return
		}
		p := nc.Profile
		if p == nil || strings.TrimSpace(p.Organisation) == "" {
			t.Fatalf("no profile, or no organisation: %+v", p)
		}
		texts := []string{p.Organisation, p.Title, p.Footer.FR, p.Footer.EN}
		urls := []string{p.URL}
		if p.Contact != nil {
			texts = append(texts, p.Contact.Name, p.Contact.Email)
			urls = append(urls, p.Contact.URL)
		}
		for _, s := range p.Services {
			texts = append(texts, s.Name, s.For.FR, s.For.EN, s.Limits.FR)
			urls = append(urls, s.URL)
		}
		for _, d := range p.Decisions {
			texts = append(texts, d.Reason.FR, d.Reason.EN)
			urls = append(urls, d.URL)
		}
		for _, s := range texts {
			if safetext.Text(s) != s {
				t.Fatalf("text %q is not clean", s)
			}
		}
		for _, u := range urls {
			if u != "" && !questionnaire.IsHTTPSURL(u) {
				t.Fatalf("address %q is not https", u)
			}
		}
		r := nc.Evaluate(answers)
		if r.Level != nc.Level(answers) {
			t.Fatalf("Evaluate %v, Level %v", r.Level, nc.Level(answers))
		}
		for _, n := range r.Steps {
			_ = n.Text(questionnaire.FR)
		}
	})
}
