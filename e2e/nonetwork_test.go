//go:build linux

package e2e

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/conduite/conduite/bench/termbench"
	"github.com/conduite/conduite/questionnaire"
)

// « Rien ne quitte cet ordinateur »: conduite opens no network connection,
// ever. These tests run the built binary under strace, tracing every network
// system call of every thread and child (strace -f -e trace=network), through
// whole runs: evaluate on every example in every format, to a file and as a
// batch, the catalog, the questions, the accessible wizard through a pipe,
// and the interactive wizard in a pseudo-terminal from the welcome screen to
// the verdict. Any socket other than a local (AF_UNIX) one fails the test,
// which lists every network call it saw.
//
// `conduite salle` is the one exception: it listens (SSH and HTTP) while
// the room is open, and only then. Before it opens (its help, a bad flag,
// no terminal) it opens no socket either, which TestNoNetworkEvaluate
// checks; and it never connects out, which the room's end-to-end run
// checks on its trace (salle_test.go, assertNoConnectOut).
//
//	go test ./e2e -run NoNetwork -v

// requireStrace skips unless strace runs and may trace here (a container
// may forbid ptrace).
func requireStrace(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: the no-network runs take seconds; they run in the full go test")
	}
	path, err := exec.LookPath("strace")
	if err != nil {
		t.Skip("strace is not installed (apt-get install strace): the no-network test cannot run")
	}
	if out, err := exec.Command(path, "-f", "-o", os.DevNull, "true").CombinedOutput(); err != nil {
		t.Skipf("strace cannot trace here (ptrace not permitted?): %v: %s", err, strings.TrimSpace(string(out)))
	}
	return path
}

// traced wraps a conduite command line in strace, writing the trace of
// network calls to a new file in dir.
func traced(strace, dir, name string, args ...string) (*exec.Cmd, string) {
	trace := filepath.Join(dir, name+".strace")
	argv := append([]string{"-f", "-qq", "-e", "trace=network", "-o", trace, "--"}, args...)
	return exec.Command(strace, argv...), trace
}

// netCall is a system call line of strace's output: pid, call, arguments.
var netCall = regexp.MustCompile(`^(?:\d+\s+)?([a-z0-9_]+)\((.*)$`)

// afFamily finds the address families a line names.
var afFamily = regexp.MustCompile(`\bAF_[A-Z0-9]+`)

// netLine is a network call of a trace: the line and netCall's match.
type netLine struct {
	line  string
	match []string
}

