package cli

import (
	"slices"
	"strings"
	"testing"

	"github.com/conduite/conduite/report"
)

// completions runs cobra's hidden completion command and returns the
// values proposed (without their descriptions).
func completions(t *testing.T, args ...string) []string {
	t.Helper()
	code, out, errs := runCLI(t, false, 0, append([]string{"__complete"}, args...)...)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var vals []string
	for line := range strings.SplitSeq(strings.TrimSpace(out), "\n") {
		if strings.HasPrefix(line, ":") {
			break // the directive
		}
		v, _, _ := strings.Cut(line, "\t")
		vals = append(vals, v)
	}
	return vals
}

// The table of formats drives the completion of every format flag, and
// the content the référentiels' (the help too: it names every id).
func TestCompletionFromTables(t *testing.T) {
	c := loadTestContent(t)
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"evaluate", "--format", ""}, report.AllFormats.Names()},
		{[]string{"evaluate", "--report-format", ""}, report.FileFormats.Names()},
		{[]string{"cases", "--format", ""}, report.PageFormats.Names()},
		{[]string{"tools", "--format", ""}, report.PageFormats.Names()},
		{[]string{"questions", "--format", ""}, []string{"markdown", "json"}},
		{[]string{"--referentiel", ""}, c.Referentiels.IDs()},
		{[]string{"evaluate", "--referentiel", "s"}, []string{"suisse-romande"}},
		{[]string{"evaluate", "--fail-on", ""}, []string{"recommande", "sous_conditions", "deconseille", "proscrit"}},
	} {
		if got := completions(t, tc.args...); !slices.Equal(got, tc.want) {
			t.Errorf("%v: completes %v; want %v", tc.args, got, tc.want)
		}
	}
	_, help, _ := runCLI(t, false, 0, "evaluate", "--help")
	for _, id := range c.Referentiels.IDs() {
		if !strings.Contains(help, id) {
			t.Errorf("the help of --referentiel does not name %s", id)
		}
	}
	for _, f := range report.FileFormats.Exts() {
		if !strings.Contains(help, f) {
			t.Errorf("the help of --output does not name %s", f)
		}
	}
}
