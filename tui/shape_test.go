package tui

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

// The shape of the code, checked so that it stays (issue 12): the root
// model holds at most 20 fields, and no function of tui/ (its packages
// included, tests excluded) is longer than 80 lines.
const (
	maxRootFields = 20
	maxFuncLines  = 80
)

func TestRootModelStaysSmall(t *testing.T) {
	n := 0
	for _, f := range parseTUI(t, ".", false) {
		ast.Inspect(f.file, func(node ast.Node) bool {
			if ts, ok := node.(*ast.TypeSpec); ok && ts.Name.Name == "Model" {
				for _, field := range ts.Type.(*ast.StructType).Fields.List {
					n += max(1, len(field.Names))
				}
			}
			return true
		})
	}
	if n == 0 || n > maxRootFields {
		t.Errorf("tui.Model has %d fields, want at most %d (group them, or move them to the screen that owns them)", n, maxRootFields)
	}
	t.Logf("tui.Model: %d fields", n)
}

func TestNoLongFunctions(t *testing.T) {
	longest, where := 0, ""
	for _, f := range parseTUI(t, ".", true) {
		for _, d := range f.file.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Body == nil {
				continue
			}
			lines := f.fset.Position(fn.End()).Line - f.fset.Position(fn.Pos()).Line + 1
			if lines > longest {
				longest, where = lines, f.path+": "+fn.Name.Name
			}
			if lines > maxFuncLines {
				t.Errorf("%s: %s is %d lines long, want at most %d", f.path, fn.Name.Name, lines, maxFuncLines)
			}
		}
	}
	t.Logf("longest function: %s, %d lines", where, longest)
}

type parsedFile struct {
	path string
	fset *token.FileSet
	file *ast.File
}

// parseTUI parses the Go files (not the tests) of the folder, and of its
// sub-packages when deep.
func parseTUI(t *testing.T, root string, deep bool) []parsedFile {
	t.Helper()
	var out []parsedFile
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != root && (!deep || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		out = append(out, parsedFile{path: path, fset: fset, file: f})
		return nil
	})
	if err != nil || len(out) == 0 {
		t.Fatalf("parsing tui: %v (%d files)", err, len(out))
	}
	return out
}
