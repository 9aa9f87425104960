package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// « ~/rapport.md » typed in the export field goes to the home folder, as in
// a shell, not to ./~/rapport.md; « ~autre/… » is a name like any other.
func TestExportExpandsTilde(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	o := testOptions(t)
	m := newTestModel(t, o)
	m = press(t, m, discordKeys...)
	m = press(t, m, "r")

	exportAs := func(m Model, name string) Model {
		t.Helper()
		m = press(t, m, "e")
		m = edit(m, func(r *resultModel) { r.export.input.SetValue("") })
		return press(t, typeText(t, m, name), "enter")
	}
	m = exportAs(m, "~/rapport.md")
	want := filepath.Join(home, "rapport.md")
	if data, err := os.ReadFile(want); err != nil || !strings.HasPrefix(string(data), "# ") {
		t.Errorf("~/rapport.md was not written to %s: %v", want, err)
	}
	if _, err := os.Stat(filepath.Join(o.Dir, "~")); err == nil {
		t.Error("a folder « ~ » was made in the current folder")
	}
	mustContain(t, screenText(m), "Rapport enregistré : "+want)

	if err := os.Mkdir(filepath.Join(o.Dir, "~autre"), 0o755); err != nil {
		t.Fatal(err)
	}
	m = exportAs(m, "~autre/r.md")
	if _, err := os.Stat(filepath.Join(o.Dir, "~autre", "r.md")); err != nil {
		t.Errorf("~autre/r.md is not taken as a relative name: %v", err)
	}

	// No home folder: said, nothing written.
	t.Setenv("HOME", "")
	m = exportAs(m, "~/sans-home.md")
	mustContain(t, screenText(m), "Export impossible")
	if !resultOf(m).export.active {
		t.Error("the prompt closed on a failed ~")
	}
}

// The export screen writes a PDF when the name ends in .pdf: the formats
// table drives it.
func TestExportPDF(t *testing.T) {
	o := testOptions(t)
	m := newTestModel(t, o)
	m = press(t, m, discordKeys...)
	m = press(t, m, "r", "e")
	m = edit(m, func(r *resultModel) { r.export.input.SetValue("") })
	m = press(t, typeText(t, m, "rapport.pdf"), "enter")
	data, err := os.ReadFile(filepath.Join(o.Dir, "rapport.pdf"))
	if err != nil || !strings.HasPrefix(string(data), "%PDF-1.") {
		t.Fatalf("rapport.pdf: %.10q, %v", data, err)
	}
	mustContain(t, screenText(m), "Rapport enregistré : rapport.pdf")
}
