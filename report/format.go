package report

import (
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/conduite/conduite/questionnaire"
)

// Format is an output format: of a report (Doc), of the triage table
// (Summary), or both.
type Format string

// The output formats.
const (
	Terminal Format = "terminal"
	Markdown Format = "markdown"
	HTML     Format = "html"
	JSON     Format = "json"
	CSV      Format = "csv"
	PDF      Format = "pdf"
)

// Output is where a writer writes: a terminal of some width, or not.
type Output struct {
	TTY   bool  // a terminal: Terminal is rendered, else it is Markdown
	Width int   // the terminal's width; 0 when unknown
	Style Style // the terminal's style (StyleNoColor: no colour)
}

// FormatSpec is one line of the table of formats: its name, the other
// names it is known by, its file extensions (the usual one first; none for
// what is not a file) and its writers. A nil writer means the format is not
// offered for that document.
type FormatSpec struct {
	Name    Format
	Aliases []string
	Exts    []string
	// Report writes a report in the format.
	Report func(w io.Writer, d *Doc, o Output) error
	// Summary writes the triage table in the format.
	Summary func(w io.Writer, s *Summary, o Output) error
	// Binary is a format that is no text: never printed to a terminal.
	Binary bool
}

// formatTable is the table of output formats, in the order help texts and
// completion name them. A new format is one line here: the flags, their
// help and completion, the parsing and the extension inference follow.
var formatTable = []FormatSpec{
	{Name: Terminal, Report: writeReportTerminal, Summary: writeSummaryTerminal},
	{Name: Markdown, Aliases: []string{"md"}, Exts: []string{".md", ".markdown"},
		Report: func(w io.Writer, d *Doc, _ Output) error { return d.WriteMarkdown(w) }, Summary: writeSummaryMarkdown},
	{Name: HTML, Aliases: []string{"htm"}, Exts: []string{".html", ".htm"},
		Report: func(w io.Writer, d *Doc, _ Output) error { return d.WriteHTML(w) }},
	{Name: JSON, Exts: []string{".json"},
		Report: func(w io.Writer, d *Doc, _ Output) error { return d.WriteJSON(w) }, Summary: writeSummaryJSON},
	{Name: CSV, Exts: []string{".csv"}, Summary: writeSummaryCSV},
	{Name: PDF, Exts: []string{".pdf"}, Binary: true,
		Report: func(w io.Writer, d *Doc, _ Output) error { return d.WritePDF(w) }},
}

// Spec returns the table's line of the format.
func (f Format) Spec() (FormatSpec, bool) {
	for _, s := range formatTable {
		if s.Name == f {
			return s, true
		}
	}
	return FormatSpec{}, false
}

// Binary reports whether the format is no text (PDF): printed to a
// terminal, it would be garbage.
func (f Format) Binary() bool {
	s, ok := f.Spec()
	return ok && s.Binary
}

// Ext returns the usual file extension of the format, with its dot; "" for
// what is not a file.
func (f Format) Ext() string {
	if s, ok := f.Spec(); ok && len(s.Exts) > 0 {
		return s.Exts[0]
	}
	return ""
}

// Formats is a set of formats offered in one place (a flag), in the
// table's order.
type Formats []Format

// formatsWhere lists the table's formats that satisfy keep.
func formatsWhere(keep func(FormatSpec) bool) Formats {
	var out Formats
	for _, s := range formatTable {
		if keep(s) {
			out = append(out, s.Name)
		}
	}
	return out
}

// The sets of formats, read from the table.
var (
	// AllFormats are every format.
	AllFormats = formatsWhere(func(FormatSpec) bool { return true })
	// ReportFormats are the formats of a report printed (evaluate FILE).
	ReportFormats = formatsWhere(func(s FormatSpec) bool { return s.Report != nil })
	// FileFormats are the formats of a report written to a file (--output,
	// --report-format, the wizard's export).
	FileFormats = formatsWhere(func(s FormatSpec) bool { return s.Report != nil && len(s.Exts) > 0 })
	// SummaryFormats are the formats of the triage table (evaluate DIR).
	SummaryFormats = formatsWhere(func(s FormatSpec) bool { return s.Summary != nil })
	// PageFormats are the formats of the other listings (cases, tools).
	PageFormats = Formats{Terminal, Markdown, JSON}
)

