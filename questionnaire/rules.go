package questionnaire

import (
	"fmt"
	"slices"
)

// Rule turns a situation into a level with a sourced reason.
type Rule struct {
	ID           string   `yaml:"id"`
	When         string   `yaml:"when"`
	LevelID      string   `yaml:"level"`
	Level        Level    `yaml:"-"`
	Criterion    string   `yaml:"criterion"`    // the question of the risk picture it speaks to
	Referentiels []string `yaml:"referentiels"` // empty: every référentiel
	// Title names the rule in a few words (the rules of the generative-AI
	// section carry one; every rule will).
	Title   Text     `yaml:"title"`
	Reason  Text     `yaml:"reason"`
	Sources []string `yaml:"sources"`

	cond *condition
}

// AppliesTo reports whether the rule is in force under the référentiel.
func (r *Rule) AppliesTo(ref string) bool {
	return len(r.Referentiels) == 0 || slices.Contains(r.Referentiels, ref)
}

// Ruleset is the versioned set of rules.
type Ruleset struct {
	ID      string `yaml:"id"`
	Version string `yaml:"version"`
	// Criteria are the questions shown in the risk picture, in order.
	Criteria []string `yaml:"criteria"`
	Rules    []Rule   `yaml:"rules"`
}

// Rule returns the rule with that id.
func (rs *Ruleset) Rule(id string) (*Rule, bool) {
	for i := range rs.Rules {
		if rs.Rules[i].ID == id {
			return &rs.Rules[i], true
		}
	}
	return nil, false
}

func (rs *Ruleset) validate(d *yamlDoc, qs *Questions, sources *Sources, refs []string) error {
	if rs.ID == "" || rs.Version == "" {
		return d.errorf("id", "the rule set needs an id and a version")
	}
	for i, c := range rs.Criteria {
		if _, ok := qs.Get(c); !ok {
			return d.errorf(fmt.Sprintf("criteria[%d]", i), "unknown question %q%s", c, suggest(c, qs.IDs()))
		}
	}
	seen := map[string]bool{}
	for i := range rs.Rules {
		r := &rs.Rules[i]
		at := fmt.Sprintf("rules[%d]", i)
		if !idPattern.MatchString(r.ID) {
			return d.errorf(at+".id", "id %q must be lowercase letters, digits, - or _", r.ID)
		}
		if seen[r.ID] {
			return d.errorf(at+".id", "duplicate rule id %q", r.ID)
		}
		seen[r.ID] = true
		l, err := ParseLevel(r.LevelID)
		if err != nil {
			return d.errorf(at+".level", "%v", err)
		}
		r.Level = l
		if !slices.Contains(rs.Criteria, r.Criterion) {
			return d.errorf(at+".criterion", "unknown criterion %q%s; allowed: %s", r.Criterion, suggest(r.Criterion, rs.Criteria), quoteList(rs.Criteria))
		}
		for k, ref := range r.Referentiels {
			if !slices.Contains(refs, ref) {
				return d.errorf(fmt.Sprintf("%s.referentiels[%d]", at, k), "unknown référentiel %q%s; allowed: %s", ref, suggest(ref, refs), quoteList(refs))
			}
		}
		if m := r.Reason.missing(); len(m) > 0 {
			return d.errorf(at+".reason", "missing text in %v", m)
		}
		if err := sources.check(d, at+".sources", r.Sources, true); err != nil {
			return err
		}
		c, err := compileCondition(r.When, qs, true)
		if err != nil {
			return d.errorf(at+".when", "%v", err)
		}
		r.cond = c
	}
	return nil
}
