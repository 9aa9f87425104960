package questionnaire

import "slices"

// Change is what changing answers did to a verdict: the « et si ? » of
// workshops.
type Change struct {
	Before, After Level
	Gone          []*Rule // matched before, not after, most severe first
	Added         []*Rule // match after, not before, most severe first
	// Decisive are the rules that made the verdict move: when it went down,
	// the rules at the old level that stopped matching (the last of them is
	// why it left that level); when it went up, the new rules at the new
	// level. Empty when the verdict did not change.
	Decisive []*Rule

	before, after *Report
}

// Reason is how the evaluation where the rule matched worded it: after the
// change for a rule that matches now, else before it.
func (c Change) Reason(r *Rule) (Reason, bool) {
	for _, rep := range []*Report{c.after, c.before} {
		if rep == nil {
			continue
		}
		for _, x := range rep.Reasons {
			if x.Rule == r {
				return x, true
			}
		}
	}
	return Reason{}, false
}

// Changed reports whether the verdict moved.
func (c Change) Changed() bool { return c.Before != c.After }

// Compare tells what differs between two evaluations of the same content.
func Compare(before, after *Report) Change {
	ch := Change{Before: before.Level, After: after.Level, before: before, after: after}
	ch.Gone = missingFrom(before, after)
	ch.Added = missingFrom(after, before)
	switch {
	case after.Level < before.Level:
		for _, r := range ch.Gone {
			if r.Level == before.Level {
				ch.Decisive = append(ch.Decisive, r)
			}
		}
	case after.Level > before.Level:
		for _, r := range ch.Added {
			if r.Level == after.Level {
				ch.Decisive = append(ch.Decisive, r)
			}
		}
	}
	return ch
}

// missingFrom lists the rules of a that b lacks, in a's order (most severe
// first).
func missingFrom(a, b *Report) []*Rule {
	var out []*Rule
	for _, r := range a.Reasons {
		if !slices.ContainsFunc(b.Reasons, func(x Reason) bool { return x.Rule.ID == r.Rule.ID }) {
			out = append(out, r.Rule)
		}
	}
	return out
}
