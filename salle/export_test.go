package salle

import (
	"context"
	"net"
)

// Limits are the network's limits, for tests to change.
type Limits = limits

// DefaultLimits are the limits Serve uses.
var DefaultLimits = defaultLimits

// ServeWith is Serve with other limits, and a hook told each SSH
// participant with its client's address.
func ServeWith(ctx context.Context, r *Room, cfg ServeConfig, lim Limits, joined func(Participant, net.Addr)) (*Server, error) {
	return serve(ctx, r, cfg, lim, joined)
}

// OnVote sets the hook told each vote with the version that shows it; set
// it before the room is used.
func OnVote(r *Room, f func(p Participant, step int, version uint64)) { r.voted = f }
