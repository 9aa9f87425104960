package accessible

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/conduite/conduite/internal/runscript"
	"github.com/conduite/conduite/questionnaire"
	"github.com/conduite/conduite/tui"
)

// The wizard and the line mode share the run: the same answer sequence,
// typed as keys in the wizard (at the level of its Update) and as lines in
// the line mode, reaches the same answers and the same verdict, which are
// those of the questionnaire.Run it was drawn from (random sequences with
// backs, Enter alone, edits from the review, catalog tools and free
// names, in every référentiel and on the case studies). The wizard's
// answers are compared after every step, so a difference names the step.
func TestWizardAndLineModeShareTheRun(t *testing.T) {
	c := load(t)
	rnd := rand.New(rand.NewPCG(7, 31))
	refs := c.Referentiels.IDs()
	played := 0
	for n := 0; played < 40 && n < 400; n++ {
		o := Options{Referentiel: refs[n%len(refs)], Lang: questionnaire.Langs[n%2]}
		start := questionnaire.NewRun(c, o.Referentiel)
		if n%5 == 4 {
			o.Case = &c.Cases.List[rnd.IntN(len(c.Cases.List))]
			start = start.WithCase(o.Case).Next()
		} else {
			start = start.Start()
		}
		steps, _ := runscript.Random(start, rnd, 25)
		steps, ok := oneGesture(start, steps)
		if !ok || leavesTheQuestions(start, steps) {
			continue // the wizard's welcome starts a new run there, the line mode does not
		}
		played++
		want := runscript.Play(start, steps)
		wiz := newWizard(t, c, o)
		var in []string
		r := start
		for i, s := range steps {
			in = append(in, lines(t, r, s)...)
			for _, k := range wizardKeys(r, s) {
				wiz = wiz.press(k)
			}
			r = runscript.Apply(r, s)
			if got := wiz.m.Answers(); !got.Equal(r.Answers()) {
				t.Fatalf("sequence %d, step %d (%v) of %v:\nwizard %v\nRun    %v", n, i, s, steps, dump(got), dump(r.Answers()))
			}
		}
		if wiz.m.State() != "result" {
			t.Fatalf("sequence %d: the wizard ends on %s, want the result", n, wiz.m.State())
		}
		out, line := runLines(t, c, strings.Join(in, "\n")+"\n", o)
		if !line.Answers().Equal(wiz.m.Answers()) || !want.Answers().Equal(wiz.m.Answers()) {
			t.Fatalf("sequence %d %v:\nwizard    %v\nline mode %v\nRun       %v\n%s", n, steps,
				dump(wiz.m.Answers()), dump(line.Answers()), dump(want.Answers()), out)
		}
		if lw, ll := c.Level(wiz.m.Answers()), line.Level(); lw != ll || lw != want.Level() {
			t.Fatalf("sequence %d: the wizard says %s, the line mode %s, the Run %s", n, lw, ll, want.Level())
		}
	}
	if played < 40 {
		t.Errorf("only %d sequences played", played)
	}
}

// oneGesture writes as Enter alone (Preset) every answer that is the
// question's preset: the wizard has one gesture for both, enter on the
// values shown chosen, which accepts the preset as the line mode's Enter
// alone does (they differ when a given answer is also the catalog's fact:
// accepted, it stays given). False when that changes the path of the
// sequence (the tool changed later, the kept answer is no longer missing):
// its later steps no longer fit.
func oneGesture(start questionnaire.Run, steps []runscript.Step) ([]runscript.Step, bool) {
	out := slices.Clone(steps)
	r, orig := start, start
	for i, s := range out {
		if s.Kind == runscript.Answer && slices.Equal(r.Current().InOrder(s.Vals), r.Preset().Values) {
			out[i] = runscript.Step{Kind: runscript.Preset}
		}
		r, orig = runscript.Apply(r, out[i]), runscript.Apply(orig, s)
		if r.Stage() != orig.Stage() || r.Focus() != orig.Focus() {
			return nil, false
		}
	}
	return out, true
}

// leavesTheQuestions reports whether a Back in steps leaves the first
// question of a run that is not a case study's (the wizard then shows its
// welcome screen, whose « Commencer » starts anew).
func leavesTheQuestions(r questionnaire.Run, steps []runscript.Step) bool {
	for _, s := range steps {
		if s.Kind == runscript.Back && r.Case() == nil && r.First() {
			return true
		}
		r = runscript.Apply(r, s)
	}
	return false
}

// wizard is a tui.Model driven key by key. The commands it returns (the
// report's render) are not run: the answers do not depend on them.
type wizard struct {
	t *testing.T
	m tui.Model
}

