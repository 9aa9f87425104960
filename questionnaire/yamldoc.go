package questionnaire

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"github.com/conduite/conduite/internal/safetext"
)

// PosError is an error at a place in a file: `file:line:col: where: what`.
type PosError struct {
	File      string // file name as the user gave it, or the asset's name
	Line, Col int    // 1-based; 0 when unknown
	Path      string // the entry, like questions[3].options[1]; may be empty
	// What is wrong and what is allowed, in words from the texts (a
	// parser's own message is an argument of err_yaml).
	Text *Msg
}

// posErr is a PosError whose message comes from the texts.
func posErr(file string, line, col int, key string, args ...any) *PosError {
	return &PosError{File: file, Line: line, Col: col, Text: NewMsg(key, args...)}
}

// Error writes the file name and the message with their control
// characters escaped (safetext.Visible): a file named « b\x1b]0;x\a.yaml »
// is shown so, never acted on by the terminal.
func (e *PosError) Error() string { return e.render(englishTexts().For(EN)) }

// Unwrap returns the message.
func (e *PosError) Unwrap() error {
	if e.Text == nil {
		return nil
	}
	return e.Text
}

func (e *PosError) render(l Localizer) string {
	var b strings.Builder
	b.WriteString(safetext.Visible(e.File))
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", e.Line, e.Col)
	}
	b.WriteString(": ")
	if e.Path != "" {
		b.WriteString(safetext.Visible(e.Path))
		b.WriteString(": ")
	}
	if e.Text != nil {
		b.WriteString(safetext.VisibleLines(l.Error(e.Text)))
	}
	return b.String()
}

// yamlDoc is a parsed YAML (or JSON) file kept for error positions.
type yamlDoc struct {
	name string
	file *ast.File
	data []byte // the text parsed, for clampPos
	// prefix is the path of the part of the file a decoder reads as a
	// whole document (a profile's catalog section: "catalog."): errors
	// name and find their entry under it.
	prefix string
}

// sub is the part of the document under key, for code that validates it
// as a file of its own (errors keep the whole file's positions).
func (d *yamlDoc) sub(key string) *yamlDoc {
	s := *d
	s.prefix = d.prefix + key + "."
	return &s
}

// parseYAML parses data into an AST, turning syntax errors into PosErrors.
// Line breaks are made "\n" first: YAML reads "\r\n" and a lone "\r" as one
// line break each, but the parser counted some of them twice, giving
// positions past the end of the file (found by FuzzParseAnswers).
func parseYAML(name string, data []byte) (*yamlDoc, error) {
	data = normalizeBreaks(data)
	f, err := parser.ParseBytes(data, 0)
	if err != nil {
		return nil, clampPos(data, yamlError(name, err))
	}
	return &yamlDoc{name: name, file: f, data: data}, nil
}

