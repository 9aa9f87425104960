package salle_test

import (
	"bytes"
	"context"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"

	"github.com/conduite/conduite/salle"
	tuisalle "github.com/conduite/conduite/tui/salle"
)

// term is an SSH participant: a client with a terminal running the app.
type term struct {
	t      testing.TB
	client *ssh.Client
	sess   *ssh.Session
	in     interface{ Write([]byte) (int, error) }
	mu     sync.Mutex
	out    bytes.Buffer
	wrote  chan struct{} // closed and replaced at each write
	done   chan error
}

func (w *term) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.wrote != nil {
		close(w.wrote)
	}
	w.wrote = make(chan struct{})
	return w.out.Write(p)
}

// waitOutput waits until the output holds s.
func (w *term) waitOutput(s []byte, d time.Duration) bool {
	deadline := time.After(d)
	for {
		w.mu.Lock()
		found := bytes.Contains(w.out.Bytes(), s)
		if w.wrote == nil {
			w.wrote = make(chan struct{})
		}
		wrote := w.wrote
		w.mu.Unlock()
		if found {
			return true
		}
		select {
		case <-wrote:
		case <-deadline:
			return false
		}
	}
}

func (w *term) output() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.out.String()
}

func dialSSH(t testing.TB, addr net.Addr, user string, hostKey *ssh.PublicKey) (*ssh.Client, error) {
	return ssh.Dial("tcp", addr.String(), &ssh.ClientConfig{User: user, Timeout: 10 * time.Second,
		HostKeyCallback: func(_ string, _ net.Addr, k ssh.PublicKey) error {
			if hostKey != nil {
				*hostKey = k
			}
			return nil
		}})
}

