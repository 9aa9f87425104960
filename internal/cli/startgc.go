package cli

import (
	"math"
	"runtime/debug"
	"sync"
)

// startupMemoryLimit bounds the heap while the collector rests during the
// wizard's start-up: far above what the start-up allocates (about 8 MB,
// package initialisation included), it is there only so that nothing
// unforeseen can grow without a collection.
const startupMemoryLimit = 64 << 20

// quietStart rests the garbage collector for the wizard's start-up, from the
// command line read to the first frame with the content: a few megabytes
// allocated once (the content, the styles, Bubble Tea's set-up), which the
// collector would otherwise trace two or three times on the way, on the core
// the first frame waits for (BENCHMARKS.md « Start-up beside the floor »).
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