// traceNetCalls reads a strace trace and returns its network calls (the
// lines netCall matches; "+++ exited with 0 +++" and signals are not).
func traceNetCalls(t *testing.T, trace string) []netLine {
	t.Helper()
	f, err := os.Open(trace)
	if err != nil {
		t.Fatalf("no trace: %v", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	var out []netLine
	for sc.Scan() {
		if m := netCall.FindStringSubmatch(sc.Text()); m != nil {
			out = append(out, netLine{sc.Text(), m})
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// checkTrace reads a trace and returns every network call it holds, and
// those that are not local plumbing: a socket of another family than
// AF_UNIX, or an address of another family.
func checkTrace(t *testing.T, trace string) (calls, bad []string) {
	t.Helper()
	for _, c := range traceNetCalls(t, trace) {
		line, m := c.line, c.match
		calls = append(calls, line)
		local := true
		for _, fam := range afFamily.FindAllString(line, -1) {
			if fam != "AF_UNIX" && fam != "AF_LOCAL" {
				local = false
			}
		}
		if (m[1] == "socket" || m[1] == "socketpair") && !strings.HasPrefix(m[2], "AF_UNIX") && !strings.HasPrefix(m[2], "AF_LOCAL") {
			local = false
		}
		if !local {
			bad = append(bad, line)
		}
	}
	return calls, bad
}

// assertNoNetwork fails the test when the trace holds a non-local socket,
// and logs what network calls it saw.
func assertNoNetwork(t *testing.T, trace, what string) {
	t.Helper()
	calls, bad := checkTrace(t, trace)
	if len(bad) > 0 {
		t.Errorf("%s: %d network calls that are not local plumbing:\n  %s\n(all %d network calls:\n  %s)",
			what, len(bad), strings.Join(bad, "\n  "), len(calls), strings.Join(calls, "\n  "))
		return
	}
	if len(calls) == 0 {
		t.Logf("%s: no network system call at all", what)
	} else {
		t.Logf("%s: %d network calls, all AF_UNIX:\n  %s", what, len(calls), strings.Join(calls, "\n  "))
	}
}

// childEnv is a clean environment: its own home, state and configuration
// folders (the resume file and any catalog are the test's), French.
func childEnv(dir string) []string {
	return []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + dir,
		"XDG_STATE_HOME=" + filepath.Join(dir, "state"),
		"XDG_CONFIG_HOME=" + filepath.Join(dir, "config"),
		"LANG=fr_FR.UTF-8",
	}
}

func TestNoNetworkEvaluate(t *testing.T) {
	strace := requireStrace(t)
	bin := conduiteBin(t)
	dir := t.TempDir()
	examples, err := filepath.Glob("../examples/*")
	examples = slices.DeleteFunc(examples, questionnaire.IsProfileFile) // the example profile is no answers file
	if err != nil || len(examples) == 0 {
		t.Fatalf("no examples: %v", err)
	}
	type run struct {
		name string
		args []string
		code int
	}
	var runs []run
	for _, ex := range examples {
		base := strings.TrimSuffix(filepath.Base(ex), filepath.Ext(ex))
		for _, format := range []string{"terminal", "markdown", "json", "html"} {
			runs = append(runs, run{base + "-" + format, []string{"evaluate", "--format", format, ex}, 0})
		}
		runs = append(runs, run{base + "-en", []string{"--lang", "en", "evaluate", ex}, 0})
		runs = append(runs, run{base + "-output", []string{"evaluate", "--output", filepath.Join(dir, base+".html"), ex}, 0})
	}
	runs = append(runs,
		run{"batch", append([]string{"evaluate", "--format", "csv", "--output-dir", filepath.Join(dir, "reports")}, examples...), 0},
		run{"folder", []string{"evaluate", "--format", "json", "../examples"}, 0},
		run{"bad-input", []string{"evaluate", "nonexistent.yaml"}, 2},
		run{"questions", []string{"questions", "--format", "json"}, 0},
		run{"tools", []string{"tools"}, 0},
		run{"tool", []string{"tools", "zoom"}, 0},
		run{"version", []string{"--version"}, 0},
		// The room before it opens: nothing listens yet.
		run{"salle-help", []string{"salle", "--help"}, 0},
		run{"salle-bad-flag", []string{"salle", "--ssh-port", "70000"}, 2},
		run{"salle-no-terminal", []string{"salle", "discord-classe", "--listen", "127.0.0.1"}, 2},
	)
	for _, r := range runs {
		cmd, trace := traced(strace, dir, r.name, append([]string{bin}, r.args...)...)
		cmd.Env = childEnv(dir)
		out, err := cmd.CombinedOutput()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatalf("%s: %v", r.name, err)
		}
		if code != r.code {
			t.Errorf("%s: exit %d, want %d\n%s", r.name, code, r.code, out)
		}
		calls, bad := checkTrace(t, trace)
		if len(bad) > 0 {
			assertNoNetwork(t, trace, r.name)
		} else if len(calls) > 0 {
			t.Logf("%s: %d local network calls", r.name, len(calls))
		}
	}
	t.Logf("%d runs of conduite traced, no network", len(runs))
}

// TestNoNetworkAccessible drives the accessible wizard through a pipe from
// the first question to the report.
func TestNoNetworkAccessible(t *testing.T) {
	strace := requireStrace(t)
	bin := conduiteBin(t)
	dir := t.TempDir()
	cmd, trace := traced(strace, dir, "accessible", bin, "--accessible")
	cmd.Env = childEnv(dir)
	// A tool's name, its first match, the first choice of every question,
	// then Enter on the review.
	cmd.Stdin = strings.NewReader("discord\n" + strings.Repeat("1\n", 10) + "\n")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("accessible run: %v\n%s", err, out)
	}
	text := strings.ReplaceAll(string(out), "\u00a0", " ") // French typography: a no-break space before « : »
	if !strings.Contains(text, "Verdict : ") || !strings.Contains(text, "# Conduite à tenir : Discord") {
		t.Fatalf("the accessible run did not reach the report:\n%s", out)
	}
	assertNoNetwork(t, trace, "accessible wizard")
}

// TestNoNetworkWizard drives the interactive wizard in a pseudo-terminal
// (the bench harness: a pty and a terminal emulator that answers the
// terminal's queries) from the welcome screen to the verdict of the Discord
// case, then quits.
func TestNoNetworkWizard(t *testing.T) {
	strace := requireStrace(t)
	bin := conduiteBin(t)
	dir := t.TempDir()
	cmd, trace := traced(strace, dir, "wizard", bin)
	cmd.Env = childEnv(dir)
	s, _, err := termbench.Open(cmd, termbench.Size{Cols: 100, Rows: 30}, termbench.Contains("Commencer"))
	if s == nil {
		t.Skipf("no pseudo-terminal here: %v", err)
	}
	defer s.Close()
	s.Timeout = 15 * time.Second
	if err != nil {
		t.Fatalf("welcome screen: %v", err)
	}
	step := func(keys, want string) {
		t.Helper()
		if err := s.Send([]byte(keys)); err != nil {
			t.Fatal(err)
		}
		if _, err := s.WaitFor(termbench.Contains(want)); err != nil {
			t.Fatalf("after %q, waiting for %q: %v", keys, want, err)
		}
	}
	step("\r", "Quel outil")
	step("discord", "Discord")
	step("\r", "Pour quel usage")
	step("\r", "Avec qui")
	step("\r", "Des mineurs") // « Je ne sais pas » who takes part: minors may
	step("\r", "Quelles données")
	step(" \r", "Étape 6 sur")
	for i := 7; i <= 11; i++ {
		step("\r", fmt.Sprintf("Étape %d sur", i))
	}
	step("\r", "Relecture")
	step("\r", "À PROSCRIRE")
	if err := s.Send([]byte("q")); err != nil {
		t.Fatal(err)
	}
	if !s.Exited(10 * time.Second) {
		t.Fatalf("the wizard did not quit on q:\n%s", s.Screen())
	}
	assertNoNetwork(t, trace, "interactive wizard")
}