func newWizard(t *testing.T, c *questionnaire.Content, o Options) wizard {
	opts := tui.Options{Content: c, Lang: o.Lang, Referentiel: o.Referentiel, Theme: tui.ThemeNoColor, FixedTheme: true, Dir: t.TempDir()}
	if o.Case != nil {
		opts.Case = o.Case.ID
	}
	w := wizard{t: t, m: tui.New(opts)}
	w = w.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	if o.Case != nil {
		return w.press(key(tea.KeyEnter)).press(key(tea.KeyEnter)) // the story, the questions for the room
	}
	return w.press(key(tea.KeyEnter)) // « Commencer »
}

func (w wizard) send(msg tea.Msg) wizard {
	next, _ := w.m.Update(msg)
	w.m = next.(tui.Model)
	return w
}

func (w wizard) press(k tea.KeyPressMsg) wizard { return w.send(k) }

func key(code rune) tea.KeyPressMsg { return tea.KeyPressMsg{Code: code} }

func char(r rune) tea.KeyPressMsg {
	if r == ' ' {
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	}
	return tea.KeyPressMsg{Code: r, Text: string(r)}
}

func typed(s string) []tea.KeyPressMsg {
	var out []tea.KeyPressMsg
	for _, r := range s {
		out = append(out, char(r))
	}
	return out
}

// wizardKeys writes step s as the keys a user presses in the wizard, with
// the run r as it stands before the step (the wizard shows r).
func wizardKeys(r questionnaire.Run, s runscript.Step) []tea.KeyPressMsg {
	c := r.Content()
	enter, esc := key(tea.KeyEnter), key(tea.KeyEscape)
	switch s.Kind {
	case runscript.Tool:
		tool, _ := c.Catalog.Tool(s.ID)
		keys := typed(tool.Name) // the filter: the cursor on its first match
		if i := slices.IndexFunc(c.Catalog.Search(tool.Name), func(x *questionnaire.Tool) bool { return x.ID == s.ID }); i >= 0 {
			for range i {
				keys = append(keys, key(tea.KeyDown))
			}
			return append(keys, enter)
		}
		return append(append(keys, otherTool()...), append(typed(tool.Name), enter)...)
	case runscript.ToolName:
		keys := []tea.KeyPressMsg{char('x'), key(tea.KeyBackspace)} // the cursor on the first line
		return append(append(keys, otherTool()...), append(typed(s.Name), enter)...)
	case runscript.Answer:
		return append(tick(r, s.Vals), enter)
	case runscript.Preset:
		if q := r.Current(); q.Kind == questionnaire.KindMulti && len(r.Draft()) == 0 {
			return append(tick(r, r.Preset().Values), enter) // enter alone asks for a tick
		}
		return []tea.KeyPressMsg{enter}
	case runscript.Back:
		if r.Stage() == questionnaire.StageQuestion && r.First() {
			return []tea.KeyPressMsg{esc, enter} // to the case's screen, and in again
		}
		return []tea.KeyPressMsg{esc}
	case runscript.Edit:
		ss := r.Steps()
		from := slices.IndexFunc(ss, func(q *questionnaire.Question) bool { return q.ID == r.Focus() })
		if from < 0 {
			from = len(ss)
		}
		to := slices.IndexFunc(ss, func(q *questionnaire.Question) bool { return q.ID == s.ID })
		return append(moves(from, to, len(ss)+1), enter)
	case runscript.Finish:
		return []tea.KeyPressMsg{char('r')}
	}
	return nil
}

// otherTool goes from the first line of the tool list to « autre outil »
// (the last line, one up), opens its field and empties it.
func otherTool() []tea.KeyPressMsg {
	keys := []tea.KeyPressMsg{key(tea.KeyUp), key(tea.KeyEnter)}
	for range 81 {
		keys = append(keys, key(tea.KeyBackspace))
	}
	return keys
}

// tick moves the cursor and ticks (multi) or points at (single) the
// values vals on the current question, from what it shows on arrival.
func tick(r questionnaire.Run, vals []string) []tea.KeyPressMsg {
	q := r.Current()
	opts := q.Values()
	cur := 0
	if p := r.Preset(); len(p.Values) > 0 {
		cur = max(0, slices.Index(opts, p.Values[0]))
	}
	if q.Kind != questionnaire.KindMulti {
		return moves(cur, slices.Index(opts, vals[0]), len(opts))
	}
	var keys []tea.KeyPressMsg
	draft := r.Draft()
	flip := func(v string) {
		i := slices.Index(opts, v)
		keys = append(keys, moves(cur, i, len(opts))...)
		keys = append(keys, char(' '))
		cur = i
	}
	for _, v := range draft {
		if !slices.Contains(vals, v) {
			flip(v) // untick
		}
	}
	for _, v := range vals {
		if !slices.Contains(draft, v) {
			flip(v)
		}
	}
	return keys
}

// moves goes down from line from to line to of a list of n that wraps.
func moves(from, to, n int) []tea.KeyPressMsg {
	var keys []tea.KeyPressMsg
	for range (to - from + n) % n {
		keys = append(keys, key(tea.KeyDown))
	}
	return keys
}
