package questionnaire_test

import (
	"bytes"
	"io/fs"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/conduite/conduite/assets"
	"github.com/conduite/conduite/questionnaire"
)

func TestLoadEmbeddedAssets(t *testing.T) {
	c := content(t)
	if n := len(c.Catalog.Tools); n < 30 {
		t.Errorf("catalog has %d tools, want at least 30", n)
	}
	if n := len(c.Rules.Rules); n < 20 {
		t.Errorf("rule set has %d rules", n)
	}
	for _, id := range []string{"outil", "usage", "audience", "mineurs", "donnees", "hebergement", "contrat", "modele_economique", "inscription", "identification", "appareil"} {
		if _, ok := c.Questions.Get(id); !ok {
			t.Errorf("question %s of the public contract is missing", id)
		}
	}
	if c.Referentiels.Default().ID != "education-nationale" {
		t.Errorf("default référentiel = %s", c.Referentiels.Default().ID)
	}
	if ref, _ := c.Referentiels.Get("education-nationale"); ref.DigitalMajority == nil || *ref.DigitalMajority != 15 {
		t.Errorf("the French digital majority is 15 (art. 45 loi Informatique et Libertés)")
	}
}

// overlay copies the embedded assets and replaces one string in one file.
func overlay(t *testing.T, file, old, new string) fs.FS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(assets.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(assets.FS, p)
		m[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	delete(m, questionnaire.FileSnapshot) // load the YAML, not the compiled snapshot
	src := string(m[file].Data)
	if !strings.Contains(src, old) {
		t.Fatalf("%s does not contain %q: the test is out of date", file, old)
	}
	m[file] = &fstest.MapFile{Data: []byte(strings.Replace(src, old, new, 1))}
	return m
}

// A typo in an asset fails at load, with the file, line and entry.
func TestLoadRejectsBadAssets(t *testing.T) {
	tests := []struct {
		name, file, old, new, want string
	}{
		{"unknown level of an alternative", "catalog.yaml", `levels: [college_avant_4e, college_4e_3e, lycee]`, `levels: [college, lycee]`,
			`^catalog\.yaml:\d+:\d+: tools\[\d+\]\.alternative\.levels\[0\]: "college" is not a value of niveau; allowed: superieur, lycee, college_4e_3e, college_avant_4e, ecole, inconnu$`},
		{"unknown as a level of an alternative", "catalog.yaml", `levels: [college_avant_4e, college_4e_3e, lycee]`, `levels: [inconnu]`,
			`^catalog\.yaml:\d+:\d+: tools\[\d+\]\.alternative\.levels: "inconnu" is not a level an alternative serves`},
		{"unknown value in a rule", "rules.yaml", `when: 'contrat == "non"'`, `when: 'contrat == "nn"'`,
			`^rules\.yaml:\d+:\d+: rules\[3\]\.when: condition .*"nn" is not a value of contrat \(did you mean "non"\?\); allowed: fourni_institution, oui, inconnu, non$`},
		{"unknown question in a rule", "rules.yaml", `when: 'contrat == "oui"'`, `when: 'contrats == "oui"'`,
			`^rules\.yaml:\d+:\d+: rules\[1\]\.when: condition .*unknown question "contrats" \(did you mean "contrat"\?\)`},
		{"string compared with nothing", "rules.yaml", `when: 'contrat == "oui"'`, `when: 'contrat == "oui" or "non"'`,
			`rules\[1\]\.when: .*`},
		{"syntax error in a rule", "rules.yaml", `when: 'contrat == "oui"'`, `when: 'contrat == ('`, `rules\[1\]\.when: condition`},
		{"unknown level", "rules.yaml", "level: recommande", "level: conseille", `^rules\.yaml:\d+:\d+: rules\[0\]\.level: unknown level "conseille"; allowed: proscrit, deconseille, sous_conditions, recommande$`},
		{"unknown source", "rules.yaml", "sources: [rgpd-28]", "sources: [rgpd-82]", `^rules\.yaml:\d+:\d+: rules\[1\]\.sources\[0\]: unknown source "rgpd-82" \(did you mean "rgpd-2?8"\?\)`},
		{"unknown référentiel", "rules.yaml", "referentiels: [suisse-romande]", "referentiels: [suisse]", `unknown référentiel "suisse"`},
		{"unknown key", "rules.yaml", "    criterion: contrat\n", "    critere: contrat\n", `^rules\.yaml:\d+:\d+: .*unknown field "critere"`},
		{"duplicate rule id", "rules.yaml", "id: contrat-signe", "id: outil-institutionnel", `duplicate rule id "outil-institutionnel"`},
		{"missing translation", "questions.yaml", `text: {fr: "Pour quel usage ?", en: "What is it for?"}`, `text: {fr: "Pour quel usage ?"}`, `^questions\.yaml:\d+:\d+: questions\[1\]\.text: missing text in en$`},
		{"question without « je ne sais pas »", "questions.yaml", "    sources: [seed-004]\n    unknown: inconnu\n", "    sources: [seed-004]\n",
			`^questions\.yaml:\d+:\d+: questions\[1\]: question "usage" has no unknown value: every question needs a « je ne sais pas » value`},
		{"bad catalog fact", "catalog.yaml", "contrat: non", "contrat: nope", `^catalog\.yaml:\d+:\d+: tools\[\d+\]\.facts\.contrat: "nope" is not a value of contrat`},
		{"catalog context fact", "catalog.yaml", "contrat: non", "audience: agents", `facts\.audience: "audience" is not a fact about a tool`},
		{"fact source for a fact not given", "catalog.yaml", "      hebergement: [openai-usage-grand-public]\n", "      modele_economique: [openai-usage-grand-public]\n",
			`^catalog\.yaml:\d+:\d+: tools\[\d+\]\.fact_sources\.modele_economique: the entry does not state modele_economique`},
		{"fact source not among the entry's", "catalog.yaml", "      e2ee: [openai-entrainement]\n", "      e2ee: [rgpd-9]\n",
			`tools\[\d+\]\.fact_sources\.e2ee\[0\]: source "rgpd-9" is not among the entry's sources`},
		{"fact source for no fact", "catalog.yaml", "      extra_eu_law: [openai-irlande, cloud-act]\n", "      e2e: [cloud-act]\n",
			`tools\[\d+\]\.fact_sources\.e2e: "e2e" is not a fact of a catalog entry; allowed: hebergement, contrat, modele_economique, inscription, identification, extra_eu_law, e2ee, min_age$`},
		{"unknown fact source", "catalog.yaml", "      extra_eu_law: [openai-irlande, cloud-act]\n", "      extra_eu_law: [openai-irland]\n",
			`tools\[\d+\]\.fact_sources\.extra_eu_law\[0\]: unknown source "openai-irland" \(did you mean "openai-irlande"\?\)`},
		{"case with a bad answer", "cases.yaml", "usage: classe_virtuelle", "usage: classe", `^cases\.yaml:\d+:\d+: usage: invalid value "classe"`},
		{"yaml syntax", "sources.yaml", "sources:\n", "sources: [\n", `^sources\.yaml:\d+:\d+: `},
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

func TestTextsUsedByTemplatesExist(t *testing.T) {
	c := content(t)
	data, err := fs.ReadFile(c.FS, "templates/report.md.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range regexp.MustCompile(`\.T "([a-z_]+)"`).FindAllStringSubmatch(string(data), -1) {
		if !c.Texts.Has(m[1]) {
			t.Errorf("the report template uses text %q, missing from assets/texts", m[1])
		}
	}
}

// The embedded snapshot is the compiled form of the YAML files: after any
// change to them, go generate ./assets.
func TestSnapshotIsCurrent(t *testing.T) {
	fromYAML, err := questionnaire.LoadYAML(assets.FS)
	if err != nil {
		t.Fatalf("the YAML content does not load: %v", err)
	}
	want, err := fromYAML.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	got, err := fs.ReadFile(assets.FS, questionnaire.FileSnapshot)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("assets/%s is stale: run go generate ./assets", questionnaire.FileSnapshot)
	}
	fromSnap := content(t)
	if len(fromSnap.Catalog.Tools) != len(fromYAML.Catalog.Tools) || len(fromSnap.Rules.Rules) != len(fromYAML.Rules.Rules) ||
		len(fromSnap.Cases.List) != len(fromYAML.Cases.List) || len(fromSnap.Texts.Map) != len(fromYAML.Texts.Map) {
		t.Errorf("the snapshot and the YAML load different content")
	}
	for i, k := range fromYAML.Cases.List {
		if !k.Answers.Equal(fromSnap.Cases.List[i].Answers) || k.Expected != fromSnap.Cases.List[i].Expected {
			t.Errorf("case %s differs between the YAML and the snapshot", k.ID)
		}
	}
}
