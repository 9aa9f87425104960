package tui

import (
	"fmt"
	"slices"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/conduite/conduite/questionnaire"
)

// The golden files of presentation mode (testdata/TestPresentationGoldens):
// the Discord case run with --presentation at 80×24 and at 160×45, in
// French and in English: the case's screen, a question, the result before
// the reveal (the vote) and after it. Refresh them with
// `go test ./tui -run TestPresentationGoldens -update`, then read them.
func TestPresentationGoldens(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping the golden screens in -short mode")
	}
	fr, en := questionnaire.FR, questionnaire.EN
	// From the case's screen: its questions, then the eleven questions of
	// the case (kept, the school level among them), then the review's
	// « voir la recommandation ».
	toVote := append([]string{"enter", "enter"}, slices.Repeat([]string{"enter"}, 12)...)
	screens := []struct {
		name   string
		keys   []string
		marker map[questionnaire.Lang]string
	}{
		{"case", nil, map[questionnaire.Lang]string{fr: "Pendant une fermeture", en: "While the collège"}},
		{"question", []string{"enter", "enter"}, map[questionnaire.Lang]string{fr: "Pour quel usage", en: "What is it for"}},
		{"vote", toVote, map[questionnaire.Lang]string{fr: "Votez, puis", en: "Vote, then"}},
		{"revealed", append(slices.Clone(toVote), "space"), map[questionnaire.Lang]string{fr: "• ✖", en: "• ✖"}},
	}
	for _, sc := range screens {
		for _, size := range [][2]int{{80, 24}, {160, 45}} {
			for _, lang := range []questionnaire.Lang{fr, en} {
				t.Run(fmt.Sprintf("%s-%dx%d-%s", sc.name, size[0], size[1], lang), func(t *testing.T) {
					t.Parallel()
					o := caseOptions(t, "discord-classe", true)
					o.Lang, o.Theme = lang, ThemeDark
					golden.RequireEqual(t, runScreenWith(t, o, size[0], size[1], sc.keys, sc.marker[lang]))
				})
			}
		}
	}
}

// runScreenWith is runScreen with the wizard's options given: the keys,
// then the screen once marker shows.
func runScreenWith(t *testing.T, o Options, w, h int, keys []string, marker string) string {
	t.Helper()
	return runPhases(t, o, w, h, [][]string{keys}, []string{marker})
}
