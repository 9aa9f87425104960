package e2e

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// discordKeys answer the Discord case (examples/discord-classe.yaml) once
// the tool is chosen: usage 3, audience 5, niveau 3 (4e-3e), mineurs 4,
// données 2 and 3 (a
// digit moves, space ticks), the catalog's hébergement, contrat and modèle
// économique kept, inscription 6, the catalog's identification kept,
// appareil 2.
var discordKeys = []string{"3", "Enter", "5", "Enter", "3", "Enter", "4", "Enter", "2", "Space", "3", "Space", "Enter",
	"Enter", "Enter", "Enter", "6", "Enter", "Enter", "2", "Enter"}

// launch starts conduite in the session's shell; after it ends the shell
// prints its exit status and whether the terminal settings (stty) are those
// it had before.
func launch(x *Tmux, bin string, args string) {
	x.Run("stty -g > ~/stty.before; " + bin + args + "; echo EXIT=$?; stty -g | cmp -s - ~/stty.before && echo STTY=same || echo STTY=changed")
}

// waitShell waits for the end of a launch: the stty check printed and the
// prompt back.
func waitShell(x *Tmux) string {
	x.t.Helper()
	x.WaitFor("STTY=")
	return x.WaitForSuffix(strings.TrimSpace(Prompt))
}

// checkShellRestored checks that the terminal is as the shell left it.
func checkShellRestored(t *testing.T, x *Tmux, screen string) {
	t.Helper()
	if !strings.Contains(screen, "STTY=same") {
		t.Errorf("the terminal settings (stty) changed:\n%s", screen)
	}
	for name, want := range map[string]string{
		"alternate_on":   "0", // back on the main screen
		"cursor_flag":    "1", // cursor visible
		"mouse_any_flag": "0", // mouse reporting off
		"keypad_flag":    "0",
	} {
		if got := x.Format(name); got != want {
			t.Errorf("tmux #{%s} = %q after exit, want %q", name, got, want)
		}
	}
	if !strings.HasSuffix(strings.TrimRight(screen, "\n "), strings.TrimSpace(Prompt)) {
		t.Errorf("the shell prompt is not back at the end:\n%s", lastLines(screen, 5))
	}
}

func TestWizardDiscordInTmux(t *testing.T) {
	bin := conduiteBin(t)
	state := t.TempDir()
	x := NewTmux(t, 100, 30, "XDG_STATE_HOME="+state)
	launch(x, bin, "")
	x.WaitFor("Commencer")
	if got := x.Format("alternate_on"); got != "1" {
		t.Errorf("the wizard does not use the alternate screen: alternate_on=%s", got)
	}
	x.Keys("Enter")
	x.WaitFor("Rechercher")
	x.Type("discord")
	x.WaitFor("Autre outil")
	x.Keys("Enter")
	x.WaitFor("Pour quel usage")
	x.Keys(discordKeys...)
	x.WaitFor("Voir la recommandation")
	x.Keys("Enter")
	s := x.WaitFor("À PROSCRIRE")
	for _, want := range []string{"Discord", "Le risque, critère par critère", "Recommandation"} {
		if !strings.Contains(s, want) {
			t.Errorf("the result lacks %q:\n%s", want, s)
		}
	}
	// The reasons and the alternatives are in the report, a few pages down;
	// its end is the sources, the reminder of the DPD's role and the
	// report's référentiel, rules and date.
	x.Keys("End")
	x.WaitFor("Cette recommandation aide à décider")
	x.Keys("q")
	s = waitShell(x)
	if !strings.Contains(s, "EXIT=0") {
		t.Errorf("quitting from the result should exit 0:\n%s", s)
	}
	if !strings.Contains(s, "conduite : Discord — ✖ À proscrire") {
		t.Errorf("no verdict line left on the terminal:\n%s", s)
	}
	if strings.Contains(s, "Le risque, critère par critère") {
		t.Errorf("the wizard's screen is still there after exit:\n%s", s)
	}
	checkShellRestored(t, x, s)
	if _, err := os.Stat(filepath.Join(state, "conduite", "resume.yaml")); !os.IsNotExist(err) {
		t.Errorf("the resume file outlived the result: %v", err)
	}
}

