package questionnaire

import (
	"fmt"
	"slices"
)

// Step is one thing to do once the verdict is known, before the use starts:
// the procedure académies give teachers (the DPD when conformity cannot be
// assessed, the authorisation of the head of school or of the IEN, the
// register of processing, the information of families). The rule set lists
// them in the order they are shown (steps: in rules.yaml); a step applies
// when its conditions hold, as a rule fires.
type Step struct {
	ID string `yaml:"id"`
	// When is a condition over the answers, as a rule's; empty: always.
	When string `yaml:"when"`
	// Verdicts are the verdict levels it applies to; empty: every one.
	Verdicts []string `yaml:"verdicts"`
	// ToCheck: only when something is left to check (« à vérifier »).
	ToCheck bool `yaml:"to_check"`
	// Referentiels: the référentiels whose procedure it is; empty: every one.
	Referentiels []string `yaml:"referentiels"`
	Title        Text     `yaml:"title"`
	Text         Text     `yaml:"text"`
	Sources      []string `yaml:"sources"`

	cond *condition
}

// StepIDs lists the ids of the rule set's steps, in order.
func (rs *Ruleset) StepIDs() []string {
	ids := make([]string, len(rs.Steps))
	for i := range rs.Steps {
		ids[i] = rs.Steps[i].ID
	}
	return ids
}

// applies reports whether the step applies to the situation e, its verdict
// and whether something is to check.
func (s *Step) applies(e *env, ref string, level Level, toCheck bool) bool {
	if len(s.Referentiels) > 0 && !slices.Contains(s.Referentiels, ref) {
		return false
	}
	if s.ToCheck && !toCheck {
		return false
	}
	if len(s.Verdicts) > 0 && !slices.Contains(s.Verdicts, level.String()) {
		return false
	}
	return s.cond == nil || s.cond.eval(e)
}

// NextStep is a step that applies to a report, with its sources and the
// profile's local word on it, if any.
type NextStep struct {
	Step    *Step
	Sources []*Source
	Local   *LocalStep
	report  *Report
}

// Text is the step in lang, its placeholders filled.
func (n NextStep) Text(lang Lang) string { return n.report.fill(n.Step.Text.In(lang), lang) }

// Title is the step's title in lang.
func (n NextStep) Title(lang Lang) string { return n.Step.Title.In(lang) }

func (c *Content) nextSteps(e *env, rep *Report) []NextStep {
	var out []NextStep
	for i := range c.Rules.Steps {
		s := &c.Rules.Steps[i]
		if !s.applies(e, rep.Referentiel.ID, rep.Level, len(rep.ToCheck) > 0) {
			continue
		}
		n := NextStep{Step: s, Sources: c.Sources.Resolve(s.Sources), report: rep}
		n.Local, _ = c.Profile.Local(s.ID)
		out = append(out, n)
	}
	return out
}

func (rs *Ruleset) validateSteps(d *yamlDoc, qs *Questions, sources *Sources, refs, placeholders []string) error {
	seen := map[string]bool{}
	for i := range rs.Steps {
		s := &rs.Steps[i]
		at := fmt.Sprintf("steps[%d]", i)
		if !idPattern.MatchString(s.ID) {
			return d.errorKey(at+".id", "err_bad_id", "id", quote(s.ID))
		}
		if seen[s.ID] {
			return d.errorKey(at+".id", "err_dup_step", "id", quote(s.ID))
		}
		seen[s.ID] = true
		for k, ref := range s.Referentiels {
			if !slices.Contains(refs, ref) {
				return d.errorKey(fmt.Sprintf("%s.referentiels[%d]", at, k), "err_unknown_referentiel", "v", quote(ref), "hint", hint(ref, refs), "allowed", quoteList(refs))
			}
		}
		for k, v := range s.Verdicts {
			if _, err := ParseLevel(v); err != nil {
				return d.errorKey(fmt.Sprintf("%s.verdicts[%d]", at, k), "err_plain", "err", err)
			}
		}
		for _, t := range []struct {
			field string
			text  Text
		}{{"title", s.Title}, {"text", s.Text}} {
			if m := t.text.missing(); len(m) > 0 {
				return d.fieldKey(at, t.field, "err_missing_text", "langs", m)
			}
			for _, str := range []string{t.text.FR, t.text.EN} {
				if err := checkPlaceholders(str, placeholders); err != nil {
					return d.errorKey(at+"."+t.field, "err_plain", "err", err)
				}
			}
		}
		if err := sources.check(d, at+".sources", s.Sources, true); err != nil {
			return err
		}
		s.cond = nil
		if s.When != "" {
			c, err := compileCondition(s.When, qs, true)
			if err != nil {
				return d.errorKey(at+".when", "err_plain", "err", err)
			}
			s.cond = c
		}
	}
	return nil
}
