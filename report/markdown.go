package report

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"sync"
	"text/template"

	"github.com/conduite/conduite/questionnaire"
)

// TemplateMarkdown is the report template's path in the assets.
const TemplateMarkdown = "templates/report.md.tmpl"

var mdCache sync.Map // fs.FS → *template.Template

// markdownTemplate parses the Markdown template of the assets once.
func markdownTemplate(fsys fs.FS) (*template.Template, error) {
	if t, ok := mdCache.Load(fsys); ok {
		return t.(*template.Template), nil
	}
	src, err := fs.ReadFile(fsys, TemplateMarkdown)
	if err != nil {
		return nil, err
	}
	t, err := template.New("report.md").Option("missingkey=error").Funcs(template.FuncMap{
		"md":    EscapeMarkdown,
		"inc":   func(i int) int { return i + 1 },
		"upper": strings.ToUpper,
	}).Parse(string(src))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", TemplateMarkdown, err)
	}
	mdCache.Store(fsys, t)
	return t, nil
}

// WriteMarkdown writes the report as Markdown, from the template in assets.
func (d *Doc) WriteMarkdown(w io.Writer, c *questionnaire.Content) error {
	t, err := markdownTemplate(c.FS)
	if err != nil {
		return err
	}
	return t.Execute(w, d)
}

// Markdown returns the report as Markdown.
func (d *Doc) Markdown(c *questionnaire.Content) (string, error) {
	var b bytes.Buffer
	err := d.WriteMarkdown(&b, c)
	return b.String(), err
}

var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"<", `\<`, ">", `\>`, "#", `\#`, "|", `\|`, "\n", " ", "\r", " ",
)

// EscapeMarkdown makes user-given text (a tool's name, an author) inert in
// Markdown: it reads as itself, never as markup.
func EscapeMarkdown(s string) string { return mdEscaper.Replace(s) }
