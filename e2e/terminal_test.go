//go:build linux || darwin

package e2e

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"
)

// Terminal safety: however the wizard ends (SIGTERM, SIGHUP, SIGQUIT, a panic) and
// on whichever screen, the terminal is left usable: the normal screen (no
// alternate screen), a visible cursor, no mouse reporting, and the line
// discipline back in cooked mode (echo and icanon on). Each case runs the
// built binary in its own tmux session, drives it to a screen with keys,
// ends it, then asks tmux about the pane and runs stty -a in it.
//
//	go test ./e2e -run TerminalRestored -v

// termPane is a tmux session running a shell, in which conduite is started.
type termPane struct {
	t      *testing.T
	name   string // the tmux session, also the target
	dir    string
	socket string // the -L name of this pane's own tmux server
}

func requireTmux(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: the tmux runs take seconds; they run in the full go test")
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed (apt-get install tmux): the terminal-safety tests cannot run")
	}
}

// newTermPane starts a tmux session of 100×30 running sh in a fresh folder,
// on a tmux server of its own (-L): nothing else is touched, and no test
// meets a server that another one's cleanup is shutting down (a shared
// server exits with its last session, and a new-session racing that exit
// failed with « server exited unexpectedly »).
func newTermPane(t *testing.T, name string) *termPane {
	t.Helper()
	p := &termPane{t: t, name: name, dir: t.TempDir(),
		socket: fmt.Sprintf("conduite-term-%d-%d", os.Getpid(), tmuxCount.Add(1))}
	env := []string{"env", "-i", "PATH=" + os.Getenv("PATH"), "HOME=" + p.dir, "TERM=xterm-256color",
		"LANG=fr_FR.UTF-8", "XDG_STATE_HOME=" + filepath.Join(p.dir, "state"), "XDG_CONFIG_HOME=" + filepath.Join(p.dir, "config"),
		"PS1=$ ", "sh"}
	args := append([]string{"new-session", "-d", "-s", name, "-x", "100", "-y", "30"}, env...)
	if out, err := p.tmux(args...); err != nil {
		t.Fatalf("tmux new-session: %v: %s", err, out)
	}
	t.Cleanup(func() { _, _ = p.tmux("kill-server") })
	return p
}

func (p *termPane) tmux(args ...string) (string, error) {
	out, err := exec.Command("tmux", append([]string{"-L", p.socket}, args...)...).CombinedOutput()
	return string(out), err
}

// keys sends tmux key names (Enter, Space, Down…) or literal text (-l).
func (p *termPane) keys(keys ...string) {
	p.t.Helper()
	if out, err := p.tmux(append([]string{"send-keys", "-t", p.name}, keys...)...); err != nil {
		p.t.Fatalf("send-keys %v: %v: %s", keys, err, out)
	}
}

func (p *termPane) literal(s string) {
	p.t.Helper()
	if out, err := p.tmux("send-keys", "-t", p.name, "-l", s); err != nil {
		p.t.Fatalf("send-keys -l %q: %v: %s", s, err, out)
	}
}

func (p *termPane) capture() string {
	out, _ := p.tmux("capture-pane", "-p", "-t", p.name)
	return out
}

// history is the whole pane, its scrollback included.
func (p *termPane) history() string {
	out, _ := p.tmux("capture-pane", "-p", "-S", "-", "-t", p.name)
	return out
}

// waitFor waits until the pane shows text.
func (p *termPane) waitFor(text string) {
	p.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if strings.Contains(p.capture(), text) {
			return
		}
		time.Sleep(30 * time.Millisecond)
	}
	p.t.Fatalf("waiting for %q; the pane shows:\n%s", text, p.capture())
}

func (p *termPane) display(format string) string {
	out, _ := p.tmux("display", "-p", "-t", p.name, format)
	return strings.TrimSpace(out)
}

// wizardSteps drive the wizard from the welcome screen to each screen, with
// the text that shows it is there.
var wizardSteps = map[string][]struct{ keys, literal, want string }{
	"welcome":  {},
	"tool":     {{keys: "Enter", want: "Quel outil"}},
	"question": {{keys: "Enter", want: "Quel outil"}, {literal: "discord", want: "Discord"}, {keys: "Enter", want: "Pour quel usage"}},
	"result": {{keys: "Enter", want: "Quel outil"}, {literal: "discord", want: "Discord"}, {keys: "Enter", want: "Pour quel usage"},
		{keys: "Enter", want: "Avec qui"}, {keys: "Enter", want: "Des mineurs"}, {keys: "Enter", want: "Quelles données"},
		{literal: " ", want: "[x]"}, {keys: "Enter", want: "Étape 6 sur"},
		{keys: "Enter", want: "Étape 7 sur"}, {keys: "Enter", want: "Étape 8 sur"}, {keys: "Enter", want: "Étape 9 sur"},
		{keys: "Enter", want: "Étape 10 sur"}, {keys: "Enter", want: "Étape 11 sur"}, {keys: "Enter", want: "Relecture"},
		{keys: "Enter", want: "À PROSCRIRE"}},
}

