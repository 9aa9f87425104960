// Package lazyregexp is a pattern compiled the first time it is used rather
// than while the program starts, after the Go toolchain's package of the same
// name (src/internal/lazyregexp). conduite's patterns serve validation,
// reports and flag errors: the wizard's first frame needs none of them
// (BENCHMARKS.md « Start-up beside the floor »). Under `go test` every
// pattern compiles at once, so that a wrong one fails the tests, not a run.
package lazyregexp

import (
	"os"
	"regexp"
	"strings"
	"sync"
)

// Regexp is a regexp.Regexp compiled when first needed.
type Regexp struct {
	re func() *regexp.Regexp
}

var inTest = len(os.Args) > 0 && strings.HasSuffix(strings.TrimSuffix(os.Args[0], ".exe"), ".test")

// New returns the pattern expr, to be compiled (regexp.MustCompile) when
// first used.
func New(expr string) *Regexp {
	r := &Regexp{re: sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })}
	if inTest {
		r.re()
	}
	return r
}

// Regexp is the compiled pattern.
func (r *Regexp) Regexp() *regexp.Regexp { return r.re() }

func (r *Regexp) MatchString(s string) bool  { return r.re().MatchString(s) }
func (r *Regexp) FindString(s string) string { return r.re().FindString(s) }
func (r *Regexp) FindStringSubmatch(s string) []string {
	return r.re().FindStringSubmatch(s)
}
func (r *Regexp) FindAllStringSubmatchIndex(s string, n int) [][]int {
	return r.re().FindAllStringSubmatchIndex(s, n)
}
func (r *Regexp) ReplaceAllString(src, repl string) string {
	return r.re().ReplaceAllString(src, repl)
}
func (r *Regexp) ReplaceAllStringFunc(src string, f func(string) string) string {
	return r.re().ReplaceAllStringFunc(src, f)
}
