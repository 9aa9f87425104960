package questionnaire

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/checker"
	"github.com/expr-lang/expr/compiler"
	"github.com/expr-lang/expr/conf"
	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/optimizer"
	"github.com/expr-lang/expr/parser"
	"github.com/expr-lang/expr/vm"
)

// VarExtraEULaw is the variable rules use for a catalog tool whose provider is
// subject to a non-EU law giving authorities access to data (CLOUD Act…).
const VarExtraEULaw = "droit_extra_ue"

// condition is a boolean expression over the answers, evaluated by
// expr-lang/expr: type-checked at compile time against the question ids, with
// every string compared to a question checked against its values.
//
// A condition of validated content (the YAML files, an override) is
// compiled and checked at load: compileCondition. A condition of the
// embedded snapshot, which the same validation produced at `go generate`
// (TestSnapshotIsCurrent guards it), is compiled when first evaluated
// (lazyCondition), so that loading the content compiles nothing: the
// wizard's first screens need no condition, and a program that evaluates
// compiles its conditions with one shared configuration (condCompiler).
type condition struct {
	src   string
	once  sync.Once
	lazy  *condCompiler // nil once compiled
	prog  *vm.Program
	multi map[string]bool // every question variable: true when list-valued
}

// condCompiler compiles the conditions of one environment (the questions a
// condition may name, and the catalog-derived variables): the expr
// configuration, whose type cache is built on the first compilation, is
// shared by all of them. It is not safe for concurrent use: mu guards it.
type condCompiler struct {
	mu     sync.Mutex
	list   []Question
	extras bool
	cfg    *conf.Config
	multi  map[string]bool
}

func newCondCompiler(list []Question, extras bool) *condCompiler {
	return &condCompiler{list: list, extras: extras}
}

// compile compiles src as expr.Compile(src, expr.Env(env), expr.AsBool())
// does, on the shared configuration.
func (cc *condCompiler) compile(src string) (*vm.Program, map[string]bool, error) {
	cc.mu.Lock()
	defer cc.mu.Unlock()
	if cc.cfg == nil {
		env := make(map[string]any, len(cc.list)+1)
		cc.multi = make(map[string]bool, len(cc.list))
		for i := range cc.list {
			q := &cc.list[i]
			if q.Kind == KindMulti {
				env[q.ID] = []string{}
			} else {
				env[q.ID] = ""
			}
			cc.multi[q.ID] = q.Kind == KindMulti
		}
		if cc.extras {
			env[VarExtraEULaw] = false
		}
		cfg := conf.CreateNew()
		expr.Env(env)(cfg)
		expr.AsBool()(cfg)
		cfg.Check()
		cc.cfg = cfg
	}
	tree, err := checker.ParseCheck(src, cc.cfg)
	if err != nil {
		return nil, nil, err
	}
	if cc.cfg.Optimize {
		if err := optimizer.Optimize(&tree.Node, cc.cfg); err != nil {
			var fe *file.Error
			if errors.As(err, &fe) {
				return nil, nil, fe.Bind(tree.Source)
			}
			return nil, nil, err
		}
	}
	prog, err := compiler.Compile(tree, cc.cfg)
	return prog, cc.multi, err
}

// compileCondition checks src against the questions and compiles it. With
// extras, the catalog-derived variables (droit_extra_ue) are known too.
func compileCondition(src string, qs *Questions, extras bool) (*condition, error) {
	if strings.TrimSpace(src) == "" {
		return nil, NewMsg("err_condition_empty")
	}
	tree, err := parser.Parse(src)
	if err != nil {
		return nil, NewMsg("err_condition_invalid", "cond", quote(src), "detail", firstLine(err.Error()))
	}
	chk := &valueChecker{qs: qs}
	ast.Walk(&tree.Node, chk)
	chk.finish()
	if chk.err != nil {
		return nil, NewMsg("err_condition", "cond", quote(src), "err", chk.err)
	}
	prog, multi, err := newCondCompiler(qs.List, extras).compile(src)
	if err != nil {
		return nil, NewMsg("err_condition_invalid", "cond", quote(src), "detail", firstLine(err.Error()))
	}
	c := &condition{src: src, prog: prog, multi: multi}
	c.once.Do(func() {})
	return c, nil
}

// lazyCondition is a condition of content already validated, compiled by cc
// when first evaluated.
func lazyCondition(src string, cc *condCompiler) *condition {
	return &condition{src: src, lazy: cc}
}

// program returns the compiled condition, compiling it the first time. A
// lazy condition comes from validated content, so it compiles: a failure
// means the embedded snapshot does not match the code, a bug that
// TestSnapshotIsCurrent and TestSnapshotConditionsCompile catch first.
func (c *condition) program() *vm.Program {
	c.once.Do(func() {
		prog, multi, err := c.lazy.compile(c.src)
		if err != nil {
			panic(fmt.Sprintf("embedded content: condition %q: %s (run go generate ./assets)", c.src, firstLine(err.Error())))
		}
		c.prog, c.multi, c.lazy = prog, multi, nil
	})
	return c.prog
}

// eval runs the condition; a run-time error (impossible once compiled against
// the environment's types) counts as false.
func (c *condition) eval(env *env) bool {
	out, err := env.vm.Run(c.program(), env.vars)
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
	c.program()
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
			c.err = NewMsg("err_no_such_question", "q", quote(n.Value), "hint", hint(n.Value, c.qs.IDs()), "allowed", quoteList(c.qs.IDs()))
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
			c.err = NewMsg("err_cond_not_tool", "v", quote(s.Value), "hint", hint(s.Value, q.Values()))
		}
		return
	}
	if _, ok := q.Option(s.Value); !ok {
		c.err = NewMsg("err_not_value_of", "v", quote(s.Value), "q", q.ID, "hint", hint(s.Value, q.Values()), "allowed", quoteList(q.Values()))
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
			c.err = NewMsg("err_cond_lone_string", "v", quote(s.Value))
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

// hint is « (did you mean "x"?) » for the nearest of the candidates, as a
// message of the texts (err_did_you_mean), or "" when none is near.
func hint(got string, candidates []string) any {
	if n := Nearest(got, candidates); n != "" {
		return NewMsg("err_did_you_mean", "s", quote(n))
	}
	return ""
}

// quote writes s between double quotes, escaped as %q does.
func quote(s string) string { return strconv.Quote(s) }

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
