package salle

import (
	"crypto/rand"
	"encoding/hex"
	"slices"
	"sync"

	"github.com/conduite/conduite/questionnaire"
)

// Room is the voting room: one value guarded by one lock. Every method is
// safe for concurrent use.
type Room struct {
	mu      sync.Mutex
	content *questionnaire.Content
	kase    *questionnaire.Case
	code    string
	max     int

	steps   []Step // never changed in place: AddWhatIf makes a new slice
	current int
	phase   Phase
	version uint64

	present map[Participant]bool // connected now
	known   map[Participant]bool // joined once: their votes stay
	votes   []map[Participant][]string
	tallies []map[string]int

	subs    map[int]chan Snapshot
	nextSub int
	last    *Snapshot // the snapshot of version, built once for every reader

	// voted, if set (tests), is called under the lock after each vote
	// with the version that shows it.
	voted func(p Participant, step int, version uint64)
}

// New makes a room for the case: its questions that the case answers, in
// the questionnaire's order (not the tool: the story names it), then the
// verdict.
func New(cfg Config) (*Room, error) {
	if cfg.Content == nil || cfg.Case == nil || len(cfg.Code) < 4 || cfg.Max < 1 || !digits(cfg.Code) {
		return nil, ErrConfig
	}
	r := &Room{content: cfg.Content, kase: cfg.Case, code: cfg.Code, max: cfg.Max, current: -1,
		present: map[Participant]bool{}, known: map[Participant]bool{}, subs: map[int]chan Snapshot{}}
	for i := range cfg.Content.Questions.List {
		q := &cfg.Content.Questions.List[i]
		if q.Kind == questionnaire.KindTool || !cfg.Case.Answers.Has(q.ID) {
			continue
		}
		r.addStep(Step{Kind: QuestionStep, Question: q.ID, Values: q.Values(), Multi: q.Kind == questionnaire.KindMulti,
			Answer: q.InOrder(cfg.Case.Answers.List(q.ID))})
	}
	r.addStep(Step{Kind: VerdictStep, Values: levelValues(), Answer: []string{cfg.Case.Expected.String()}})
	return r, nil
}

func digits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return len(s) <= 12
}

func levelValues() []string {
	vs := make([]string, len(questionnaire.Levels))
	for i, l := range questionnaire.Levels {
		vs[i] = l.String()
	}
	return vs
}

func (r *Room) addStep(s Step) int {
	r.steps = append(slices.Clip(r.steps), s)
	r.votes = append(r.votes, map[Participant][]string{})
	r.tallies = append(r.tallies, map[string]int{})
	return len(r.steps) - 1
}

// Code is the join code.
func (r *Room) Code() string { return r.code }

// Content is the room's content (read-only).
func (r *Room) Content() *questionnaire.Content { return r.content }

// Case is the room's case (read-only).
func (r *Room) Case() *questionnaire.Case { return r.kase }

// Snapshot returns the room now. Its slices and map are shared with other
// readers: read them, never write to them.
func (r *Room) Snapshot() Snapshot {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.snapshot()
}

func (r *Room) snapshot() Snapshot {
	if r.last != nil && r.last.Version == r.version {
		return *r.last
	}
	s := Snapshot{Code: r.code, Case: r.kase.ID, Participants: len(r.present), Max: r.max, Steps: r.steps,
		Current: r.current, Phase: r.phase, Version: r.version, Tally: map[string]int{}}
	if r.current >= 0 {
		for v, n := range r.tallies[r.current] {
			if n > 0 {
				s.Tally[v] = n
			}
		}
		s.Voters = len(r.votes[r.current])
	}
	r.last = &s
	return s
}

// Subscribe delivers the latest snapshot after each change, starting with
// the current one. A slow reader gets the newest, never a backlog. cancel
// closes updates.
func (r *Room) Subscribe() (updates <-chan Snapshot, cancel func()) {
	r.mu.Lock()
	defer r.mu.Unlock()
	ch := make(chan Snapshot, 1)
	id := r.nextSub
	r.nextSub++
	r.subs[id] = ch
	ch <- r.snapshot()
	var once sync.Once
	return ch, func() {
		once.Do(func() {
			r.mu.Lock()
			defer r.mu.Unlock()
			delete(r.subs, id)
			close(ch)
		})
	}
}

// changed bumps the version and hands the new snapshot to every
// subscriber, replacing one it has not read yet. Called with the lock held.
func (r *Room) changed() {
	r.version++
	s := r.snapshot()
	for _, ch := range r.subs {
		select {
		case <-ch:
		default:
		}
		ch <- s // the lock is held: nobody else sends, so the slot is free
	}
}

