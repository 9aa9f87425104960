package report

import (
	"bytes"
	"cmp"
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
	Report        string `json:"report,omitempty"` // the file of --output-dir: written, or kept
	// ReportStatus says what became of the report with --output-dir:
	// written, kept (a report was already there: rerun without --force), or
	// failed (ReportError says why; the verdict stands).
	ReportStatus ReportStatus `json:"report_status,omitempty"`
	ReportError  string       `json:"report_error,omitempty"`
	Error        string       `json:"error,omitempty"` // the file could not be evaluated

	level questionnaire.Level
}

// ReportStatus is what became of a row's report with --output-dir.
type ReportStatus string

// The report statuses; none without --output-dir.
const (
	ReportWritten ReportStatus = "written"
	ReportKept    ReportStatus = "kept"
	ReportFailed  ReportStatus = "failed"
)

// Failed reports whether the file could not be evaluated.
func (r SummaryRow) Failed() bool { return r.Error != "" }

// ReportNotWritten reports whether the file's report could not be written
// (its verdict stands).
func (r SummaryRow) ReportNotWritten() bool { return r.ReportStatus == ReportFailed }

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

// Summary is the triage table of a batch, in one language. Rows are added
// (Add) and the whole table written (Write), or streamed through a
// SummaryWriter, which keeps no row in the formats that need not see them
// all (Markdown, CSV, JSON).
type Summary struct {
	Rows []SummaryRow

	lang  questionnaire.Lang
	texts *questionnaire.Texts
	csv   CSVOptions
	// SkippedFolders is the number of subfolders not walked (no
	// --recursive), said under the table.
	SkippedFolders int
	// SkippedProfiles is the number of profiles found among the answers
	// files and left out (questionnaire.IsProfileFile), said under it too.
	SkippedProfiles int

	counts summaryCounts
}

// summaryCounts are the totals of the rows seen, kept as the rows go.
type summaryCounts struct {
	rows, failed, reportsFailed, reportsKept int
	levels                                   map[questionnaire.Level]int
	labels                                   map[questionnaire.Level]string
}

// CSVOptions shape the CSV table: the separator (',' when zero) and a UTF-8
// byte-order mark first, for a spreadsheet that needs one to read UTF-8.
type CSVOptions struct {
	Sep rune
	BOM bool
}

// SetCSV sets the CSV table's options.
func (s *Summary) SetCSV(o CSVOptions) { s.csv = o }

// NewSummary starts a triage table whose headers and words are in lang.
func NewSummary(texts *questionnaire.Texts, lang questionnaire.Lang) *Summary {
	return &Summary{texts: texts, lang: lang}
}

// Add appends a row.
func (s *Summary) Add(r SummaryRow) {
	s.count(r)
	s.Rows = append(s.Rows, r)
}

// count adds a row to the totals.
func (s *Summary) count(r SummaryRow) {
	c := &s.counts
	if c.levels == nil {
		c.levels, c.labels = map[questionnaire.Level]int{}, map[questionnaire.Level]string{}
	}
	c.rows++
	switch {
	case r.Failed():
		c.failed++
		return
	case r.ReportStatus == ReportFailed:
		c.reportsFailed++
	case r.ReportStatus == ReportKept:
		c.reportsKept++
	}
	c.levels[r.level]++
	c.labels[r.level] = r.Symbol + " " + r.VerdictLabel
}

