package questionnaire

import (
	"slices"
	"strings"

	"github.com/conduite/conduite/internal/safetext"
)

// Stage says where a run stands.
type Stage int

// The stages of a run.
const (
	// StageIdle: the questions have not started, or the user went back
	// before the first one (a front end shows its welcome, or the case's
	// screen).
	StageIdle Stage = iota
	// StageQuestion: a question is asked (Run.Current).
	StageQuestion
	// StageReview: every step has been through; the answers on one screen.
	StageReview
	// StageResult: the verdict is shown.
	StageResult
)

var stageNames = [...]string{"idle", "question", "review", "result"}

func (s Stage) String() string { return stageNames[s] }

// WhatIf is one « et si ? » in force: the answers before it and the
// question it changed.
type WhatIf struct {
	Before Answers
	ID     string
}

// Run is one pass through the questionnaire: the answers (whose
// Meta.Referentiel is the run's référentiel, its only copy), the case study
// if any, the stage and the current question, the question opened from the
// review, the values ticked on the current question and the « et si ? »
// stack. Every front end (the wizard, the line mode, a remote session)
// drives a Run through its methods and keeps no answers of its own.
//
// Run is a value: every method that changes it returns a modified copy and
// leaves the receiver as it was (the slices it holds are never shared
// between copies), so a front end may keep an old Run, compare two, or
// store one in a Bubble Tea model. The zero Run is not usable: start from
// NewRun.
type Run struct {
	c       *Content
	answers Answers
	kase    *Case
	stage   Stage
	// current is the question asked (StageQuestion); at the review, the
	// question its cursor starts on ("" for the link to the verdict).
	current string
	editing bool     // the current question was opened from the review
	seen    bool     // the result was shown in this run
	draft   []string // the values ticked on the current question
	whatif  []WhatIf // the « et si ? » in force, oldest first
}

// NewRun returns a run of content c under référentiel ref ("" or an
// unknown id: the default), not started (StageIdle, no answer).
func NewRun(c *Content, ref string) Run {
	r := Run{c: c}
	r.answers.Meta.Referentiel = c.referentielFor(Answers{}.WithReferentiel(ref)).ID
	return r
}

// WithCase returns a run on case study k, not started (the case's screen):
// its answers, and its référentiel when it names one (else the run's).
func (r Run) WithCase(k *Case) Run {
	n := Run{c: r.c, kase: k}
	ref := r.answers.Meta.Referentiel
	if k.Referentiel != "" {
		ref = r.c.referentielFor(Answers{}.WithReferentiel(k.Referentiel)).ID
	}
	n.answers = k.Answers.Clone()
	n.answers.Meta.Referentiel = ref
	return n
}

// WithReferentiel returns the run under référentiel id; an unknown id
// leaves it unchanged (false).
func (r Run) WithReferentiel(id string) (Run, bool) {
	ref, ok := r.c.Referentiels.Get(id)
	if !ok {
		return r, false
	}
	r.answers.Meta.Referentiel = ref.ID
	return r, true
}

// Start begins the questions anew: the case's answers (or none) under the
// run's référentiel, no « et si ? », the first question.
func (r Run) Start() Run {
	ref := r.answers.Meta.Referentiel
	r.answers = Answers{}
	if r.kase != nil {
		r.answers = r.kase.Answers.Clone()
	}
	r.answers.Meta.Referentiel = ref
	r.editing, r.seen, r.whatif = false, false, nil
	return r.goTo(r.firstID())
}

// Resume continues a run saved unfinished: its answers (under their own
// référentiel when they name a known one), at the first question left
// without an answer, else at the review.
func (r Run) Resume(a Answers) Run {
	ref := r.answers.Meta.Referentiel
	r.answers = a.Clone()
	if _, ok := r.c.Referentiels.Get(a.Meta.Referentiel); !ok {
		r.answers.Meta.Referentiel = ref
	}
	r.editing, r.seen, r.whatif = false, false, nil
	if id := r.FirstUnanswered(); id != "" {
		return r.goTo(id)
	}
	return r.toReview(QTool)
}

