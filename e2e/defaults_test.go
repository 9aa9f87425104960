package e2e

import (
	"strings"
	"testing"
)

// The hurried run of issue 10: a tool that is not in the catalog, then
// Enter on every screen (and space once on « Données », which asks for a
// tick). Every cursor starts on « Je ne sais pas », so the verdict is
// « Déconseillé » or worse with every answer to be checked — never the
// « Recommandé, 0 à vérifier » the reassuring defaults used to give.
func TestWizardEnterThroughUnknownToolInTmux(t *testing.T) {
	bin := conduiteBin(t)
	x := NewTmux(t, 100, 30)
	launch(x, bin, " --no-save")
	x.WaitFor("Commencer")
	x.Keys("Enter")
	x.WaitFor("Rechercher")
	x.Type("Klassroomzz")
	x.WaitFor("Autre outil")
	x.Keys("Enter") // « autre outil », the name typed
	x.WaitFor("Klassroomzz")
	x.Keys("Enter")
	questions := []struct {
		text  string
		multi bool
	}{
		{text: "Pour quel usage"},
		{text: "Avec qui échangez-vous"},
		{text: "Des mineurs participent-ils"}, // asked: nobody said only staff take part
		{text: "Quelles données circulent", multi: true},
		{text: "Où les données sont-elles hébergées"},
		{text: "Quel cadre contractuel"},
		{text: "Comment le fournisseur se finance"},
		{text: "Faut-il créer un compte"},
		{text: "Peut-on s'assurer de l'identité"},
		{text: "Sur quel équipement"},
	}
	for _, q := range questions {
		s := x.WaitFor(q.text)
		cursor := "› ( ) Je ne sais pas"
		if q.multi {
			cursor = "› [ ] Je ne sais pas"
		}
		if !strings.Contains(s, cursor) {
			t.Errorf("« %s »: the cursor does not start on « Je ne sais pas », unticked:\n%s", q.text, s)
		}
		if strings.Contains(s, "(•)") || strings.Contains(s, "[x]") {
			t.Errorf("« %s »: a value is preselected:\n%s", q.text, s)
		}
		if q.multi {
			x.Keys("Enter")
			x.WaitFor("Cochez au moins une réponse")
			x.Keys("Space")
			x.WaitFor("› [x] Je ne sais pas")
		}
		x.Keys("Enter")
	}
	x.WaitFor("Voir la recommandation")
	x.Keys("Enter")
	s := x.WaitFor("10 à vérifier")
	if !strings.Contains(s, "DÉCONSEILLÉ") && !strings.Contains(s, "À PROSCRIRE") {
		t.Errorf("the Enter-through run is not « Déconseillé » or worse:\n%s", s)
	}
	if strings.Contains(s, "RECOMMANDÉ") {
		t.Errorf("the Enter-through run reassures:\n%s", s)
	}
	x.Keys("q")
	s = waitShell(x)
	if !strings.Contains(s, "EXIT=0") {
		t.Errorf("quitting from the result should exit 0:\n%s", s)
	}
	if !strings.Contains(s, "conduite : Klassroomzz — ▲ Déconseillé") && !strings.Contains(s, "conduite : Klassroomzz — ✖ À proscrire") {
		t.Errorf("no verdict line « Déconseillé » or worse left on the terminal:\n%s", s)
	}
	checkShellRestored(t, x, s)
}
