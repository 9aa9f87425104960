// Package fuzzbudget gives each input of a fuzz target a time and memory
// budget, so that an input that is slow or allocates without bound is a
// finding (a crasher the fuzzer saves and minimises) rather than a fuzzing
// run that merely gets slower: the YAML parser's quadratic cases (issue 11)
// went unnoticed that way.
//
//	f.Fuzz(func(t *testing.T, data []byte) {
//		defer fuzzbudget.Start(t)()
//		…
//	})
package fuzzbudget

import (
	"fmt"
	"runtime/metrics"
	"testing"
	"time"
)

// The budget of one input: generous enough for the largest seed (the whole
// catalog as an override, every tool evaluated) under -race on a loaded
// 2-core machine, far below what the parser's quadratic cases took (seconds
// and gigabytes).
const (
	Time  = 2 * time.Second
	Alloc = 256 << 20 // bytes allocated while the input runs
)

// Start measures one input; the function it returns, deferred, fails t
// when the input went over the budget.
func Start(t testing.TB) func() {
	t.Helper()
	t0, a0 := time.Now(), allocated()
	return func() {
		t.Helper()
		if err := check(time.Since(t0), allocated()-a0, Time, Alloc); err != nil {
			t.Fatal(err)
		}
	}
}

func check(took time.Duration, alloc uint64, maxTime time.Duration, maxAlloc uint64) error {
	switch {
	case took > maxTime:
		return fmt.Errorf("this input took %v, over the budget of %v per input: a slow input is a finding", took.Round(time.Millisecond), maxTime)
	case alloc > maxAlloc:
		return fmt.Errorf("this input allocated %d MB, over the budget of %d MB per input: a greedy input is a finding", alloc>>20, maxAlloc>>20)
	}
	return nil
}

// allocated is the bytes allocated on the heap since the program started
// (cumulative; read without stopping the world, unlike ReadMemStats).
func allocated() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}