func openTerm(t testing.TB, s *salle.Server, user string) *term {
	t.Helper()
	c, err := dialSSH(t, s.SSHAddr(), user, nil)
	if err != nil {
		t.Fatal(err)
	}
	w, err := startTerm(t, c)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// startTerm opens a session with a terminal on c and starts the app.
func startTerm(t testing.TB, c *ssh.Client) (*term, error) {
	sess, err := c.NewSession()
	if err != nil {
		return nil, err
	}
	w := &term{t: t, client: c, sess: sess, done: make(chan error, 1)}
	sess.Stdout, sess.Stderr = w, w
	in, err := sess.StdinPipe()
	if err != nil {
		return nil, err
	}
	w.in = in
	if err := sess.RequestPty("xterm-256color", 40, 100, ssh.TerminalModes{}); err != nil {
		return nil, err
	}
	if err := sess.Shell(); err != nil {
		return nil, err
	}
	go func() { w.done <- sess.Wait() }()
	t.Cleanup(func() { _ = c.Close() })
	return w, nil
}

func (w *term) waitFor(what string) {
	w.t.Helper()
	if w.waitOutput([]byte(what), 10*time.Second) {
		return
	}
	w.t.Fatalf("%q never shown; the screen:\n%s", what, w.output())
}

func (w *term) send(keys string) {
	w.t.Helper()
	if _, err := w.in.Write([]byte(keys)); err != nil {
		w.t.Fatal(err)
	}
}

func waitRoom(t testing.TB, r *salle.Room, ok func(salle.Snapshot) bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if ok(r.Snapshot()) {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("the room never got there: %+v", r.Snapshot())
}

func TestSSHParticipantVotes(t *testing.T) {
	r := testRoom(t, 10)
	s := testServer(t, r, salle.DefaultLimits)
	w := openTerm(t, s, "4821")
	waitRoom(t, r, func(s salle.Snapshot) bool { return s.Participants == 1 })
	w.waitFor("Vous êtes dans la salle")
	if err := r.OpenVote(0); err != nil {
		t.Fatal(err)
	}
	w.waitFor("Question 1 sur")
	w.send(" ")
	w.send("\r")
	waitRoom(t, r, func(s salle.Snapshot) bool { return s.Voters == 1 })
	w.waitFor("Vote enregistré")
	first := r.Snapshot().Steps[0].Values[0]
	if r.Snapshot().Tally[first] != 1 {
		t.Errorf("tally %v, want 1 for %s", r.Snapshot().Tally, first)
	}
	w.send("\t") // English
	w.waitFor("Your vote:")
	w.send("q")
	select {
	case <-w.done:
	case <-time.After(5 * time.Second):
		t.Fatal("q did not end the session")
	}
	waitRoom(t, r, func(s salle.Snapshot) bool { return s.Participants == 0 })
	if r.Snapshot().Voters != 1 {
		t.Error("the vote was lost with the session")
	}
}

func TestSSHCodePrompt(t *testing.T) {
	r := testRoom(t, 10)
	s := testServer(t, r, salle.DefaultLimits)
	w := openTerm(t, s, "alice")
	w.waitFor("Code de la salle")
	w.send("1111\r")
	w.waitFor("code incorrect")
	w.send("4821\r")
	waitRoom(t, r, func(s salle.Snapshot) bool { return s.Participants == 1 })
}

func TestSSHWrongCodeRefused(t *testing.T) {
	r := testRoom(t, 10)
	s := testServer(t, r, salle.DefaultLimits)
	w := openTerm(t, s, "1111")
	select {
	case err := <-w.done:
		if e, ok := err.(*ssh.ExitError); !ok || e.ExitStatus() != 1 {
			t.Errorf("exit: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a wrong code was not refused")
	}
	if !strings.Contains(w.output(), "code incorrect") {
		t.Errorf("output %q", w.output())
	}
	if r.Snapshot().Participants != 0 {
		t.Error("joined with a wrong code")
	}
}

func TestSSHOnlyTheApp(t *testing.T) {
	r := testRoom(t, 10)
	s := testServer(t, r, salle.DefaultLimits)
	c, err := dialSSH(t, s.SSHAddr(), "4821", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	sess, _ := c.NewSession()
	if out, err := sess.CombinedOutput("id"); err == nil {
		t.Errorf("exec ran: %q", out)
	}
	sess, _ = c.NewSession()
	if err := sess.RequestSubsystem("sftp"); err == nil {
		t.Error("a subsystem was accepted")
	}
	sess, _ = c.NewSession()
	if err := sess.Shell(); err != nil {
		t.Fatal(err) // accepted, then refused without a terminal
	}
	if err := sess.Wait(); err == nil {
		t.Error("a shell without a terminal ran")
	}
	first, err := startTerm(t, c) // the app, once
	if err != nil {
		t.Fatal(err)
	}
	first.waitFor("Vous êtes dans la salle")
	second, err := startTerm(t, c)
	if err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-second.done:
		if err == nil {
			t.Error("a second session on the connection ended well")
		}
	case <-time.After(5 * time.Second):
		t.Error("a second session on the same connection runs")
	}
	if conn, err := c.Dial("tcp", s.HTTPAddr().String()); err == nil {
		conn.Close()
		t.Error("local port forwarding accepted")
	}
	if ln, err := c.Listen("tcp", "127.0.0.1:0"); err == nil {
		ln.Close()
		t.Error("remote port forwarding accepted")
	}
	if n := r.Snapshot().Participants; n != 1 {
		t.Errorf("%d participants, want 1", n)
	}
}

func TestHostKeyKept(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state", "salle_host_key")
	keys := make([]ssh.PublicKey, 2)
	for i := range 2 {
		r := testRoom(t, 1)
		ctx, cancel := context.WithCancel(context.Background())
		s, err := salle.Serve(ctx, r, salle.ServeConfig{Listen: "127.0.0.1", HostKey: path, App: tuisalle.NewParticipant})
		if err != nil {
			t.Fatal(err)
		}
		c, err := dialSSH(t, s.SSHAddr(), "4821", &keys[i])
		if err != nil {
			t.Fatal(err)
		}
		c.Close()
		cancel()
		_ = s.Shutdown(context.Background())
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("host key file: %v, %v", fi, err)
	}
	if !bytes.Equal(keys[0].Marshal(), keys[1].Marshal()) {
		t.Error("the host key changed between two rooms")
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("files beside the key: %v", entries)
	}
}

func TestSSHIdleSessionClosed(t *testing.T) {
	r := testRoom(t, 10)
	lim := salle.DefaultLimits
	lim.SSHIdle = 300 * time.Millisecond
	s := testServer(t, r, lim)
	w := openTerm(t, s, "4821")
	waitRoom(t, r, func(s salle.Snapshot) bool { return s.Participants == 1 })
	select {
	case <-w.done:
	case <-time.After(5 * time.Second):
		t.Fatal("an idle session stayed open")
	}
	waitRoom(t, r, func(s salle.Snapshot) bool { return s.Participants == 0 })
}

func TestShutdownClosesBothPorts(t *testing.T) {
	r := testRoom(t, 10)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s, err := salle.Serve(ctx, r, salle.ServeConfig{Listen: "127.0.0.1", App: tuisalle.NewParticipant})
	if err != nil {
		t.Fatal(err)
	}
	w := openTerm(t, s, "4821")
	waitRoom(t, r, func(s salle.Snapshot) bool { return s.Participants == 1 })
	sctx, c := context.WithTimeout(context.Background(), 5*time.Second)
	defer c()
	if err := s.Shutdown(sctx); err != nil {
		t.Fatal(err)
	}
	select {
	case <-w.done:
	case <-time.After(5 * time.Second):
		t.Error("a session outlived the room")
	}
	for _, a := range []net.Addr{s.HTTPAddr(), s.SSHAddr()} {
		if c, err := net.DialTimeout("tcp", a.String(), time.Second); err == nil {
			c.Close()
			t.Errorf("%s still open after Shutdown", a)
		}
	}
}
