package questionnaire

import (
	"fmt"
	"slices"
)

// Kind says how a question is answered.
type Kind string

// The kinds of question.
const (
	KindSingle Kind = "single" // one value among the options
	KindMulti  Kind = "multi"  // several values (données)
	KindTool   Kind = "tool"   // a catalog id (outil)
)

// The ids of questions the evaluation itself needs.
const (
	QTool     = "outil"
	QUsage    = "usage"
	QAudience = "audience"
	QLevel    = "niveau" // the pupils' school level, for the alternatives
	QData     = "donnees"
	// NoPersonalData is the value of donnees that says no personal data
	// is processed: no processing, so no next step.
	NoPersonalData = "aucune"
)

// Question is one question of the questionnaire: its id and values are the
// public contract of answers files.
type Question struct {
	ID      string   `yaml:"id"`
	Kind    Kind     `yaml:"kind"`
	Title   Text     `yaml:"title"`   // short name, for the review and reports
	Text    Text     `yaml:"text"`    // the question itself
	Why     Text     `yaml:"why"`     // « pourquoi cette question ? »
	Sources []string `yaml:"sources"` // source ids for Why
	// AskIf is an expression over earlier answers: the question is asked
	// only when it holds; otherwise its value is Otherwise.
	AskIf     string   `yaml:"ask_if"`
	Otherwise string   `yaml:"otherwise"`
	Unknown   string   `yaml:"unknown"`   // the « je ne sais pas » value, if any
	Exclusive []string `yaml:"exclusive"` // multi: values that stand alone
	Options   []Option `yaml:"options"`

	askIf *condition
	box   map[string]any // each value boxed once, for the expression machine
}

// boxed returns v as an interface value without allocating at each
// evaluation.
func (q *Question) boxed(v string) any {
	if b, ok := q.box[v]; ok {
		return b
	}
	return v
}

// Option is one value of a question.
type Option struct {
	Value string `yaml:"value"`
	Label Text   `yaml:"label"`
	Help  Text   `yaml:"help"`
	// Risk orders the values of a question: a higher risk never gives a
	// better verdict. Options of equal risk are not ordered between them.
	// Nil for a question whose values have no risk order (usage).
	Risk *int `yaml:"risk"`
}

// Option returns the option with that value.
func (q *Question) Option(value string) (Option, bool) {
	for _, o := range q.Options {
		if o.Value == value {
			return o, true
		}
	}
	return Option{}, false
}

// Values lists the question's values in order.
func (q *Question) Values() []string {
	vs := make([]string, len(q.Options))
	for i, o := range q.Options {
		vs[i] = o.Value
	}
	return vs
}

// Conditional reports whether the question is asked only in some contexts.
func (q *Question) Conditional() bool { return q.askIf != nil }

// Applies reports whether the question is asked, given the answers so far.
func (q *Question) Applies(a Answers) bool {
	if q.askIf == nil {
		return true
	}
	return q.askIf.evalAnswers(a)
}

// IsExclusive reports whether a multi value must stand alone.
func (q *Question) IsExclusive(v string) bool { return slices.Contains(q.Exclusive, v) }

// Ordered reports whether the question's values carry a risk order.
func (q *Question) Ordered() bool { return len(q.Options) > 0 && q.Options[0].Risk != nil }

// Assumed is the value taken for a question left out: its « je ne sais
// pas » value, which every question but the tool has (validation checks it),
// so that a missing answer never improves a verdict and stays to be checked.
func (q *Question) Assumed() string { return q.Unknown }

// Questions is the ordered questionnaire.
type Questions struct {
	Version int        `yaml:"version"`
	List    []Question `yaml:"questions"`
	byID    map[string]*Question
}

// Get returns the question with that id.
func (qs *Questions) Get(id string) (*Question, bool) {
	q, ok := qs.byID[id]
	return q, ok
}

// IDs lists the question ids in order.
func (qs *Questions) IDs() []string {
	ids := make([]string, len(qs.List))
	for i := range qs.List {
		ids[i] = qs.List[i].ID
	}
	return ids
}

