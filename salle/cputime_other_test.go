//go:build !unix

package salle_test

import "time"

// cpuTime is not measured where getrusage is missing: the load figures
// come from Linux (BENCHMARKS.md).
func cpuTime() time.Duration { return 0 }
