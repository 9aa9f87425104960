package questionnaire

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"github.com/conduite/conduite/internal/fuzzbudget"
)

// FuzzBudgetNeverUndercounts: the pre-scan is a bound, so it may count
// more than the parser builds, never less: for any text the parser reads,
// the scan's depth is at least the depth of the collections the parser
// built, and its count of keys and items at least theirs. A text it
// undercounts would get past the budget to the parser.
//
//	go test ./questionnaire -run '^$' -fuzz '^FuzzBudgetNeverUndercounts$' -fuzztime 5m
func FuzzBudgetNeverUndercounts(f *testing.F) {
	cat, err := fs.ReadFile(os.DirFS("../assets"), FileCatalog)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(cat)
	paths, _ := filepath.Glob("../examples/*")
	paths = slices.DeleteFunc(paths, IsProfileFile) // the example profile is no answers file
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{
		"a:\n- b\n- c: [d, {e: f}]\n", "- - - x\n", "a: |\n  - b: [\n", "? a\n: b\n", "a: !t [b]\n", "a: &x {b: c}\n",
		"\"k\": v\n'k2': [1,\n  2]\n", "a: \"x\n  y\"\nb: c\n", "[a, [b, {c: d}]]", "{a: [b], c: {d: e}}", "---\na: b\n---\n- c\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		defer fuzzbudget.Start(t)()
		if len(data) > 4096 {
			return // small texts: the parser must run on them
		}
		data = normalizeBreaks(bytes.TrimPrefix(data, bom))
		if checkTextFile("f.yaml", data, 4096) != nil {
			return // refused before the scan: not UTF-8 text
		}
		s := newScanner(data, budget{maxBytes: 1 << 30, maxDepth: 1 << 30, maxKeys: 1 << 30, maxItems: 1 << 30, maxTotal: 1 << 30})
		s.run()
		file, err := parser.ParseBytes(data, 0)
		if err != nil {
			return
		}
		depth, total := 0, 0
		for _, doc := range file.Docs {
			d, n := astShape(doc.Body)
			depth, total = max(depth, d), total+n
		}
		// The scan is a bound up to a constant factor: what makes the parser
		// slow is depth and size that grow with the input, and an undercount
		// that grows with it is a finding. An off-by-one on a parser quirk
		// (« ---:\n- » reads as a list inside a mapping) is not: the limits
		// (depth 8 and 12) leave that margin and more.
		if 2*s.seenDepth+2 < depth || 2*s.total+2 < total {
			t.Fatalf("the scan counts depth %d and %d entries, the parser built depth %d and %d entries:\n%q", s.seenDepth, s.total, depth, total, data)
		}
	})
}

// astShape returns the nesting depth of the collections under n and their
// number of keys and items.
func astShape(n ast.Node) (depth, entries int) {
	switch v := n.(type) {
	case *ast.MappingNode:
		for _, mv := range v.Values {
			kd, kn := astShape(mv.Key)
			vd, vn := astShape(mv.Value)
			depth, entries = max(depth, kd, vd), entries+1+kn+vn
		}
		return depth + 1, entries
	case *ast.MappingValueNode:
		kd, kn := astShape(v.Key)
		vd, vn := astShape(v.Value)
		return max(kd, vd) + 1, 1 + kn + vn
	case *ast.SequenceNode:
		for _, it := range v.Values {
			d, c := astShape(it)
			depth, entries = max(depth, d), entries+1+c
		}
		return depth + 1, entries
	case *ast.TagNode:
		return astShape(v.Value)
	case *ast.AnchorNode:
		return astShape(v.Value)
	case *ast.MappingKeyNode:
		return astShape(v.Value)
	}
	return 0, 0
}
