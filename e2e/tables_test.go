package e2e

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// history returns the whole pane, its scrolled-off lines included.
func (x *Tmux) history() string {
	x.t.Helper()
	return x.tmux("capture-pane", "-p", "-J", "-S", "-", "-t", x.target)
}

// `conduite cases` in a real terminal of 80×24, as a trainer first runs
// it: every case id and « --presentation » stand whole on one line, to be
// typed as they read.
func TestCasesListAt80InTmux(t *testing.T) {
	bin := conduiteBin(t)
	x := NewTmux(t, 80, 24, "NO_COLOR=1")
	x.Run(bin + " --lang fr cases; echo DONE=$?")
	x.WaitFor("DONE=0")
	s := x.history()
	for _, id := range []string{"discord-classe", "zoom-licence-conseil", "whatsapp-equipe-mixte", "whatsapp-classe-suisse",
		"threema-classe-suisse", "outil-gratuit-inconnu"} {
		if !regexp.MustCompile(`(?m)(^|\s)` + regexp.QuoteMeta(id) + `(\s|$)`).MatchString(s) {
			t.Errorf("the id %s is not whole on one line:\n%s", id, s)
		}
	}
	if !regexp.MustCompile(`(?m)(^|\s)--presentation(\s|$)`).MatchString(s) {
		t.Errorf("« --presentation » is split across lines:\n%s", s)
	}
}

// The triage of the examples in a real terminal of 80 and of 120 columns:
// every file with its tool, use, audience, verdict and first reason,
// nothing cut (no « … »).
func TestBatchTableInTmux(t *testing.T) {
	bin := conduiteBin(t)
	examples, err := filepath.Abs("../examples")
	if err != nil {
		t.Fatal(err)
	}
	for _, width := range []int{80, 120} {
		x := NewTmux(t, width, 24, "NO_COLOR=1")
		x.Run(bin + " --lang fr evaluate " + examples + "; echo DONE=$?")
		x.WaitFor("DONE=0")
		s := x.history()
		if strings.Contains(s, "…") {
			t.Errorf("%d columns: a cell is cut:\n%s", width, s)
		}
		for _, want := range []string{"Outil", "Usage", "Public", "Première raison", "discord-classe.yaml", "Classe virtuelle",
			"Des élèves", "✖ À proscrire", " fichier(s) : "} {
			if !strings.Contains(s, want) {
				t.Errorf("%d columns: lacks %q:\n%s", width, want, s)
			}
		}
	}
}
