package tui

import (
	"os"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// With a profile, the welcome screen names the organisation, and the result
// screen's report gives the DPD's contact and the académie's ENT first.
func TestProfileOnScreens(t *testing.T) {
	data, err := os.ReadFile("../docs/profil-academie.yaml")
	if err != nil {
		t.Fatal(err)
	}
	o := testOptions(t)
	if o.Content, err = o.Content.WithProfile("profil-academie.yaml", data); err != nil {
		t.Fatal(err)
	}
	m := newTestModel(t, o)
	mustContain(t, screenText(m), "Profil : Académie de Nantes (exemple)")
	m = press(t, m, discordKeys...)
	m = press(t, m, "enter")
	r := resultOf(m)
	if !r.report.ready {
		t.Fatal("the report is not rendered after its commands ran")
	}
	body := strings.ReplaceAll(ansi.Strip(r.report.body), "\u00a0", " ")
	mustContain(t, body, "À qui s'adresser", "dpd@ac-exemple.fr", "e-lyco, l'ENT des collèges et lycées", "QUE FAIRE ENSUITE")
	if strings.Index(body, "e-lyco, l'ENT") > strings.Index(body, "apps.education.fr") {
		t.Error("the académie's ENT is not first among the alternatives")
	}
	// Without a profile, no organisation on the welcome screen.
	if strings.Contains(screenText(newTestModel(t, testOptions(t))), "Profil :") {
		t.Error("the welcome screen names a profile without one")
	}
}
