package lazyregexp

import "testing"

func TestCompilesOnFirstUse(t *testing.T) {
	r := New(`^a(b+)$`)
	if !r.MatchString("abb") || r.MatchString("ac") {
		t.Fatal("MatchString disagrees with regexp")
	}
	if m := r.FindStringSubmatch("abbb"); len(m) != 2 || m[1] != "bbb" {
		t.Fatalf("FindStringSubmatch = %q", m)
	}
	if got := r.ReplaceAllString("ab", "x$1"); got != "xb" {
		t.Fatalf("ReplaceAllString = %q", got)
	}
	first := r.Regexp()
	if second := r.Regexp(); first != second {
		t.Fatal("the pattern is compiled more than once")
	}
}

// Under go test a wrong pattern fails where it is declared, not where it is
// first used: every package's patterns are checked by its own tests.
func TestWrongPatternFailsInTests(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("New accepted a wrong pattern under go test")
		}
	}()
	New(`(`)
}
