package export_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/conduite/conduite/export"
	"github.com/conduite/conduite/questionnaire"
)

// lookPoppler finds pdftotext and pdfinfo, or skips the test saying how to
// install them.
func lookPoppler(t *testing.T) {
	t.Helper()
	for _, name := range []string{"pdftotext", "pdfinfo"} {
		if _, err := exec.LookPath(name); err != nil {
			t.Skipf("%s is not on PATH: the PDF export is not read back (apt-get install poppler-utils)", name)
		}
	}
}

// The PDF export read back by poppler: A4, a few pages, the verdict in
// words on the first page, accents and « » intact, the page numbers, and
// the whole extracted text as a golden file (testdata/*.pdf.txt.golden).
func TestPDFReadBack(t *testing.T) {
	lookPoppler(t)
	c := loadContent(t)
	for _, tc := range []struct {
		name, example string
		lang          questionnaire.Lang
		etab          string
		first         []string // on page 1
		maxPages      int
	}{
		{"discord-classe", "discord-classe.yaml", questionnaire.FR, "Collège « Jean-Zay » & Œuvre",
			[]string{"Conduite à tenir : Discord", "✖ Verdict : À PROSCRIRE", "Le risque, critère par critère", "Pourquoi", "✖ À proscrire — Service grand public", "Collège « Jean-Zay » & Œuvre", "page 1 sur"}, 5},
		{"whatsapp-classe-suisse-en", "whatsapp-classe-suisse.yaml", questionnaire.EN, "",
			[]string{"What to do: WhatsApp", "Verdict: ", "page 1 of"}, 5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("..", "examples", tc.example))
			if err != nil {
				t.Fatal(err)
			}
			doc := docFor(t, c, tc.example, data, tc.lang)
			doc.Header.Etablissement = tc.etab
			out, err := export.Render(doc, export.PDF)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(t.TempDir(), "rapport.pdf")
			if err := export.WriteFile(path, out, false); err != nil {
				t.Fatal(err)
			}
			info := run(t, "pdfinfo", path)
			n, err := strconv.Atoi(pdfField(t, info, "Pages"))
			if err != nil || n < 1 || n > tc.maxPages {
				t.Errorf("%d pages; want 1 to %d", n, tc.maxPages)
			}
			if size := pdfField(t, info, "Page size"); !regexp.MustCompile(`^595(\.\d+)? x 842(\.\d+)? pts \(A4\)`).MatchString(size) {
				t.Errorf("page size %q; want A4", size)
			}
			first := normalizeSpace(run(t, "pdftotext", "-f", "1", "-l", "1", path, "-"))
			for _, want := range tc.first {
				if !strings.Contains(first, want) {
					t.Errorf("page 1 lacks %q:\n%s", want, first)
				}
			}
			all := run(t, "pdftotext", path, "-")
			if last := "page " + strconv.Itoa(n); !strings.Contains(all, last) {
				t.Errorf("the last page has no number %q", last)
			}
			// a character the font lacks prints « ? »: no more of them than
			// the Markdown has (questions, URLs)
			md, err := doc.Markdown()
			if err != nil {
				t.Fatal(err)
			}
			if got, want := strings.Count(all, "?"), strings.Count(md, "?"); got > want {
				t.Errorf("%d « ? » in the PDF, %d in the Markdown: a character the font cannot draw", got, want)
			}
			checkGolden(t, tc.name+".pdf.txt.golden", []byte(textGolden(all)))
		})
	}
}

// textGolden is pdftotext's output with each line's spaces normalized and
// the empty lines dropped: what a reader reads, stable across layouts of
// white space.
func textGolden(s string) string {
	var b strings.Builder
	for line := range strings.SplitSeq(s, "\n") {
		if l := normalizeSpace(strings.ReplaceAll(line, "\f", "")); l != "" {
			b.WriteString(l + "\n")
		}
	}
	return b.String()
}
