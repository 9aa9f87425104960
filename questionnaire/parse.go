package questionnaire

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/goccy/go-yaml/ast"

	"github.com/conduite/conduite/internal/safetext"
)

// MaxAnswersSize is the largest answers file (and resume file) conduite
// reads: 64 KiB, a hundred times what the longest answers file takes.
const MaxAnswersSize = 64 << 10

// bom is the UTF-8 byte-order mark Notepad and PowerShell put first.
var bom = []byte("\xef\xbb\xbf")

// prepare is what every file from outside goes through before its parser:
// a leading byte-order mark is dropped (positions are then counted as an
// editor shows them, without it), line breaks are made "\n" (as YAML reads
// them), and the text is checked: size, UTF-8, no NUL, and the parse budget.
func prepare(name string, data []byte, b budget) ([]byte, error) {
	data = bytes.TrimPrefix(data, bom)
	if err := checkTextFile(name, data, b.maxBytes); err != nil {
		return nil, err
	}
	data = normalizeBreaks(data)
	if err := checkBudget(name, data, b); err != nil {
		return nil, err
	}
	return data, nil
}

// ParseAnswers reads an answers file (YAML or JSON, same keys) and checks
// every key, type and value against the questionnaire. Errors are PosErrors
// naming the file, line and column, what is wrong and what is allowed.
func (c *Content) ParseAnswers(name string, data []byte) (Answers, error) {
	data, err := prepare(name, data, answersBudget)
	if err != nil {
		return Answers{}, err
	}
	// JSON is read by the YAML parser too; a .json file gets JSON's own
	// syntax errors, which say more than YAML's about a missing comma.
	if strings.HasSuffix(strings.ToLower(name), ".json") {
		if err := checkJSONSyntax(name, data); err != nil {
			return Answers{}, err
		}
	}
	d, err := parseYAML(name, data)
	if err != nil {
		return Answers{}, err
	}
	body := d.body()
	if isEmptyNode(body) {
		return Answers{}, posErr(name, 0, 0, "err_answers_empty")
	}
	a, err := c.answersFromNode(name, body)
	if err != nil {
		// go-yaml can misplace a token after a malformed escape (found by
		// FuzzParseAnswers): a position always stays inside the file.
		return Answers{}, clampPos(d.data, err)
	}
	return a, nil
}

// checkTextFile refuses what is not a small UTF-8 text file.
func checkTextFile(name string, data []byte, limit int) error {
	if len(data) > limit {
		return posErr(name, 0, 0, "err_too_large", "size", len(data), "limit", limit, "kib", limit>>10)
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		line, col := lineCol(data, i)
		return posErr(name, line, col, "err_binary")
	}
	if !utf8.Valid(data) {
		i := 0
		for i < len(data) {
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			i += size
		}
		line, col := lineCol(data, i)
		return posErr(name, line, col, "err_utf8")
	}
	return nil
}

// checkJSONSyntax reports a JSON syntax error with its line and column.
func checkJSONSyntax(name string, data []byte) error {
	var v any
	err := json.Unmarshal(data, &v)
	if err == nil {
		return nil
	}
	e := posErr(name, 0, 0, "err_json", "detail", strings.TrimPrefix(err.Error(), "json: "))
	if se, ok := err.(*json.SyntaxError); ok {
		e.Line, e.Col = lineCol(data, int(se.Offset)-1)
	}
	return e
}

