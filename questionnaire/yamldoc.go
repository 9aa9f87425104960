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
)

// PosError is an error at a place in a file: `file:line:col: where: what`.
type PosError struct {
	File      string // file name as the user gave it, or the asset's name
	Line, Col int    // 1-based; 0 when unknown
	Path      string // the entry, like questions[3].options[1]; may be empty
	Msg       string // what is wrong and what is allowed
}

func (e *PosError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", e.Line, e.Col)
	}
	b.WriteString(": ")
	if e.Path != "" {
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// yamlDoc is a parsed YAML (or JSON) file kept for error positions.
type yamlDoc struct {
	name string
	file *ast.File
	data []byte // the text parsed, for clampPos
}

// parseYAML parses data into an AST, turning syntax errors into PosErrors.
// Line breaks are made "\n" first: YAML reads "\r\n" and a lone "\r" as one
// line break each, but the parser counted some of them twice, giving
// positions past the end of the file (found by FuzzParseAnswers).
func parseYAML(name string, data []byte) (*yamlDoc, error) {
	if bytes.IndexByte(data, '\r') >= 0 {
		data = bytes.ReplaceAll(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n")), []byte("\r"), []byte("\n"))
	}
	f, err := parser.ParseBytes(data, 0)
	if err != nil {
		return nil, clampPos(data, yamlError(name, err))
	}
	return &yamlDoc{name: name, file: f, data: data}, nil
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
		return &PosError{File: d.name, Msg: "empty file"}
	}
	// go-yaml (v1.19.2) panics on a tag without a value where a list is
	// expected (« sources: !x », found by FuzzWithCatalog): refuse such
	// tags first, at their place, and never let a panic of the decoder
	// through.
	var bad *ast.TagNode
	ast.Walk(visitFunc(func(n ast.Node) bool {
		if t, ok := n.(*ast.TagNode); ok && bad == nil {
			if _, null := t.Value.(*ast.NullNode); null || t.Value == nil {
				bad = t
			}
		}
		return bad == nil
	}), body)
	if bad != nil {
		l, c := pos(bad)
		return clampPos(d.data, &PosError{File: d.name, Line: l, Col: c, Msg: fmt.Sprintf("tag %s without a value", bad.Start.Value)})
	}
	defer func() {
		if r := recover(); r != nil {
			err = &PosError{File: d.name, Msg: fmt.Sprintf("this file cannot be read (%v); check its tags (!…) and indentation", r)}
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

// errorf makes a PosError at the node reached by the path ($.a[1].b, without
// the leading "$." in what it prints).
func (d *yamlDoc) errorf(path string, format string, args ...any) error {
	e := &PosError{File: d.name, Path: path, Msg: fmt.Sprintf(format, args...)}
	if p, err := yaml.PathString("$." + path); err == nil && d.file != nil {
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
		e := &PosError{File: name, Msg: cleanYAMLMessage(ye.GetMessage())}
		if tk := ye.GetToken(); tk != nil && tk.Position != nil {
			e.Line, e.Col = tk.Position.Line, tk.Position.Column
		}
		return e
	}
	return &PosError{File: name, Msg: cleanYAMLMessage(err.Error())}
}

func cleanYAMLMessage(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.Index(s, "\n"); i >= 0 {
		s = s[:i]
	}
	return s
}
