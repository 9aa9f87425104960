package cli

import (
	"math"
	"runtime/debug"
	"testing"
)

// gcSettings reads the collector's settings without changing them.
func gcSettings() (percent int, limit int64) {
	percent = debug.SetGCPercent(100)
	debug.SetGCPercent(percent)
	return percent, debug.SetMemoryLimit(-1)
}

func TestQuietStartRestsTheCollectorThenRestoresIt(t *testing.T) {
	percent, limit := gcSettings()
	restore := quietStart(func(string) string { return "" })
	if p, l := gcSettings(); p != -1 || l != startupMemoryLimit {
		restore()
		t.Fatalf("during the start-up: GC percent %d, memory limit %d; want -1 and %d", p, l, startupMemoryLimit)
	}
	restore()
	restore() // a second call (the timer after the deferred one) changes nothing
	if p, l := gcSettings(); p != percent || l != limit {
		t.Fatalf("after: GC percent %d, memory limit %d; want the settings before, %d and %d", p, l, percent, limit)
	}
}

func TestQuietStartKeepsTheUsersSettings(t *testing.T) {
	for _, env := range []string{"GOGC", "GOMEMLIMIT"} {
		percent, limit := gcSettings()
		restore := quietStart(func(k string) string {
			if k == env {
				return "200"
			}
			return ""
		})
		if p, l := gcSettings(); p != percent || l != limit {
			restore()
			t.Fatalf("with %s set: GC percent %d, memory limit %d; want them unchanged (%d, %d)", env, p, l, percent, limit)
		}
		restore()
	}
}

func TestQuietStartKeepsALowerLimit(t *testing.T) {
	prev := debug.SetMemoryLimit(startupMemoryLimit / 2)
	defer debug.SetMemoryLimit(prev)
	restore := quietStart(func(string) string { return "" })
	defer restore()
	if _, l := gcSettings(); l != startupMemoryLimit/2 {
		t.Fatalf("memory limit %d during the start-up; want the lower one already set, %d", l, startupMemoryLimit/2)
	}
	if prev != math.MaxInt64 {
		t.Logf("the test process had a memory limit: %d", prev)
	}
}