// lineCol turns a byte offset into a 1-based line and column (in runes).
func lineCol(data []byte, off int) (int, int) {
	off = max(0, min(off, len(data)))
	for off > 0 && off < len(data) && !utf8.RuneStart(data[off]) {
		off-- // inside a character: point at its first byte
	}
	before := data[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	start := bytes.LastIndexByte(before, '\n') + 1
	return line, utf8.RuneCount(before[start:]) + 1
}

func isEmptyNode(n ast.Node) bool {
	if n == nil {
		return true
	}
	switch n.(type) {
	case *ast.NullNode, *ast.CommentGroupNode, *ast.CommentNode:
		return true
	}
	return false
}

func pos(n ast.Node) (int, int) {
	if n == nil {
		return 0, 0
	}
	if tk := n.GetToken(); tk != nil && tk.Position != nil {
		return tk.Position.Line, tk.Position.Column
	}
	return 0, 0
}

// errAt is the PosError at node n, its words the text of key with args
// (see Localizer.T).
func errAt(name string, n ast.Node, path, key string, args ...any) error {
	l, c := pos(n)
	return &PosError{File: name, Line: l, Col: c, Path: path, Text: NewMsg(key, args...)}
}

// mappingPairs returns the key/value pairs of a mapping node.
func mappingPairs(n ast.Node) ([]*ast.MappingValueNode, bool) {
	switch m := n.(type) {
	case *ast.MappingNode:
		return m.Values, true
	case *ast.MappingValueNode:
		return []*ast.MappingValueNode{m}, true
	case *ast.TagNode:
		return mappingPairs(m.Value)
	}
	return nil, false
}

// describe names a node's type for a message: « a number », « a list »…
func describe(n ast.Node) *Msg {
	switch n.(type) {
	case *ast.StringNode, *ast.LiteralNode:
		return NewMsg("kind_text")
	case *ast.IntegerNode, *ast.FloatNode, *ast.InfinityNode, *ast.NanNode:
		return NewMsg("kind_number")
	case *ast.BoolNode:
		return NewMsg("kind_bool")
	case *ast.NullNode:
		return NewMsg("kind_null")
	case *ast.SequenceNode:
		return NewMsg("kind_list")
	case *ast.MappingNode, *ast.MappingValueNode:
		return NewMsg("kind_mapping")
	}
	return NewMsg("kind_other")
}

// scalar returns the string of a text node.
func scalar(n ast.Node) (string, bool) {
	switch s := n.(type) {
	case *ast.StringNode:
		return s.Value, true
	case *ast.LiteralNode:
		return strings.TrimSpace(s.Value.Value), true
	}
	return "", false
}

// answersFromNode checks a mapping of answers (a file's body, or a case's
// answers) and builds the Answers.
func (c *Content) answersFromNode(name string, body ast.Node) (Answers, error) {
	pairs, ok := mappingPairs(body)
	if !ok {
		return Answers{}, errAt(name, body, "", "err_answers_not_mapping", "found", describe(body))
	}
	a := Answers{vals: map[string][]string{}}
	seen := map[string]bool{}
	for _, p := range pairs {
		key, ok := scalar(p.Key)
		if !ok {
			return Answers{}, errAt(name, p.Key, "", "err_key_not_id", "found", describe(p.Key))
		}
		if seen[key] {
			return Answers{}, errAt(name, p.Key, key, "err_answered_twice")
		}
		seen[key] = true
		q, ok := c.Questions.Get(key)
		if !ok && !slices.Contains(MetaKeys, key) {
			keys := append(c.Questions.IDs(), MetaKeys...)
			return Answers{}, errAt(name, p.Key, "", "err_unknown_question", "q", quote(key), "hint", hint(key, keys), "allowed", quoteList(keys))
		}
		if isEmptyNode(p.Value) {
			continue // « usage: » left empty: not answered
		}
		if !ok {
			if err := c.setMeta(name, &a, key, p.Value); err != nil {
				return Answers{}, err
			}
			continue
		}
		vals, err := c.questionValues(name, q, p.Value)
		if err != nil {
			return Answers{}, err
		}
		a.vals[key] = vals
	}
	return a, nil
}

func (c *Content) setMeta(name string, a *Answers, key string, n ast.Node) error {
	s, ok := scalar(n)
	if !ok {
		return errAt(name, n, key, "err_expected_text", "found", describe(n))
	}
	// Free text from a file: nothing in it may reach a terminal or a report
	// as a control (safetext); cleaned here, once, where it comes in.
	s = strings.TrimSpace(safetext.Line(s))
	switch key {
	case KeyToolName:
		a.Meta.ToolName = s
	case KeyReferentiel:
		if _, err := c.Referentiels.Lookup(s); err != nil {
			return errAt(name, n, key, "err_plain", "err", err)
		}
		a.Meta.Referentiel = s
	case KeyEtablissement:
		a.Meta.Etablissement = s
	case KeyAuteur:
		a.Meta.Auteur = s
	}
	return nil
}

// questionValues checks the value node of one question.
func (c *Content) questionValues(name string, q *Question, n ast.Node) ([]string, error) {
	if q.Kind != KindMulti {
		s, ok := scalar(n)
		if !ok {
			return nil, errAt(name, n, q.ID, "err_expected_one", "found", describe(n), "allowed", c.allowed(q))
		}
		if err := c.checkValue(name, n, q, s); err != nil {
			return nil, err
		}
		return []string{s}, nil
	}
	var items []ast.Node
	switch s := n.(type) {
	case *ast.SequenceNode:
		items = s.Values
	default:
		items = []ast.Node{n} // « donnees: identite » reads as a list of one
	}
	var vals []string
	for _, it := range items {
		s, ok := scalar(it)
		if !ok {
			return nil, errAt(name, it, q.ID, "err_expected_list", "found", describe(it), "allowed", c.allowed(q))
		}
		if err := c.checkValue(name, it, q, s); err != nil {
			return nil, err
		}
		if slices.Contains(vals, s) {
			return nil, errAt(name, it, q.ID, "err_listed_twice", "v", quote(s))
		}
		vals = append(vals, s)
	}
	if len(vals) == 0 {
		return nil, errAt(name, n, q.ID, "err_empty_list", "allowed", c.allowed(q))
	}
	if len(vals) > 1 {
		for _, v := range vals {
			if q.IsExclusive(v) {
				return nil, errAt(name, n, q.ID, "err_exclusive", "v", quote(v))
			}
		}
	}
	return vals, nil
}

func (c *Content) allowed(q *Question) any {
	if q.Kind == KindTool {
		return NewMsg("allowed_tool")
	}
	return quoteList(q.Values())
}

func (c *Content) checkValue(name string, n ast.Node, q *Question, v string) error {
	if _, ok := q.Option(v); ok {
		return nil
	}
	if q.Kind == KindTool {
		h := hint(v, q.Values())
		if h == "" {
			if found := c.Catalog.Search(v); len(found) > 0 {
				h = NewMsg("err_did_you_mean", "s", quote(found[0].ID))
			}
		}
		return errAt(name, n, q.ID, "err_unknown_tool", "v", quote(v), "hint", h, "allowed", c.allowed(q))
	}
	return errAt(name, n, q.ID, "err_invalid_value", "v", quote(v), "hint", hint(v, q.Values()), "allowed", c.allowed(q))
}

// Missing lists the questions that apply to the answers but are not
// answered (for --strict); the optional tool question is never missing.
func (c *Content) Missing(a Answers) []string {
	r := c.Resolve(a)
	var ids []string
	for _, q := range c.Questions.List {
		if q.Kind == KindTool {
			continue
		}
		if r.Origins[q.ID] == OriginAssumed {
			ids = append(ids, q.ID)
		}
	}
	return ids
}