// Failures returns how many files could not be evaluated and how many
// reports could not be written, of the rows seen.
func (s *Summary) Failures() (files, reports int) { return s.counts.failed, s.counts.reportsFailed }

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
		verdict := r.Symbol + " " + r.VerdictLabel
		if note := s.reportNote(r); note != "" {
			verdict += " · " + note
		}
		cells = []string{r.File, r.Tool, r.UsageLabel, r.AudienceLabel, verdict, r.FirstReason}
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
// 3 ✖ À proscrire, 1 ⚠ en erreur », then the reports kept or not written
// and the subfolders not walked, a line each.
func (s *Summary) totals() string {
	c := s.counts
	var parts []string
	for _, l := range append(questionnaire.Levels, questionnaire.None) {
		if c.levels[l] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", c.levels[l], c.labels[l]))
		}
	}
	if c.failed > 0 {
		parts = append(parts, fmt.Sprintf("%d %s %s", c.failed, errorSymbol, s.T("summary_failed")))
	}
	out := fmt.Sprintf(s.T("summary_totals"), c.rows, strings.Join(parts, ", ")) + "\n"
	l := s.texts.For(s.lang)
	if c.reportsKept > 0 {
		out += l.Count("summary_reports_kept", c.reportsKept) + "\n"
	}
	if c.reportsFailed > 0 {
		out += l.Count("summary_reports_failed", c.reportsFailed) + "\n"
	}
	if s.SkippedFolders > 0 {
		out += l.Count("summary_skipped_folders", s.SkippedFolders) + "\n"
	}
	if s.SkippedProfiles > 0 {
		out += l.Count("summary_skipped_profiles", s.SkippedProfiles) + "\n"
	}
	return out
}

// reportNote is what the human tables say of a row's report beside its
// verdict: nothing when it was written, or there was none.
func (s *Summary) reportNote(r SummaryRow) string {
	switch r.ReportStatus {
	case ReportKept:
		return s.T("summary_report_kept")
	case ReportFailed:
		return errorSymbol + " " + s.T("summary_report_failed")
	case ReportWritten, "":
	}
	return ""
}

// writeSummaryMarkdown writes the table as Markdown, user text escaped,
// then the totals.
func writeSummaryMarkdown(w io.Writer, s *Summary, o Output) error {
	return s.writeAll(w, Markdown, o)
}

// writeAll streams the rows already added through a SummaryWriter.
func (s *Summary) writeAll(w io.Writer, f Format, o Output) error {
	rows := s.Rows
	t := &Summary{lang: s.lang, texts: s.texts, csv: s.csv, SkippedFolders: s.SkippedFolders, SkippedProfiles: s.SkippedProfiles}
	sw, err := t.newWriter(w, f, o)
	if err != nil {
		return err
	}
	for _, r := range rows {
		if err := sw.Row(r); err != nil {
			return err
		}
	}
	return sw.Close()
}

// SummaryWriter writes a triage table row by row, as the rows come: the
// header first, each row at once in Markdown, CSV and JSON, the totals at
// Close. A table that must see every row to lay them out (the terminal's)
// is kept and written at Close.
type SummaryWriter struct {
	s      *Summary
	w      io.Writer
	f      Format
	o      Output
	stream func(SummaryRow) error // nil: kept for Close
	n      int
}

// NewWriter starts writing the table in the format.
func (s *Summary) NewWriter(w io.Writer, f Format, o Output) (*SummaryWriter, error) {
	if !SummaryFormats.Has(f) {
		return nil, fmt.Errorf("unknown format %q for several files; allowed: %s", f, SummaryFormats)
	}
	return s.newWriter(w, f, o)
}

func (s *Summary) newWriter(w io.Writer, f Format, o Output) (*SummaryWriter, error) {
	sw := &SummaryWriter{s: s, w: w, f: f, o: o}
	var err error
	switch {
	case f == Markdown || (f == Terminal && !o.TTY):
		sw.f = Markdown
		sw.stream = sw.markdownRow
		hs := s.headers()
		_, err = fmt.Fprintf(w, "| %s |\n|%s\n", strings.Join(hs, " | "), strings.Repeat("---|", len(hs)))
	case f == CSV:
		sw.stream = sw.csvRow
		if s.csv.BOM {
			_, err = io.WriteString(w, "\ufeff")
		}
		if err == nil {
			header := make([]string, len(csvKeys))
			for i, k := range csvKeys {
				header[i] = s.T(k)
			}
			err = sw.csvRecord(header)
		}
	case f == JSON:
		sw.stream = sw.jsonRow
		_, err = fmt.Fprintf(w, "{\n  \"schema_version\": %d,\n  \"files\": [", SummarySchemaVersion)
	}
	return sw, err
}

