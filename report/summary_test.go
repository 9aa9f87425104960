package report_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/conduite/conduite/questionnaire"
	"github.com/conduite/conduite/report"
)

// summaryOf is the triage table of the examples, with a failed file.
func summaryOf(t *testing.T, lang questionnaire.Lang) *report.Summary {
	t.Helper()
	c := loadContent(t)
	s := report.NewSummary(c.Texts, lang)
	for _, ex := range examples(t, c) {
		s.Add(report.NewSummaryRow("un/dossier/"+ex.name, c.Evaluate(ex.answers), lang))
	}
	s.Add(report.SummaryRow{File: "un/dossier/typo.yaml", Error: `un/dossier/typo.yaml:2:1: unknown question "audiance"`})
	return s
}

// On a terminal of any width, the table (or the blocks) fits, and nothing
// is cut or left out: every word of every cell is there, whole.
func TestSummaryTerminalNothingCut(t *testing.T) {
	s := summaryOf(t, questionnaire.FR)
	for width := 60; width <= 200; width += 7 {
		var b bytes.Buffer
		if err := s.Write(&b, report.Terminal, report.Output{TTY: true, Width: width, Style: report.StyleNoColor}); err != nil {
			t.Fatal(err)
		}
		out := ansi.Strip(b.String())
		for line := range strings.SplitSeq(out, "\n") {
			if w := ansi.StringWidth(line); w > width {
				t.Fatalf("width %d: a line is %d wide: %q", width, w, line)
			}
		}
		if strings.Contains(out, "…") {
			t.Errorf("width %d: a cell was cut:\n%s", width, out)
		}
		words := strings.Fields(out)
		have := map[string]bool{}
		for _, w := range words {
			have[strings.Trim(w, "│")] = true
		}
		for _, r := range s.Rows {
			for _, cell := range []string{r.Tool, r.UsageLabel, r.AudienceLabel, r.VerdictLabel, r.FirstReason} {
				for _, w := range strings.Fields(cell) {
					if !have[w] && !strings.Contains(out, w) {
						t.Errorf("width %d: %q of %q is missing or broken", width, w, cell)
					}
				}
			}
		}
	}
}

// The headers, the totals and the CSV header are in the table's language.
func TestSummaryLanguage(t *testing.T) {
	n := len(summaryOf(t, questionnaire.FR).Rows)
	for lang, want := range map[questionnaire.Lang][]string{
		questionnaire.FR: {"| Fichier | Outil | Usage | Public | Verdict | Première raison |", fmt.Sprintf("%d fichier(s) : ", n), "1 ⚠ en erreur", "fichier,outil,usage,usage (libellé)"},
		questionnaire.EN: {"| File | Tool | Use | Audience | Verdict | First reason |", fmt.Sprintf("%d file(s): ", n), "1 ⚠ failed", "file,tool,use,use (label)"},
	} {
		s := summaryOf(t, lang)
		var b bytes.Buffer
		for _, f := range []report.Format{report.Markdown, report.CSV} {
			if err := s.Write(&b, f, report.Output{}); err != nil {
				t.Fatal(err)
			}
		}
		for _, w := range want {
			if !strings.Contains(b.String(), w) {
				t.Errorf("%s: lacks %q:\n%s", lang, w, b.String())
			}
		}
	}
	if err := summaryOf(t, questionnaire.FR).Write(&bytes.Buffer{}, report.HTML, report.Output{}); err == nil {
		t.Error("the summary has no HTML writer, yet HTML was accepted")
	}
}

// A rerun's rows keep their verdicts and say their report was already
// there (or could not be written), whole, in every human layout; the totals
// say how many.
func TestSummaryReportStatus(t *testing.T) {
	c := loadContent(t)
	s := report.NewSummary(c.Texts, questionnaire.FR)
	for i, ex := range examples(t, c) {
		r := report.NewSummaryRow("dem/"+ex.name, c.Evaluate(ex.answers), questionnaire.FR)
		r.Report, r.ReportStatus = "rapports/"+ex.name+".md", report.ReportKept
		if i == 0 {
			r.ReportStatus, r.ReportError = report.ReportFailed, "rapports/x.md: permission refusée"
		}
		s.Add(r)
	}
	s.SkippedFolders = 1
	n := len(s.Rows)
	for _, o := range []report.Output{{}, {TTY: true, Width: 80, Style: report.StyleNoColor}, {TTY: true, Width: 200, Style: report.StyleNoColor}} {
		var b bytes.Buffer
		if err := s.Write(&b, report.Terminal, o); err != nil {
			t.Fatal(err)
		}
		out := strings.Join(strings.Fields(ansi.Strip(strings.ReplaceAll(b.String(), "│", " "))), " ")
		for _, want := range []string{"rapport déjà présent", "⚠ rapport non écrit",
			fmt.Sprintf("%d rapports déjà présents, gardés (--force pour les remplacer)", n-1),
			"1 rapport n'a pas pu être écrit", "1 sous-dossier non parcouru (--recursive pour le parcourir)"} {
			if !strings.Contains(out, want) {
				t.Errorf("tty %v width %d: lacks %q:\n%s", o.TTY, o.Width, want, b.String())
			}
		}
		if got := strings.Count(out, "rapport déjà présent"); got < n-1 {
			t.Errorf("tty %v width %d: %d rows say « rapport déjà présent »; want %d", o.TTY, o.Width, got, n-1)
		}
	}
	if files, reports := s.Failures(); files != 0 || reports != 1 {
		t.Errorf("Failures() = %d, %d; want 0, 1", files, reports)
	}
}
