package report

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/conduite/conduite/questionnaire"
)

// SummarySchemaVersion is the version of the JSON triage document.
const SummarySchemaVersion = 1

// SummaryRow is one line of the triage table: an answers file and its
// verdict, or the error that kept it from having one.
type SummaryRow struct {
	File          string `json:"file"`
	Tool          string `json:"tool,omitempty"`
	Usage         string `json:"usage,omitempty"`
	UsageLabel    string `json:"usage_label,omitempty"`
	Audience      string `json:"audience,omitempty"`
	AudienceLabel string `json:"audience_label,omitempty"`
	Verdict       string `json:"verdict,omitempty"`
	VerdictLabel  string `json:"verdict_label,omitempty"`
	Symbol        string `json:"-"`
	FirstReason   string `json:"first_reason,omitempty"`
	Report        string `json:"report,omitempty"` // the file written with --output-dir
	Error         string `json:"error,omitempty"`

	level questionnaire.Level
}

// Failed reports whether the file could not be evaluated or its report not
// written.
func (r SummaryRow) Failed() bool { return r.Error != "" }

// Level returns the row's verdict (None for a failed row).
func (r SummaryRow) Level() questionnaire.Level { return r.level }

// NewSummaryRow is the row of an evaluated file, named file (as shown,
// already made visible).
func NewSummaryRow(file string, rep *questionnaire.Report, lang questionnaire.Lang) SummaryRow {
	r := SummaryRow{File: file, Tool: rep.ToolName()}
	r.Usage, r.UsageLabel = answerOf(rep, questionnaire.QUsage, lang)
	r.Audience, r.AudienceLabel = answerOf(rep, questionnaire.QAudience, lang)
	r.level = rep.Level
	r.Verdict, r.VerdictLabel, r.Symbol = rep.Level.String(), rep.Level.Label(lang), rep.Level.Symbol()
	if len(rep.Reasons) > 0 {
		r.FirstReason = rep.Reasons[0].Text(lang)
	}
	return r
}

// answerOf returns a question's value and label when the user gave it or
// the catalog implies it; nothing when it was assumed.
func answerOf(rep *questionnaire.Report, id string, lang questionnaire.Lang) (string, string) {
	switch rep.Resolved.Origins[id] {
	case questionnaire.OriginGiven, questionnaire.OriginCatalog:
	case questionnaire.OriginAssumed, questionnaire.OriginSkipped:
		return "", ""
	}
	c := rep.Content
	q, ok := c.Questions.Get(id)
	if !ok {
		return "", ""
	}
	vals := rep.Resolved.Answers.List(id)
	return strings.Join(vals, ","), AnswerLabel(c, q, vals, lang)
}

// Summary is the triage table of a batch, in one language.
type Summary struct {
	Rows []SummaryRow

	lang  questionnaire.Lang
	texts *questionnaire.Texts
}

// NewSummary starts a triage table whose headers and words are in lang.
func NewSummary(texts *questionnaire.Texts, lang questionnaire.Lang) *Summary {
	return &Summary{texts: texts, lang: lang}
}

// Add appends a row.
func (s *Summary) Add(r SummaryRow) { s.Rows = append(s.Rows, r) }

// T returns a text in the table's language.
func (s *Summary) T(key string) string { return s.texts.T(s.lang, key) }

// Write writes the table in the format, whole or not at all.
func (s *Summary) Write(w io.Writer, f Format, o Output) error {
	spec, ok := f.Spec()
	if !ok || spec.Summary == nil {
		return fmt.Errorf("unknown format %q for several files; allowed: %s", f, SummaryFormats)
	}
	return spec.Summary(w, s, o)
}

// errorSymbol marks a file that could not be evaluated, with a word.
const errorSymbol = "⚠"

// emptyCell fills a cell with nothing to say.
const emptyCell = "—"

// headers are the columns of the human tables.
func (s *Summary) headers() []string {
	return []string{s.T("summary_file"), s.T("summary_tool"), s.T("summary_usage"), s.T("summary_audience"), s.T("summary_verdict"), s.T("summary_first_reason")}
}

