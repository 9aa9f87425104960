package report_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/conduite/conduite/internal/contenttest"
	"github.com/conduite/conduite/questionnaire"
	"github.com/conduite/conduite/report"
)

// loadContent is the embedded content, loaded once for all tests.
func loadContent(t testing.TB) *questionnaire.Content { return contenttest.Content(t) }

// fixedOptions make a report reproducible.
func fixedOptions(lang questionnaire.Lang) report.Options {
	return report.Options{Lang: lang, Version: "v0.0.0-test", Now: time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)}
}

// example is one answers file of examples/.
type example struct {
	name    string
	answers questionnaire.Answers
}

// examples parses every answers file of examples/.
func examples(t testing.TB, c *questionnaire.Content) []example {
	t.Helper()
	paths, err := filepath.Glob("../examples/*")
	paths = slices.DeleteFunc(paths, questionnaire.IsProfileFile) // the example profile is no answers file
	if err != nil || len(paths) == 0 {
		t.Fatalf("no examples: %v", err)
	}
	var out []example
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		a, err := c.ParseAnswers(p, data)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, example{name: filepath.Base(p), answers: a})
	}
	return out
}
