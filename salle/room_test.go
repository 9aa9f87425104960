package salle

import (
	"errors"
	"maps"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/conduite/conduite/internal/contenttest"
	"github.com/conduite/conduite/questionnaire"
)

func newRoom(t testing.TB, max int) *Room {
	t.Helper()
	c := contenttest.Content(t)
	k, ok := c.Cases.Get("discord-classe")
	if !ok {
		t.Fatal("no case discord-classe")
	}
	r, err := New(Config{Content: c, Case: k, Code: "4821", Max: max})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestStepsFollowTheCase(t *testing.T) {
	r := newRoom(t, 10)
	s := r.Snapshot()
	if s.Current != -1 || s.Phase != Lobby || s.Code != "4821" || s.Case != "discord-classe" {
		t.Fatalf("start: %+v", s)
	}
	c := r.Content()
	var want []string
	for _, q := range c.Questions.List {
		if q.Kind != questionnaire.KindTool && r.Case().Answers.Has(q.ID) {
			want = append(want, q.ID)
		}
	}
	if len(want) < 2 || len(s.Steps) != len(want)+1 {
		t.Fatalf("steps %d, answered questions %v", len(s.Steps), want)
	}
	for i, id := range want {
		st := s.Steps[i]
		if st.Kind != QuestionStep || st.Question != id || len(st.Answer) == 0 {
			t.Errorf("step %d = %+v, want question %s", i, st, id)
		}
		for _, a := range st.Answer {
			if !slices.Contains(st.Values, a) {
				t.Errorf("step %d: answer %q not among %v", i, a, st.Values)
			}
		}
	}
	v := s.Steps[len(s.Steps)-1]
	if v.Kind != VerdictStep || !slices.Equal(v.Values, []string{"proscrit", "deconseille", "sous_conditions", "recommande"}) ||
		v.Answer[0] != r.Case().Expected.String() {
		t.Errorf("verdict step %+v", v)
	}
}

func TestPhasesAndErrors(t *testing.T) {
	r := newRoom(t, 2)
	p, err := r.Join()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Join(); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Join(); !errors.Is(err, ErrFull) {
		t.Errorf("third join on --max 2: %v", err)
	}
	s := r.Snapshot().Steps[0]
	check := func(what string, got, want error) {
		t.Helper()
		if !errors.Is(got, want) {
			t.Errorf("%s: %v, want %v", what, got, want)
		}
	}
	check("vote in the lobby", r.Vote(p, 0, s.Answer), ErrClosed)
	check("close in the lobby", r.CloseVote(), ErrPhase)
	check("reveal in the lobby", r.Reveal(), ErrPhase)
	check("open -1", r.OpenVote(-1), ErrNoStep)
	check("open past the end", r.OpenVote(99), ErrNoStep)
	check("open 0", r.OpenVote(0), nil)
	check("open 1 while 0 is open", r.OpenVote(1), ErrPhase)
	check("vote on step 1", r.Vote(p, 1, []string{"x"}), ErrClosed)
	check("unknown value", r.Vote(p, 0, []string{"nope"}), ErrValue)
	check("no value", r.Vote(p, 0, nil), ErrValue)
	check("twice the same", r.Vote(p, 0, []string{s.Values[0], s.Values[0]}), ErrValue)
	check("stranger", r.Vote("someone", 0, s.Answer), ErrUnknown)
	check("vote", r.Vote(p, 0, s.Answer), nil)
	check("reveal while open", r.Reveal(), ErrPhase)
	check("close", r.CloseVote(), nil)
	check("vote after close", r.Vote(p, 0, s.Values[:1]), ErrClosed)
	check("reveal", r.Reveal(), nil)
	if got := r.Mine(p, 0); !slices.Equal(got, s.Answer) {
		t.Errorf("Mine = %v, want %v", got, s.Answer)
	}
	r.Leave(p)
	if n := r.Snapshot().Participants; n != 1 {
		t.Errorf("after leave: %d connected", n)
	}
	check("vote after leaving", r.Vote(p, 0, s.Answer), ErrUnknown)
	check("rejoin", r.Rejoin(p), nil)
	check("rejoin a stranger", r.Rejoin("x"), ErrUnknown)
	i, err := r.AddWhatIf(s.Question, s.Values[0])
	if err != nil || i != len(r.Snapshot().Steps)-1 || r.Snapshot().Steps[i].Kind != WhatIfStep {
		t.Errorf("AddWhatIf = %d, %v", i, err)
	}
	if _, err := r.AddWhatIf(s.Question, "nope"); !errors.Is(err, ErrValue) {
		t.Errorf("AddWhatIf with a bad value: %v", err)
	}
	if _, err := r.AddWhatIf("nope", "x"); !errors.Is(err, ErrNoStep) {
		t.Errorf("AddWhatIf with a bad question: %v", err)
	}
}

func TestExclusiveValueStandsAlone(t *testing.T) {
	r := newRoom(t, 2)
	p, _ := r.Join()
	for i, st := range r.Snapshot().Steps {
		q, ok := r.Content().Questions.Get(st.Question)
		if !st.Multi || !ok || len(q.Exclusive) == 0 {
			continue
		}
		other := ""
		for _, v := range st.Values {
			if !q.IsExclusive(v) {
				other = v
			}
		}
		if err := r.OpenVote(i); err != nil {
			t.Fatal(err)
		}
		if err := r.Vote(p, i, []string{q.Exclusive[0], other}); !errors.Is(err, ErrValue) {
			t.Errorf("exclusive with another: %v", err)
		}
		return
	}
	t.Skip("the case has no multi question with an exclusive value")
}

// The tally always equals the count of each participant's last vote, over
// random joins, votes, changes, leaves, rejoins, openings and closings.
func TestTallyIsLastVotes(t *testing.T) {
	for seed := range uint64(60) {
		rng := rand.New(rand.NewPCG(seed, 13))
		r := newRoom(t, 1+rng.IntN(12))
		steps := r.Snapshot().Steps
		var ps []Participant
		last := map[int]map[Participant][]string{}
		for range 400 {
			s := r.Snapshot()
			switch op := rng.IntN(10); {
			case op == 0:
				if p, err := r.Join(); err == nil {
					ps = append(ps, p)
				} else if s.Participants < s.Max {
					t.Fatalf("seed %d: join refused with %d/%d: %v", seed, s.Participants, s.Max, err)
				}
			case op == 1 && len(ps) > 0:
				r.Leave(ps[rng.IntN(len(ps))])
			case op == 2 && len(ps) > 0:
				_ = r.Rejoin(ps[rng.IntN(len(ps))])
			case op == 3:
				_ = r.CloseVote()
				_ = r.OpenVote(rng.IntN(len(steps)))
			default:
				if len(ps) == 0 {
					continue
				}
				p, step := ps[rng.IntN(len(ps))], rng.IntN(len(steps))
				if rng.IntN(4) > 0 && s.Current >= 0 {
					step = s.Current
				}
				st := steps[step]
				vals := []string{st.Values[rng.IntN(len(st.Values))]}
				if st.Multi && rng.IntN(2) == 0 {
					vals = append(vals, st.Values[rng.IntN(len(st.Values))])
				}
				if rng.IntN(20) == 0 {
					vals = []string{"nope"}
				}
				if err := r.Vote(p, step, vals); err == nil {
					if last[step] == nil {
						last[step] = map[Participant][]string{}
					}
					var in []string // the vote in the step's order, worked out apart
					for _, v := range st.Values {
						if slices.Contains(vals, v) {
							in = append(in, v)
						}
					}
					last[step][p] = in
					if got := r.Mine(p, step); !slices.Equal(got, in) {
						t.Fatalf("seed %d: Mine = %v, want %v", seed, got, in)
					}
				}
			}
			s = r.Snapshot()
			if s.Current < 0 {
				continue
			}
			want := map[string]int{}
			for _, vals := range last[s.Current] {
				for _, v := range vals {
					want[v]++
				}
			}
			if !maps.Equal(s.Tally, want) || s.Voters != len(last[s.Current]) {
				t.Fatalf("seed %d: tally %v voters %d, want %v voters %d", seed, s.Tally, s.Voters, want, len(last[s.Current]))
			}
		}
	}
}

func TestSubscribeCoalesces(t *testing.T) {
	r := newRoom(t, 100)
	ch, cancel := r.Subscribe()
	defer cancel()
	if s := <-ch; s.Version != 0 {
		t.Fatalf("first snapshot version %d", s.Version)
	}
	for range 50 {
		if _, err := r.Join(); err != nil {
			t.Fatal(err)
		}
	}
	s := <-ch
	if s.Participants != 50 || s.Version != 50 {
		t.Errorf("a slow reader got %d participants, version %d; want the newest (50, 50)", s.Participants, s.Version)
	}
	select {
	case s := <-ch:
		t.Errorf("a backlog: %+v", s)
	default:
	}
}
