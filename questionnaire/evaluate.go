package questionnaire

import (
	"cmp"
	"slices"
	"strings"

	"github.com/expr-lang/expr/vm"
)

// Origin says where an effective answer comes from.
type Origin int

// The origins of an effective answer.
const (
	OriginGiven   Origin = iota // the user answered
	OriginCatalog               // implied by the catalog entry of the tool
	OriginAssumed               // left out: the question's « je ne sais pas » value
	OriginSkipped               // the question does not apply (its condition is false)
)

var originIDs = [...]string{"given", "catalog", "assumed", "skipped"}

func (o Origin) String() string { return originIDs[o] }

// Resolved is a set of answers completed for evaluation: catalog facts fill
// what the user did not say, questions that do not apply take their
// « otherwise » value, and questions left out take their assumed value.
type Resolved struct {
	Answers Answers
	Origins map[string]Origin
	Tool    *Tool // the catalog entry, if the answers name one
	// ByName says the tool was found from the free name (nom_outil), which
	// is one of its names: its facts and tool rules apply, and the report
	// says so.
	ByName bool
}

// Resolve completes the answers. An explicit answer always overrides the
// catalog.
func (c *Content) Resolve(given Answers) Resolved {
	r := Resolved{Answers: given.Clone(), Origins: make(map[string]Origin, len(c.Questions.List))}
	e := c.getEnv()
	defer c.putEnv(e)
	r.Tool = c.fill(e, given, c.referentielFor(given).ID, &r)
	return r
}

// ToolFor returns the catalog entry the answers name: the tool of outil,
// else the one whose name nom_outil is (Catalog.Match); byName says it was
// found from the free name.
func (c *Content) ToolFor(a Answers) (t *Tool, byName bool) {
	if id := a.Get(QTool); id != "" {
		t, _ = c.Catalog.Tool(id)
		return t, false
	}
	if a.Meta.ToolName != "" {
		if t, ok := c.Catalog.Match(a.Meta.ToolName); ok {
			return t, true
		}
	}
	return nil, false
}

// FactsFor returns the facts the catalog implies for the answers' tool under
// their référentiel, nil when they name no catalog tool.
func (c *Content) FactsFor(a Answers) map[string]string {
	t, _ := c.ToolFor(a)
	if t == nil {
		return nil
	}
	return t.FactsIn(c.referentielFor(a).ID)
}

// fill resolves the answers into the variables of e, in questionnaire order
// (conditions only look at earlier questions, which validation checks), and
// into res when it is not nil, with the catalog facts of référentiel ref. It
// returns the catalog tool named, if any.
func (c *Content) fill(e *env, given Answers, ref string, res *Resolved) *Tool {
	tool, byName := c.ToolFor(given)
	var facts map[string]string
	if tool != nil {
		facts = tool.FactsIn(ref)
	}
	if res != nil {
		res.ByName = byName
	}
	e.vars[VarExtraEULaw] = tool != nil && tool.ExtraEULaw == "oui"
	for i := range c.Questions.List {
		q := &c.Questions.List[i]
		var origin Origin
		var vals []string
		switch {
		case q.askIf != nil && !q.askIf.eval(e):
			vals, origin = []string{q.Otherwise}, OriginSkipped
		case given.Has(q.ID):
			vals, origin = given.vals[q.ID], OriginGiven
		case facts[q.ID] != "":
			vals, origin = []string{facts[q.ID]}, OriginCatalog
		case q.Kind == KindTool && byName:
			vals, origin = []string{tool.ID}, OriginCatalog // the free name is one of its names
		case q.Kind == KindTool:
			vals, origin = nil, OriginAssumed // optional: no tool named
		default:
			vals, origin = []string{q.Assumed()}, OriginAssumed
		}
		if q.Kind == KindMulti {
			e.vars[q.ID] = vals
		} else if len(vals) > 0 {
			e.vars[q.ID] = q.boxed(vals[0])
		} else {
			e.vars[q.ID] = boxedEmpty
		}
		if res != nil {
			if q.Kind == KindTool && len(vals) == 0 {
				continue
			}
			res.Origins[q.ID] = origin
			if origin != OriginGiven {
				res.Answers.vals[q.ID] = vals
			}
		}
	}
	return tool
}

var boxedEmpty any = ""

// getEnv takes an evaluation environment from the pool: the variables map
// and the expression machine are reused, so an evaluation allocates little.
func (c *Content) getEnv() *env {
	if c.envs != nil {
		if e, ok := c.envs.Get().(*env); ok {
			return e
		}
	}
	return &env{vars: make(map[string]any, len(c.Questions.List)+1)}
}

func (c *Content) putEnv(e *env) {
	if c.envs != nil {
		c.envs.Put(e)
	}
}