// normalizeBreaks makes every line break "\n".
func normalizeBreaks(data []byte) []byte {
	if bytes.IndexByte(data, '\r') < 0 {
		return data
	}
	return bytes.ReplaceAll(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n")), []byte("\r"), []byte("\n"))
}

// body returns the first document's body, or nil for an empty file.
func (d *yamlDoc) body() ast.Node {
	if d == nil || d.file == nil || len(d.file.Docs) == 0 {
		return nil
	}
	return d.file.Docs[0].Body
}

// decodeStrict decodes the document into v, rejecting unknown keys.
func (d *yamlDoc) decodeStrict(v any) (err error) {
	body := d.body()
	if body == nil {
		return posErr(d.name, 0, 0, "err_empty_file")
	}
	// go-yaml (v1.19.2) panics on a tag without a value where a list is
	// expected (« sources: !x », found by FuzzWithCatalog): refuse such
	// tags first, at their place, and never let a panic of the decoder
	// through.
	// An alias (*name) is refused too: the decoder copies what it names,
	// so a few lines of aliases of aliases would expand into gigabytes, and
	// no catalog needs them.
	var bad ast.Node
	var msg *Msg
	ast.Walk(visitFunc(func(n ast.Node) bool {
		switch t := n.(type) {
		case *ast.TagNode:
			if _, null := t.Value.(*ast.NullNode); null || t.Value == nil {
				bad, msg = t, NewMsg("err_tag_no_value", "tag", t.Start.Value)
			}
		case *ast.AliasNode:
			bad, msg = t, NewMsg("err_alias")
		}
		return bad == nil
	}), body)
	if bad != nil {
		l, c := pos(bad)
		return clampPos(d.data, &PosError{File: d.name, Line: l, Col: c, Text: msg})
	}
	defer func() {
		if r := recover(); r != nil {
			err = posErr(d.name, 0, 0, "err_unreadable", "detail", fmt.Sprint(r))
		}
	}()
	if err := yaml.NodeToValue(body, v, yaml.DisallowUnknownField()); err != nil {
		return clampPos(d.data, yamlError(d.name, err))
	}
	return nil
}

// visitFunc walks an AST while it returns true.
type visitFunc func(ast.Node) bool

func (f visitFunc) Visit(n ast.Node) ast.Visitor {
	if n == nil || !f(n) {
		return nil
	}
	return f
}

// errorKey makes a PosError at the node reached by the path ($.a[1].b,
// without the leading "$." in what it prints), its words the text of key
// with args (see Localizer.T): for content authors and for the files users
// write alike.
func (d *yamlDoc) errorKey(path string, key string, args ...any) error {
	return d.at(&PosError{File: d.name, Path: path, Text: NewMsg(key, args...)})
}

// fieldKey is errorKey for a field of an entry (entry "" for the file's
// top level): at the field when it is written, else at the entry, else at
// the file's first line (a field left out has no position of its own);
// a document without a parsed file (the snapshot's) has no position.
func (d *yamlDoc) fieldKey(entry, field, key string, args ...any) error {
	path := field
	if entry != "" {
		path = entry + "." + field
	}
	err := d.errorKey(path, key, args...)
	if e, ok := err.(*PosError); ok && e.Line == 0 {
		if entry != "" {
			if at, ok := d.errorKey(entry, key, args...).(*PosError); ok {
				e.Line, e.Col = at.Line, at.Col
			}
		}
		if e.Line == 0 && d.file != nil {
			e.Line, e.Col = 1, 1
		}
	}
	return err
}

func (d *yamlDoc) at(e *PosError) error {
	if d.prefix != "" {
		e.Path = strings.TrimSuffix(d.prefix+e.Path, ".")
	}
	if p, err := yaml.PathString("$." + e.Path); err == nil && d.file != nil {
		if n, err := p.FilterFile(d.file); err == nil && n != nil {
			if tk := n.GetToken(); tk != nil && tk.Position != nil {
				e.Line, e.Col = tk.Position.Line, tk.Position.Column
			}
		}
	}
	return clampPos(d.data, e)
}

// clampPos keeps a PosError's position inside the text: the parser places
// a value left out (« tools: » and nothing after it) a column past the end
// of its line (found by FuzzWithCatalog); it then points at the line's end.
func clampPos(data []byte, err error) error {
	e, ok := err.(*PosError)
	if !ok || e.Line < 1 || data == nil {
		return err
	}
	lines := bytes.Split(data, []byte("\n"))
	if e.Line > len(lines) {
		e.Line = len(lines)
		e.Col = utf8.RuneCount(lines[e.Line-1]) + 1
	}
	if w := utf8.RuneCount(lines[e.Line-1]); e.Col > w+1 {
		e.Col = w + 1
	}
	e.Col = max(e.Col, 1)
	return e
}

// yamlError turns a go-yaml error into a PosError, keeping the position.
func yamlError(name string, err error) error {
	var ye yaml.Error
	if errors.As(err, &ye) {
		e := posErr(name, 0, 0, "err_yaml", "detail", cleanYAMLMessage(ye.GetMessage()))
		if tk := ye.GetToken(); tk != nil && tk.Position != nil {
			e.Line, e.Col = tk.Position.Line, tk.Position.Column
		}
		return e
	}
	return posErr(name, 0, 0, "err_yaml", "detail", cleanYAMLMessage(err.Error()))
}

func cleanYAMLMessage(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.Index(s, "\n"); i >= 0 {
		s = s[:i]
	}
	return s
}
