package export_test

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/conduite/conduite/export"
	"github.com/conduite/conduite/internal/contenttest"
	"github.com/conduite/conduite/questionnaire"
	"github.com/conduite/conduite/report"
)

// loadContent is the embedded content, loaded once for all tests.
func loadContent(t testing.TB) *questionnaire.Content { return contenttest.Content(t) }

// fixedDate and fixedVersion make reports reproducible.
var fixedDate = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

const fixedVersion = "v0.0.0-test"

func docFor(t testing.TB, c *questionnaire.Content, name string, data []byte, lang questionnaire.Lang) *report.Doc {
	t.Helper()
	a, err := c.ParseAnswers(name, data)
	if err != nil {
		t.Fatal(err)
	}
	return report.New(c.Evaluate(a), report.Options{Lang: lang, Version: fixedVersion, Now: fixedDate})
}

func TestRenderEveryFormat(t *testing.T) {
	c := loadContent(t)
	doc := docFor(t, c, "t.yaml", []byte("outil: discord\nusage: classe_virtuelle\naudience: eleves\nmineurs: oui_moins_15\n"), questionnaire.FR)
	for _, f := range export.Formats {
		out, err := export.Render(doc, f)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if f.Binary() {
			if !bytes.HasPrefix(out, []byte("%PDF-")) {
				t.Errorf("%s: starts with %.20q", f, out)
			}
			continue // its text is checked in pdf_test.go
		}
		if !bytes.Contains(bytes.ToLower(out), []byte("proscri")) || len(out) < 500 {
			t.Errorf("%s: the output lacks the verdict:\n%s", f, out)
		}
	}
	if _, err := export.Render(doc, "docx"); err == nil {
		t.Error("Render(docx) succeeded")
	}
	out, _ := export.Render(doc, export.JSON)
	var v map[string]any
	if err := json.Unmarshal(out, &v); err != nil {
		t.Fatalf("JSON output does not parse: %v", err)
	}
	html, _ := export.Render(doc, export.HTML)
	if !strings.HasPrefix(string(html), "<!DOCTYPE html>") {
		t.Errorf("HTML output starts with %.40q", html)
	}
}

func splitLines(s string) []string { return strings.Split(s, "\n") }

func itoa(i int) string { return strconv.Itoa(i) }