func (qs *Questions) validate(d *yamlDoc, sources *Sources, tools []string) error {
	qs.byID = make(map[string]*Question, len(qs.List))
	if len(qs.List) == 0 {
		return d.errorKey("questions", "err_no_question")
	}
	for i := range qs.List {
		q := &qs.List[i]
		at := fmt.Sprintf("questions[%d]", i)
		if !idPattern.MatchString(q.ID) {
			return d.errorKey(at+".id", "err_bad_id", "id", quote(q.ID))
		}
		if _, dup := qs.byID[q.ID]; dup {
			return d.errorKey(at+".id", "err_dup_question", "id", quote(q.ID))
		}
		qs.byID[q.ID] = q
		switch q.Kind {
		case KindSingle, KindMulti:
			if len(q.Options) < 2 {
				return d.errorKey(at+".options", "err_two_options", "kind", q.Kind)
			}
		case KindTool:
			if len(q.Options) > 0 {
				return d.errorKey(at+".options", "err_tool_options")
			}
			for _, id := range tools {
				q.Options = append(q.Options, Option{Value: id})
			}
		default:
			return d.errorKey(at+".kind", "err_question_kind", "v", quote(string(q.Kind)), "allowed", quoteList([]string{string(KindSingle), string(KindMulti), string(KindTool)}))
		}
		for _, f := range []struct {
			name string
			t    Text
		}{{"title", q.Title}, {"text", q.Text}, {"why", q.Why}} {
			if m := f.t.missing(); len(m) > 0 {
				return d.errorKey(at+"."+f.name, "err_missing_text", "langs", m)
			}
		}
		if err := sources.check(d, at+".sources", q.Sources, true); err != nil {
			return err
		}
		q.box = make(map[string]any, len(q.Options))
		for _, o := range q.Options {
			q.box[o.Value] = o.Value
		}
		if q.Kind == KindTool {
			continue
		}
		seen := map[string]bool{}
		ordered := q.Options[0].Risk != nil
		for j, o := range q.Options {
			oat := fmt.Sprintf("%s.options[%d]", at, j)
			if !idPattern.MatchString(o.Value) {
				return d.errorKey(oat+".value", "err_bad_value_id", "v", quote(o.Value))
			}
			if seen[o.Value] {
				return d.errorKey(oat+".value", "err_dup_value", "v", quote(o.Value))
			}
			seen[o.Value] = true
			if (o.Risk != nil) != ordered {
				return d.errorKey(oat, "err_risk_all_or_none")
			}
			if m := o.Label.missing(); len(m) > 0 {
				return d.errorKey(oat+".label", "err_missing_text", "langs", m)
			}
			if m := o.Help.missing(); len(m) > 0 {
				return d.errorKey(oat+".help", "err_missing_text", "langs", m)
			}
		}
		if q.Unknown == "" {
			return d.errorKey(at, "err_no_unknown", "q", quote(q.ID))
		}
		if !seen[q.Unknown] {
			return d.errorKey(at+".unknown", "err_unknown_not_option", "v", quote(q.Unknown), "allowed", quoteList(q.Values()))
		}
		for k, v := range q.Exclusive {
			if !seen[v] {
				return d.errorKey(fmt.Sprintf("%s.exclusive[%d]", at, k), "err_not_option", "v", quote(v), "allowed", quoteList(q.Values()))
			}
		}
		if len(q.Exclusive) > 0 && q.Kind != KindMulti {
			return d.errorKey(at+".exclusive", "err_exclusive_multi")
		}
		if (q.AskIf == "") != (q.Otherwise == "") {
			return d.errorKey(at, "err_ask_if_otherwise")
		}
		if q.Otherwise != "" && !seen[q.Otherwise] {
			return d.errorKey(at+".otherwise", "err_not_option", "v", quote(q.Otherwise), "allowed", quoteList(q.Values()))
		}
	}
	// Conditions may only look at questions asked before.
	for i := range qs.List {
		q := &qs.List[i]
		if q.AskIf == "" {
			continue
		}
		earlier := &Questions{List: qs.List[:i], byID: map[string]*Question{}}
		for j := range earlier.List {
			earlier.byID[earlier.List[j].ID] = &earlier.List[j]
		}
		c, err := compileCondition(q.AskIf, earlier, false)
		if err != nil {
			return d.errorKey(fmt.Sprintf("questions[%d].ask_if", i), "err_plain", "err", err)
		}
		q.askIf = c
	}
	return nil
}