func TestTerminalRestored(t *testing.T) {
	requireTmux(t)
	bin := conduiteBin(t)
	screens := []string{"welcome", "tool", "question", "result"}
	for _, how := range []string{"SIGTERM", "SIGHUP", "SIGQUIT", "panic"} {
		for _, screen := range screens {
			t.Run(how+"/"+screen, func(t *testing.T) {
				p := newTermPane(t, fmt.Sprintf("c%d", time.Now().UnixNano()))
				pidFile := filepath.Join(p.dir, "pid")
				env := ""
				if how == "panic" {
					env = "CONDUITE_DEBUG_PANIC=" + screen + " "
				}
				// The shell writes conduite's pid (exec keeps it), then
				// prints its exit status when it is over.
				p.literal(fmt.Sprintf("%ssh -c 'echo $$ > %s; exec %s'; echo \"EXIT\"=$?", env, pidFile, bin))
				p.keys("Enter")
				if how != "panic" || screen != "welcome" {
					p.waitFor("Commencer")
				}
				for _, s := range wizardSteps[screen] {
					if s.literal != "" {
						p.literal(s.literal)
					} else {
						p.keys(s.keys)
					}
					if how == "panic" && s.want == wizardSteps[screen][len(wizardSteps[screen])-1].want {
						break // the screen panics as it opens
					}
					p.waitFor(s.want)
				}
				if alt := p.display("#{alternate_on}"); alt != "1" && how != "panic" {
					t.Fatalf("the wizard is not on the alternate screen (alternate_on=%s):\n%s", alt, p.capture())
				}
				switch how {
				case "SIGTERM", "SIGHUP", "SIGQUIT":
					pid := readPid(t, pidFile)
					sig := map[string]syscall.Signal{"SIGTERM": syscall.SIGTERM, "SIGHUP": syscall.SIGHUP, "SIGQUIT": syscall.SIGQUIT}[how]
					if err := syscall.Kill(pid, sig); err != nil {
						t.Fatal(err)
					}
				}
				p.waitFor("EXIT=")
				checkRestored(t, p)
				wantExit := map[string]string{"SIGTERM": "EXIT=143", "SIGHUP": "EXIT=129", "SIGQUIT": "EXIT=131", "panic": "EXIT=1"}[how]
				if out := p.history(); !strings.Contains(out, wantExit) {
					t.Errorf("want %s:\n%s", wantExit, out)
				}
				if how != "panic" && screen == "question" {
					// The answers given so far are saved for « reprendre ».
					b, err := os.ReadFile(filepath.Join(p.dir, "state", "conduite", "resume.yaml"))
					if err != nil || !strings.Contains(string(b), "outil: \"discord\"") {
						t.Errorf("after %s the answers were not saved: %v\n%s", how, err, b)
					}
				}
				if out := p.history(); how == "panic" && !strings.Contains(out, "CONDUITE_DEBUG_PANIC: "+screen) {
					t.Errorf("a panic should say what it was:\n%s", out)
				}
				if out := p.history(); how == "SIGQUIT" && !strings.Contains(out, "goroutine ") {
					// SIGQUIT keeps Go's convention: the goroutines' stacks
					// (taken when the signal came), on the restored screen.
					t.Errorf("SIGQUIT should leave the goroutine dump on the normal screen:\n%s", out)
				}
			})
		}
	}
}

