package termbench

import (
	"slices"
	"time"
)

// Stats summarises repeated measurements.
type Stats struct {
	N                int
	Median, Min, Max time.Duration
	Q1, Q3           time.Duration // the first and third quartiles
}

// Summarize returns the count, median, quartiles, minimum and maximum of ds
// (the zero Stats for none). The median of an even count is the mean of the middle two.
func Summarize(ds []time.Duration) Stats {
	if len(ds) == 0 {
		return Stats{}
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	n := len(s)
	med := s[n/2]
	if n%2 == 0 {
		med = (s[n/2-1] + s[n/2]) / 2
	}
	return Stats{N: n, Median: med, Min: s[0], Max: s[n-1], Q1: s[n/4], Q3: s[(3*n)/4]}
}
