package cli

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"charm.land/lipgloss/v2"
	"charm.land/lipgloss/v2/table"
	"github.com/charmbracelet/x/ansi"

	"github.com/conduite/conduite/questionnaire"
	"github.com/conduite/conduite/report"
)

// errorSymbol marks a file that could not be evaluated, with a word.
const errorSymbol = "⚠"

// writeSummary prints the triage table in the format, whole or not at all.
func (a *app) writeSummary(rows []SummaryRow, c *questionnaire.Content, lang questionnaire.Lang, format string) error {
	var b bytes.Buffer
	var err error
	t := func(key string) string { return c.Texts.T(lang, key) }
	switch format {
	case FormatCSV:
		err = writeSummaryCSV(&b, rows)
	case FormatJSON:
		err = writeSummaryJSON(&b, rows)
	case FormatTerminal:
		if a.io.OutTTY {
			colour := report.StyleFromEnv(a.io.Getenv) != report.StyleNoColor
			width := 100
			if a.io.Width != nil && a.io.Width() > 0 {
				width = a.io.Width()
			}
			b.WriteString(summaryTable(rows, t, width, colour))
			b.WriteString("\n")
			// Four verdicts and errors do not fit on one line of 80 columns.
			b.WriteString(ansi.Wordwrap(summaryTotals(rows, t), width, ""))
			break
		}
		fallthrough
	case FormatMarkdown:
		writeSummaryMarkdown(&b, rows, t)
		b.WriteString("\n")
		b.WriteString(summaryTotals(rows, t))
	}
	if err != nil {
		return err
	}
	_, err = a.io.Out.Write(b.Bytes())
	return err
}

// summaryHeaders are the columns of the human tables.
func summaryHeaders(t func(string) string) []string {
	return []string{t("summary_file"), t("summary_tool"), t("summary_usage"), t("summary_audience"), t("summary_verdict"), t("summary_first_reason")}
}

