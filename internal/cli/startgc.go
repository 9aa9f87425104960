package cli

import (
	"math"
	"runtime/debug"
	"sync"
)

// startupMemoryLimit bounds the heap while the collector rests: far above
// what the wizard's start-up or one evaluation allocates (about 8 MB,
// package initialisation included; a PDF report a few more), it is there
// only so that nothing unforeseen can grow without a collection.
const startupMemoryLimit = 64 << 20

// quietStart rests the garbage collector for a short stretch that allocates
// a few megabytes once and keeps most of them: the wizard's start-up, from
// the command line read to the first frame with the content (the content,
// the styles, Bubble Tea's set-up), and a single evaluation. The collector
// would otherwise trace that heap two or three times on the way, on the
// core the first frame or the report waits for (BENCHMARKS.md « Start-up
// beside the floor »).
// The returned function gives the collector back its settings; it may be
// called more than once. A user who set GOGC or GOMEMLIMIT keeps them: then
// nothing changes.
func quietStart(getenv func(string) string) (restore func()) {
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	percent := debug.SetGCPercent(-1)
	limit := debug.SetMemoryLimit(startupMemoryLimit)
	if limit != math.MaxInt64 && limit < startupMemoryLimit {
		debug.SetMemoryLimit(limit) // a lower limit set elsewhere stays
	}
	return sync.OnceFunc(func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	})
}
