package report

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"sync"
	"text/template"
	"unicode"

	"github.com/conduite/conduite/internal/lazyregexp"
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
		"md":     EscapeMarkdown,
		"mdurl":  MarkdownURL,
		"mdcode": MarkdownCode,
		"inc":    func(i int) int { return i + 1 },
		"upper":  strings.ToUpper,
	}).Parse(string(src))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", TemplateMarkdown, err)
	}
	mdCache.Store(fsys, t)
	return t, nil
}

// WriteMarkdown writes the report as Markdown, from the template in assets.
func (d *Doc) WriteMarkdown(w io.Writer) error {
	t, err := markdownTemplate(d.fsys)
	if err != nil {
		return err
	}
	return t.Execute(w, d)
}

// Markdown returns the report as Markdown.
func (d *Doc) Markdown() (string, error) {
	var b bytes.Buffer
	err := d.WriteMarkdown(&b)
	return b.String(), err
}

// mdEscaper escapes one character at a time (a byte replacer: a text with
// nothing to escape is returned as it is, without a copy).
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"<", `\<`, ">", `\>`, "#", `\#`, "|", `\|`, "~", `\~`, "@", `\@`,
	"\n", " ", "\r", " ",
)

// mdAutolinks breaks what GFM looks for to link a bare address (www.x.fr,
// https://x.fr; moi@x.fr is broken by the escaped @), so that it stays text.
var mdAutolinks = strings.NewReplacer("://", `\://`, "www.", `www\.`)

// EscapeMarkdown makes a text that is not conduite's own (a tool's name,
// an author, a catalog entry, a source's title) inert in Markdown: it reads
// as itself, on one line, never as markup (HTML, a link, a heading,
// emphasis, strikethrough, an entity, a table cell's end). Spaces at its
// ends are dropped, any Unicode space: Markdown would not show them, before
// a line's end two of them would make a line break, and inside « **…** »
// one would undo the emphasis (a delimiter next to a space does not open
// or close it).
//
// At a line's start (a note is a paragraph of its own) a text could still
// open a list, a thematic break or a setext underline: its first -, + or
// =, or the . or ) after a leading number, is escaped too.
func EscapeMarkdown(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.TrimFunc(mdEscaper.Replace(s), unicode.IsSpace)
	if strings.Contains(s, "://") || strings.Contains(s, "www.") {
		s = mdAutolinks.Replace(s)
	}
	if strings.Contains(s, "&") {
		s = mdEntity.ReplaceAllString(s, `\&$1`)
	}
	switch {
	case s == "":
	case strings.ContainsRune("-+=", rune(s[0])):
		return `\` + s
	case s[0] >= '0' && s[0] <= '9':
		return mdOrdered.ReplaceAllString(s, `$1\$2`)
	}
	return s
}

var (
	// mdEntity is an & that would start an entity (&amp; &#60;); a lone
	// « & » is text as it is.
	mdEntity = lazyregexp.New(`&([A-Za-z0-9#])`)
	// mdOrdered is the start of an ordered list item (« 1. », « 12) »).
	mdOrdered = lazyregexp.New(`^([0-9]{1,9})([.)])`)
)

// MarkdownURL writes an address: an autolink when it is an https URL (see
// questionnaire.IsHTTPSURL), else a code span, which shows it as it is and
// is no link a reader can follow.
func MarkdownURL(u string) string {
	if questionnaire.IsHTTPSURL(u) {
		return "<" + u + ">"
	}
	return MarkdownCode(u)
}

// MarkdownCode writes s as a code span, whatever backticks it holds: the
// fence is one backtick longer than its longest run of them.
func MarkdownCode(s string) string {
	s = strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' }), " ")
	run, longest := 0, 0
	for _, r := range s {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") || (strings.HasPrefix(s, " ") && strings.HasSuffix(s, " ") && strings.Trim(s, " ") != "") {
		s = " " + s + " " // CommonMark strips one space each side
	}
	return fence + s + fence
}
