package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// A trainer's session: `conduite cases discord-classe --presentation` in
// tmux. The case's story and questions, each question with the case's
// answer, the verdict hidden on the review and on the result until space,
// the reveal (« À PROSCRIRE »), « et si ? » on the contract (the verdict
// leaves « À proscrire » and the screen names the rule), quit: the
// terminal is restored and nothing was saved.
func TestWorkshopCaseInTmux(t *testing.T) {
	bin := conduiteBin(t)
	state := t.TempDir()
	x := NewTmux(t, 80, 24, "XDG_STATE_HOME="+state)
	launch(x, bin, " cases discord-classe --presentation")
	s := x.WaitFor("Pendant une fermeture du collège")
	for _, want := range []string{"Discord comme classe virtuelle", "Étude de cas", "Entrée : les questions à discuter"} {
		if !strings.Contains(s, want) {
			t.Errorf("the case screen lacks %q:\n%s", want, s)
		}
	}
	if got := x.Format("alternate_on"); got != "1" {
		t.Errorf("the wizard does not use the alternate screen: alternate_on=%s", got)
	}
	x.Keys("Enter")
	x.WaitFor("À discuter")
	x.WaitFor("1. Les élèves qui avaient déjà un compte")
	x.Keys("Enter")
	s = x.WaitFor("Pour quel usage ?")
	if !strings.Contains(s, "(•) Classe virtuelle ◂ réponse du cas") {
		t.Errorf("the question does not show the case's answer:\n%s", s)
	}
	// The eleven questions of the case (its level among them), kept as
	// they are.
	for i := 0; i < 11; i++ {
		x.Keys("Enter")
	}
	s = x.WaitFor("Verdict : masqué jusqu'au vote")
	if strings.Contains(s, "proscrire") || strings.Contains(s, "PROSCRIRE") {
		t.Errorf("the review shows the verdict before the vote:\n%s", s)
	}
	x.Keys("Enter")
	s = x.WaitFor("Votez, puis appuyez sur espace pour révéler le verdict")
	if strings.Contains(s, "PROSCRIRE") {
		t.Errorf("the verdict shows before the reveal:\n%s", s)
	}
	x.Keys("Space")
	x.WaitFor("À PROSCRIRE")
	// « Et si ? »: the contract signed by the institution.
	x.Keys("s")
	x.WaitFor("Et si… quelle réponse changer ?")
	for i := 0; i < 7; i++ { // outil, usage, participants, niveau, mineurs, données, hébergement
		x.Keys("Down")
	}
	x.Keys("Enter")
	x.WaitFor("Quel cadre contractuel ?")
	x.Keys("2", "Enter")
	s = x.WaitFor("✖ À proscrire → ▲ Déconseillé")
	if strings.Contains(s, "sans-contrat") {
		t.Errorf("« et si ? » shows a rule id, not its title:\n%s", s)
	}
	for _, want := range []string{"DÉCONSEILLÉ", "Et si Contrat : Contrat signé par l'institution",
		"La règle qui a fait la différence : ✖", "Pas de contrat avec l'institution", "u pour annuler"} {
		if !strings.Contains(s, want) {
			t.Errorf("the result after « et si ? » lacks %q:\n%s", want, s)
		}
	}
	x.Keys("q")
	s = waitShell(x)
	if !strings.Contains(s, "EXIT=0") {
		t.Errorf("quitting from the result should exit 0:\n%s", s)
	}
	if !strings.Contains(s, "conduite : Discord — ▲ Déconseillé") {
		t.Errorf("no verdict line left on the terminal:\n%s", s)
	}
	if strings.Contains(s, "Votez") || strings.Contains(s, "Et si") {
		t.Errorf("the wizard's screen is still there after exit:\n%s", s)
	}
	checkShellRestored(t, x, s)
	if _, err := os.Stat(filepath.Join(state, "conduite")); !os.IsNotExist(err) {
		t.Errorf("a case run wrote to the state folder: %v", err)
	}
}

// Through a pipe, conduite cases ID prints the case (a handout) and says
// how to open it in a terminal.
func TestCaseThroughAPipe(t *testing.T) {
	cmd := exec.Command(conduiteBin(t), "cases", "discord-classe")
	cmd.Env = append(os.Environ(), "LANG=fr_FR.UTF-8", "LC_ALL=")
	b, err := cmd.CombinedOutput()
	out := string(b)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for _, want := range []string{"# Discord comme classe virtuelle", "## À discuter", "conduite cases discord-classe` dans un terminal"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}
