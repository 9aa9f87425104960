// Package salle is `conduite salle`'s room: a local vote for a workshop.
// The room's state is one value guarded by one lock; the trainer's screen
// and every participant's session (a phone's browser over HTTP, a laptop
// over SSH) read it through snapshots and change it through its methods.
// Nothing is written to disk but the SSH host key, and nothing is logged.
// No name is asked; no address is kept, except, in memory, a keyed hash
// (the key is drawn at each start) of the addresses that sent requests in
// the last minute (rate limit) or wrong codes in the last 15 minutes
// (slowed, then refused). When the room closes everything is gone.
//
// The room (room.go) and its network (serve.go, web.go, ssh.go), in short:
//
//	func New(cfg Config) (*Room, error)
//	func (r *Room) Snapshot() Snapshot
//	func (r *Room) Subscribe() (updates <-chan Snapshot, cancel func())
//	func (r *Room) OpenVote(step int) error
//	func (r *Room) CloseVote() error
//	func (r *Room) Reveal() error
//	func (r *Room) AddWhatIf(question, value string) (int, error)
//	func (r *Room) Join() (Participant, error)
//	func (r *Room) Leave(p Participant)
//	func (r *Room) Vote(p Participant, step int, values []string) error
//	func (r *Room) Mine(p Participant, step int) []string
//	func Serve(ctx context.Context, r *Room, cfg ServeConfig) (*Server, error)
//	func (s *Server) SSHAddr() net.Addr
//	func (s *Server) HTTPAddr() net.Addr
//	func (s *Server) URL(host string) string
//	func (s *Server) Shutdown(ctx context.Context) error
package salle

import (
	"github.com/conduite/conduite/questionnaire"
)

// Phase is where the current step stands.
type Phase int

const (
	Lobby    Phase = iota // participants join; no step is open yet
	Voting                // the current step's vote is open
	Closed                // the vote is closed; the tally is final
	Revealed              // the case's answer (or the verdict and its reasons) is shown
)

// StepKind says what a step puts to the vote.
type StepKind int

const (
	QuestionStep StepKind = iota // one of the questionnaire's questions, answered as the case does
	VerdictStep                  // the verdict: the four levels (questionnaire.Level ids)
	WhatIfStep                   // an « et si ? »: the verdict again, after one answer is changed
)

// Step is one vote.
type Step struct {
	Kind     StepKind
	Question string   // question id (QuestionStep, and the changed question of a WhatIfStep)
	Values   []string // allowed value ids, in the questionnaire's order (level ids for verdict/what-if)
	Multi    bool     // several values may be ticked (a multi question)
	Answer   []string // the case's answer: the value ids, or the verdict level id
	WhatIf   string   // WhatIfStep: the value the question is changed to
}

// Snapshot is the room as everybody sees it at one moment: counts, never who.
type Snapshot struct {
	Code         string
	Case         string // case id
	Participants int    // connected now
	Max          int
	Steps        []Step
	Current      int // index into Steps; -1 in the lobby
	Phase        Phase
	Tally        map[string]int // votes per value id for the current step (a multi vote counts once per ticked value)
	Voters       int            // participants whose vote counts on the current step
	Version      uint64         // grows at every change
}

// Config is what the room needs; the network is configured apart (Serve).
type Config struct {
	Content *questionnaire.Content
	Case    *questionnaire.Case
	Code    string // join code (4+ digits); the command draws one when the trainer gives none
	Max     int    // participants at most
}

// Participant is an opaque participant id (a random token).
type Participant string

// The errors of the room's methods; each is a *questionnaire.Msg, so
// errors.Is works and Localizer.Error renders it in the participant's or
// the trainer's language.
var (
	ErrNoStep  error = questionnaire.NewMsg("salle_err_no_step") // no such step
	ErrPhase   error = questionnaire.NewMsg("salle_err_phase")   // the action does not fit the phase
	ErrFull    error = questionnaire.NewMsg("salle_err_full")    // --max participants are connected
	ErrClosed  error = questionnaire.NewMsg("salle_err_closed")  // that step's vote is not open
	ErrValue   error = questionnaire.NewMsg("salle_err_value")   // a value the step does not allow
	ErrUnknown error = questionnaire.NewMsg("salle_err_unknown") // no such participant
	ErrCode    error = questionnaire.NewMsg("salle_err_code")    // a wrong join code (network)
	ErrConfig  error = questionnaire.NewMsg("salle_err_config")  // New: a bad Config
)

// ServeConfig is the network's configuration.
type ServeConfig struct {
	Listen   string // host; "" means all interfaces
	SSHPort  int    // 0 picks a free port
	HTTPPort int    // 0 picks a free port
	HostKey  string // path of the SSH host key file (created mode 0600); "" keeps a key in memory (--no-save)
	Lang     string // default language of the participants' screens ("fr" or "en")
	App      App    // the SSH participant's model: tui/salle.NewParticipant (required)
}

// errSlow: an address that gave too many wrong codes must wait, or is
// refused for a while (HTTP 429).
var errSlow error = questionnaire.NewMsg("salle_err_slow")
