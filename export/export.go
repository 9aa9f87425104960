// Package export turns a report into a file that leaves the terminal: the
// Markdown, HTML, JSON or PDF bytes of a report.Doc, a file name to propose, and a
// write that is atomic and never overwrites a file without being told to.
// The wizard and `conduite evaluate --output` both use it. The formats and
// their writers are report's table of formats (report.FileFormats).
package export

import (
	"bytes"
	"fmt"
	"strconv"

	"github.com/conduite/conduite/questionnaire"
	"github.com/conduite/conduite/report"
)

// Format is the format of an exported report: one of report's table.
type Format = report.Format

// The export formats.
const (
	Markdown = report.Markdown
	HTML     = report.HTML
	JSON     = report.JSON
	PDF      = report.PDF
)

// Formats lists the export formats, in the order help texts name them: the
// formats of the table that have a report writer and a file extension.
var Formats = report.FileFormats

// ParseFormat reads an export format's name or alias (markdown, md, html,
// htm, json, pdf).
func ParseFormat(s string) (Format, error) {
	f, err := Formats.Parse(s)
	if err != nil {
		return "", questionnaire.NewMsg("err_export_format", "v", strconv.Quote(s), "allowed", Formats.String())
	}
	return f, nil
}

// FormatFromPath picks the format from the file's extension.
func FormatFromPath(path string) (Format, error) { return Formats.FromPath(path) }

// Render returns the report in the format; the document carries the
// templates. The bytes are complete or an error is returned, never half a
// report.
func Render(doc *report.Doc, f Format) ([]byte, error) {
	if !Formats.Has(f) {
		return nil, fmt.Errorf("unknown export format %q; allowed: %s", f, Formats)
	}
	var b bytes.Buffer
	if err := doc.Write(&b, f, report.Output{}); err != nil {
		return nil, fmt.Errorf("rendering the %s report: %w", f, err)
	}
	return b.Bytes(), nil
}
