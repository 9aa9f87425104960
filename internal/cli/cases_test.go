package cli

import (
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/conduite/conduite/questionnaire"
)

// `conduite cases` on a terminal of 80 columns: every case id and
// « --presentation » stand whole on one line, so that a trainer can type
// them; nothing is wider than the terminal.
func TestCasesListGolden(t *testing.T) {
	c := loadTestContent(t)
	for _, tc := range []struct {
		golden string
		width  int
		args   []string
	}{
		{"cases-80.golden", 80, []string{"cases"}},
		{"cases-80-verdicts-en.golden", 80, []string{"--lang", "en", "cases", "--verdicts"}},
		{"cases-120.golden", 120, []string{"cases", "--verdicts"}},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			code, out, errs := runCLI(t, true, tc.width, tc.args...)
			if code != ExitOK || errs != "" {
				t.Fatalf("exit %d, stderr %q", code, errs)
			}
			checkGolden(t, tc.golden, out)
			plain := ansi.Strip(out)
			for line := range strings.SplitSeq(plain, "\n") {
				if w := ansi.StringWidth(line); w > tc.width {
					t.Errorf("a line is %d columns wide on a %d-column terminal: %q", w, tc.width, line)
				}
			}
			for _, k := range c.Cases.List {
				if !regexp.MustCompile(`(^|\s)` + regexp.QuoteMeta(k.ID) + `(\s|$)`).MatchString(plain) {
					t.Errorf("the id %s is not whole on one line", k.ID)
				}
			}
			if !strings.Contains(plain, "--presentation") {
				t.Error("--presentation is split across lines")
			}
		})
	}
}

func loadTestContent(t *testing.T) *questionnaire.Content {
	t.Helper()
	a := &app{io: &IOStreams{Getenv: func(string) string { return "" }}}
	c, err := a.Content()
	if err != nil {
		t.Fatal(err)
	}
	return c
}
