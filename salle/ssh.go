package salle

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"io"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"charm.land/wish/v2"
	"charm.land/wish/v2/bubbletea"
	gossh "golang.org/x/crypto/ssh"

	"github.com/conduite/conduite/internal/safetext"
	"github.com/conduite/conduite/questionnaire"
)

// App makes the Bubble Tea model of one SSH participant's session
// (tui/salle.NewParticipant).
type App func(*Session) tea.Model

// Session is one SSH participant's session, as its model sees it.
type Session struct {
	Room *Room
	Lang questionnaire.Lang // the participant's language to start with
	// Participant is set once joined: at once when the SSH user name was
	// the right code, else by Join.
	Participant Participant
	Getenv      func(string) string // the session's environment (TERM, NO_COLOR…)

	mu   sync.Mutex
	join func(code string) (Participant, error)
}

// Join checks a code typed at the prompt and joins: ErrCode for a wrong
// code, errSlow (render it with Localizer.Error) when this address gave too
// many, ErrFull.
func (s *Session) Join(code string) (Participant, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.Participant != "" {
		return s.Participant, nil
	}
	p, err := s.join(code)
	if err == nil {
		s.Participant = p
	}
	return p, err
}

// Refused reports whether err means this session must end (the address
// gave too many wrong codes, or the room is full).
func Refused(err error) bool { return errors.Is(err, errSlow) || errors.Is(err, ErrFull) }

// IsCode reports whether an SSH user name is meant as a code (digits only).
func IsCode(s string) bool { return s != "" && digits(s) }

func (s *Server) newSSH(hostPEM []byte, lang questionnaire.Lang) (*ssh.Server, error) {
	srv, err := wish.NewServer(
		wish.WithHostKeyPEM(hostPEM), // first: without a key wish would write one in the working folder
		wish.WithVersion("conduite-salle"),
		wish.WithIdleTimeout(s.lim.SSHIdle),
		wish.WithMaxTimeout(12*time.Hour),
		wish.WithMiddleware(func(ssh.Handler) ssh.Handler {
			return func(sess ssh.Session) { s.session(sess, lang) }
		}),
	)
	if err != nil {
		return nil, err
	}
	srv.HandshakeTimeout = s.lim.SSHHandshake
	// Only the app: a session channel whose only request is a shell with a
	// terminal; no exec, subsystem, port or agent forwarding (the library
	// answers an agent request but never opens its channel).
	srv.ChannelHandlers = map[string]ssh.ChannelHandler{"session": ssh.DefaultSessionHandler}
	srv.RequestHandlers = map[string]ssh.RequestHandler{}
	srv.SubsystemHandlers = map[string]ssh.SubsystemHandler{}
	srv.LocalPortForwardingCallback = func(ssh.Context, string, uint32) bool { return false }
	srv.ReversePortForwardingCallback = func(ssh.Context, string, uint32) bool { return false }
	srv.SessionRequestCallback = func(_ ssh.Session, kind string) bool { return kind == "shell" }
	srv.ConnCallback = func(ctx ssh.Context, c net.Conn) net.Conn {
		if !s.guard.allow(c.RemoteAddr().String()) {
			return nil
		}
		ctx.SetValue(sessionsKey{}, new(atomic.Int32))
		return c
	}
	return srv, nil
}

// sessionsKey holds, in a connection's context, how many sessions it runs:
// one at most, so that one connection cannot start hundreds of programs.
type sessionsKey struct{}

// session runs one participant's program.
func (s *Server) session(sess ssh.Session, lang questionnaire.Lang) {
	if n, ok := sess.Context().Value(sessionsKey{}).(*atomic.Int32); ok {
		defer n.Add(-1)
		if n.Add(1) > 1 {
			_ = sess.Exit(1)
			return
		}
	}
	env := sess.Environ()
	getenv := func(k string) string {
		for _, kv := range env {
			if name, v, ok := strings.Cut(kv, "="); ok && name == k {
				return v
			}
		}
		return ""
	}
	if l := questionnaire.LangFromEnv(getenv); l != "" && (getenv("LANG") != "" || getenv("LC_ALL") != "") {
		lang = l
	}
	loc := s.room.content.Texts.For(lang)
	_, windows, ok := sess.Pty()
	if !ok || len(sess.Command()) > 0 {
		_, _ = io.WriteString(sess, safetext.Line(loc.T("salle_ssh_need_tty"))+"\r\n")
		_ = sess.Exit(1)
		return
	}
	remote := sess.RemoteAddr().String()
	ps := &Session{Room: s.room, Lang: lang, Getenv: getenv}
	ps.join = func(code string) (Participant, error) {
		if err := s.guard.checkCode(remote, s.room.code, strings.TrimSpace(code)); err != nil {
			return "", err
		}
		p, err := s.room.Join()
		if err == nil && s.joined != nil {
			s.joined(p, sess.RemoteAddr())
		}
		return p, err
	}
	if user := sess.User(); IsCode(user) {
		if _, err := ps.Join(user); err != nil {
			_, _ = io.WriteString(sess, safetext.Line(loc.Error(err))+"\r\n")
			_ = sess.Exit(1)
			return
		}
	}
	defer func() {
		ps.mu.Lock()
		p := ps.Participant
		ps.mu.Unlock()
		if p != "" {
			s.room.Leave(p) // the votes given stay
		}
	}()
	s.runProgram(sess, ps, windows)
}