// TestTerminalSuspend: ctrl+z, or a SIGTSTP from elsewhere, on a question
// screen gives the shell back as checkRestored wants it (normal screen,
// visible cursor, cooked mode); fg brings the wizard back on the alternate
// screen, repainted whole, in raw mode, and the next key works.
//
//	go test ./e2e -run TerminalSuspend -v
func TestTerminalSuspend(t *testing.T) {
	requireTmux(t)
	bin := conduiteBin(t)
	for _, how := range []string{"ctrl+z", "SIGTSTP"} {
		t.Run(how, func(t *testing.T) {
			p := newTermPane(t, fmt.Sprintf("z%d", time.Now().UnixNano()))
			pidFile := filepath.Join(p.dir, "pid")
			p.literal(fmt.Sprintf("sh -c 'echo $$ > %s; exec %s'", pidFile, bin))
			p.keys("Enter")
			p.waitFor("Commencer")
			for _, s := range wizardSteps["question"] {
				if s.literal != "" {
					p.literal(s.literal)
				} else {
					p.keys(s.keys)
				}
				p.waitFor(s.want)
			}
			pid := readPid(t, pidFile)
			if how == "ctrl+z" {
				p.keys("C-z")
			} else if err := syscall.Kill(pid, syscall.SIGTSTP); err != nil {
				t.Fatal(err)
			}
			p.waitFor("Stopped") // the shell's job report
			checkRestored(t, p)

			p.literal("fg; echo \"FG\"=$?")
			p.keys("Enter")
			p.waitDisplay("#{alternate_on}", "1")
			// Repainted whole: the header, the question, its options and the
			// help line, not only what changed.
			for _, want := range []string{"Étape 2 sur", "Pour quel usage", "Messagerie instantanée", "Autre usage", "q quitter"} {
				p.waitFor(want)
			}
			if c := p.display("#{cursor_flag}"); c != "0" {
				t.Errorf("after fg the wizard's cursor is shown (cursor_flag=%s)", c)
			}
			if modes := paneModes(t, p); !strings.Contains(modes, " -icanon ") || !strings.Contains(modes, " -echo ") {
				t.Errorf("after fg the terminal is not in raw mode: stty -a says\n%s", modes)
			}
			p.keys("Enter") // a key still works: the next question
			p.waitFor("Avec qui")
			if err := syscall.Kill(pid, syscall.SIGTERM); err != nil {
				t.Fatal(err)
			}
			p.waitFor("FG=")
			checkRestored(t, p)
			if out := p.history(); !strings.Contains(out, "FG=143") {
				t.Errorf("want FG=143 (SIGTERM after the resume):\n%s", out)
			}
		})
	}
}

// waitDisplay waits until a tmux format says want.
func (p *termPane) waitDisplay(format, want string) {
	p.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if p.display(format) == want {
			return
		}
		time.Sleep(30 * time.Millisecond)
	}
	p.t.Fatalf("waiting for %s = %s (it is %s); the pane shows:\n%s", format, want, p.display(format), p.capture())
}

// paneModes is stty -a of the pane's terminal, read from outside while a
// program runs in it, with a space either side of every word.
func paneModes(t *testing.T, p *termPane) string {
	t.Helper()
	tty, err := os.Open(p.display("#{pane_tty}"))
	if err != nil {
		t.Fatalf("opening the pane's terminal: %v", err)
	}
	defer tty.Close()
	cmd := exec.Command("stty", "-a")
	cmd.Stdin = tty
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("stty -a on the pane's terminal: %v: %s", err, out)
	}
	return " " + strings.Join(strings.Fields(string(out)), " ") + " "
}

