package report_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/conduite/conduite/questionnaire"
	"github.com/conduite/conduite/report"
)

// pdfOf renders an example's report as PDF.
func pdfOf(t *testing.T, example string, lang questionnaire.Lang) []byte {
	t.Helper()
	c := loadContent(t)
	data, err := os.ReadFile(filepath.Join("..", "examples", example))
	if err != nil {
		t.Fatal(err)
	}
	a, err := c.ParseAnswers(example, data)
	if err != nil {
		t.Fatal(err)
	}
	out, err := report.New(c.Evaluate(a), fixedOptions(lang)).PDF()
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// Without poppler: the PDF is a whole PDF file, A4, of a few pages, with
// both fonts embedded, dated by the report alone, and the same bytes at
// each run (no random identifier, no clock).
func TestPDFStructure(t *testing.T) {
	for _, tc := range []struct {
		example  string
		lang     questionnaire.Lang
		maxPages int
	}{
		{"discord-classe.yaml", questionnaire.FR, 5},
		{"tchap-agents.yaml", questionnaire.FR, 4},
		{"whatsapp-classe-suisse.yaml", questionnaire.EN, 5},
	} {
		t.Run(tc.example, func(t *testing.T) {
			out := pdfOf(t, tc.example, tc.lang)
			if !bytes.HasPrefix(out, []byte("%PDF-1.")) || !bytes.HasSuffix(bytes.TrimSpace(out), []byte("%%EOF")) {
				t.Fatalf("not a whole PDF file: starts %.10q, ends %q", out, out[max(0, len(out)-10):])
			}
			m := regexp.MustCompile(`/Type /Pages\s+/MediaBox \[ 0 0 595\.00 842\.00 \]\s+/Count (\d+)`).FindSubmatch(out)
			if m == nil {
				t.Fatal("no A4 page tree (/MediaBox [0 0 595 842])")
			}
			if n, _ := strconv.Atoi(string(m[1])); n < 1 || n > tc.maxPages {
				t.Errorf("%d pages; want 1 to %d", n, tc.maxPages)
			}
			if n := bytes.Count(out, []byte("/FontFile2")); n != 2 {
				t.Errorf("%d embedded TrueType fonts; want 2 (regular and bold)", n)
			}
			for _, want := range []string{"/BaseFont /DejaVuSans", "/BaseFont /DejaVuSans-Bold", "/ToUnicode", "/CreationDate(D:20261123"} {
				if !bytes.Contains(out, []byte(want)) {
					t.Errorf("the PDF lacks %s", want)
				}
			}
			if tc.example == "discord-classe.yaml" && !bytes.Contains(out, []byte("/S /URI /URI (https://eur-lex.europa.eu/")) {
				t.Error("the sources' addresses are no links")
			}
			if bytes.Contains(out, []byte("/ID")) || bytes.Contains(out, []byte("/ModDate")) {
				t.Error("the PDF has an identifier or a modification date: it would differ at each run")
			}
			if again := pdfOf(t, tc.example, tc.lang); !bytes.Equal(out, again) {
				t.Error("two renders of one report differ")
			}
		})
	}
}

// A text the font cannot draw (a tool named in another script) still gives
// a PDF.
func TestPDFUnknownGlyphs(t *testing.T) {
	c := loadContent(t)
	a, err := c.ParseAnswers("x.yaml", []byte("nom_outil: \"微信 WeChat 🙂\"\nusage: messagerie\n"))
	if err != nil {
		t.Fatal(err)
	}
	out, err := report.New(c.Evaluate(a), fixedOptions(questionnaire.FR)).PDF()
	if err != nil || !bytes.HasPrefix(out, []byte("%PDF-")) {
		t.Fatalf("PDF() = %.10q, %v", out, err)
	}
}