// OpenVote opens the vote on Steps[step]; the votes already given to it
// stay. Another step's open vote must be closed first.
func (r *Room) OpenVote(step int) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if step < 0 || step >= len(r.steps) {
		return ErrNoStep
	}
	if r.phase == Voting {
		if r.current == step {
			return nil
		}
		return ErrPhase
	}
	r.current, r.phase = step, Voting
	r.changed()
	return nil
}

// CloseVote closes the current vote: its tally is final.
func (r *Room) CloseVote() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.phase != Voting {
		return ErrPhase
	}
	r.phase = Closed
	r.changed()
	return nil
}

// Reveal shows the answer of the current, closed, step.
func (r *Room) Reveal() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch r.phase {
	case Revealed:
		return nil
	case Closed:
		r.phase = Revealed
		r.changed()
		return nil
	case Lobby, Voting:
	}
	return ErrPhase
}

// AddWhatIf appends an « et si ? » step: the verdict again, with the case's
// answer to question changed to value. Its Answer is the verdict the
// changed answers reach.
func (r *Room) AddWhatIf(question, value string) (int, error) {
	q, ok := r.content.Questions.Get(question)
	if !ok || q.Kind == questionnaire.KindTool {
		return 0, ErrNoStep
	}
	if _, ok := q.Option(value); !ok {
		return 0, ErrValue
	}
	level := r.content.Level(r.kase.Answers.Set(question, value))
	r.mu.Lock()
	defer r.mu.Unlock()
	i := r.addStep(Step{Kind: WhatIfStep, Question: question, WhatIf: value, Values: levelValues(),
		Answer: []string{level.String()}})
	r.changed()
	return i, nil
}

// Join lets a participant in; ErrFull when Max are connected.
func (r *Room) Join() (Participant, error) {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go ≥ 1.24)
	p := Participant(hex.EncodeToString(b[:]))
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.present) >= r.max {
		return "", ErrFull
	}
	r.present[p], r.known[p] = true, true
	r.changed()
	return p, nil
}

// Rejoin brings back a participant who left (a phone coming back after a
// while): ErrUnknown for one who never joined, ErrFull when Max are
// connected; nil, and nothing changes, for one connected.
func (r *Room) Rejoin(p Participant) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch {
	case !r.known[p]:
		return ErrUnknown
	case r.present[p]:
		return nil
	case len(r.present) >= r.max:
		return ErrFull
	}
	r.present[p] = true
	r.changed()
	return nil
}

// Leave disconnects a participant; the votes given stay.
func (r *Room) Leave(p Participant) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.present[p] {
		delete(r.present, p)
		r.changed()
	}
}

// Vote records p's vote on step, replacing p's earlier vote on it.
func (r *Room) Vote(p Participant, step int, values []string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.present[p] {
		return ErrUnknown
	}
	if step < 0 || step >= len(r.steps) {
		return ErrNoStep
	}
	if step != r.current || r.phase != Voting {
		return ErrClosed
	}
	vals, ok := r.valid(r.steps[step], values)
	if !ok {
		return ErrValue
	}
	t := r.tallies[step]
	for _, v := range r.votes[step][p] {
		t[v]--
	}
	for _, v := range vals {
		t[v]++
	}
	r.votes[step][p] = vals
	r.changed()
	if r.voted != nil {
		r.voted(p, step, r.version)
	}
	return nil
}

// valid returns values in the step's order, or false: a value the step
// does not allow, one given twice, none, several for a single choice, or
// an exclusive value (« je ne sais pas ») with others.
func (r *Room) valid(s Step, values []string) ([]string, bool) {
	if len(values) == 0 || (!s.Multi && len(values) > 1) || len(values) > len(s.Values) {
		return nil, false
	}
	var in []string
	for _, v := range s.Values {
		if slices.Contains(values, v) {
			in = append(in, v)
		}
	}
	if len(in) != len(values) {
		return nil, false
	}
	if s.Kind == QuestionStep {
		if q, ok := r.content.Questions.Get(s.Question); ok {
			if _, bad := q.Combined(in); bad {
				return nil, false
			}
		}
	}
	return in, true
}

// Mine returns p's own vote on step (nil when none).
func (r *Room) Mine(p Participant, step int) []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	if step < 0 || step >= len(r.votes) {
		return nil
	}
	return slices.Clone(r.votes[step][p])
}
