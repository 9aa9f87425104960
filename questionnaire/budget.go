package questionnaire

import (
	"bytes"
	"slices"
)

// The YAML parser (goccy/go-yaml v1.19.2) is quadratic in the nesting depth
// and in the number of keys of one mapping: a 200 KB answers file nested
// 100,000 levels deep took more than 14 GB of memory, 100,000 keys 49 s. So
// before any file from outside is parsed, a linear scan bounds what the
// parser will be asked (see docs/inputs.md):
//
//   - the size;
//   - the nesting depth: block levels (indentation, « - » items, several on
//     one line included) plus flow levels ([ ] and { });
//   - the entries (keys and list items) of one mapping or list;
//   - the entries of the whole file.
//
// The limits leave a wide margin over what the files need; measured on
// this machine, a file at every limit at once parses in milliseconds.
type budget struct {
	what     string // the text key of "an answers file"
	maxBytes int
	maxDepth int
	maxKeys  int    // keys of one mapping (the parser is quadratic there)
	maxItems int    // items of one list
	maxTotal int    // keys and items in the file
	needs    string // the text key of what such a file needs
}

// An answers file is one mapping of about fifteen keys (11 questions and 4
// others), one of them a list of at most a dozen values: depth 2, 30
// entries (a list of values has at most a dozen). The resume file is an
// answers file.
var answersBudget = budget{
	what: "budget_answers", maxBytes: MaxAnswersSize, maxDepth: 8, maxKeys: 64, maxItems: 256, maxTotal: 2048,
	needs: "budget_answers_needs",
}

// A catalog file is the format of catalog.yaml (71 KB, 873 lines, 39 tools,
// about 1,300 keys and items, depth 5: tools, an entry, its alternative, a
// list in it; an entry has about 15 keys). An override is usually a few
// entries; the limits let it be several times the whole catalog: 10,000
// keys and items in all (nearly eight times), 200 keys in one mapping, 2,000
// items in one list, depth 12, 512 KiB.
var catalogBudget = budget{
	what: "budget_catalog", maxBytes: MaxCatalogSize, maxDepth: 12, maxKeys: 200, maxItems: 2000, maxTotal: 20000,
	needs: "budget_catalog_needs",
}

// checkBudget scans data (line breaks already "\n") and refuses it, at the
// place where a limit is first passed, when the parser would be asked more
// than b allows.
func checkBudget(name string, data []byte, b budget) error {
	s := newScanner(data, b)
	if off, msg := s.run(); msg != nil {
		line, col := lineCol(data, off)
		return &PosError{File: name, Line: line, Col: col, Text: msg}
	}
	return nil
}

const (
	kindMap = iota
	kindSeq
)

type level struct {
	col, kind, n int
	colons       int // flow: the « : » of the current entry, each a level
}

// scanner is a linear, approximate reader of YAML's structure: it follows
// indentation, « - » items, « key: », flow brackets, quoted texts, comments
// and block texts (| and >), enough to count levels and entries as the
// parser will see them, never fewer.
type scanner struct {
	data   []byte
	b      budget
	block  []level // open block collections, innermost last
	flow   []level // open flow collections (col unused)
	total  int
	colons int  // the colons of every open flow entry
	quote  byte // inside a quoted text: ' or "
	bsCol  int  // inside a block text: its lines are indented more than this
	// bsIndent: the block text's indentation, from its first line (-1
	// before it); a line indented less ends the text
	bsIndent int
	inBS     bool
	// pending: a tag or an anchor ended the last line (or a « : » began
	// this one): the next entry is its node, a level down
	pending bool
	// emptyCol: the column of the last entry when nothing followed it on
	// its line (-1 otherwise): an entry of the other kind at that column is
	// its value, a level down
	emptyCol int
	errOff   int
	errMsg   *Msg
	// the most seen: depth, entries of one collection (for the tests that
	// keep the limits well above what real files need)
	seenDepth, seenItems int
}

func newScanner(data []byte, b budget) *scanner {
	return &scanner{data: data, b: b, emptyCol: -1}
}

