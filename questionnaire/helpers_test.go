package questionnaire_test

import (
	"io/fs"
	"sync"
	"testing"

	"github.com/conduite/conduite/assets"
	"github.com/conduite/conduite/questionnaire"
)

var (
	loadOnce sync.Once
	loaded   *questionnaire.Content
	loadErr  error
)

// content loads the real embedded assets once for all tests.
func content(t testing.TB) *questionnaire.Content {
	t.Helper()
	loadOnce.Do(func() { loaded, loadErr = questionnaire.Load(assets.FS) })
	if loadErr != nil {
		t.Fatalf("loading the embedded assets: %v", loadErr)
	}
	return loaded
}

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
