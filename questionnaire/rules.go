package questionnaire

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/conduite/conduite/internal/lazyregexp"
)

// Rule turns a situation into a level with a sourced reason.
type Rule struct {
	ID           string   `yaml:"id"`
	When         string   `yaml:"when"`
	LevelID      string   `yaml:"level"`
	Level        Level    `yaml:"-"`
	Criterion    string   `yaml:"criterion"`    // the question of the risk picture it speaks to
	Referentiels []string `yaml:"referentiels"` // empty: every référentiel
	// Title names the rule in a few words, for screens that list rules
	// (« et si ? »): never its id.
	Title  Text `yaml:"title"`
	Reason Text `yaml:"reason"`
	// Variants say the reason in the words of a narrower situation (an
	// audience, a référentiel): the first that applies replaces Reason, and
	// its sources, when it has any, replace Sources. They never change
	// whether the rule fires nor its level.
	Variants []Variant `yaml:"variants"`
	Sources  []string  `yaml:"sources"`

	cond *condition
}

// Variant is a reason for a narrower situation than its rule's.
type Variant struct {
	When         string   `yaml:"when"`         // empty: always (within Referentiels)
	Referentiels []string `yaml:"referentiels"` // empty: every référentiel
	Reason       Text     `yaml:"reason"`
	Sources      []string `yaml:"sources"` // empty: the rule's

	cond *condition
}

// AppliesTo reports whether the rule is in force under the référentiel.
func (r *Rule) AppliesTo(ref string) bool {
	return len(r.Referentiels) == 0 || slices.Contains(r.Referentiels, ref)
}

// variant returns the variant whose situation e and ref describe, or nil.
func (r *Rule) variant(e *env, ref string) *Variant {
	for i := range r.Variants {
		v := &r.Variants[i]
		if (len(v.Referentiels) == 0 || slices.Contains(v.Referentiels, ref)) && (v.cond == nil || v.cond.eval(e)) {
			return v
		}
	}
	return nil
}

// Placeholders a reason may use, besides the id of any single-choice
// question (filled with the label of its answer, as the user chose it).
const (
	PlaceholderTool    = "outil" // the tool's name, or TextToolUnnamed
	PlaceholderContact = "dpd"   // the référentiel's data-protection contact
)

// Text keys reasons need: {outil} when no tool is named, and the label of
// an answer the user left out, the case assumed ({answer} is the label).
const (
	TextToolUnnamed   = "reason_tool_unnamed"
	TextAssumedAnswer = "reason_assumed_answer"
)

var placeholderPattern = lazyregexp.New(`\{([^{}]*)\}`)

// checkPlaceholders reports the first brace in s that is not a known
// placeholder.
func checkPlaceholders(s string, known []string) error {
	rest := placeholderPattern.ReplaceAllStringFunc(s, func(m string) string {
		if slices.Contains(known, m[1:len(m)-1]) {
			return ""
		}
		return m
	})
	if m := placeholderPattern.FindString(rest); m != "" {
		return NewMsg("err_unknown_placeholder", "m", m, "hint", hint(m[1:len(m)-1], known), "allowed", quoteList(known))
	}
	if strings.ContainsAny(rest, "{}") {
		return NewMsg("err_unbalanced_brace", "s", quote(s))
	}
	return nil
}

// fillPlaceholders replaces every {name} in s by value(name).
func fillPlaceholders(s string, value func(name string) string) string {
	if !strings.Contains(s, "{") {
		return s
	}
	return placeholderPattern.ReplaceAllStringFunc(s, func(m string) string { return value(m[1 : len(m)-1]) })
}

