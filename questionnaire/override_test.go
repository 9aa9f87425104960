package questionnaire_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/conduite/conduite/questionnaire"
)

// A DPD's file: one tool replaced with what the académie's contract says,
// one tool added, with a source of its own.
const localCatalog = `# Connaissances locales du DPD
sources:
  - id: convention-zoom-academie
    short: "Convention Zoom de l'académie (2026)"
    kind: institution
    title: "Convention de l'académie avec Zoom, avenant RGPD (article 28) signé en 2026"
tools:
  - id: zoom-licence
    name: "Zoom (licence de l'académie)"
    usages: [visio, classe_virtuelle]
    publisher: "Zoom Communications, Inc."
    country: "États-Unis"
    facts:
      hebergement: ue
      contrat: oui
      modele_economique: payant
      inscription: compte_institutionnel
    extra_eu_law: oui
    e2ee: partiel
    note:
      fr: "Licence achetée par l'académie ; données hébergées dans l'UE d'après la convention."
      en: "A licence bought by the académie; data hosted in the EU under the agreement."
    sources: [convention-zoom-academie, rgpd-28]
    checked: "2026-11-20"
  - id: visio-departement
    name: "Visio du département"
    aliases: [visio cd]
    usages: [visio]
    publisher: "Conseil départemental"
    country: "France"
    facts:
      hebergement: ue
      contrat: fourni_institution
      modele_economique: service_public
      inscription: compte_institutionnel
      identification: oui
    extra_eu_law: non
    e2ee: non
    note:
      fr: "Visioconférence hébergée par le département pour les collèges."
      en: "Video conferencing hosted by the département for its collèges."
    sources: [code-education]
    checked: "2026-11-20"
    alternative:
      usages: [visio, classe_virtuelle]
      audiences: [agents, eleves, parents, mixte]
      referentiels: [education-nationale]
      rank: 1
      for: {fr: "Réunions et cours à distance des collèges du département.", en: "Meetings and remote lessons of the département's collèges."}
      limits: {fr: "Collèges du département seulement.", en: "The département's collèges only."}
`

