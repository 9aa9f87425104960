package questionnaire_test

import (
	"io/fs"
	"testing"

	"github.com/conduite/conduite/assets"
	"github.com/conduite/conduite/internal/contenttest"
	"github.com/conduite/conduite/questionnaire"
)

// content is the embedded content, loaded once for all tests.
func content(t testing.TB) *questionnaire.Content { return contenttest.Content(t) }

// parse reads an answers document written in the test.
func parse(t testing.TB, c *questionnaire.Content, doc string) questionnaire.Answers {
	t.Helper()
	a, err := c.ParseAnswers("test.yaml", []byte(doc))
	if err != nil {
		t.Fatalf("parsing answers: %v\n%s", err, doc)
	}
	return a
}

func assetsFS() fs.FS { return assets.FS }
