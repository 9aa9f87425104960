package report

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"strings"
	"sync"

	"github.com/conduite/conduite/questionnaire"
)

// TemplateHTML is the HTML report template's path in the assets.
const TemplateHTML = "templates/report.html.tmpl"

var htmlCache sync.Map // fs.FS → *template.Template

// htmlTemplate parses the HTML template of the assets once.
func htmlTemplate(fsys fs.FS) (*template.Template, error) {
	if t, ok := htmlCache.Load(fsys); ok {
		return t.(*template.Template), nil
	}
	src, err := fs.ReadFile(fsys, TemplateHTML)
	if err != nil {
		return nil, err
	}
	t, err := template.New("report.html").Option("missingkey=error").Funcs(template.FuncMap{
		"upper": strings.ToUpper,
		"inc":   func(i int) int { return i + 1 },
		// the charts are built by RiskSVG, which escapes every text itself
		"riskWide":   func(d *Doc) template.HTML { return template.HTML(d.RiskSVG(ChartWide, "risk-wide-")) },     //nolint:gosec // escaped in RiskSVG
		"riskNarrow": func(d *Doc) template.HTML { return template.HTML(d.RiskSVG(ChartNarrow, "risk-narrow-")) }, //nolint:gosec // escaped in RiskSVG
		"cite":       (*Doc).SourceNumber,
		// a link only to an https address (javascript: is already
		// defused by html/template, http: and data: are not)
		"https": questionnaire.IsHTTPSURL,
	}).Parse(string(src))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", TemplateHTML, err)
	}
	htmlCache.Store(fsys, t)
	return t, nil
}

// WriteHTML writes the report as one standalone HTML page (inline CSS, an
// inline SVG risk chart, no script, no external resource), from the template
// in assets. User-given text is escaped by html/template.
func (d *Doc) WriteHTML(w io.Writer) error {
	t, err := htmlTemplate(d.fsys)
	if err != nil {
		return err
	}
	var b bytes.Buffer // whole or nothing
	if err := t.Execute(&b, d); err != nil {
		return err
	}
	_, err = w.Write(b.Bytes())
	return err
}

// SourceNumber returns the 1-based number of a source in the document's list
// of sources (0 when it is not there), for citations such as [2].
func (d *Doc) SourceNumber(id string) int {
	for i, s := range d.Sources {
		if s.ID == id {
			return i + 1
		}
	}
	return 0
}
