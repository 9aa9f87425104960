package e2e

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// Tmux is a shell running in a detached tmux session of a fixed size, on a
// tmux server of its own (so tests never touch a user's sessions).
type Tmux struct {
	t      *testing.T
	socket string
	target string
}

var tmuxCount atomic.Int64

// Prompt is the shell prompt of a Tmux session: waiting for it after a
// command means the command has ended.
const Prompt = "e2e$ "

// NewTmux starts sh in a new tmux session of cols×rows with env added to
// a small clean environment (HOME, PATH, LANG=C.UTF-8, TERM from tmux). It
// skips the test where tmux is missing. The server is killed at cleanup.
func NewTmux(t *testing.T, cols, rows int, env ...string) *Tmux {
	t.Helper()
	if testing.Short() {
		t.Skip("skipping in -short mode: the tmux runs take seconds")
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("skipping: tmux is not installed (apt-get install tmux); the end-to-end terminal tests need it")
	}
	x := &Tmux{t: t, socket: fmt.Sprintf("conduite-e2e-%d-%d", os.Getpid(), tmuxCount.Add(1)), target: "e2e"}
	home := t.TempDir()
	shell := append([]string{"env", "-i", "HOME=" + home, "PATH=" + os.Getenv("PATH"), "LANG=C.UTF-8", "PS1=" + Prompt}, env...)
	shell = append(shell, "sh")
	args := append([]string{"-u", "-L", x.socket, "-f", "/dev/null", "new-session", "-d", "-s", x.target,
		"-x", fmt.Sprint(cols), "-y", fmt.Sprint(rows)}, shell...)
	if out, err := exec.Command("tmux", args...).CombinedOutput(); err != nil {
		t.Fatalf("tmux new-session: %v\n%s", err, out)
	}
	t.Cleanup(func() { _ = exec.Command("tmux", "-L", x.socket, "kill-server").Run() })
	x.WaitFor(strings.TrimSpace(Prompt)) // capture-pane drops trailing spaces
	return x
}

func (x *Tmux) tmux(args ...string) string {
	x.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-L", x.socket}, args...)...).CombinedOutput()
	if err != nil {
		x.t.Fatalf("tmux %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// Keys sends tmux key names: "Enter", "Escape", "Up", "C-c", "q"…
func (x *Tmux) Keys(keys ...string) {
	x.t.Helper()
	x.tmux(append([]string{"send-keys", "-t", x.target}, keys...)...)
}

// Type sends text literally.
func (x *Tmux) Type(text string) {
	x.t.Helper()
	x.tmux("send-keys", "-t", x.target, "-l", text)
}

// Run types a shell command line and presses Enter.
func (x *Tmux) Run(cmdline string) {
	x.t.Helper()
	x.Type(cmdline)
	x.Keys("Enter")
}

// Screen returns the visible pane, one line per row.
func (x *Tmux) Screen() string {
	x.t.Helper()
	return x.tmux("capture-pane", "-p", "-t", x.target)
}

// Format reads a tmux format variable of the pane, such as alternate_on.
func (x *Tmux) Format(name string) string {
	x.t.Helper()
	return strings.TrimSpace(x.tmux("display-message", "-p", "-t", x.target, "#{"+name+"}"))
}

// WaitFor waits (10 s at most) until the pane shows text, and returns the
// screen.
func (x *Tmux) WaitFor(text string) string {
	x.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	var s string
	for time.Now().Before(deadline) {
		if s = x.Screen(); strings.Contains(s, text) {
			return s
		}
		time.Sleep(20 * time.Millisecond)
	}
	x.t.Fatalf("the screen never showed %q:\n%s", text, s)
	return ""
}

// WaitForCount waits until text shows at least n times.
func (x *Tmux) WaitForCount(text string, n int) string {
	x.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	var s string
	for time.Now().Before(deadline) {
		if s = x.Screen(); strings.Count(s, text) >= n {
			return s
		}
		time.Sleep(20 * time.Millisecond)
	}
	x.t.Fatalf("the screen never showed %q %d times:\n%s", text, n, s)
	return ""
}

// WaitForSuffix waits until the pane's last non-blank text ends with text
// (a prompt back after a command), and returns the screen.
func (x *Tmux) WaitForSuffix(text string) string {
	x.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	var s string
	for time.Now().Before(deadline) {
		if s = x.Screen(); strings.HasSuffix(strings.TrimRight(s, "\n "), text) {
			return s
		}
		time.Sleep(20 * time.Millisecond)
	}
	x.t.Fatalf("the screen never ended with %q:\n%s", text, s)
	return ""
}

// lastLines returns the last non-empty lines of a screen.
func lastLines(s string, n int) string {
	lines := bytes.Split(bytes.TrimRight([]byte(s), "\n "), []byte("\n"))
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return string(bytes.Join(lines, []byte("\n")))
}