// Changing « contrat » on the review screen re-evaluates at once: WhatsApp
// among staff (examples/whatsapp-agents.yaml) leaves « À proscrire » when
// the institution has signed a contract.
func TestWizardContratChangeInTmux(t *testing.T) {
	bin := conduiteBin(t)
	x := NewTmux(t, 100, 30)
	launch(x, bin, " --no-save --lang en")
	x.WaitFor("Start")
	x.Keys("Enter")
	x.WaitFor("Search")
	x.Type("whatsapp")
	x.WaitFor("Other tool")
	x.Keys("Enter")
	x.WaitFor("What is it for?")
	x.Keys("1", "Enter", "1", "Enter", "2", "Space", "4", "Space", "Enter", "Enter", "Enter", "Enter", "4", "Enter", "1", "Enter", "2", "Enter")
	x.WaitFor("See the recommendation")
	x.Keys("Enter")
	x.WaitFor("MUST NOT BE USED")
	x.Keys("m")
	x.WaitFor("Your answers")
	for range 5 { // from « see the recommendation » up to Contract
		x.Keys("Up")
	}
	x.Keys("Enter")
	x.WaitFor("What contract covers it?")
	x.Keys("2", "Enter")
	s := x.WaitFor("(before: ✖ Must not be used)")
	if !strings.Contains(s, "Verdict: ▲ Not advised") {
		t.Errorf("the review does not show the new verdict:\n%s", s)
	}
	x.Keys("r")
	x.WaitFor("NOT ADVISED")
	x.Keys("C-c")
	s = waitShell(x)
	if !strings.Contains(s, "EXIT=130") {
		t.Errorf("ctrl+c should exit 130:\n%s", s)
	}
	checkShellRestored(t, x, s)
}

// A run killed half-way is offered again at the next start.
func TestWizardResumeAfterKillInTmux(t *testing.T) {
	bin := conduiteBin(t)
	state := t.TempDir()
	x := NewTmux(t, 100, 30, "XDG_STATE_HOME="+state)
	x.Run(bin + "; echo EXIT=$?")
	x.WaitFor("Commencer")
	x.Keys("Enter")
	x.WaitFor("Rechercher")
	x.Type("discord")
	x.WaitFor("Autre outil")
	x.Keys("Enter", "3", "Enter", "5", "Enter")
	x.WaitFor("À quel niveau sont les élèves")
	// The answers are saved by a command that may finish after the next
	// screen is drawn: kill once the third is on disk, as a user would be
	// killed at any moment after it.
	waitSaved(t, filepath.Join(state, "conduite", "resume.yaml"), "outil:", "usage:", "audience:")
	if err := exec.Command("pkill", "-KILL", "-f", "^"+bin+"$").Run(); err != nil {
		t.Fatalf("killing the wizard: %v", err)
	}
	x.WaitFor("EXIT=137")
	// Killed, the wizard could not restore its terminal: start again in a
	// fresh one.
	x = NewTmux(t, 100, 30, "XDG_STATE_HOME="+state)
	launch(x, bin, "")
	x.WaitFor("Reprendre la session enregistrée (3 réponses")
	x.Keys("Down", "Enter")
	x.WaitFor("À quel niveau sont les élèves")
	x.Keys("C-c", "y")
	s := waitShell(x)
	if !strings.Contains(s, "EXIT=130") {
		t.Errorf("abort should exit 130:\n%s", s)
	}
}

func TestNoTerminal(t *testing.T) {
	cmd := exec.Command(conduiteBin(t))
	cmd.Stdin = strings.NewReader("")
	out, err := cmd.CombinedOutput()
	ee, ok := err.(*exec.ExitError)
	if !ok || ee.ExitCode() != 2 {
		t.Fatalf("without a terminal: %v, want exit status 2\n%s", err, out)
	}
	if !strings.Contains(string(out), "conduite evaluate") {
		t.Errorf("the message should point to conduite evaluate:\n%s", out)
	}
}

// The accessible mode through a pipe reaches the same verdict.
func TestAccessibleThroughAPipe(t *testing.T) {
	cmd := exec.Command(conduiteBin(t), "--accessible")
	cmd.Env = append(os.Environ(), "LANG=fr_FR.UTF-8", "LC_ALL=")
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		_, _ = io.WriteString(in, "discord\n1\n3\n5\n3\n4\n2 3\n\n\n\n6\n\n2\n\n")
		in.Close()
	}()
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	s := string(out)
	for _, want := range []string{"Verdict : ✖ À proscrire.", "## Que faire plutôt", "## Pourquoi"} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if strings.ContainsRune(s, '\x1b') {
		t.Error("escape sequences in the accessible output")
	}
	// ACCESSIBLE=1 does the same.
	cmd = exec.Command(conduiteBin(t))
	cmd.Env = append(os.Environ(), "ACCESSIBLE=1")
	cmd.Stdin = strings.NewReader("q\n")
	out, err = cmd.CombinedOutput()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 130 {
		t.Errorf("q in the accessible mode: %v, want exit 130\n%s", err, out)
	}
}

// waitSaved waits until the resume file holds every key.
func waitSaved(t *testing.T, path string, keys ...string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		b, err := os.ReadFile(path)
		ok := err == nil
		for _, k := range keys {
			ok = ok && strings.Contains(string(b), k)
		}
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the resume file %s never held %v: %v\n%s", path, keys, err, b)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