// humanCells are a row's cells in the human tables: labels, the verdict as
// symbol and word, the error in place of the reason. An empty cell shows as
// a dash (not given, or not evaluated); control characters of user text (an
// escape sequence in nom_outil) become spaces, so that nothing in a file can
// drive the terminal.
func humanCells(r SummaryRow, t func(string) string) []string {
	var cells []string
	if r.Failed() {
		// the file is in the first column: the message need not repeat it
		msg := strings.TrimSpace(strings.TrimPrefix(firstLine(r.Error), r.File+":"))
		cells = []string{r.File, "", "", "", errorSymbol + " " + t("summary_error"), msg}
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

// emptyCell fills a cell with nothing to say.
const emptyCell = "—"

// summaryTotals counts the verdicts, most severe first: « 7 fichier(s) :
// 3 ✖ À proscrire, 1 ⚠ en erreur ».
func summaryTotals(rows []SummaryRow, t func(string) string) string {
	counts := map[questionnaire.Level]int{}
	failed := 0
	var label = map[questionnaire.Level]string{}
	for _, r := range rows {
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
		parts = append(parts, fmt.Sprintf("%d %s %s", failed, errorSymbol, t("summary_failed")))
	}
	return fmt.Sprintf(t("summary_totals"), len(rows), strings.Join(parts, ", ")) + "\n"
}

// writeSummaryMarkdown writes the table as Markdown, user text escaped.
func writeSummaryMarkdown(w io.Writer, rows []SummaryRow, t func(string) string) {
	hs := summaryHeaders(t)
	fmt.Fprintf(w, "| %s |\n|%s\n", strings.Join(hs, " | "), strings.Repeat("---|", len(hs)))
	for _, r := range rows {
		cells := humanCells(r, t)
		for i := range cells {
			cells[i] = report.EscapeMarkdown(cells[i])
		}
		fmt.Fprintf(w, "| %s |\n", strings.Join(cells, " | "))
	}
}

// csvHeader are the CSV columns: the JSON keys, so that both say the same.
var csvHeader = []string{"file", "tool", "usage", "usage_label", "audience", "audience_label", "verdict", "verdict_label", "first_reason", "report", "error"}

// writeSummaryCSV writes RFC 4180 CSV with a header line; cells that a
// spreadsheet would run as a formula are defused.
func writeSummaryCSV(w io.Writer, rows []SummaryRow) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	for _, r := range rows {
		rec := []string{r.File, r.Tool, r.Usage, r.UsageLabel, r.Audience, r.AudienceLabel, r.Verdict, r.VerdictLabel, r.FirstReason, r.Report, r.Error}
		for i := range rec {
			rec[i] = defuseFormula(rec[i])
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
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

func writeSummaryJSON(w io.Writer, rows []SummaryRow) error {
	doc := summaryJSON{SchemaVersion: 1, Files: rows}
	for _, r := range rows {
		if r.Failed() {
			doc.Failed++
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(doc)
}

// summaryStyles are the looks of the terminal table: colour helps, the
// symbol and the word say it.
type summaryStyles struct {
	header, cell, border lipgloss.Style
	levels               map[questionnaire.Level]lipgloss.Style
	failed               lipgloss.Style
}

func newSummaryStyles(colour bool) summaryStyles {
	base := lipgloss.NewStyle().Padding(0, 1)
	s := summaryStyles{header: base.Bold(true), cell: base, border: lipgloss.NewStyle(), failed: base.Bold(true),
		levels: map[questionnaire.Level]lipgloss.Style{}}
	for _, l := range append(questionnaire.Levels, questionnaire.None) {
		s.levels[l] = base
	}
	if !colour {
		return s
	}
	s.border = s.border.Foreground(lipgloss.Color("8"))
	s.levels[questionnaire.Proscrit] = base.Bold(true).Foreground(lipgloss.Color("196"))
	s.levels[questionnaire.Deconseille] = base.Bold(true).Foreground(lipgloss.Color("208"))
	s.levels[questionnaire.SousConditions] = base.Foreground(lipgloss.Color("178"))
	s.levels[questionnaire.Recommande] = base.Foreground(lipgloss.Color("34"))
	s.failed = s.failed.Foreground(lipgloss.Color("201"))
	return s
}

// summaryTable renders the triage table with Lip Gloss for a terminal of
// the given width: one line a file, long cells cut with « … »; below
// narrowWidth columns the usage and the audience are left out.
func summaryTable(rows []SummaryRow, t func(string) string, width int, colour bool) string {
	st := newSummaryStyles(colour)
	cols := tableColumns(width)
	all := summaryHeaders(t)
	headers := make([]string, len(cols))
	for i, c := range cols {
		headers[i] = all[c]
	}
	// files of one folder: their names say enough, the user named the folder
	sameDir := len(rows) > 0
	for _, row := range rows {
		sameDir = sameDir && filepath.Dir(row.File) == filepath.Dir(rows[0].File)
	}
	cells := make([][]string, len(rows))
	for r, row := range rows {
		if sameDir {
			row.File = filepath.Base(row.File)
		}
		hc := humanCells(row, t)
		cells[r] = make([]string, len(cols))
		for i, c := range cols {
			cells[r][i] = hc[c]
		}
	}
	fitColumns(cols, headers, cells, width)
	verdictAt := slices.Index(cols, colVerdict)
	tb := table.New().Border(lipgloss.RoundedBorder()).BorderStyle(st.border).Headers(headers...).Rows(cells...)
	tb.StyleFunc(func(row, col int) lipgloss.Style {
		switch {
		case row == table.HeaderRow:
			return st.header
		case col == verdictAt && rows[row].Failed():
			return st.failed
		case col == verdictAt:
			return st.levels[rows[row].level]
		}
		return st.cell
	})
	return tb.String()
}

// column is a column of the human tables.
type column int

// The columns of the human tables, in order.
const (
	colFile column = iota
	colTool
	colUsage
	colAudience
	colVerdict
	colReason
)

// tableColumns are the columns shown on a terminal of the given width.
func tableColumns(width int) []column {
	if width < narrowWidth {
		return []column{colFile, colTool, colVerdict, colReason}
	}
	return []column{colFile, colTool, colUsage, colAudience, colVerdict, colReason}
}

// narrowWidth is the terminal width under which the table leaves out the
// usage and the audience.
const narrowWidth = 120

// columnCaps are the widest the file, tool, usage and audience columns may
// be while the reason is cut; columnFloor how narrow they may become before
// the reason gives way (the file and the tool say more than the others).
var (
	columnCaps  = map[column]int{colFile: 32, colTool: 24, colUsage: 22, colAudience: 22}
	columnFloor = map[column]int{colFile: 20, colTool: 10, colUsage: 8, colAudience: 8}
)

const (
	reasonMin = 24 // the reason's width the others give way to, down to their floor
	cellMin   = 4  // the narrowest any cut column becomes
)

// fitColumns cuts the cells (headers and rows) so that the table, with its
// borders and padding, fits in width. The verdict is never cut; the reason
// takes what the others leave; they give way, the one furthest above its
// floor first, while the reason would be narrower than reasonMin; then the
// reason shrinks; then, on a very narrow terminal, everything but the
// verdict.
func fitColumns(cols []column, headers []string, rows [][]string, width int) {
	n := len(cols)
	natural := make([]int, n)
	for i := range cols {
		natural[i] = lipgloss.Width(headers[i])
		for _, r := range rows {
			natural[i] = max(natural[i], lipgloss.Width(r[i]))
		}
	}
	avail := width - (n + 1) - 2*n // borders, and a space each side of a cell
	widths := slices.Clone(natural)
	reason := slices.Index(cols, colReason)
	var shrinkable []int
	for i, c := range cols {
		if cap, ok := columnCaps[c]; ok {
			widths[i] = min(natural[i], cap)
			shrinkable = append(shrinkable, i)
		}
	}
	others := func() int {
		sum := 0
		for i := range cols {
			if i != reason {
				sum += widths[i]
			}
		}
		return sum
	}
	giveWay := func(floor func(int) int) bool {
		pick := -1
		for _, i := range shrinkable {
			f := min(floor(i), natural[i])
			if widths[i] > f && (pick < 0 || widths[i]-f > widths[pick]-min(floor(pick), natural[pick])) {
				pick = i
			}
		}
		if pick >= 0 {
			widths[pick]--
		}
		return pick >= 0
	}
	for avail-others() < min(reasonMin, natural[reason]) && giveWay(func(i int) int { return columnFloor[cols[i]] }) {
	}
	for avail-others() < cellMin && giveWay(func(int) int { return cellMin }) {
	}
	widths[reason] = max(min(natural[reason], avail-others()), cellMin)
	for i, c := range cols {
		cut := func(s string) string {
			w := lipgloss.Width(s)
			switch {
			case w <= widths[i]:
				return s
			case c == colFile && strings.ContainsAny(s, `/\`):
				// a path says most at its end: …/discord-classe.yaml
				return ansi.TruncateLeft(s, w-widths[i]+1, "…")
			}
			return ansi.Truncate(s, widths[i], "…")
		}
		headers[i] = cut(headers[i])
		for _, r := range rows {
			r[i] = cut(r[i])
		}
	}
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