// Reason is one rule that matched, with its sources.
type Reason struct {
	Rule    *Rule
	Variant *Variant // the wording of the situation, or nil for the rule's
	Sources []*Source
	// Decision is the profile's decision about the tool the reason says,
	// nil for a rule's reason.
	Decision *Decision
	report   *Report
}

// Text is the reason in lang, in the words of the situation judged: the
// variant that fits, its placeholders filled from the answers.
func (r Reason) Text(lang Lang) string {
	if d := r.Decision; d != nil {
		// The organisation's words, never read for placeholders.
		p := r.report.Content.Profile
		head := strings.NewReplacer("{org}", p.Organisation, "{date}", FormatDate(d.Date, r.report.Content.Texts, lang)).
			Replace(r.report.Content.Texts.T(lang, "profile_decision_"+d.Decision))
		return head + d.Reason.In(lang)
	}
	t := r.Rule.Reason
	if r.Variant != nil {
		t = r.Variant.Reason
	}
	return r.report.fill(t.In(lang), lang)
}

// Title is the rule's short title in lang.
func (r Reason) Title(lang Lang) string { return r.Rule.Title.In(lang) }

// fill replaces the placeholders of a reason (see PlaceholderTool).
func (r *Report) fill(s string, lang Lang) string {
	if r == nil {
		return s
	}
	return fillPlaceholders(s, func(name string) string {
		switch name {
		case PlaceholderTool:
			if n := r.ToolName(); n != "" {
				return n
			}
			return r.Content.Texts.T(lang, TextToolUnnamed)
		case PlaceholderContact:
			return r.Referentiel.Contact.In(lang)
		}
		q, _ := r.Content.Questions.Get(name)
		o, ok := q.Option(r.Resolved.Answers.Get(name))
		if !ok {
			return "?" // a question that does not apply: never in a valid rule
		}
		label := inSentence(o.Label.In(lang))
		if r.Resolved.Origins[name] == OriginAssumed {
			// Not the user's words: say it is the case assumed.
			return strings.ReplaceAll(r.Content.Texts.T(lang, TextAssumedAnswer), "{answer}", label)
		}
		return label
	})
}

// CriterionLevel is one line of the risk picture: the most severe level among
// the rules that matched for that criterion (None when none did).
type CriterionLevel struct {
	Question *Question
	Level    Level
	Rules    []string // ids of the rules that matched for it, most severe first
}

// Report is the outcome of an evaluation: the model every writer presents.
type Report struct {
	Level        Level
	Reasons      []Reason // most severe first, then in rule-set order
	ToCheck      []string // question ids to check with the DPD, in order
	Alternatives []*Tool  // institutional alternatives that fit, best first
	// LocalAlternatives are the profile's services that fit: offered
	// before the national alternatives.
	LocalAlternatives []*Service
	// Steps are what to do next, in order (none for a use without
	// personal data).
	Steps       []NextStep
	Criteria    []CriterionLevel
	Given       Answers // as the user gave them
	Resolved    Resolved
	Referentiel *Referentiel
	Ruleset     *Ruleset
	Content     *Content
}

// ToolName is the name of the evaluated tool: the catalog's, nom_outil, or "".
func (r *Report) ToolName() string {
	if r.Resolved.Tool != nil {
		return r.Resolved.Tool.Name
	}
	return r.Given.Meta.ToolName
}

// Fired reports whether the rule matched.
func (r *Report) Fired(ruleID string) bool {
	return slices.ContainsFunc(r.Reasons, func(x Reason) bool { return x.Rule.ID == ruleID })
}

// env is the variables of one evaluation and the expression machine that
// runs the conditions (reused across rules: one allocation per evaluation).
type env struct {
	vars map[string]any
	vm   vm.VM
}

// Evaluate resolves the answers and runs the rule set of their référentiel
// (Meta.Referentiel; the default when it names none: see
// Answers.WithReferentiel).
func (c *Content) Evaluate(given Answers) *Report {
	referentiel := c.referentielFor(given)
	res := Resolved{Answers: given.Clone(), Origins: make(map[string]Origin, len(c.Questions.List))}
	e := c.getEnv()
	defer c.putEnv(e)
	res.Tool = c.fill(e, given, referentiel.ID, &res)
	rep := &Report{Given: given, Resolved: res, Referentiel: referentiel, Ruleset: c.Rules, Content: c}
	// The organisation's own decision comes first among reasons of its
	// level (the sort below is stable).
	if d := c.decision(res.Tool, referentiel.ID); d != nil {
		rule := &Rule{ID: "profil-" + d.Decision, LevelID: d.Level().String(), Level: d.Level(), Criterion: QTool,
			Title: c.Texts.Map["profile_decision_title"]}
		rep.Reasons = append(rep.Reasons, Reason{Rule: rule, Sources: []*Source{c.Profile.Source(d)}, Decision: d, report: rep})
		rep.Level = rule.Level
	}
	for i := range c.Rules.Rules {
		rule := &c.Rules.Rules[i]
		if !rule.AppliesTo(referentiel.ID) || !rule.cond.eval(e) {
			continue
		}
		v, srcs := rule.variant(e, referentiel.ID), rule.Sources
		if v != nil && len(v.Sources) > 0 {
			srcs = v.Sources
		}
		rep.Reasons = append(rep.Reasons, Reason{Rule: rule, Variant: v, Sources: c.Sources.Resolve(srcs), report: rep})
		rep.Level = max(rep.Level, rule.Level)
	}
	slices.SortStableFunc(rep.Reasons, func(a, b Reason) int { return cmp.Compare(b.Rule.Level, a.Rule.Level) })
	rep.ToCheck = c.toCheck(res)
	rep.Criteria = c.criteria(rep.Reasons)
	rep.Alternatives = c.alternatives(res, referentiel.ID)
	rep.LocalAlternatives = c.localAlternatives(c.knownAnswer(res, QUsage), c.knownAnswer(res, QAudience), c.knownAnswer(res, QLevel), referentiel.ID)
	rep.Steps = c.nextSteps(e, rep)
	return rep
}