func TestWithCatalogAddsAndReplaces(t *testing.T) {
	c := content(t)
	n := len(c.Catalog.Tools)
	lc, err := c.WithCatalog("dpd.yaml", []byte(localCatalog))
	if err != nil {
		t.Fatal(err)
	}
	if got := len(lc.Catalog.Tools); got != n+1 {
		t.Errorf("%d tools after adding one to %d", got, n)
	}
	// Replaced in place, with its origin.
	z, _ := lc.Catalog.Tool("zoom-licence")
	if z.Name != "Zoom (licence de l'académie)" || z.Origin != "dpd.yaml" || z.Facts["hebergement"] != "ue" {
		t.Errorf("zoom-licence not replaced: %+v", z)
	}
	if lc.Catalog.IDs()[slices.Index(c.Catalog.IDs(), "zoom-licence")] != "zoom-licence" {
		t.Errorf("a replaced entry keeps its place in the catalog")
	}
	added, ok := lc.Catalog.Tool("visio-departement")
	if !ok || added.Origin != "dpd.yaml" || lc.Catalog.IDs()[n] != "visio-departement" {
		t.Fatalf("visio-departement not added at the end with its origin")
	}
	if src, ok := lc.Sources.Get("convention-zoom-academie"); !ok || src.Short == "" {
		t.Errorf("the file's own source is not declared")
	}
	if found := lc.Catalog.Search("visio cd"); len(found) == 0 || found[0].ID != "visio-departement" {
		t.Errorf("the added tool is not found by its alias")
	}

	// The shared content is untouched.
	if orig, _ := c.Catalog.Tool("zoom-licence"); orig.Origin != questionnaire.FileCatalog || orig.Facts["hebergement"] != "" {
		t.Errorf("the embedded catalog was modified: %+v", orig)
	}
	if _, ok := c.Catalog.Tool("visio-departement"); ok || len(c.Catalog.Tools) != n {
		t.Errorf("the embedded catalog grew")
	}
	if _, ok := c.Sources.Get("convention-zoom-academie"); ok {
		t.Errorf("the embedded sources grew")
	}

	// Answers files may name the new tool, and evaluation uses its facts.
	doc := `{outil: visio-departement, usage: visio, audience: eleves, mineurs: oui_moins_15, donnees: [identite, images], appareil: professionnel}`
	if _, err := c.ParseAnswers("a.yaml", []byte(doc)); err == nil {
		t.Errorf("the embedded content accepts a tool it does not know")
	}
	a, err := lc.ParseAnswers("a.yaml", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	rep := lc.Evaluate(a)
	if rep.Level != questionnaire.Recommande || rep.Resolved.Origins["contrat"] != questionnaire.OriginCatalog {
		t.Errorf("the added tool: %s, contrat from %s; reasons %v", rep.Level, rep.Resolved.Origins["contrat"], ruleIDs(rep))
	}
	// The added alternative is proposed with the rank-1 ones, for a free Zoom.
	rep = lc.Evaluate(parse(t, lc, `{outil: zoom, usage: visio, audience: eleves}`))
	var alts []string
	for _, alt := range rep.Alternatives {
		alts = append(alts, alt.ID)
	}
	if len(alts) < 2 || !slices.Contains(alts[:2], "visio-departement") {
		t.Errorf("the local alternative (rank 1) is not among the first: %v", alts)
	}
	// The replaced Zoom: its hosting is known now.
	rep = lc.Evaluate(parse(t, lc, `{outil: zoom-licence, usage: visio, audience: agents, donnees: [identite], appareil: professionnel}`))
	if rep.Fired("hebergement-inconnu-contrat") || !rep.Fired("contrat-signe") {
		t.Errorf("the replaced entry's facts are not used: %v", ruleIDs(rep))
	}
	// Applying a second file builds on the first.
	again, err := lc.WithCatalog("autre.yaml", []byte(strings.Replace(localCatalog, "convention-zoom-academie", "convention-2", 2)))
	if err != nil {
		t.Fatal(err)
	}
	if z, _ := again.Catalog.Tool("zoom-licence"); z.Origin != "autre.yaml" || len(again.Catalog.Tools) != n+1 {
		t.Errorf("a second file: origin %s, %d tools", z.Origin, len(again.Catalog.Tools))
	}
}

// A one-tool file, to break in the bad cases below. Line numbers matter.
const oneTool = `tools:
  - id: mon-outil
    name: "Mon outil"
    usages: [messagerie]
    publisher: "Éditeur"
    country: "France"
    facts:
      contrat: fourni_institution
    extra_eu_law: non
    e2ee: non
    note: {fr: "Une note.", en: "A note."}
    sources: [seed-000]
    checked: "2026-11-20"
`

func TestWithCatalogRejectsBadFiles(t *testing.T) {
	c := content(t)
	if _, err := c.WithCatalog("ok.yaml", []byte(oneTool)); err != nil {
		t.Fatalf("the base file of these cases must be valid: %v", err)
	}
	tests := []struct {
		name string
		data string
		line int    // 0: no position expected; -1: some line
		want string // in the message
	}{
		{"bad fact value", strings.Replace(oneTool, "contrat: fourni_institution", "contrat: peut-etre", 1), 8,
			`tools[0].facts.contrat: "peut-etre" is not a value of contrat`},
		{"not a fact about a tool", strings.Replace(oneTool, "contrat: fourni_institution", "audience: agents", 1), 8,
			`"audience" is not a fact about a tool`},
		{"unknown key", strings.Replace(oneTool, "    checked:", "    verifie: oui\n    checked:", 1), 13, `unknown field "verifie"`},
		{"unknown top-level key", "outils:\n" + oneTool, 1, `unknown field "outils"`},
		{"duplicate id in one file", oneTool + strings.TrimPrefix(oneTool, "tools:\n"), 14, `duplicate tool id "mon-outil"`},
		{"bad id", strings.Replace(oneTool, "id: mon-outil", "id: Mon Outil", 1), 2, "must start with a letter, then lowercase letters"},
		{"id read as a number", strings.Replace(oneTool, "id: mon-outil", `id: "0"`, 1), 2, `id "0" must start with a letter`},
		{"id read as null", strings.Replace(oneTool, "id: mon-outil", `id: "null"`, 1), 2, "not be one of true, false, null"},
		{"unknown source", strings.Replace(oneTool, "[seed-000]", "[seed-999]", 1), 12, `unknown source "seed-999"`},
		{"unknown usage", strings.Replace(oneTool, "[messagerie]", "[messagrie]", 1), 4, `did you mean "messagerie"`},
		{"bad date", strings.Replace(oneTool, `"2026-11-20"`, `"hier"`, 1), 13, "is not a date"},
		{"missing translation", strings.Replace(oneTool, `en: "A note."`, `en: ""`, 1), 11, "missing text in en"},
		{"bad tri-state", strings.Replace(oneTool, "e2ee: non", "e2ee: peut-etre", 1), 10, "allowed: oui, non, partiel, inconnu"},
		{"syntax error", strings.Replace(oneTool, `name: "Mon outil"`, `name: "Mon outil`, 1), -1, ""},
		{"empty file", "# rien\n", 0, "empty file"},
		{"no tool", "tools: []\n", 1, "no tool"},
		{"a source already declared", "sources:\n  - {id: seed-000, short: x, kind: reference, title: x}\n" + oneTool, 2,
			`source "seed-000" is already declared`},
		{"binary", "tools:\x00\n", 1, "binary content"},
		{"not UTF-8", "tools:\n  - id: caf\xe9\n", 2, "invalid UTF-8"},
		{"too large", oneTool + "#" + strings.Repeat("x", questionnaire.MaxCatalogSize) + "\n", 0, "file too large"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			lc, err := c.WithCatalog("dpd.yaml", []byte(tc.data))
			if err == nil {
				t.Fatalf("accepted; catalog has %d tools", len(lc.Catalog.Tools))
			}
			var pe *questionnaire.PosError
			if !errors.As(err, &pe) {
				t.Fatalf("not a PosError: %v", err)
			}
			if pe.File != "dpd.yaml" || pe.Line != tc.line && !(tc.line < 0 && pe.Line > 0) {
				t.Errorf("at %s:%d, want dpd.yaml:%d: %v", pe.File, pe.Line, tc.line, err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("message %q lacks %q", err, tc.want)
			}
			if tc.line != 0 && !strings.HasPrefix(err.Error(), "dpd.yaml:") {
				t.Errorf("message does not start with file:line: %q", err)
			}
		})
	}
}

// A JSON override gets JSON's own syntax errors.
func TestWithCatalogJSON(t *testing.T) {
	c := content(t)
	good := `{"tools": [{"id": "mon-outil", "name": "Mon outil", "usages": ["messagerie"], "publisher": "É", "country": "France",
	  "facts": {"contrat": "fourni_institution"}, "extra_eu_law": "non", "e2ee": "non",
	  "note": {"fr": "n", "en": "n"}, "sources": ["seed-000"], "checked": "2026-11-20"}]}`
	if _, err := c.WithCatalog("dpd.json", []byte(good)); err != nil {
		t.Fatal(err)
	}
	_, err := c.WithCatalog("dpd.json", []byte(strings.Replace(good, `"usages"`, `"usages" `+"\n"+`"x"`, 1)))
	var pe *questionnaire.PosError
	if !errors.As(err, &pe) || pe.Line != 2 || !strings.Contains(err.Error(), "invalid JSON") {
		t.Errorf("JSON syntax error: %v", err)
	}
}
