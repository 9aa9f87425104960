package questionnaire

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/parser"
	"github.com/expr-lang/expr/vm"
)

// VarExtraEULaw is the variable rules use for a catalog tool whose provider is
// subject to a non-EU law giving authorities access to data (CLOUD Act…).
const VarExtraEULaw = "droit_extra_ue"

// condition is a compiled boolean expression over the answers, evaluated by
// expr-lang/expr: type-checked at compile time against the question ids, with
// every string compared to a question checked against its values.
type condition struct {
	src   string
	prog  *vm.Program
	multi map[string]bool // every question variable: true when list-valued
}

// compileCondition compiles src against the questions. With extras, the
// catalog-derived variables (droit_extra_ue) are known too.
func compileCondition(src string, qs *Questions, extras bool) (*condition, error) {
	if strings.TrimSpace(src) == "" {
		return nil, errors.New("empty condition")
	}
	tree, err := parser.Parse(src)
	if err != nil {
		return nil, fmt.Errorf("condition %q: %s", src, firstLine(err.Error()))
	}
	chk := &valueChecker{qs: qs}
	ast.Walk(&tree.Node, chk)
	chk.finish()
	if chk.err != nil {
		return nil, fmt.Errorf("condition %q: %w", src, chk.err)
	}
	env := map[string]any{}
	multi := map[string]bool{}
	for i := range qs.List {
		q := &qs.List[i]
		if q.Kind == KindMulti {
			env[q.ID] = []string{}
			multi[q.ID] = true
		} else {
			env[q.ID] = ""
			multi[q.ID] = false
		}
	}
	if extras {
		env[VarExtraEULaw] = false
	}
	prog, err := expr.Compile(src, expr.Env(env), expr.AsBool())
	if err != nil {
		return nil, fmt.Errorf("condition %q: %s", src, firstLine(err.Error()))
	}
	return &condition{src: src, prog: prog, multi: multi}, nil
}

// eval runs the condition; a run-time error (impossible once compiled against
// the environment's types) counts as false.
func (c *condition) eval(env *env) bool {
	out, err := env.vm.Run(c.prog, env.vars)
	if err != nil {
		return false
	}
	b, _ := out.(bool)
	return b
}

// evalAnswers runs the condition on answers as given (for ask_if): every
// question the condition was compiled against is a variable, "" or an empty
// list when unanswered.
func (c *condition) evalAnswers(a Answers) bool {
	e := &env{vars: make(map[string]any, len(c.multi)+1)}
	for id, multi := range c.multi {
		if multi {
			e.vars[id] = a.vals[id]
		} else {
			e.vars[id] = a.Get(id)
		}
	}
	e.vars[VarExtraEULaw] = false
	return c.eval(e)
}

// valueChecker walks a condition and checks that every string literal is a
// value of the question it is compared with: `contrat == "non"`,
// `audience in ["eleves", "mixte"]`, `"sensibles" in donnees`.
type valueChecker struct {
	qs      *Questions
	checked map[ast.Node]bool
	strs    []*ast.StringNode
	err     error
}

func (c *valueChecker) Visit(node *ast.Node) {
	if c.err != nil {
		return
	}
	if c.checked == nil {
		c.checked = map[ast.Node]bool{}
	}
	switch n := (*node).(type) {
	case *ast.StringNode:
		c.strs = append(c.strs, n)
	case *ast.IdentifierNode:
		if _, ok := c.qs.Get(n.Value); !ok && n.Value != VarExtraEULaw {
			c.err = fmt.Errorf("unknown question %q%s", n.Value, suggest(n.Value, c.qs.IDs()))
		}
	case *ast.BinaryNode:
		switch n.Operator {
		case "==", "!=":
			c.pair(n.Left, n.Right)
			c.pair(n.Right, n.Left)
		case "in", "not in":
			if id, ok := n.Right.(*ast.IdentifierNode); ok { // "x" in donnees
				c.check(id, n.Left)
			}
			if id, ok := n.Left.(*ast.IdentifierNode); ok { // audience in [...]
				if arr, ok := n.Right.(*ast.ArrayNode); ok {
					for _, el := range arr.Nodes {
						c.check(id, el)
					}
				}
			}
		}
	}
}

