package e2e

import (
	"strings"
	"testing"
)

// q on the welcome screen is a normal quit (exit 0: `go run` prints no
// « exit status 130 »); ctrl+c stays an abort (130).
func TestQuitFromTheWelcomeExitsZeroInTmux(t *testing.T) {
	bin := conduiteBin(t)
	x := NewTmux(t, 100, 30)
	launch(x, bin, " --no-save")
	x.WaitFor("Commencer")
	x.Keys("q")
	if s := waitShell(x); !strings.Contains(s, "EXIT=0") {
		t.Errorf("q on the welcome screen should exit 0:\n%s", s)
	}
	x.Run("clear")
	launch(x, bin, " --no-save")
	x.WaitFor("Commencer")
	x.Keys("C-c")
	if s := waitShell(x); !strings.Contains(s, "EXIT=130") {
		t.Errorf("ctrl+c on the welcome screen should exit 130:\n%s", s)
	}
}
