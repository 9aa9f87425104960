package accessible

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/conduite/conduite/internal/runscript"
	"github.com/conduite/conduite/questionnaire"
)

// lines writes step s as the lines a user types in the line mode, with
// the run r as it stands before the step.
func lines(t *testing.T, r questionnaire.Run, s runscript.Step) []string {
	t.Helper()
	c := r.Content()
	switch s.Kind {
	case runscript.Tool:
		tool, _ := c.Catalog.Tool(s.ID)
		found := c.Catalog.Search(tool.Name)
		found = found[:min(len(found), maxTools)]
		for i, f := range found {
			if f.ID == s.ID {
				return []string{tool.Name, strconv.Itoa(i + 1)}
			}
		}
		return []string{tool.Name, strconv.Itoa(len(found) + 1)} // « autre outil », its name recognised
	case runscript.ToolName:
		if s.Name == "" {
			return []string{""}
		}
		found := c.Catalog.Search(s.Name)
		return []string{s.Name, strconv.Itoa(min(len(found), maxTools) + 1)}
	case runscript.Answer:
		q := r.Current()
		var nums []string
		for _, v := range s.Vals {
			nums = append(nums, strconv.Itoa(slices.Index(q.Values(), v)+1))
		}
		return []string{strings.Join(nums, " ")}
	case runscript.Preset, runscript.Finish:
		return []string{""}
	case runscript.Back:
		return []string{"r"}
	case runscript.Edit:
		for i, q := range r.Steps() {
			if q.ID == s.ID {
				return []string{strconv.Itoa(i + 1)}
			}
		}
	}
	t.Fatalf("no lines for step %v", s)
	return nil
}

// The line mode drives questionnaire.Run: the same answer sequence typed
// in the line mode and applied to a Run directly reaches the same answers
// and the same verdict (random sequences with backs, Enter alone, edits
// from the review, catalog tools and free names, in every référentiel and
// on the case studies).
func TestLineModeAndRunShareTheRun(t *testing.T) {
	c := load(t)
	rnd := rand.New(rand.NewPCG(12, 4))
	refs := c.Referentiels.IDs()
	for n := range 60 {
		o := Options{Referentiel: refs[n%len(refs)], Lang: questionnaire.Langs[n%2]}
		start := questionnaire.NewRun(c, o.Referentiel)
		if n%5 == 4 {
			o.Case = &c.Cases.List[rnd.IntN(len(c.Cases.List))]
			start = start.WithCase(o.Case).Next()
		} else {
			start = start.Start()
		}
		steps, want := runscript.Random(start, rnd, 25)
		var in []string
		r := start
		for _, s := range steps {
			in = append(in, lines(t, r, s)...)
			r = runscript.Apply(r, s)
		}
		out, got := runLines(t, c, strings.Join(in, "\n")+"\n", o)
		if !got.Answers().Equal(want.Answers()) {
			t.Fatalf("sequence %d %v:\nline mode %v\nRun       %v\n%s", n, steps, dump(got.Answers()), dump(want.Answers()), out)
		}
		lvl := want.Level()
		if got.Level() != lvl || got.Stage() != questionnaire.StageResult {
			t.Fatalf("sequence %d: line mode at %s with %s, Run %s", n, got.Stage(), got.Level(), lvl)
		}
		verdict := strings.ReplaceAll(c.Texts.T(o.Lang, "acc_verdict"), "{verdict}", lvl.Symbol()+" "+lvl.Label(o.Lang))
		if !strings.Contains(out, verdict) {
			t.Fatalf("sequence %d: the line mode does not say %q", n, verdict)
		}
	}
}

// runLines runs the line mode on input and returns what it wrote and the
// run it left.
func runLines(t *testing.T, c *questionnaire.Content, input string, o Options) (string, questionnaire.Run) {
	t.Helper()
	var out strings.Builder
	r, err := play(strings.NewReader(input), &out, c, o)
	if err != nil {
		t.Fatalf("line mode: %v\n%s", err, out.String())
	}
	return out.String(), r
}

func dump(a questionnaire.Answers) string {
	var b strings.Builder
	for _, id := range a.IDs() {
		b.WriteString(id + "=" + strings.Join(a.List(id), ",") + " ")
	}
	return b.String() + "nom_outil=" + a.Meta.ToolName + " referentiel=" + a.Meta.Referentiel
}
