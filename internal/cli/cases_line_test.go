package cli

import (
	"strings"
	"testing"
)

// conduite cases ID in a terminal that asked for the line mode (ACCESSIBLE,
// or TERM=dumb) runs the case in the line mode: its story, its answers
// pre-filled from the question after the tool, and Enter through reaches
// the case's verdict; nothing is printed as a handout.
func TestCaseInTheLineMode(t *testing.T) {
	for _, env := range []map[string]string{{"ACCESSIBLE": "1"}, {"TERM": "dumb"}} {
		code, out, errs := runTerminal(t, env, strings.Repeat("\n", 30), "cases", "discord-classe")
		if code != 0 {
			t.Fatalf("%v: exit %d\n%s\n%s", env, code, out, errs)
		}
		for _, want := range []string{
			"Étude de cas : Discord comme classe virtuelle.",
			"Référentiel : Éducation nationale (France).",
			"Question 2 sur ",
			" : Usage.",
			"Verdict : ✖ À proscrire.",
		} {
			if !strings.Contains(out, want) {
				t.Errorf("%v: the line mode does not say %q:\n%s", env, want, out)
			}
		}
		if strings.Contains(out, "Question 1 sur") || strings.Contains(errs, "Pour ouvrir ce cas") {
			t.Errorf("%v: the case asked its tool, or was printed as a handout:\n%s\n%s", env, out, errs)
		}
	}
}
