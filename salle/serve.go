package salle

import (
	"context"
	"errors"
	"io"
	"log"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"sync"

	"charm.land/ssh"

	"github.com/conduite/conduite/questionnaire"
)

// Server is the room's network: the phone page over HTTP and the SSH app.
type Server struct {
	room   *Room
	cfg    ServeConfig
	lim    limits
	guard  *guard
	web    *web
	sshLn  net.Listener
	httpLn net.Listener
	http   *http.Server
	ssh    *ssh.Server
	cancel context.CancelFunc
	done   sync.WaitGroup

	// joined, if set (tests), is told each SSH participant with its
	// connection's remote address.
	joined func(p Participant, remote net.Addr)
}

// Serve opens both listeners and serves until ctx ends or Shutdown. It
// silences the process's default slog logger: the SSH library would
// otherwise write to the trainer's terminal, addresses included.
func Serve(ctx context.Context, r *Room, cfg ServeConfig) (*Server, error) {
	return serve(ctx, r, cfg, defaultLimits, nil)
}

func serve(ctx context.Context, r *Room, cfg ServeConfig, lim limits, joined func(Participant, net.Addr)) (*Server, error) {
	if r == nil || cfg.App == nil {
		return nil, ErrConfig
	}
	lang, err := questionnaire.ParseLang(cfg.Lang)
	if err != nil {
		lang = questionnaire.FR
	}
	slog.SetDefault(slog.New(slog.DiscardHandler))
	secret := []byte(randomString(32))
	if lim.Conns == 0 {
		lim.Conns = 2*r.max + 64
	}
	s := &Server{room: r, cfg: cfg, lim: lim, guard: newGuard(lim, secret), joined: joined}
	s.web = newWeb(r, lang, s.guard, lim, secret)
	hostPEM, err := hostKey(cfg.HostKey)
	if err != nil {
		return nil, err
	}
	sem := make(chan struct{}, lim.Conns)
	httpLn, err := net.Listen("tcp", net.JoinHostPort(cfg.Listen, strconv.Itoa(cfg.HTTPPort)))
	if err != nil {
		return nil, questionnaire.NewMsg("salle_err_listen", "what", "HTTP", "err", err)
	}
	sshLn, err := net.Listen("tcp", net.JoinHostPort(cfg.Listen, strconv.Itoa(cfg.SSHPort)))
	if err != nil {
		_ = httpLn.Close()
		return nil, questionnaire.NewMsg("salle_err_listen", "what", "SSH", "err", err)
	}
	s.httpLn, s.sshLn = &limitListener{Listener: httpLn, sem: sem}, &limitListener{Listener: sshLn, sem: sem}
	s.http = &http.Server{Handler: s.web, ReadHeaderTimeout: lim.ReadHeader, ReadTimeout: lim.Read,
		WriteTimeout: lim.Write, IdleTimeout: lim.Idle, MaxHeaderBytes: lim.MaxHeader,
		ErrorLog: log.New(io.Discard, "", 0)} // it would name addresses
	if s.ssh, err = s.newSSH(hostPEM, lang); err != nil {
		_, _ = httpLn.Close(), sshLn.Close()
		return nil, err
	}
	ctx, s.cancel = context.WithCancel(ctx)
	s.done.Add(3)
	go func() { defer s.done.Done(); s.web.watch(ctx) }()
	go func() { defer s.done.Done(); _ = s.http.Serve(s.httpLn) }()
	go func() { defer s.done.Done(); _ = s.ssh.Serve(s.sshLn) }()
	go func() {
		<-ctx.Done()
		_ = s.close()
	}()
	return s, nil
}

// SSHAddr is the SSH listener's address.
func (s *Server) SSHAddr() net.Addr { return s.sshLn.Addr() }

// HTTPAddr is the HTTP listener's address.
func (s *Server) HTTPAddr() net.Addr { return s.httpLn.Addr() }

// URL is the phone page's URL for one address of the machine (an IP or a
// name), with the code: what the QR code says.
func (s *Server) URL(host string) string {
	_, port, _ := net.SplitHostPort(s.httpLn.Addr().String())
	return "http://" + net.JoinHostPort(host, port) + "/?code=" + s.room.code
}

// Shutdown closes both listeners and every session, and waits for them (or
// for ctx).
func (s *Server) Shutdown(ctx context.Context) error {
	s.cancel()
	err := s.close() // at once: a page waiting for a change would hold a graceful shutdown
	ch := make(chan struct{})
	go func() { s.done.Wait(); close(ch) }()
	select {
	case <-ch:
	case <-ctx.Done():
		return ctx.Err()
	}
	if errors.Is(err, ssh.ErrServerClosed) || errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

func (s *Server) close() error {
	err := errors.Join(s.http.Close(), s.ssh.Close())
	// The listeners themselves too: a room closed before its SSH server's
	// Serve ran (a busy machine) would otherwise see that Serve take the
	// listener afterwards, as a server being reused, and accept forever.
	_, _ = s.httpLn.Close(), s.sshLn.Close()
	return err
}