// humanCells are a row's cells in the human tables: labels, the verdict as
// symbol and word, the error in place of the reason. An empty cell shows as
// a dash (not given, or not evaluated); control characters of user text (an
// escape sequence in nom_outil) become spaces, so that nothing in a file can
// drive the terminal.
func (s *Summary) humanCells(r SummaryRow) []string {
	var cells []string
	if r.Failed() {
		// the file is in the first column: the message need not repeat it
		msg := strings.TrimSpace(strings.TrimPrefix(firstLine(r.Error), r.File+":"))
		cells = []string{r.File, "", "", "", errorSymbol + " " + s.T("summary_error"), msg}
	} else {
		cells = []string{r.File, r.Tool, r.UsageLabel, r.AudienceLabel, r.Symbol + " " + r.VerdictLabel, r.FirstReason}
	}
	for i := range cells {
		cells[i] = strings.Map(func(r rune) rune {
			if unicode.IsControl(r) {
				return ' '
			}
			return r
		}, cells[i])
		if cells[i] == "" {
			cells[i] = emptyCell
		}
	}
	return cells
}

// totals counts the verdicts, most severe first: « 7 fichier(s) :
// 3 ✖ À proscrire, 1 ⚠ en erreur ».
func (s *Summary) totals() string {
	counts := map[questionnaire.Level]int{}
	failed := 0
	label := map[questionnaire.Level]string{}
	for _, r := range s.Rows {
		if r.Failed() {
			failed++
			continue
		}
		counts[r.level]++
		label[r.level] = r.Symbol + " " + r.VerdictLabel
	}
	var parts []string
	for _, l := range append(questionnaire.Levels, questionnaire.None) {
		if counts[l] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", counts[l], label[l]))
		}
	}
	if failed > 0 {
		parts = append(parts, fmt.Sprintf("%d %s %s", failed, errorSymbol, s.T("summary_failed")))
	}
	return fmt.Sprintf(s.T("summary_totals"), len(s.Rows), strings.Join(parts, ", ")) + "\n"
}

// writeSummaryMarkdown writes the table as Markdown, user text escaped,
// then the totals.
func writeSummaryMarkdown(w io.Writer, s *Summary, _ Output) error {
	var b strings.Builder
	hs := s.headers()
	fmt.Fprintf(&b, "| %s |\n|%s\n", strings.Join(hs, " | "), strings.Repeat("---|", len(hs)))
	for _, r := range s.Rows {
		cells := s.humanCells(r)
		for i := range cells {
			cells[i] = EscapeMarkdown(cells[i])
		}
		fmt.Fprintf(&b, "| %s |\n", strings.Join(cells, " | "))
	}
	b.WriteString("\n")
	b.WriteString(s.totals())
	_, err := io.WriteString(w, b.String())
	return err
}

// csvKeys are the texts of the CSV header, column by column: the JSON
// keys' meanings, in the user's language.
var csvKeys = []string{"summary_csv_file", "summary_csv_tool", "summary_csv_usage", "summary_csv_usage_label",
	"summary_csv_audience", "summary_csv_audience_label", "summary_csv_verdict", "summary_csv_verdict_label",
	"summary_csv_first_reason", "summary_csv_report", "summary_csv_error"}

// writeSummaryCSV writes RFC 4180 CSV with a header line in the user's
// language; cells that a spreadsheet would run as a formula are defused.
func writeSummaryCSV(w io.Writer, s *Summary, _ Output) error {
	var b strings.Builder
	cw := csv.NewWriter(&b)
	header := make([]string, len(csvKeys))
	for i, k := range csvKeys {
		header[i] = s.T(k)
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, r := range s.Rows {
		rec := []string{r.File, r.Tool, r.Usage, r.UsageLabel, r.Audience, r.AudienceLabel, r.Verdict, r.VerdictLabel, r.FirstReason, r.Report, r.Error}
		for i := range rec {
			rec[i] = defuseFormula(rec[i])
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// defuseFormula keeps a spreadsheet from running a cell as a formula (a
// tool named « =HYPERLINK(…) » in an answers file).
func defuseFormula(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// summaryJSON is the JSON triage document.
type summaryJSON struct {
	SchemaVersion int          `json:"schema_version"`
	Files         []SummaryRow `json:"files"`
	Failed        int          `json:"failed"`
}

func writeSummaryJSON(w io.Writer, s *Summary, _ Output) error {
	doc := summaryJSON{SchemaVersion: SummarySchemaVersion, Files: s.Rows}
	if doc.Files == nil {
		doc.Files = []SummaryRow{}
	}
	for _, r := range s.Rows {
		if r.Failed() {
			doc.Failed++
		}
	}
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