// decision is the profile's decision about the tool under the référentiel
// (the profile's own), nil when there is none.
func (c *Content) decision(t *Tool, ref string) *Decision {
	if t == nil || c.Profile == nil || c.Profile.Referentiel != ref {
		return nil
	}
	d, _ := c.Profile.Decision(t.ID)
	return d
}

// knownAnswer is the resolved answer to a question, "" when it is the
// question's « je ne sais pas »: it filters no alternative.
func (c *Content) knownAnswer(res Resolved, id string) string {
	v := res.Answers.Get(id)
	if q, ok := c.Questions.Get(id); ok && v == q.Unknown {
		return ""
	}
	return v
}

// Level evaluates the answers and returns the verdict only: the fast path
// for batch work and property tests.
func (c *Content) Level(given Answers) Level {
	referentiel := c.referentielFor(given)
	e := c.getEnv()
	defer c.putEnv(e)
	tool := c.fill(e, given, referentiel.ID, nil)
	level := None
	if d := c.decision(tool, referentiel.ID); d != nil {
		level = d.Level()
	}
	for i := range c.Rules.Rules {
		rule := &c.Rules.Rules[i]
		if rule.Level > level && rule.AppliesTo(referentiel.ID) && rule.cond.eval(e) {
			level = rule.Level
		}
	}
	return level
}

// referentielFor is the référentiel of the answers, else the default.
func (c *Content) referentielFor(given Answers) *Referentiel {
	if r, ok := c.Referentiels.Get(given.Meta.Referentiel); ok {
		return r
	}
	return c.Referentiels.Default()
}

func (c *Content) toCheck(res Resolved) []string {
	var ids []string
	for i := range c.Questions.List {
		q := &c.Questions.List[i]
		if q.Kind == KindTool || res.Origins[q.ID] == OriginSkipped {
			continue
		}
		if res.Origins[q.ID] == OriginAssumed || (q.Unknown != "" && slices.Contains(res.Answers.vals[q.ID], q.Unknown)) {
			ids = append(ids, q.ID)
		}
	}
	return ids
}

func (c *Content) criteria(reasons []Reason) []CriterionLevel {
	out := make([]CriterionLevel, 0, len(c.Rules.Criteria))
	for _, id := range c.Rules.Criteria {
		q, _ := c.Questions.Get(id)
		cl := CriterionLevel{Question: q}
		for _, r := range reasons {
			if r.Rule.Criterion == id {
				cl.Level = max(cl.Level, r.Rule.Level)
				cl.Rules = append(cl.Rules, r.Rule.ID)
			}
		}
		out = append(out, cl)
	}
	return out
}

func (c *Content) alternatives(res Resolved, ref string) []*Tool {
	// A use or an audience left out or « je ne sais pas » filters nothing.
	known := func(id string) string { return c.knownAnswer(res, id) }
	usage, audience := known(QUsage), known(QAudience)
	// The level not asked (no pupils) takes « inconnu »: it filters nothing.
	level := known(QLevel)
	var out, legacy []*Tool
	for i := range c.Catalog.Tools {
		t := &c.Catalog.Tools[i]
		if res.Tool != nil && t.ID == res.Tool.ID {
			continue
		}
		if !t.Alternative.Fits(usage, audience, ref) || !t.Alternative.FitsLevel(level) {
			continue
		}
		if t.Alternative.Legacy != nil {
			legacy = append(legacy, t)
		} else {
			out = append(out, t)
		}
	}
	byRank := func(a, b *Tool) int { return cmp.Compare(a.Alternative.Rank, b.Alternative.Rank) }
	slices.SortStableFunc(out, byRank)
	if len(out) == 0 {
		return nil // a replaced service is never offered first, nor alone
	}
	slices.SortStableFunc(legacy, byRank)
	return append(out, legacy...)
}
