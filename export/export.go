// Package export turns a report into a file that leaves the terminal: the
// Markdown, HTML or JSON bytes of a report.Doc, a file name to propose, and a
// write that is atomic and never overwrites a file without being told to.
// The wizard and `conduite evaluate --output` both use it.
package export

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/conduite/conduite/questionnaire"
	"github.com/conduite/conduite/report"
)

// Format is the format of an exported report.
type Format string

// The export formats.
const (
	Markdown Format = "markdown"
	HTML     Format = "html"
	JSON     Format = "json"
)

// Formats lists the export formats, in the order help texts name them.
var Formats = []Format{Markdown, HTML, JSON}

// extensions maps a lower-case file extension to its format.
var extensions = map[string]Format{
	".md":       Markdown,
	".markdown": Markdown,
	".html":     HTML,
	".htm":      HTML,
	".json":     JSON,
}

// allowedExtensions is for messages.
const allowedExtensions = ".md, .markdown, .html, .htm, .json"

// Ext returns the usual file extension of the format, with its dot.
func (f Format) Ext() string {
	switch f {
	case Markdown:
		return ".md"
	case HTML:
		return ".html"
	case JSON:
		return ".json"
	}
	return ""
}

// ParseFormat reads a format name (markdown, md, html, json).
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "markdown", "md":
		return Markdown, nil
	case "html", "htm":
		return HTML, nil
	case "json":
		return JSON, nil
	}
	return "", questionnaire.NewMsg("err_export_format", "v", strconv.Quote(s))
}

// FormatFromPath picks the format from the file's extension.
func FormatFromPath(path string) (Format, error) {
	ext := strings.ToLower(filepath.Ext(path))
	if f, ok := extensions[ext]; ok {
		return f, nil
	}
	if ext == "" {
		return "", questionnaire.NewMsg("err_no_extension", "path", path, "allowed", allowedExtensions)
	}
	return "", questionnaire.NewMsg("err_unknown_extension", "path", path, "ext", strconv.Quote(ext), "allowed", allowedExtensions)
}

// Render returns the report in the format. The content c provides the
// templates; the bytes are complete or an error is returned, never half a
// report.
func Render(doc *report.Doc, c *questionnaire.Content, f Format) ([]byte, error) {
	var b bytes.Buffer
	var err error
	switch f {
	case Markdown:
		err = doc.WriteMarkdown(&b, c)
	case HTML:
		err = doc.WriteHTML(&b, c)
	case JSON:
		err = doc.WriteJSON(&b)
	default:
		return nil, fmt.Errorf("unknown export format %q; allowed: markdown, html, json", f)
	}
	if err != nil {
		return nil, fmt.Errorf("rendering the %s report: %w", f, err)
	}
	return b.Bytes(), nil
}