// inSentence lowers the first letter of a label that starts a sentence
// (« Des élèves » → « des élèves »), not that of an acronym (« ENT »).
func inSentence(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || !unicode.IsUpper(r) {
		return s
	}
	if r2, _ := utf8.DecodeRuneInString(s[n:]); unicode.IsUpper(r2) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// Ruleset is the versioned set of rules.
type Ruleset struct {
	ID      string `yaml:"id"`
	Version string `yaml:"version"`
	// Criteria are the questions shown in the risk picture, in order.
	Criteria []string `yaml:"criteria"`
	Rules    []Rule   `yaml:"rules"`
	// Steps are what to do next, in the order shown (see Step).
	Steps []Step `yaml:"steps"`
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
		return d.errorKey("id", "err_ruleset_id")
	}
	for i, c := range rs.Criteria {
		if _, ok := qs.Get(c); !ok {
			return d.errorKey(fmt.Sprintf("criteria[%d]", i), "err_no_such_question", "q", quote(c), "hint", hint(c, qs.IDs()), "allowed", quoteList(qs.IDs()))
		}
	}
	placeholders := []string{PlaceholderTool, PlaceholderContact}
	for i := range qs.List {
		if qs.List[i].Kind == KindSingle {
			placeholders = append(placeholders, qs.List[i].ID)
		}
	}
	checkText := func(at string, t Text) error {
		if m := t.missing(); len(m) > 0 {
			return d.errorKey(at, "err_missing_text", "langs", m)
		}
		for _, s := range []string{t.FR, t.EN} {
			if err := checkPlaceholders(s, placeholders); err != nil {
				return d.errorKey(at, "err_plain", "err", err)
			}
		}
		return nil
	}
	checkRefs := func(at string, list []string) error {
		for k, ref := range list {
			if !slices.Contains(refs, ref) {
				return d.errorKey(fmt.Sprintf("%s.referentiels[%d]", at, k), "err_unknown_referentiel", "v", quote(ref), "hint", hint(ref, refs), "allowed", quoteList(refs))
			}
		}
		return nil
	}
	if err := rs.validateSteps(d, qs, sources, refs, placeholders); err != nil {
		return err
	}
	seen := map[string]bool{}
	for i := range rs.Rules {
		r := &rs.Rules[i]
		at := fmt.Sprintf("rules[%d]", i)
		if !idPattern.MatchString(r.ID) {
			return d.errorKey(at+".id", "err_bad_id", "id", quote(r.ID))
		}
		if seen[r.ID] {
			return d.errorKey(at+".id", "err_dup_rule", "id", quote(r.ID))
		}
		seen[r.ID] = true
		l, err := ParseLevel(r.LevelID)
		if err != nil {
			return d.errorKey(at+".level", "err_plain", "err", err)
		}
		r.Level = l
		if !slices.Contains(rs.Criteria, r.Criterion) {
			return d.errorKey(at+".criterion", "err_unknown_criterion", "v", quote(r.Criterion), "hint", hint(r.Criterion, rs.Criteria), "allowed", quoteList(rs.Criteria))
		}
		if err := checkRefs(at, r.Referentiels); err != nil {
			return err
		}
		if m := r.Title.missing(); len(m) > 0 {
			return d.fieldKey(at, "title", "err_missing_title", "langs", m)
		}
		if err := checkText(at+".reason", r.Reason); err != nil {
			return err
		}
		if err := sources.check(d, at+".sources", r.Sources, true); err != nil {
			return err
		}
		c, err := compileCondition(r.When, qs, true)
		if err != nil {
			return d.errorKey(at+".when", "err_plain", "err", err)
		}
		r.cond = c
		for k := range r.Variants {
			v := &r.Variants[k]
			vat := fmt.Sprintf("%s.variants[%d]", at, k)
			if v.When == "" && len(v.Referentiels) == 0 {
				return d.errorKey(vat, "err_variant_always")
			}
			if err := checkRefs(vat, v.Referentiels); err != nil {
				return err
			}
			for _, ref := range v.Referentiels {
				if !r.AppliesTo(ref) {
					return d.errorKey(vat+".referentiels", "err_variant_not_in_force", "v", quote(ref))
				}
			}
			if err := checkText(vat+".reason", v.Reason); err != nil {
				return err
			}
			if len(v.Sources) > 0 {
				if err := sources.check(d, vat+".sources", v.Sources, true); err != nil {
					return err
				}
			}
			v.cond = nil
			if v.When != "" {
				if v.cond, err = compileCondition(v.When, qs, true); err != nil {
					return d.errorKey(vat+".when", "err_plain", "err", err)
				}
			}
		}
	}
	return nil
}
