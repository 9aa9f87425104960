package tui

import (
	"fmt"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/conduite/conduite/export"
	"github.com/conduite/conduite/questionnaire"
	"github.com/conduite/conduite/report"
)

// Screens met at 80 columns by a new user (issue 12), each at 80×24 in
// both languages: the export folder said whole (or cut in its middle), no
// to « replace? » back on the report, the free name empty after « autre »
// typed in the filter, the position in a long report after a page down.
// The catalog's mark once and the result's summary uncut are in
// TestGoldenScreens (question-catalog, result). Refresh with
// `go test ./tui -run TestScreenFixesGoldens -update`, then read them.
func TestScreenFixesGoldens(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping the golden screens in -short mode")
	}
	fr, en := questionnaire.FR, questionnaire.EN
	result := append(append([]string{}, discordKeys...), "enter")
	// Each phase's keys are sent once the previous phase's marker shows.
	type phase struct {
		keys   map[questionnaire.Lang][]string
		marker map[questionnaire.Lang]string
	}
	both := func(keys ...string) map[questionnaire.Lang][]string {
		return map[questionnaire.Lang][]string{fr: keys, en: keys}
	}
	onResult := phase{both(result...), map[questionnaire.Lang]string{fr: "• ✖", en: "• ✖"}}
	cases := []struct {
		name   string
		phases []phase
		opts   func(*Options)
	}{
		{"export-folder", []phase{onResult, {both("e"), map[questionnaire.Lang]string{fr: "rapports-des-ateliers", en: "rapports-des-ateliers"}}},
			func(o *Options) { o.Dir = "/srv/partage/etablissement/formations/2026/rgpd/rapports-des-ateliers" }},
		{"export-kept", []phase{onResult, {both("e", "enter"), map[questionnaire.Lang]string{fr: "Le remplacer ?", en: "Replace it?"}},
			{both("n"), map[questionnaire.Lang]string{fr: "gardé tel quel", en: "kept as it is"}}},
			func(o *Options) { o.Dir, o.Export = "/srv/rapports", existsExport }},
		{"tool-other-name", []phase{{map[questionnaire.Lang][]string{fr: {"enter", "a", "u", "t", "r", "e", "enter"}, en: {"enter", "o", "t", "h", "e", "r", "enter"}},
			map[questionnaire.Lang]string{fr: "Facultatif", en: "Optional"}}}, nil},
		{"result-scrolled", []phase{onResult, {both("pgdown"), nil}}, nil}, // the marker: the screen changed
	}
	for _, sc := range cases {
		for _, lang := range []questionnaire.Lang{fr, en} {
			t.Run(fmt.Sprintf("%s-80x24-%s", sc.name, lang), func(t *testing.T) {
				t.Parallel()
				o := testOptions(t)
				o.Lang, o.Theme = lang, ThemeDark
				if sc.opts != nil {
					sc.opts(&o)
				}
				var keys [][]string
				var markers []string
				for _, p := range sc.phases {
					keys, markers = append(keys, p.keys[lang]), append(markers, p.marker[lang])
				}
				golden.RequireEqual(t, runPhases(t, o, 80, 24, keys, markers))
			})
		}
	}
}

// runPhases runs the wizard under teatest without colour and returns the
// emulated screen's text (runStyledPhases).
func runPhases(t *testing.T, o Options, w, h int, keys [][]string, markers []string) string {
	t.Helper()
	text, _ := runStyledPhases(t, o, colorprofile.Ascii, w, h, keys, markers)
	return text
}

// runStyledPhases runs the wizard under teatest at w×h under a colour
// profile, sending each group of keys once the marker of the group before
// it shows (an empty marker: once the screen has changed), and returns the
// emulated screen's text and its styled dump (see TestResultThemes): the
// one runner of every golden screen of the package.
func runStyledPhases(t *testing.T, o Options, p colorprofile.Profile, w, h int, keys [][]string, markers []string) (text, styled string) {
	t.Helper()
	tm := teatest.NewTestModel(t, New(o), teatest.WithInitialTermSize(w, h),
		teatest.WithProgramOptions(tea.WithColorProfile(p)))
	term := newTermScreen(w, h, tm.Output())
	defer term.close()
	for i, group := range keys {
		before := ""
		if markers[i] == "" {
			before = term.settle()
		}
		for _, k := range group {
			tm.Send(keyMsg(k))
		}
		if markers[i] == "" {
			term.waitChange(t, before)
			continue
		}
		term.waitFor(t, markers[i])
	}
	text = term.settle()
	term.mu.Lock()
	styled = styledDump(term.emu)
	term.mu.Unlock()
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	return text, styled
}

// waitChange waits until the screen is no longer before.
func (s *termScreen) waitChange(t *testing.T, before string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if s.text() != before {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("the screen never changed from:\n%s", before)
}

// existsExport says that every file exists (and writes nothing).
func existsExport(path string, doc *report.Doc, overwrite bool) error {
	if !overwrite {
		return fmt.Errorf("%s: %w", path, export.ErrExists)
	}
	return nil
}