// Give records the values for the current question without moving (a
// multi question's ticks kept when going back, for instance). A single
// value the catalog implies is not recorded as an explicit answer: the
// catalog's fact stays the source. Values an answers file could not hold
// (not the question's, several for a single question, an exclusive value
// combined with others, an unknown tool) change nothing: a front end that
// wants to say why checks them first (Question.Combined).
func (r Run) Give(vals ...string) Run {
	q := r.Current()
	vals, ok := r.valid(q, vals)
	if !ok {
		return r
	}
	switch {
	case q.Kind == KindTool:
		return r.ChooseTool(vals[0])
	case q.Kind != KindMulti && r.Fact(q.ID) == vals[0]:
		r.answers = r.answers.Unset(q.ID)
	default:
		r.answers = r.answers.Set(q.ID, vals...)
	}
	r.draft = vals
	return r
}

// valid returns vals as the answer to q would hold them (in the question's
// order), or false when an answers file could not hold them.
func (r Run) valid(q *Question, vals []string) ([]string, bool) {
	if q == nil || len(vals) == 0 {
		return nil, false
	}
	if q.Kind == KindTool {
		_, ok := r.c.Catalog.Tool(vals[0])
		return vals[:1:1], ok && len(vals) == 1
	}
	in := q.InOrder(vals)
	if len(in) != len(vals) || (q.Kind != KindMulti && len(in) > 1) {
		return nil, false // a value not the question's, or given twice
	}
	if _, bad := q.Combined(in); bad {
		return nil, false
	}
	return in, true
}

// Answer records the values for the current question and moves on (Next);
// values Give refuses change nothing, and the run stays.
func (r Run) Answer(vals ...string) Run {
	if _, ok := r.valid(r.Current(), vals); !ok {
		return r
	}
	return r.Give(vals...).Next()
}

// ChooseTool records catalog tool id as the answer to the tool question
// (the free name is dropped), without moving.
func (r Run) ChooseTool(id string) Run {
	if _, ok := r.c.Catalog.Tool(id); !ok {
		return r
	}
	r.answers = r.answers.Set(QTool, id)
	r.answers.Meta.ToolName = ""
	r.draft = nil
	return r
}

// NameTool records a tool that is not in the catalog by its name ("" for
// no tool), without moving; the name is cleaned of controls as an answers
// file's is. A name that is one of a catalog tool's names
// chooses that tool (its facts and rules apply), returned as matched so
// that a front end can say so.
func (r Run) NameTool(name string) (_ Run, matched *Tool) {
	// Free text: cleaned as the parser cleans it, so that the answers
	// read the same from a file.
	name = strings.TrimSpace(safetext.Line(name))
	if t, ok := r.c.Catalog.Match(name); ok && name != "" {
		return r.ChooseTool(t.ID), t
	}
	r.answers = r.answers.Unset(QTool)
	r.answers.Meta.ToolName = name
	r.draft = nil
	return r, nil
}

// AcceptPreset takes the current question's preset and moves on: an
// answer given or implied by the catalog stays as it is; « je ne sais pas »,
// taken because nothing was said, is recorded as said.
func (r Run) AcceptPreset() Run {
	q := r.Current()
	if q == nil {
		return r
	}
	if p := r.Preset(); p.Assumed() && len(p.Values) > 0 {
		r.answers = r.answers.Set(q.ID, p.Values...)
	}
	return r.Next()
}

// Tick ticks or unticks value v among the values in progress on the
// current multi question (Draft); an exclusive value (aucune, je ne sais
// pas) stands alone. On a single question, v becomes the draft.
func (r Run) Tick(v string) Run {
	q := r.Current()
	if q == nil {
		return r
	}
	if _, ok := q.Option(v); !ok {
		return r
	}
	if q.Kind != KindMulti {
		r.draft = []string{v}
		return r
	}
	r.draft = q.Toggle(r.draft, v)
	return r
}

// Next moves forward without changing an answer: from the welcome (or the
// case's screen) to the first question; from a question to the next step,
// or, for a question opened from the review, to the next question left
// without an answer (a conditional one the change opened), else back to
// the review; from the review to the result.
func (r Run) Next() Run {
	switch r.stage {
	case StageIdle:
		return r.goTo(r.firstID())
	case StageQuestion:
		if r.editing {
			if next := r.FirstUnanswered(); next != "" {
				return r.goTo(next)
			}
			return r.toReview(r.current)
		}
		ss := r.Steps()
		if i := stepIndex(ss, r.current); i+1 < len(ss) {
			return r.goTo(ss[i+1].ID)
		}
		return r.toReview("")
	case StageReview:
		return r.Finish()
	case StageResult:
	}
	return r
}