func (s *scanner) run() (int, *Msg) {
	data := s.data
	for start := 0; start <= len(data) && s.errMsg == nil; {
		end := bytes.IndexByte(data[start:], '\n')
		if end < 0 {
			end = len(data)
		} else {
			end += start
		}
		s.line(start, end)
		start = end + 1
	}
	return s.errOff, s.errMsg
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' }

// endsToken reports whether the byte at i ends a token: a blank, the end
// of the line, or in flow context a flow indicator.
func (s *scanner) endsToken(i, end int) bool {
	if i >= end || isBlank(s.data[i]) {
		return true
	}
	switch s.data[i] {
	case ',', '[', ']', '{', '}':
		return len(s.flow) > 0
	}
	return false
}

func (s *scanner) line(start, end int) {
	data := s.data
	i := start
	for i < end && isBlank(data[i]) {
		i++
	}
	indent := i - start
	if s.inBS {
		if i == end {
			return // an empty line of the block text
		}
		if s.bsIndent < 0 && indent > s.bsCol {
			s.bsIndent = indent // the first line sets the text's indentation
		}
		if s.bsIndent >= 0 && indent >= s.bsIndent {
			return // a line of the block text
		}
		s.inBS = false
	}
	if i < end && (s.quote != 0 || len(s.flow) > 0) {
		switch {
		case s.docMarker(start, end):
			// a document marker ends any quoted text or flow collection
			s.quote, s.colons, s.flow = 0, 0, s.flow[:0]
		case len(s.block) == 0 && s.quote != 0, len(s.block) > 0 && indent <= s.block[len(s.block)-1].col:
			// A quoted text or a flow collection that goes on at its
			// block's column (or lower): the parser may take it as it
			// goes on (« a: [\n0, 0] »), or the scan took for a quote or a
			// bracket what was text of a plain scalar, and the line is
			// structure (« a: b\n "\n- - -… »). Both are counted: the line
			// is read as structure first, then as the continuation (found
			// by FuzzBudgetNeverUndercounts).
			quote, colons, flow := s.quote, s.colons, slices.Clone(s.flow)
			s.quote, s.colons, s.flow = 0, 0, s.flow[:0]
			s.tokens(start, i, end, false)
			s.quote, s.colons, s.flow, s.inBS = quote, colons, flow, false
		}
	}
	pos, afterQuote := i, false
	if s.quote != 0 {
		if pos = s.skipQuote(start, end); pos < 0 {
			return // the quoted text goes on
		}
		afterQuote = true
	} else {
		if i == end || data[i] == '#' {
			return // empty or a comment
		}
		if len(s.flow) == 0 && s.docMarker(start, end) {
			// a new document; the parser reads what follows the marker on
			// its line as a node (« ...- », found by FuzzBudgetNeverUndercounts)
			s.block, s.pending, s.emptyCol = s.block[:0], false, -1
			pos = start + 3
		}
	}
	s.tokens(start, pos, end, afterQuote)
}

// docMarker reports whether the line is a document marker (--- or ...).
func (s *scanner) docMarker(start, end int) bool {
	d := s.data[start:end]
	return bytes.HasPrefix(d, []byte("---")) || bytes.HasPrefix(d, []byte("..."))
}

// skipQuote goes past the end of the quoted text that runs at start, and
// returns the offset after its closing quote, or -1 when the text goes on
// past this line.
func (s *scanner) skipQuote(start, end int) int {
	data := s.data
	for i := start; i < end; i++ {
		switch c := data[i]; {
		case s.quote == '"' && c == '\\':
			i++
		case c == s.quote && s.quote == '\'' && i+1 < end && data[i+1] == '\'':
			i++
		case c == s.quote:
			s.quote = 0
			return i + 1
		}
	}
	return -1
}

// tokens reads the rest of a line from pos: the first non-blank byte of
// the line, or the byte after a quoted text that began on an earlier line.
func (s *scanner) tokens(lineStart, pos, end int, afterQuote bool) {
	data := s.data
	nodeStart := !afterQuote
	tokCol := pos - lineStart // where the current node began
	propCol := -1             // where its tag or anchor began, if any: the parser places the node there
	for i := pos; i < end && s.errMsg == nil; {
		c := data[i]
		if isBlank(c) {
			i++
			continue
		}
		if c == '#' && (i == lineStart || isBlank(data[i-1])) {
			return
		}
		if nodeStart {
			switch {
			case c == '-' && len(s.flow) == 0 && s.endsToken(i+1, end):
				s.enter(kindSeq, i-lineStart, i)
				s.markEmpty(i-lineStart, lineStart, i+1, end)
				i++
				continue
			case c == '-' && (i+1 >= end || isBlank(data[i+1])):
				// in a flow collection, the parser reads « [- 0] » as a list
				// in the list (found by FuzzBudgetNeverUndercounts): a level
				s.flowColon(i)
				i++
				continue
			case c == '?' && s.endsToken(i+1, end):
				// an explicit key (found by FuzzBudgetNeverUndercounts): the
				// key's node follows
				if len(s.flow) > 0 {
					s.flowColon(i)
				} else {
					s.enter(kindMap, i-lineStart, i)
				}
				i++
				continue
			case c == '!' || c == '&':
				if propCol < 0 {
					propCol = i - lineStart
				}
				for i < end && !s.endsToken(i, end) { // a tag or an anchor: the node follows
					i++
				}
				if s.restIsEmpty(lineStart, i, end) {
					// The node is on the next lines, one level down even at
					// the same column: « - !\n- !\n- !\n… » nests a level a
					// line (found by FuzzBudgetNeverUndercounts).
					s.pending = true
				}
				continue
			case c == '[' || c == '{':
				s.open(c, i)
				i++
				continue
			case c == '"' || c == '\'':
				tokCol = i - lineStart
				if propCol >= 0 {
					tokCol, propCol = propCol, -1
				}
				s.quote = c
				if i = s.skipQuote(i+1, end); i < 0 {
					return
				}
				nodeStart = false
				continue
			case (c == '|' || c == '>') && len(s.flow) == 0:
				s.inBS, s.bsIndent = true, -1
				s.bsCol = -1
				if n := len(s.block); n > 0 {
					s.bsCol = s.block[n-1].col
				}
				return
			}
			tokCol = i - lineStart
			if propCol >= 0 {
				tokCol, propCol = propCol, -1
			}
			nodeStart = false
		}
		inFlow := len(s.flow) > 0
		switch {
		// In a flow collection every « : » counts, even one glued to what
		// follows: the parser nests « {0:"":0} » two levels deep (found by
		// FuzzBudgetNeverUndercounts); counting one too many is a bound.
		case c == ':' && (inFlow || s.endsToken(i+1, end)):
			if !inFlow && i == lineStart+tokCol && s.restIsEmpty(lineStart, lineStart, i) {
				// « : » first on its line, its key on the lines before: the
				// parser may take it a level down (found by
				// FuzzBudgetNeverUndercounts)
				s.pending = true
			}
			if inFlow {
				s.flowColon(i)
			} else {
				s.enter(kindMap, tokCol, lineStart+tokCol)
				s.markEmpty(tokCol, lineStart, i+1, end)
			}
			nodeStart = true
		case inFlow && c == ',':
			s.flowEntry(i)
			nodeStart = true
		case inFlow && (c == ']' || c == '}'):
			// Only the closer of the innermost collection closes it: the
			// parser lets a stray one through (« {a], b} », found by
			// FuzzBudgetNeverUndercounts), so popping on it would undercount.
			if top := s.flow[len(s.flow)-1]; (c == ']') == (top.kind == kindSeq) {
				s.colons -= top.colons
				s.flow = s.flow[:len(s.flow)-1]
			}
		case inFlow && (c == '[' || c == '{'):
			s.open(c, i) // not valid YAML here: the parser will say so
			nodeStart = true
		}
		i++
	}
}

// restIsEmpty reports whether the line holds nothing more from i than
// blanks and a comment.
func (s *scanner) restIsEmpty(lineStart, i, end int) bool {
	for ; i < end; i++ {
		switch c := s.data[i]; {
		case isBlank(c):
		case c == '#' && (i == lineStart || isBlank(s.data[i-1])):
			return true
		default:
			return false
		}
	}
	return true
}

func (s *scanner) fail(off int, key string, max int) {
	if s.errMsg == nil {
		s.errOff, s.errMsg = off, NewMsg(key, "max", max, "what", NewMsg(s.b.what), "needs", NewMsg(s.b.needs))
	}
}

func (s *scanner) depth() int { return len(s.block) + len(s.flow) + s.colons }

func (s *scanner) count(off int) {
	s.total++
	if s.total > s.b.maxTotal {
		s.fail(off, "err_budget_total", s.b.maxTotal)
	}
}

func (s *scanner) checkDepth(off int) {
	d := s.depth()
	s.seenDepth = max(s.seenDepth, d)
	if d > s.b.maxDepth {
		s.fail(off, "err_budget_depth", s.b.maxDepth)
	}
}

func (s *scanner) checkItems(l level, off int) {
	s.seenItems = max(s.seenItems, l.n)
	switch {
	case l.kind == kindMap && l.n > s.b.maxKeys:
		s.fail(off, "err_budget_keys", s.b.maxKeys)
	case l.kind == kindSeq && l.n > s.b.maxItems:
		s.fail(off, "err_budget_items", s.b.maxItems)
	}
}

// markEmpty notes an entry at col with nothing after it on its line.
func (s *scanner) markEmpty(col, lineStart, i, end int) {
	if s.restIsEmpty(lineStart, i, end) {
		s.emptyCol = col
	}
}

// enter records a block entry (a key, or a « - » item) at column col.
func (s *scanner) enter(kind, col, off int) {
	s.count(off)
	afterEmpty := s.emptyCol == col
	s.emptyCol = -1
	if s.pending {
		// the node of a tag or an anchor that ended a line: a level under
		// where it was, whatever its column (the levels are not popped)
		s.pending = false
		s.block = append(s.block, level{col: col, kind: kind, n: 1})
		s.checkDepth(off)
		return
	}
	for len(s.block) > 0 && s.block[len(s.block)-1].col > col {
		s.block = s.block[:len(s.block)-1]
	}
	if n := len(s.block); n > 0 && s.block[n-1].col == col {
		top := &s.block[n-1]
		switch {
		case top.kind == kind:
			top.n++
			s.checkItems(*top, off)
			return
		case kind == kindSeq:
			// « key: » then « - item » at the key's own column: the list is
			// the key's value, one level down.
		case afterEmpty:
			// « -\n key: » at the item's column: the parser makes the
			// mapping the empty item's value, a level down (found by
			// FuzzBudgetNeverUndercounts: « - \n0:\n » repeated nests
			// without end at column 0)
		default:
			// a key after such a list: back to the mapping
			s.block = s.block[:n-1]
			if n > 1 && s.block[n-2].col == col && s.block[n-2].kind == kindMap {
				s.block[n-2].n++
				s.checkItems(s.block[n-2], off)
				return
			}
		}
	}
	s.block = append(s.block, level{col: col, kind: kind, n: 1})
	s.checkDepth(off)
}

// open records a flow collection opened by c ([ or {) at off.
func (s *scanner) open(c byte, off int) {
	s.count(off)
	kind := kindSeq
	if c == '{' {
		kind = kindMap
	}
	s.flow = append(s.flow, level{kind: kind, n: 1})
	s.checkDepth(off)
}

func (s *scanner) flowEntry(off int) {
	s.count(off)
	top := &s.flow[len(s.flow)-1]
	top.n++
	s.colons -= top.colons
	top.colons = 0
	s.checkItems(*top, off)
}

// flowColon records a « : » in a flow entry: the parser makes a mapping of
// « [a: b] » and nests one more for each further « : » of the entry
// (« {a: b: c} », found by FuzzBudgetNeverUndercounts); counted as a level
// each, which counts « {a: b} » one level deeper than it is: a bound.
func (s *scanner) flowColon(off int) {
	s.count(off)
	s.flow[len(s.flow)-1].colons++
	s.colons++
	s.checkDepth(off)
}
