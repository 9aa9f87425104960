package export_test

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/conduite/conduite/export"
	"github.com/conduite/conduite/questionnaire"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/")

// goldenCases are the examples whose exports are kept as golden files: a
// verdict of each kind, what to check, the Swiss référentiel, English, and a
// header with an institution and an author (escaped in every format).
var goldenCases = []struct {
	name, example string
	lang          questionnaire.Lang
	etab, auteur  string
}{
	{"discord-classe", "discord-classe.yaml", questionnaire.FR, "", ""},
	{"partage-inconnu", "partage-inconnu.yaml", questionnaire.FR, "", ""},
	{"tchap-agents", "tchap-agents.yaml", questionnaire.FR, "Collège <Jean-Zay> & « lycée »", "M. *Dupont* | DPD"},
	{"whatsapp-classe-suisse-en", "whatsapp-classe-suisse.yaml", questionnaire.EN, "", ""},
}

// checkGolden compares got with testdata/name, or rewrites it with -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./export -run Golden -update to create it)", err)
	}
	if string(got) != string(want) {
		t.Errorf("%s differs from the export; run go test ./export -run Golden -update, then read the diff:\n%s", path, firstDiff(string(want), string(got)))
	}
}

// firstDiff shows the first line that differs.
func firstDiff(want, got string) string {
	wl, gl := splitLines(want), splitLines(got)
	for i := range max(len(wl), len(gl)) {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + itoa(i+1) + ":\n- " + w + "\n+ " + g
		}
	}
	return "(same lines, different bytes)"
}

func TestGoldenExports(t *testing.T) {
	c := loadContent(t)
	for _, gc := range goldenCases {
		data, err := os.ReadFile(filepath.Join("..", "examples", gc.example))
		if err != nil {
			t.Fatal(err)
		}
		doc := docFor(t, c, gc.example, data, gc.lang)
		if gc.etab != "" {
			doc.Header.Etablissement, doc.Header.Auteur = gc.etab, gc.auteur
		}
		for _, f := range export.Formats {
			if f.Binary() {
				continue // the PDF's golden is its extracted text (pdf_test.go)
			}
			out, err := export.Render(doc, f)
			if err != nil {
				t.Fatalf("%s %s: %v", gc.name, f, err)
			}
			checkGolden(t, gc.name+f.Ext()+".golden", out)
		}
	}
}