func (s *Server) runProgram(sess ssh.Session, ps *Session, windows <-chan ssh.Window) {
	in := &idleReader{r: sess}
	in.touch()
	pty, _, _ := sess.Pty()
	opts := append(bubbletea.MakeOptions(sess), // output, environment, colours
		tea.WithInput(in), tea.WithoutSignalHandler(), tea.WithContext(sess.Context()),
		tea.WithWindowSize(min(pty.Window.Width, maxWidth), min(pty.Window.Height, maxHeight)),
		tea.WithFilter(sshFilter))
	prog := tea.NewProgram(s.cfg.App(ps), opts...)
	updates, cancel := s.room.Subscribe()
	defer cancel()
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		defer func() { _ = recover() }()
		idle := time.NewTicker(min(time.Minute, s.lim.SSHIdle/2))
		defer idle.Stop()
		key := ""
		for {
			select {
			case <-stop:
				return
			case w, ok := <-windows:
				if ok {
					prog.Send(tea.WindowSizeMsg{Width: w.Width, Height: w.Height})
				}
			case snap, ok := <-updates:
				// only what the participant's screen shows: the step, its
				// phase, not every vote of the room
				if k := viewKey(snap); ok && k != key {
					key = k
					prog.Send(snap)
				}
			case <-idle.C:
				if in.idle() > s.lim.SSHIdle {
					prog.Quit()
					return
				}
			}
		}
	}()
	_, _ = prog.Run()
	prog.Kill()
}

// maxWidth is the widest a session's screen is drawn: the text wraps at
// 80 columns anyway, and the renderer's buffers grow with the width (about
// 140 bytes a cell, twice), which counts with hundreds of sessions.
const (
	maxWidth  = 80
	maxHeight = 30 // the participant's screen is shorter: drawn inline, it never fills a taller terminal
)

// sshFilter keeps the program's size within maxWidth×maxHeight and ignores
// suspend (no job control over SSH).
func sshFilter(_ tea.Model, msg tea.Msg) tea.Msg {
	switch m := msg.(type) {
	case tea.WindowSizeMsg:
		m.Width, m.Height = min(m.Width, maxWidth), min(m.Height, maxHeight)
		return m
	case tea.SuspendMsg:
		return tea.ResumeMsg{}
	}
	return msg
}

// idleReader is the session's input, noting when a key was last pressed.
type idleReader struct {
	r    io.Reader
	last atomic.Int64
}

func (i *idleReader) Read(p []byte) (int, error) {
	n, err := i.r.Read(p)
	if n > 0 {
		i.touch()
	}
	return n, err
}

func (i *idleReader) touch()              { i.last.Store(time.Now().UnixNano()) }
func (i *idleReader) idle() time.Duration { return time.Since(time.Unix(0, i.last.Load())) }

// hostKey reads the host key at path, or makes one and writes it there
// (mode 0600, its folder 0700) when there is none; "" makes a key kept in
// memory only.
func hostKey(path string) ([]byte, error) {
	if path != "" {
		if data, err := os.ReadFile(path); err == nil {
			if _, err := gossh.ParsePrivateKey(data); err != nil {
				return nil, questionnaire.NewMsg("salle_err_hostkey", "path", safetext.Line(path), "err", err)
			}
			return data, nil
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, questionnaire.NewMsg("salle_err_hostkey", "path", safetext.Line(path), "err", err)
		}
	}
	_, key, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	block, err := gossh.MarshalPrivateKey(key, "conduite salle")
	if err != nil {
		return nil, err
	}
	data := pem.EncodeToMemory(block)
	if path == "" {
		return data, nil
	}
	if err := writeKey(path, data); err != nil {
		return nil, questionnaire.NewMsg("salle_err_hostkey", "path", safetext.Line(path), "err", err)
	}
	return data, nil
}

// writeKey writes the key whole or not at all, readable by its owner only.
func writeKey(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".hostkey-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		_ = tmp.Close()
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		_ = tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		_ = tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// NewLocalSession is a session without a network (tests, a participant at
// the trainer's own terminal): Join checks the code, without the
// per-address slowing of the network.
func NewLocalSession(r *Room, lang questionnaire.Lang) *Session {
	s := &Session{Room: r, Lang: lang, Getenv: func(string) string { return "" }}
	s.join = func(code string) (Participant, error) {
		if strings.TrimSpace(code) != r.code {
			return "", ErrCode
		}
		return r.Join()
	}
	return s
}
