package report

import (
	"io"
	"path/filepath"
	"slices"
	"strings"

	"charm.land/lipgloss/v2"
	"charm.land/lipgloss/v2/table"
	"github.com/charmbracelet/x/ansi"

	"github.com/conduite/conduite/questionnaire"
)

// The terminal triage table. Where its six columns fit without breaking a
// word (but a very long one) and with room for the reason, it is a table
// whose cells wrap; elsewhere each file is a short block: its name and
// verdict, then the tool, the use and the audience, then the first reason,
// each labelled. Nothing is cut, nothing left out.

// tableWidth is the narrowest terminal that may get the table.
const tableWidth = 120

// summaryWidth is the width assumed when the terminal's is unknown.
const summaryWidth = 100

// summaryStyles are the looks of the terminal table: colour helps, the
// symbol and the word say it.
type summaryStyles struct {
	header, cell, border lipgloss.Style
	levels               map[questionnaire.Level]lipgloss.Style
	failed               lipgloss.Style
}

func newSummaryStyles(colour bool) summaryStyles {
	base := lipgloss.NewStyle()
	s := summaryStyles{header: base.Bold(true), cell: base, border: base, failed: base.Bold(true),
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

// verdictStyle is the style of a row's verdict.
func (st summaryStyles) verdict(r SummaryRow) lipgloss.Style {
	if r.Failed() {
		return st.failed
	}
	return st.levels[r.level]
}

// writeSummaryTerminal draws the table on a terminal, and writes Markdown
// elsewhere.
func writeSummaryTerminal(w io.Writer, s *Summary, o Output) error {
	if !o.TTY {
		return writeSummaryMarkdown(w, s, o)
	}
	width := o.Width
	if width <= 0 {
		width = summaryWidth
	}
	st := newSummaryStyles(o.Style != StyleNoColor)
	var b strings.Builder
	if table, ok := s.table(st, width); ok {
		b.WriteString(table)
	} else {
		b.WriteString(s.blocks(st, width))
	}
	b.WriteString("\n")
	b.WriteString(wrapWords(s.totals(), width))
	_, err := io.WriteString(w, b.String())
	return err
}

// cells are the rows' human cells, file names shortened to their base when
// all the files are in one folder (the user named it).
func (s *Summary) cells() [][]string {
	sameDir := len(s.Rows) > 0
	for _, row := range s.Rows {
		sameDir = sameDir && filepath.Dir(row.File) == filepath.Dir(s.Rows[0].File)
	}
	out := make([][]string, len(s.Rows))
	for i, row := range s.Rows {
		if sameDir {
			row.File = filepath.Base(row.File)
		}
		out[i] = s.humanCells(row)
	}
	return out
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
	numColumns
)

// blocks writes each file as a block for a narrow terminal:
//
//	discord-classe.yaml — ✖ À proscrire
//	  Outil : Discord · Usage : Classe virtuelle · Public : Des élèves
//	  Première raison : Service grand public sans garantie…
func (s *Summary) blocks(st summaryStyles, width int) string {
	hs := s.headers()
	colon := s.T("colon")
	var b strings.Builder
	for i, cells := range s.cells() {
		if i > 0 {
			b.WriteString("\n")
		}
		row := s.Rows[i]
		head := wrapWords(cells[colFile]+" — "+cells[colVerdict], width)
		// the verdict, at the end of the first line or alone on the second, in its style
		if k := strings.LastIndex(head, cells[colVerdict]); k >= 0 {
			head = st.header.Render(head[:k]) + st.verdict(row).Render(cells[colVerdict]) + head[k+len(cells[colVerdict]):]
		}
		b.WriteString(head + "\n")
		var facts []string
		for _, c := range []column{colTool, colUsage, colAudience} {
			if !row.Failed() {
				facts = append(facts, hs[c]+colon+cells[c])
			}
		}
		if len(facts) > 0 {
			b.WriteString(indent(wrapWords(strings.Join(facts, " · "), width-2), "  ") + "\n")
		}
		label := hs[colReason]
		if row.Failed() {
			label = s.T("summary_error")
		}
		b.WriteString(indent(wrapWords(label+colon+cells[colReason], width-2), "  ") + "\n")
	}
	return b.String()
}

// table draws the six columns with Lip Gloss, cells wrapped to fit width,
// or says that they do not fit.
func (s *Summary) table(st summaryStyles, width int) (string, bool) {
	headers := s.headers()
	rows := s.cells()
	widths, ok := fitColumns(headers, rows, width)
	if !ok {
		return "", false
	}
	for _, r := range rows {
		for i := range r {
			r[i] = wrapWords(r[i], widths[i])
		}
	}
	for i := range headers {
		headers[i] = ansi.Truncate(headers[i], widths[i], "…")
	}
	pad := lipgloss.NewStyle().Padding(0, 1)
	tb := table.New().Border(lipgloss.RoundedBorder()).BorderStyle(st.border).Headers(headers...).Rows(rows...)
	tb.StyleFunc(func(row, col int) lipgloss.Style {
		switch {
		case row == table.HeaderRow:
			return pad.Inherit(st.header)
		case column(col) == colVerdict:
			return pad.Inherit(st.verdict(s.Rows[row]))
		}
		return pad.Inherit(st.cell)
	})
	return tb.String(), true
}

// columnCaps are the widest the file, tool, usage and audience columns
// become; beyond, their cells wrap.
var columnCaps = [numColumns]int{colFile: 36, colTool: 24, colUsage: 24, colAudience: 24}

// reasonMin is the narrowest the reason's column may be in the table; a
// terminal that cannot give it that much, with no other cell broken inside
// a word, gets the blocks.
const reasonMin = 30

// fitColumns returns the width of each column's text so that the table,
// with its borders and padding, fits in width, and whether it does. The
// verdict keeps its width; the file, the tool, the use and the audience
// take theirs up to their cap, then give way, the one furthest above its
// longest word first, while the reason has less than two fifths of the
// room (and at least reasonMin); the reason takes what they leave.
func fitColumns(headers []string, rows [][]string, width int) ([]int, bool) {
	natural := make([]int, numColumns)
	floor := make([]int, numColumns)
	for i := range natural {
		natural[i] = lipgloss.Width(headers[i])
		for _, r := range rows {
			natural[i] = max(natural[i], lipgloss.Width(r[i]))
			for _, w := range words(r[i]) {
				floor[i] = max(floor[i], lipgloss.Width(w))
			}
		}
	}
	avail := width - int(numColumns+1) - 2*int(numColumns) // borders, and a space each side of a cell
	widths := slices.Clone(natural)
	shrinkable := []column{colFile, colTool, colUsage, colAudience}
	for _, c := range shrinkable {
		widths[c] = min(natural[c], columnCaps[c])
		floor[c] = min(floor[c], widths[c])
	}
	others := func() int {
		sum := 0
		for c := range numColumns {
			if c != colReason {
				sum += widths[c]
			}
		}
		return sum
	}
	// the reason, the longest text, is given two fifths of the room, at
	// least reasonMin
	target := min(natural[colReason], max(reasonMin, avail*2/5))
	for avail-others() < target {
		pick := column(-1)
		for _, c := range shrinkable {
			if widths[c] > floor[c] && (pick < 0 || widths[c]-floor[c] > widths[pick]-floor[pick]) {
				pick = c
			}
		}
		if pick < 0 {
			break
		}
		widths[pick]--
	}
	widths[colReason] = min(natural[colReason], avail-others())
	return widths, width >= tableWidth && widths[colReason] >= min(reasonMin, natural[colReason])
}

// wrapWords wraps text at spaces to width columns, line by line. Unlike
// ansi.Wordwrap it never breaks at a hyphen: ids and file names (discord-
// classe) stay whole when they fit; one longer than the line is broken
// after a « / » if it has one, else where it must.
func wrapWords(text string, width int) string {
	if width <= 0 {
		return text
	}
	var out []string
	for para := range strings.SplitSeq(strings.TrimSuffix(text, "\n"), "\n") {
		line := ""
		for _, word := range glued(strings.Fields(para)) {
			for _, piece := range splitLong(word, width) {
				switch {
				case line == "":
					line = piece
				case ansi.StringWidth(line)+1+ansi.StringWidth(piece) <= width:
					line += " " + piece
				default:
					out = append(out, line)
					line = piece
				}
			}
		}
		out = append(out, line)
	}
	s := strings.Join(out, "\n")
	if strings.HasSuffix(text, "\n") {
		s += "\n"
	}
	return s
}

// glued joins to the word before it a French high punctuation mark set
// apart by a space (« l'institution : c'est »), so that no line starts
// with it.
func glued(fields []string) []string {
	out := fields[:0:0]
	for _, f := range fields {
		if len(out) > 0 && (f == ":" || f == ";" || f == "!" || f == "?" || f == "»") {
			out[len(out)-1] += " " + f
			continue
		}
		out = append(out, f)
	}
	return out
}

// words are the pieces of a cell wrapWords keeps whole: the words, a path
// broken after its slashes.
func words(s string) []string {
	var out []string
	for _, w := range strings.Fields(s) {
		out = append(out, strings.SplitAfter(w, "/")...)
	}
	return out
}

// splitLong cuts a word wider than width into lines: after its slashes
// when it has some, else at width.
func splitLong(word string, width int) []string {
	if ansi.StringWidth(word) <= width {
		return []string{word}
	}
	var out []string
	cur := ""
	for _, part := range strings.SplitAfter(word, "/") {
		if cur != "" && ansi.StringWidth(cur)+ansi.StringWidth(part) > width {
			out = append(out, cur)
			cur = ""
		}
		cur += part
	}
	if cur != "" {
		out = append(out, cur)
	}
	var fitted []string
	for _, p := range out {
		if ansi.StringWidth(p) > width {
			fitted = append(fitted, strings.Split(ansi.Hardwrap(p, width, true), "\n")...)
		} else {
			fitted = append(fitted, p)
		}
	}
	return fitted
}

// indent puts prefix before every line of s.
func indent(s, prefix string) string {
	return prefix + strings.ReplaceAll(s, "\n", "\n"+prefix)
}
