package export_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/conduite/conduite/export"
	"github.com/conduite/conduite/questionnaire"
)

// lookTools finds chromium and poppler-utils, or skips the test saying how
// to install them.
func lookTools(t *testing.T) (chromium string) {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			chromium = p
			break
		}
	}
	if chromium == "" {
		t.Skip("chromium is not on PATH: the HTML export is not checked in a real browser (apt-get install chromium poppler-utils)")
	}
	for _, name := range []string{"pdftotext", "pdfinfo"} {
		if _, err := exec.LookPath(name); err != nil {
			t.Skipf("%s is not on PATH: the printed HTML export is not checked (apt-get install poppler-utils)", name)
		}
	}
	return chromium
}

// The HTML export of two cases, printed to PDF by headless Chromium: the
// verdict is on the first page, in words, and the report fits the expected
// number of A4 pages.
func TestHTMLPrintsToA4(t *testing.T) {
	chromium := lookTools(t)
	c := loadContent(t)
	cases := []struct {
		example  string
		verdict  string // as printed: upper case, with its symbol
		maxPages int
	}{
		{"discord-classe.yaml", "✖ Verdict : À PROSCRIRE", 3}, // the longest example: 9 reasons, 16 sources, the next steps (a few lines on a third page)
		{"tchap-agents.yaml", "✔ Verdict : RECOMMANDÉ", 2},
	}
	for _, tc := range cases {
		t.Run(tc.example, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("..", "examples", tc.example))
			if err != nil {
				t.Fatal(err)
			}
			doc := docFor(t, c, tc.example, data, questionnaire.FR)
			doc.Header.Etablissement, doc.Header.Auteur = "Collège Jean-Zay", "M. Dupont"
			page, err := export.Render(doc, export.HTML)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			html := filepath.Join(dir, "rapport.html")
			pdf := filepath.Join(dir, "rapport.pdf")
			if err := export.WriteFile(html, page, false); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
			defer cancel()
			cmd := exec.CommandContext(ctx, chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--no-pdf-header-footer", "--user-data-dir="+filepath.Join(dir, "profile"),
				"--print-to-pdf="+pdf, "file://"+html)
			cmd.Env = append(os.Environ(), "HOME="+dir)
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("chromium: %v\n%s", err, out)
			}
			info := run(t, "pdfinfo", pdf)
			pages := pdfField(t, info, "Pages")
			n, err := strconv.Atoi(pages)
			if err != nil || n < 1 || n > tc.maxPages {
				t.Errorf("%d pages; want 1 to %d", n, tc.maxPages)
			}
			if size := pdfField(t, info, "Page size"); !regexp.MustCompile(`^59[45](\.\d+)? x 84[12](\.\d+)? pts \(A4\)`).MatchString(size) {
				t.Errorf("page size %q; want A4", size)
			}
			first := normalizeSpace(run(t, "pdftotext", "-f", "1", "-l", "1", pdf, "-"))
			for _, want := range []string{tc.verdict, "Conduite à tenir : " + doc.Tool.Name, "Collège Jean-Zay", "Pourquoi"} {
				if !strings.Contains(first, want) {
					t.Errorf("page 1 lacks %q:\n%s", want, first)
				}
			}
			all := normalizeSpace(run(t, "pdftotext", pdf, "-"))
			for _, want := range []string{"Le risque, critère par critère", "Contrat", doc.Criteria[0].Label, "Sources", "ne remplace pas l'avis du DPD"} {
				if !strings.Contains(all, want) {
					t.Errorf("the PDF lacks %q", want)
				}
			}
			if n > 0 {
				t.Logf("%s: %d A4 page(s)", tc.example, n)
			}
		})
	}
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).Output()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return string(out)
}

// pdfField reads a « Key: value » line of pdfinfo.
func pdfField(t *testing.T, info, key string) string {
	t.Helper()
	for line := range strings.SplitSeq(info, "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && k == key {
			return strings.TrimSpace(v)
		}
	}
	t.Fatalf("pdfinfo has no %s:\n%s", key, info)
	return ""
}

// normalizeSpace turns every run of white space (non-breaking included)
// into one space, as text extracted from a PDF breaks lines anywhere.
func normalizeSpace(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\u00a0", " ")), " ")
}