func readPid(t *testing.T, path string) int {
	t.Helper()
	for range 100 {
		if b, err := os.ReadFile(path); err == nil {
			if pid, err := strconv.Atoi(strings.TrimSpace(string(b))); err == nil {
				return pid
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("no pid in %s", path)
	return 0
}

// checkRestored asserts the pane is back to a usable terminal.
func checkRestored(t *testing.T, p *termPane) {
	t.Helper()
	flags := p.display("#{alternate_on} #{cursor_flag} #{mouse_any_flag}#{mouse_button_flag}#{mouse_standard_flag}#{mouse_sgr_flag}")
	if flags != "0 1 0000" {
		t.Errorf("after the wizard: alternate_on cursor_flag mouse flags = %q, want \"0 1 0000\"\n%s", flags, p.capture())
	}
	// A marker of its own each time: an earlier check's « STTY…= » may
	// still be on the screen, and reading the file then would race with
	// the shell truncating it for this one.
	mark := fmt.Sprintf("STTY%d", time.Now().UnixNano())
	sttyOut := filepath.Join(p.dir, mark)
	p.literal("stty -a > " + sttyOut + "; echo \"" + mark + "\"=$?")
	p.keys("Enter")
	p.waitFor(mark + "=")
	b, err := os.ReadFile(sttyOut)
	if err != nil {
		t.Fatalf("stty -a did not run in the pane: %v\n%s", err, p.capture())
	}
	modes := " " + strings.Join(strings.Fields(string(b)), " ") + " "
	for _, want := range []string{" echo ", " icanon ", " isig ", " icrnl ", " opost "} {
		if !strings.Contains(modes, want) {
			t.Errorf("terminal mode %q is off after the wizard: stty -a says\n%s", strings.TrimSpace(want), b)
		}
	}
}

// TestDumbTerminalNoEscape: under TERM=dumb, on a real terminal (a pty),
// the wizard is the line mode, after a one-line notice, and no command
// writes a single ESC byte: not the wizard, not evaluate's report.
//
//	go test ./e2e -run DumbTerminal -v
func TestDumbTerminalNoEscape(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	bin := conduiteBin(t)
	home := t.TempDir()
	for _, c := range []struct {
		args  []string
		input string
		want  string
	}{
		{nil, "q\n", "conduite, mode accessible"},
		{[]string{"evaluate", "../examples/discord-classe.yaml"}, "", "À PROSCRIRE"},
	} {
		t.Run(strings.Join(append([]string{"conduite"}, c.args...), " "), func(t *testing.T) {
			cmd := exec.Command(bin, c.args...)
			cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + home, "TERM=dumb", "LANG=fr_FR.UTF-8",
				"XDG_STATE_HOME=" + filepath.Join(home, "state"), "XDG_CONFIG_HOME=" + filepath.Join(home, "config")}
			tty, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: 100, Rows: 30})
			if err != nil {
				t.Skipf("no pseudo-terminal: %v", err)
			}
			defer tty.Close()
			if c.input != "" {
				if _, err := tty.Write([]byte(c.input)); err != nil {
					t.Fatal(err)
				}
			}
			var out bytes.Buffer
			done := make(chan struct{})
			go func() { _, _ = io.Copy(&out, tty); close(done) }() // ends with EIO when conduite exits
			werr := make(chan error, 1)
			go func() { werr <- cmd.Wait() }()
			select {
			case <-werr:
			case <-time.After(20 * time.Second):
				_ = cmd.Process.Kill()
				t.Fatalf("conduite did not end under TERM=dumb; it wrote:\n%q", out.String())
			}
			select {
			case <-done:
			case <-time.After(2 * time.Second):
			}
			got := out.String()
			if !strings.Contains(got, c.want) {
				t.Errorf("want %q in:\n%s", c.want, got)
			}
			if c.args == nil && !strings.Contains(got, "TERM=dumb") {
				t.Errorf("no notice of the line mode:\n%s", got)
			}
			if i := strings.IndexByte(got, 0x1b); i >= 0 {
				t.Errorf("an ESC byte under TERM=dumb at %d: %q", i, got[max(0, i-20):min(len(got), i+20)])
			}
		})
	}
}

// TestTerminalLongPaste: 100 KB pasted into the tool filter without
// bracketed paste (tmux's paste-buffer without -p writes the bytes as
// typed), then ctrl+c: the filter holds its 80 characters and ctrl+c ends
// the wizard at once, not after a minute of key presses (the time itself:
// BenchmarkPaste100KB in package tui).
//
//	go test ./e2e -run TerminalLongPaste -v
func TestTerminalLongPaste(t *testing.T) {
	requireTmux(t)
	bin := conduiteBin(t)
	p := newTermPane(t, fmt.Sprintf("p%d", time.Now().UnixNano()))
	p.literal(bin + "; echo \"EXIT\"=$?")
	p.keys("Enter")
	p.waitFor("Commencer")
	p.keys("Enter")
	p.waitFor("Rechercher")
	paste := filepath.Join(p.dir, "paste.txt")
	if err := os.WriteFile(paste, []byte(strings.Repeat("abcdefghij", 10_000)), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := p.tmux("load-buffer", paste); err != nil {
		t.Fatalf("tmux load-buffer: %v: %s", err, out)
	}
	if out, err := p.tmux("paste-buffer", "-t", p.name); err != nil {
		t.Fatalf("tmux paste-buffer: %v: %s", err, out)
	}
	p.waitFor("Rechercher : " + strings.Repeat("abcdefghij", 8))
	p.keys("C-c")
	p.waitFor("EXIT=")
	checkRestored(t, p)
	if out := p.history(); !strings.Contains(out, "EXIT=130") {
		t.Errorf("want EXIT=130 after ctrl+c:\n%s", out)
	}
}
