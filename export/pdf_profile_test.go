package export_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/conduite/conduite/export"
	"github.com/conduite/conduite/questionnaire"
)

// With a profile, the PDF names the organisation above the title, says
// which profile and its date, gives the DPD's contact and the académie's ENT
// first, the next steps, and the profile's footer on every page.
func TestPDFWithProfile(t *testing.T) {
	lookPoppler(t)
	profile, err := os.ReadFile("../docs/profil-academie.yaml")
	if err != nil {
		t.Fatal(err)
	}
	c, err := loadContent(t).WithProfile("profil-academie.yaml", profile)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile("../examples/discord-classe.yaml")
	if err != nil {
		t.Fatal(err)
	}
	out, err := export.Render(docFor(t, c, "discord-classe.yaml", data, questionnaire.FR), export.PDF)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "rapport.pdf")
	if err := export.WriteFile(path, out, false); err != nil {
		t.Fatal(err)
	}
	first := normalizeSpace(run(t, "pdftotext", "-f", "1", "-l", "1", path, "-"))
	if !strings.HasPrefix(first, "Académie de Nantes (exemple) Conduite à tenir : Discord") {
		t.Errorf("page 1 does not start with the organisation and the title:\n%.200s", first)
	}
	all := normalizeSpace(run(t, "pdftotext", path, "-"))
	for _, want := range []string{"Profil : Académie de Nantes (exemple), daté du 1 décembre 2026",
		"À qui s'adresser : DPD académique (exemple fictif) — dpd@ac-exemple.fr",
		"Refusé par Académie de Nantes (exemple) le 1 décembre 2026",
		"Que faire ensuite", "1. Ne pas engager ce traitement"} {
		if !strings.Contains(all, want) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
	alt := strings.Index(all, "• e-lyco, l'ENT des collèges et lycées · proposé par Académie de Nantes (exemple)")
	if alt < 0 || alt > strings.Index(all, "• Visio et classe virtuelle d'apps.education.fr") {
		t.Error("the académie's ENT is not the first alternative")
	}
	pages := strings.Count(run(t, "pdftotext", path, "-"), "\f")
	if n := strings.Count(all, "Profil d'exemple de conduite : contact et décisions fictifs"); n != pages {
		t.Errorf("the footer is on %d pages, want every page (%d)", n, pages)
	}
}
