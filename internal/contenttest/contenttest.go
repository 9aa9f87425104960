// Package contenttest gives tests the real embedded content, loaded once per
// test binary: every package's tests judge the same questions, rules and
// catalog that users get.
package contenttest

import (
	"sync"
	"testing"

	"github.com/conduite/conduite/assets"
	"github.com/conduite/conduite/questionnaire"
)

var (
	once    sync.Once
	content *questionnaire.Content
	err     error
)

// Content returns the embedded content, failing the test if it does not load.
func Content(t testing.TB) *questionnaire.Content {
	t.Helper()
	once.Do(func() { content, err = questionnaire.Load(assets.FS) })
	if err != nil {
		t.Fatalf("loading the embedded content: %v", err)
	}
	return content
}
