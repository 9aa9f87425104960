package fuzzbudget

import (
	"strings"
	"testing"
	"time"
)

func TestCheck(t *testing.T) {
	if err := check(time.Second, 1<<20, Time, Alloc); err != nil {
		t.Errorf("within the budget: %v", err)
	}
	if err := check(3*time.Second, 0, Time, Alloc); err == nil || !strings.Contains(err.Error(), "took 3s, over the budget of 2s") {
		t.Errorf("too slow: %v", err)
	}
	if err := check(0, 300<<20, Time, Alloc); err == nil || !strings.Contains(err.Error(), "allocated 300 MB, over the budget of 256 MB") {
		t.Errorf("too greedy: %v", err)
	}
}

// The measure sees what the input allocates.
func TestAllocatedCounts(t *testing.T) {
	a0 := allocated()
	buf := make([]byte, 64<<20)
	buf[len(buf)-1] = 1
	if d := allocated() - a0; d < 64<<20 {
		t.Errorf("64 MB allocated, measured %d", d)
	}
	_ = buf
}

// A greedy input fails the test it runs in.
func TestStartFails(t *testing.T) {
	ft := &fakeT{TB: t}
	func() {
		defer func() { recover() }() // Fatal on the fake stops here
		done := Start(ft)
		buf := make([]byte, Alloc+1<<20)
		buf[0] = 1
		done()
	}()
	if !strings.Contains(ft.msg, "over the budget") {
		t.Errorf("no failure for an input over the budget: %q", ft.msg)
	}
}

type fakeT struct {
	testing.TB
	msg string
}

func (f *fakeT) Helper() {}
func (f *fakeT) Fatal(args ...any) {
	for _, a := range args {
		f.msg += a.(error).Error()
	}
	panic("fatal")
}
