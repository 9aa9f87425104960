// Package runscript writes answer sequences as what a user does to a
// questionnaire.Run, for the tests that drive the same sequence through
// every front end (the line mode, the wizard) and through the Run itself,
// then compare the answers and verdicts they reach.
package runscript

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/conduite/conduite/questionnaire"
)

// Kind is what a step does.
type Kind int

// The kinds of step.
const (
	Tool     Kind = iota // choose catalog tool ID (found by its name)
	ToolName             // name a tool that is not in the catalog (Name; "" for none)
	Answer               // answer the current question with Vals
	Preset               // Enter alone: the current question's preset
	Back                 // back
	Edit                 // from the review, open question ID
	Finish               // from the review, the result
)

var kindNames = [...]string{"tool", "tool-name", "answer", "preset", "back", "edit", "finish"}

func (k Kind) String() string { return kindNames[k] }

// Step is one thing the user does.
type Step struct {
	Kind Kind
	ID   string   // Tool: the tool's id; Edit: the question's
	Name string   // ToolName
	Vals []string // Answer
}

func (s Step) String() string {
	switch s.Kind {
	case Tool, Edit:
		return s.Kind.String() + " " + s.ID
	case ToolName:
		return fmt.Sprintf("%s %q", s.Kind, s.Name)
	case Answer:
		return s.Kind.String() + " " + strings.Join(s.Vals, ",")
	case Preset, Back, Finish:
	}
	return s.Kind.String()
}

// Apply does step s to r, as a front end does: a Back that leaves the
// questions (StageIdle) comes back to the first one, as the line mode
// does.
func Apply(r questionnaire.Run, s Step) questionnaire.Run {
	switch s.Kind {
	case Tool:
		r = r.ChooseTool(s.ID).Next()
	case ToolName:
		r, _ = r.NameTool(s.Name)
		r = r.Next()
	case Answer:
		r = r.Answer(s.Vals...)
	case Preset:
		r = r.AcceptPreset()
	case Back:
		r = r.Back()
	case Edit:
		r = r.Edit(s.ID)
	case Finish:
		r = r.Finish()
	}
	if r.Stage() == questionnaire.StageIdle {
		r = r.Next()
	}
	return r
}

// Play applies the steps in turn.
func Play(r questionnaire.Run, steps []Step) questionnaire.Run {
	for _, s := range steps {
		r = Apply(r, s)
	}
	return r
}

// Random draws a sequence that ends on the result: at most about n steps
// chosen at random (answers valid for an answers file, Enter alone, back,
// edits from the review), then Enter alone until the review, then Finish.
// It returns the steps and the Run they reach.
func Random(r questionnaire.Run, rnd *rand.Rand, n int) ([]Step, questionnaire.Run) {
	c := r.Content()
	var steps []Step
	do := func(s Step) {
		steps = append(steps, s)
		r = Apply(r, s)
	}
	for i := 0; r.Stage() != questionnaire.StageResult; i++ {
		late := i >= n
		switch r.Stage() {
		case questionnaire.StageReview:
			ss := r.Steps()
			if late || rnd.IntN(3) == 0 {
				do(Step{Kind: Finish})
			} else if rnd.IntN(4) == 0 {
				do(Step{Kind: Back})
			} else {
				do(Step{Kind: Edit, ID: ss[rnd.IntN(len(ss))].ID})
			}
		case questionnaire.StageQuestion:
			q := r.Current()
			switch {
			case !late && rnd.IntN(6) == 0:
				do(Step{Kind: Back})
			case q.Kind == questionnaire.KindTool:
				do(toolStep(c, rnd))
			case late || rnd.IntN(3) == 0:
				do(Step{Kind: Preset})
			default:
				do(Step{Kind: Answer, Vals: values(q, rnd)})
			}
		case questionnaire.StageIdle, questionnaire.StageResult:
			r = r.Next()
		}
	}
	return steps, r
}

func toolStep(c *questionnaire.Content, rnd *rand.Rand) Step {
	switch rnd.IntN(3) {
	case 0:
		return Step{Kind: ToolName, Name: []string{"", "Klassroomzz"}[rnd.IntN(2)]}
	default:
		tools := c.Catalog.Tools
		return Step{Kind: Tool, ID: tools[rnd.IntN(len(tools))].ID}
	}
}

// values draws an answer an answers file could hold: one value, or for a
// multi question an exclusive value alone or some others.
func values(q *questionnaire.Question, rnd *rand.Rand) []string {
	if q.Kind != questionnaire.KindMulti {
		return []string{q.Options[rnd.IntN(len(q.Options))].Value}
	}
	if rnd.IntN(4) == 0 {
		return []string{q.Exclusive[rnd.IntN(len(q.Exclusive))]}
	}
	var vs []string
	for _, v := range q.Values() {
		if !q.IsExclusive(v) && rnd.IntN(3) == 0 {
			vs = append(vs, v)
		}
	}
	if len(vs) == 0 {
		vs = []string{q.Values()[slices.IndexFunc(q.Values(), func(v string) bool { return !q.IsExclusive(v) })]}
	}
	return vs
}
