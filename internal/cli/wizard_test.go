package cli

import (
	"bytes"
	"context"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// runTerminal is run on a terminal, with the environment env and stdin.
func runTerminal(t *testing.T, env map[string]string, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	streams := &IOStreams{In: strings.NewReader(stdin), Out: &out, Err: &errb, InTTY: true, OutTTY: true,
		Width: func() int { return 80 }, Getenv: func(k string) string { return env[k] }}
	code = Main(context.Background(), streams, args)
	return code, out.String(), errb.String()
}

// TERM=dumb (Emacs' shell, some IDE consoles) gets the line mode with a
// one-line notice, in the user's language, and not one escape sequence.
func TestWizardDumbTerminalIsLineMode(t *testing.T) {
	for _, c := range []struct{ lang, notice, intro string }{
		{"fr_FR.UTF-8", "conduite: ce terminal n'affiche que des lignes (TERM=dumb) : l'assistant passe en mode ligne à ligne (--accessible).", "conduite, mode accessible"},
		{"en_GB.UTF-8", "conduite: this terminal only prints lines (TERM=dumb): the wizard uses its line-by-line mode (--accessible).", "conduite, accessible mode"},
	} {
		code, out, errs := runTerminal(t, map[string]string{"TERM": "dumb", "LANG": c.lang}, "q\n")
		if code != ExitAborted {
			t.Errorf("%s: exit %d after q, want %d", c.lang, code, ExitAborted)
		}
		if first, _, _ := strings.Cut(errs, "\n"); first != c.notice {
			t.Errorf("%s: stderr starts %q, want the notice %q", c.lang, first, c.notice)
		}
		if !strings.Contains(out, c.intro) {
			t.Errorf("%s: not the line mode:\n%s", c.lang, out)
		}
		if i := strings.IndexByte(out+errs, 0x1b); i >= 0 {
			t.Errorf("%s: an escape sequence under TERM=dumb: %q", c.lang, (out + errs)[i:min(len(out+errs), i+20)])
		}
	}
	// --accessible or ACCESSIBLE asked for the line mode: no notice.
	for _, env := range []map[string]string{{"TERM": "dumb", "ACCESSIBLE": "1"}, {"TERM": "xterm", "ACCESSIBLE": "1"}} {
		if _, _, errs := runTerminal(t, env, "q\n"); strings.Contains(errs, "TERM=dumb") {
			t.Errorf("%v: the notice is printed though the line mode was asked for", env)
		}
	}
}

// The program's filter: a suspend goes through only with job control, and
// marks the suspend (so that Bubble Tea's own SIGTSTP then stops the
// process); the resume ends it.
func TestWizardFilterSuspend(t *testing.T) {
	s := &wizardSignals{canSuspend: false}
	if s.filter(nil, tea.SuspendMsg{}) != nil {
		t.Error("without job control a suspend went through")
	}
	if s.suspending.Load() {
		t.Error("a refused suspend is marked")
	}
	s.canSuspend = true
	if _, ok := s.filter(nil, tea.SuspendMsg{}).(tea.SuspendMsg); !ok || !s.suspending.Load() {
		t.Error("with job control the suspend is not passed on and marked")
	}
	if _, ok := s.filter(nil, tea.ResumeMsg{}).(tea.ResumeMsg); !ok || s.suspending.Load() {
		t.Error("the resume is not passed on, or the suspend still marked")
	}
	key := tea.KeyPressMsg{Code: 'a', Text: "a"}
	if s.filter(nil, key) == nil {
		t.Error("a key was dropped with no gate")
	}
}