// Names returns the names of the set.
func (fs Formats) Names() []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = string(f)
	}
	return out
}

// String lists the names for messages and help: « markdown, html, json ».
func (fs Formats) String() string { return strings.Join(fs.Names(), ", ") }

// Has reports whether the set holds f.
func (fs Formats) Has(f Format) bool { return slices.Contains(fs, f) }

// Parse reads a format name or alias of the set, ignoring case.
func (fs Formats) Parse(s string) (Format, error) {
	want := strings.ToLower(strings.TrimSpace(s))
	for _, f := range fs {
		spec, _ := f.Spec()
		if want == string(f) || slices.Contains(spec.Aliases, want) {
			return f, nil
		}
	}
	return "", questionnaire.NewMsg("cli_unknown_format", "flag", "--format", "v", strconv.Quote(s), "allowed", fs.String())
}

// Exts lists the file extensions of the set, for messages.
func (fs Formats) Exts() []string {
	var out []string
	for _, f := range fs {
		spec, _ := f.Spec()
		out = append(out, spec.Exts...)
	}
	return out
}

// FromPath picks the format of the set from the file's extension.
func (fs Formats) FromPath(path string) (Format, error) {
	ext := strings.ToLower(filepath.Ext(path))
	for _, f := range fs {
		spec, _ := f.Spec()
		if ext != "" && slices.Contains(spec.Exts, ext) {
			return f, nil
		}
	}
	allowed := strings.Join(fs.Exts(), ", ")
	if ext == "" {
		return "", questionnaire.NewMsg("err_no_extension", "path", path, "allowed", allowed)
	}
	return "", questionnaire.NewMsg("err_unknown_extension", "path", path, "ext", strconv.Quote(ext), "allowed", allowed)
}

// Completion returns the set for shell completion: each name with its
// file extensions as its description.
func (fs Formats) Completion() []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		spec, _ := f.Spec()
		out[i] = string(f)
		if len(spec.Exts) > 0 {
			out[i] += "\t" + strings.Join(spec.Exts, " ")
		}
	}
	return out
}

// Write writes the report in the format.
func (d *Doc) Write(w io.Writer, f Format, o Output) error {
	spec, ok := f.Spec()
	if !ok || spec.Report == nil {
		return questionnaire.NewMsg("err_export_format", "v", strconv.Quote(string(f)))
	}
	return spec.Report(w, d, o)
}

// writeReportTerminal renders the report with glamour on a terminal (at
// most 120 columns wide, 80 when the width is unknown), and writes plain
// Markdown elsewhere.
func writeReportTerminal(w io.Writer, d *Doc, o Output) error {
	if !o.TTY {
		return d.WriteMarkdown(w)
	}
	md, err := d.Markdown()
	if err != nil {
		return err
	}
	return WriteTerminalMarkdown(w, md, o)
}

// WriteTerminalMarkdown renders Markdown for the output: with glamour on a
// terminal (at most 120 columns wide, 80 when unknown), as it is elsewhere.
func WriteTerminalMarkdown(w io.Writer, md string, o Output) error {
	if !o.TTY {
		_, err := io.WriteString(w, md)
		return err
	}
	s, err := RenderTerminal(md, o.reportWidth(), o.Style)
	if err != nil {
		return err
	}
	_, err = io.WriteString(w, s)
	return err
}

// reportWidth is the width a document is rendered at: the terminal's, at
// most 120, 80 when unknown.
func (o Output) reportWidth() int {
	if o.Width > 0 {
		return min(o.Width, 120)
	}
	return 80
}
