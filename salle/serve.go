package salle

import (
	"context"
	"errors"
	"net"
)

// Server is the room's network: the phone page over HTTP and the SSH app.
type Server struct {
	room   *Room
	cfg    ServeConfig
	sshLn  net.Listener
	httpLn net.Listener
}

// Serve opens both listeners and serves until ctx ends or Shutdown.
func Serve(ctx context.Context, r *Room, cfg ServeConfig) (*Server, error) {
	return nil, errors.New("salle: not yet")
}

// SSHAddr is the SSH listener's address.
func (s *Server) SSHAddr() net.Addr { return s.sshLn.Addr() }

// HTTPAddr is the HTTP listener's address.
func (s *Server) HTTPAddr() net.Addr { return s.httpLn.Addr() }

// URL is the phone page's URL for one address of the machine, with the code.
func (s *Server) URL(host string) string { return "" }

// Shutdown closes both listeners and every session.
func (s *Server) Shutdown(ctx context.Context) error { return nil }