// Row writes (or keeps) one row.
func (sw *SummaryWriter) Row(r SummaryRow) error {
	sw.n++
	if sw.stream == nil {
		sw.s.Add(r)
		return nil
	}
	sw.s.count(r)
	return sw.stream(r)
}

// Close writes the end of the table: the totals, or the kept table whole.
func (sw *SummaryWriter) Close() error {
	s := sw.s
	var err error
	switch {
	case sw.stream == nil:
		return writeSummaryTerminal(sw.w, s, sw.o)
	case sw.f == Markdown:
		_, err = io.WriteString(sw.w, "\n"+s.totals())
	case sw.f == JSON:
		end := "],\n"
		if sw.n > 0 {
			end = "\n  ],\n"
		}
		end += fmt.Sprintf("  \"failed\": %d", s.counts.failed)
		for _, kv := range []struct {
			k string
			v int
		}{{"reports_failed", s.counts.reportsFailed}, {"reports_kept", s.counts.reportsKept}, {"skipped_folders", s.SkippedFolders}, {"skipped_profiles", s.SkippedProfiles}} {
			if kv.v > 0 {
				end += fmt.Sprintf(",\n  %q: %d", kv.k, kv.v)
			}
		}
		_, err = io.WriteString(sw.w, end+"\n}\n")
	}
	return err
}

func (sw *SummaryWriter) markdownRow(r SummaryRow) error {
	cells := sw.s.humanCells(r)
	for i := range cells {
		cells[i] = EscapeMarkdown(cells[i])
	}
	_, err := fmt.Fprintf(sw.w, "| %s |\n", strings.Join(cells, " | "))
	return err
}

// csvKeys are the texts of the CSV header, column by column: the JSON
// keys' meanings, in the user's language.
var csvKeys = []string{"summary_csv_file", "summary_csv_tool", "summary_csv_usage", "summary_csv_usage_label",
	"summary_csv_audience", "summary_csv_audience_label", "summary_csv_verdict", "summary_csv_verdict_label",
	"summary_csv_first_reason", "summary_csv_report", "summary_csv_report_status", "summary_csv_error"}

// csvRow writes RFC 4180 CSV (the separator of CSVOptions); cells that a
// spreadsheet would run as a formula are defused. The report's status is
// in words, its error (or the file's) in the last column.
func (sw *SummaryWriter) csvRow(r SummaryRow) error {
	status := ""
	switch r.ReportStatus {
	case ReportWritten:
		status = sw.s.T("summary_report_written")
	case ReportKept:
		status = sw.s.T("summary_report_kept")
	case ReportFailed:
		status = sw.s.T("summary_report_failed")
	}
	rec := []string{r.File, r.Tool, r.Usage, r.UsageLabel, r.Audience, r.AudienceLabel, r.Verdict, r.VerdictLabel,
		r.FirstReason, r.Report, status, cmp.Or(r.Error, r.ReportError)}
	for i := range rec {
		rec[i] = defuseFormula(rec[i])
	}
	return sw.csvRecord(rec)
}

func (sw *SummaryWriter) csvRecord(rec []string) error {
	var b strings.Builder
	cw := csv.NewWriter(&b)
	if sw.s.csv.Sep != 0 {
		cw.Comma = sw.s.csv.Sep
	}
	if err := cw.Write(rec); err != nil {
		return err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	_, err := io.WriteString(sw.w, b.String())
	return err
}

func (sw *SummaryWriter) jsonRow(r SummaryRow) error {
	var b bytes.Buffer
	if sw.n > 1 {
		b.WriteString(",")
	}
	b.WriteString("\n    ")
	enc := json.NewEncoder(&b)
	enc.SetIndent("    ", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		return err
	}
	_, err := sw.w.Write(bytes.TrimSuffix(b.Bytes(), []byte("\n")))
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

func writeSummaryCSV(w io.Writer, s *Summary, o Output) error { return s.writeAll(w, CSV, o) }

func writeSummaryJSON(w io.Writer, s *Summary, o Output) error { return s.writeAll(w, JSON, o) }

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