// Back moves back: from a question opened from the review to the review;
// from a question to the one before, or, from the first (First), to
// StageIdle; from the review to the last step; from the result to the
// review (the « et si ? » stay; Revise drops them).
func (r Run) Back() Run {
	switch r.stage {
	case StageIdle:
	case StageQuestion:
		if r.editing {
			return r.toReview(r.current)
		}
		if r.First() {
			r.stage, r.draft = StageIdle, nil
			return r
		}
		ss := r.Steps()
		if i := stepIndex(ss, r.current); i > 0 {
			return r.goTo(ss[i-1].ID)
		}
		r.stage, r.draft = StageIdle, nil
		return r
	case StageReview:
		ss := r.Steps()
		return r.goTo(ss[len(ss)-1].ID)
	case StageResult:
		return r.toReview("")
	}
	return r
}

// Edit opens question id from the review (or the result); Next and Back
// then come back to the review. An id that is not a step: unchanged.
func (r Run) Edit(id string) Run {
	if stepIndex(r.Steps(), id) < 0 {
		return r
	}
	r = r.goTo(id)
	r.editing = true
	return r
}

// Finish shows the result.
func (r Run) Finish() Run {
	r.stage, r.current, r.editing, r.draft = StageResult, "", false, nil
	r.seen = true
	return r
}

// Revise leaves the result for the review to change answers: the
// « et si ? » belong to the result they were made on and are dropped.
func (r Run) Revise() Run {
	r.whatif = nil
	return r.toReview("")
}

// WhatIf changes the answer to question id in place, on the result, and
// keeps the answers before it so that Undo brings them back. A change that
// resolves to the same answers, or a run not at its result, does nothing
// (false).
func (r Run) WhatIf(id string, vals ...string) (Run, bool) {
	if r.stage != StageResult {
		return r, false
	}
	q, _ := r.c.Questions.Get(id)
	vals, ok := r.valid(q, vals)
	if !ok {
		return r, false
	}
	a := r.answers.Set(id, vals...)
	if id == QTool {
		a.Meta.ToolName = ""
	}
	if r.c.Resolve(a).Answers.Equal(r.c.Resolve(r.answers).Answers) {
		return r, false
	}
	r.whatif = append(slices.Clip(r.whatif), WhatIf{Before: r.answers, ID: id})
	r.answers = a
	return r, true
}

// Undo takes back the last « et si ? » in force, on the result (false when
// there is none, or the run is not at its result).
func (r Run) Undo() (Run, bool) {
	n := len(r.whatif)
	if n == 0 || r.stage != StageResult {
		return r, false
	}
	r.answers = r.whatif[n-1].Before
	r.whatif = slices.Clip(r.whatif[:n-1])
	return r, true
}

// goTo asks question id.
func (r Run) goTo(id string) Run {
	r.stage, r.current = StageQuestion, id
	r.draft = r.arrivalDraft()
	return r
}

// toReview shows the review, its cursor on question id ("" for the link
// to the verdict).
func (r Run) toReview(id string) Run {
	r.stage, r.current, r.editing, r.draft = StageReview, id, false, nil
	return r
}

// arrivalDraft is what a question shows ticked when it is asked: the
// answer given or implied by the catalog, never a value assumed in the
// user's favour; in a case study, also the « je ne sais pas » the case
// leaves to the evaluation, so that going through it keeps its verdict.
func (r Run) arrivalDraft() []string {
	q := r.Current()
	if q == nil || q.Kind == KindTool {
		return nil
	}
	p := r.Preset()
	if p.Assumed() && r.kase == nil {
		return nil
	}
	return slices.Clone(p.Values)
}

// firstID is the run's first question: the tool, or in a case study (which
// names it) the first question after it.
func (r Run) firstID() string {
	ss := r.Steps()
	if r.kase != nil {
		for _, q := range ss {
			if q.ID != QTool {
				return q.ID
			}
		}
	}
	return ss[0].ID
}

func stepIndex(ss []*Question, id string) int {
	return slices.IndexFunc(ss, func(q *Question) bool { return q.ID == id })
}