func (c *valueChecker) pair(idNode, valNode ast.Node) {
	if id, ok := idNode.(*ast.IdentifierNode); ok {
		c.check(id, valNode)
	}
}

func (c *valueChecker) check(id *ast.IdentifierNode, valNode ast.Node) {
	s, ok := valNode.(*ast.StringNode)
	if !ok {
		return
	}
	c.checked[s] = true
	q, ok := c.qs.Get(id.Value)
	if !ok {
		return // reported by the identifier case
	}
	if q.Kind == KindTool {
		if _, ok := q.Option(s.Value); !ok {
			c.err = fmt.Errorf("%q is not a catalog tool id%s", s.Value, suggest(s.Value, q.Values()))
		}
		return
	}
	if _, ok := q.Option(s.Value); !ok {
		c.err = fmt.Errorf("%q is not a value of %s%s; allowed: %s", s.Value, q.ID, suggest(s.Value, q.Values()), quoteList(q.Values()))
	}
}

// finish reports a string literal that no comparison checked: the walk visits
// children before parents, so leftovers are judged once the tree is seen.
func (c *valueChecker) finish() {
	if c.err != nil {
		return
	}
	for _, s := range c.strs {
		if !c.checked[s] {
			c.err = fmt.Errorf("the string %q is not compared with a question", s.Value)
			return
		}
	}
}

// quoteList writes values as a, b, c.
func quoteList(vs []string) string {
	return strings.Join(vs, ", ")
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}

// suggest returns « (did you mean "x"?) » for the nearest of the candidates,
// or "" when none is near.
// hint is suggest's « (did you mean "x"?) » as a message of the texts, or
// "" when no candidate is near.
func hint(got string, candidates []string) any {
	if n := Nearest(got, candidates); n != "" {
		return NewMsg("err_did_you_mean", "s", quote(n))
	}
	return ""
}

// quote writes s between double quotes, escaped as %q does.
func quote(s string) string { return strconv.Quote(s) }

func suggest(got string, candidates []string) string {
	if n := Nearest(got, candidates); n != "" {
		return fmt.Sprintf(" (did you mean %q?)", n)
	}
	return ""
}

// Nearest returns the candidate closest to got by edit distance, if it is
// close enough to be a likely typo, or "".
func Nearest(got string, candidates []string) string {
	best, bestD := "", -1
	g := strings.ToLower(got)
	// A unique candidate that starts with what was typed (suisse →
	// suisse-romande) is the likeliest.
	var prefixed []string
	for _, c := range candidates {
		if len(g) >= 3 && strings.HasPrefix(strings.ToLower(c), g) {
			prefixed = append(prefixed, c)
		}
	}
	if len(prefixed) == 1 {
		return prefixed[0]
	}
	for _, c := range candidates {
		d := levenshtein(g, strings.ToLower(c))
		if bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
	limit := max(2, len([]rune(got))/3)
	if bestD < 0 || bestD > limit {
		return ""
	}
	return best
}

// levenshtein is the optimal-string-alignment distance: insertions,
// deletions, substitutions and swaps of two neighbours (discrod → discord)
// each count as one edit.
func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	rows := make([][]int, len(ra)+1)
	for i := range rows {
		rows[i] = make([]int, len(rb)+1)
		rows[i][0] = i
	}
	for j := range rows[0] {
		rows[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d := min(rows[i-1][j]+1, rows[i][j-1]+1, rows[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d = min(d, rows[i-2][j-2]+1)
			}
			rows[i][j] = d
		}
	}
	return rows[len(ra)][len(rb)]
}
