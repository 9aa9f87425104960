package questionnaire_test

import (
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"testing"

	"github.com/conduite/conduite/internal/fuzzbudget"
	"github.com/conduite/conduite/questionnaire"
)

// fuzzTool is a valid one-tool override, the smallest seed that is accepted.
const fuzzTool = `tools:
  - id: outil-local
    name: "Outil local"
    aliases: [local]
    usages: [messagerie, visio]
    publisher: "Éditeur"
    country: "France"
    facts:
      hebergement: ue
      contrat: oui
    extra_eu_law: non
    e2ee: non
    note: {fr: "Une note.", en: "A note."}
    sources: [seed-000]
    checked: "2026-11-20"
`

// FuzzWithCatalog: a DPD's catalog override, any bytes read as YAML or JSON,
// gives either a new content whose catalog holds every tool of the file
// (and still every tool of conduite's), each tool evaluating to a verdict,
// with the shared content left untouched; or a *PosError at a position
// inside the file. Seeds: the embedded catalog itself (a valid override that
// replaces every tool in place), a one-tool file, and the bad cases in
// testdata/fuzz/FuzzWithCatalog.
//
//	go test ./questionnaire -run '^$' -fuzz '^FuzzWithCatalog$' -fuzztime 5m
func FuzzWithCatalog(f *testing.F) {
	c := content(f)
	whole, err := fs.ReadFile(assetsFS(), "catalog.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(whole, false)
	f.Add([]byte(fuzzTool), false)
	f.Add([]byte(fuzzTool+strings.TrimPrefix(fuzzTool, "tools:\n")), false)
	f.Add([]byte(`{"tools": [{"id": "mon-outil", "name": "Mon outil", "usages": ["messagerie"], "publisher": "É", "country": "France",
	  "facts": {"contrat": "fourni_institution"}, "extra_eu_law": "non", "e2ee": "non",
	  "note": {"fr": "n", "en": "n"}, "sources": ["seed-000"], "checked": "2026-11-20"}]}`), true)
	baseIDs := c.Catalog.IDs()
	baseValues := mustQuestion(f, c, "outil").Values()
	f.Fuzz(func(t *testing.T, data []byte, asJSON bool) {
		defer fuzzbudget.Start(t)() // a slow or greedy input is a finding
		name := "dpd.yaml"
		if asJSON {
			name = "dpd.json"
		}
		nc, err := c.WithCatalog(name, data)
		if !slices.Equal(c.Catalog.IDs(), baseIDs) || !slices.Equal(mustQuestion(t, c, "outil").Values(), baseValues) {
			t.Fatalf("WithCatalog changed the shared content")
		}
		if err != nil {
			checkPosError(t, err, name, data)
			return
		}
		if nc == nil {
			t.Fatalf("no content and no error")
		}
		ids := nc.Catalog.IDs()
		for _, id := range baseIDs {
			if !slices.Contains(ids, id) {
				t.Fatalf("the override lost conduite's tool %q", id)
			}
		}
		if vals := mustQuestion(t, nc, "outil").Values(); !slices.Equal(vals, ids) {
			t.Fatalf("the outil question's values %v are not the catalog's ids %v", vals, ids)
		}
		seen := map[string]bool{}
		for _, id := range ids {
			if seen[id] {
				t.Fatalf("tool %q twice in the merged catalog", id)
			}
			seen[id] = true
			tool, _ := nc.Catalog.Tool(id)
			if !slices.Contains(baseIDs, id) && tool.Origin != name {
				t.Fatalf("tool %q added by the file has origin %q", id, tool.Origin)
			}
			a, err := nc.ParseAnswers("a.yaml", []byte("outil: "+id+"\nusage: messagerie\n"))
			if err != nil {
				t.Fatalf("an accepted tool is not a valid answer: %v", err)
			}
			checkVerdict(t, nc, a, "")
		}
	})
}

func mustQuestion(t testing.TB, c *questionnaire.Content, id string) *questionnaire.Question {
	t.Helper()
	q, ok := c.Questions.Get(id)
	if !ok {
		t.Fatalf("no question %q", id)
	}
	return q
}

// Catalog files found by FuzzWithCatalog: « tools: » with nothing after it
// was reported a column past the end of its line; a tag without a value
// where a list is expected crashed the YAML decoder.
func TestWithCatalogFuzzFindings(t *testing.T) {
	c := content(t)
	for doc, want := range map[string]string{
		"tools:\n  - sources: !x\n":              "dpd.yaml:2:14: tag !x without a value",
		"tools:\n  - id: a\n    usages: !!seq\n": "dpd.yaml:3:13: tag !!seq without a value",
	} {
		if _, err := c.WithCatalog("dpd.yaml", []byte(doc)); err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%q: got %v, want %s…", doc, err, want)
		}
	}
	for doc, col := range map[string]int{"tools:": 7, "tools:\n": 7, "tools:   \n": 8} {
		_, err := c.WithCatalog("dpd.yaml", []byte(doc))
		want := fmt.Sprintf("dpd.yaml:1:%d: tools: no tool", col)
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%q: got %v, want %s…", doc, err, want)
		}
	}
}
