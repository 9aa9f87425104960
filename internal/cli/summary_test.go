package cli

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/")

// runCLI runs Main with fake streams; tty makes both ends terminals of the
// given width, without colour.
func runCLI(t *testing.T, tty bool, width int, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := map[string]string{"LANG": "fr_FR.UTF-8", "NO_COLOR": "1"}
	streams := &IOStreams{In: strings.NewReader(""), Out: &out, Err: &errb, InTTY: tty, OutTTY: tty,
		Width: func() int { return width }, Getenv: func(k string) string { return env[k] }}
	code := Main(context.Background(), streams, args)
	return code, out.String(), errb.String()
}

func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test ./internal/cli -run Summary -update creates it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs; go test ./internal/cli -run Summary -update, then read the diff. Got:\n%s", path, got)
	}
}

// The triage of the examples and two more files, one bad, in every summary
// format: the table lists every file, the bad one with its error, and the
// exit status says one failed.
func TestSummaryGolden(t *testing.T) {
	mixed := []string{"../../examples", "testdata/batch/maison.yaml", "testdata/batch/typo.yaml"}
	const mixedErr = "conduite: 1 fichier sur 13 n'a pas pu être évalué\n"
	for _, c := range []struct {
		golden string
		tty    bool
		width  int
		args   []string
		code   int
		stderr string // the end of stderr
	}{
		{"summary.csv.golden", false, 0, append([]string{"--format", "csv"}, mixed...), ExitBadInput, mixedErr},
		{"summary.md.golden", false, 0, append([]string{"--format", "markdown"}, mixed...), ExitBadInput, mixedErr},
		{"summary.json.golden", false, 0, append([]string{"--format", "json"}, mixed...), ExitBadInput, mixedErr},
		{"summary-terminal-140.golden", true, 140, mixed, ExitBadInput, mixedErr},
		{"summary-terminal-120.golden", true, 120, mixed, ExitBadInput, mixedErr},
		// wide enough for the six columns: the table, cells wrapped
		{"summary-terminal-180.golden", true, 180, mixed, ExitBadInput, mixedErr},
		{"summary-terminal-80.golden", true, 80, mixed, ExitBadInput, mixedErr},
		// one folder: the names alone
		{"summary-terminal-80-one-folder.golden", true, 80, []string{"../../examples"}, ExitOK, ""},
	} {
		t.Run(c.golden, func(t *testing.T) {
			code, out, errs := runCLI(t, c.tty, c.width, append([]string{"evaluate"}, c.args...)...)
			if code != c.code {
				t.Errorf("exit %d; want %d", code, c.code)
			}
			if !strings.HasSuffix(errs, c.stderr) || (c.stderr != "" && !strings.Contains(errs, "testdata/batch/typo.yaml:2:1: question inconnue \"audiance\"")) {
				t.Errorf("stderr:\n%s", errs)
			}
			checkGolden(t, c.golden, out)
			if c.tty {
				for line := range strings.SplitSeq(strings.TrimSuffix(out, "\n"), "\n") {
					if w := ansi.StringWidth(line); w > c.width {
						t.Errorf("a line is %d columns wide on a %d-column terminal: %q", w, c.width, line)
					}
				}
			}
		})
	}
}
