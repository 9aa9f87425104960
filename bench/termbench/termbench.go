// Package termbench measures how quickly a terminal program responds, the way
// a person sees it: the program runs in a pseudo-terminal, everything it
// writes is fed into a terminal emulator, and a measurement ends at the first
// moment the emulated screen satisfies a predicate (typically: it contains a
// marker text that only the awaited frame shows).
//
// Three measurements are offered: [FirstFrame] (process start to first
// frame), [KeyToFrame] (key written to the pty to the frame it causes) and
// [ResizeToFrame] (new pty size, hence SIGWINCH, to the redrawn frame).
//
// The emulator is github.com/charmbracelet/x/vt. It answers the queries a
// Bubble Tea v2 program (or lipgloss) may send at start-up by itself: OSC
// 10/11/12 colour queries (white on black), device attributes (DA1, DA2),
// cursor position and status reports (DSR) and mode reports (DECRQM, e.g.
// synchronized output 2026). Its answers are copied back into the pty, so a
// program that waits for them is not held up.
package termbench

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"

	"github.com/charmbracelet/x/vt"
	"github.com/creack/pty"
)

// DefaultTimeout bounds every wait of a new [Session]; change a session's
// Timeout field to use another bound for that session.
var DefaultTimeout = 10 * time.Second

// ErrTimeout is returned (wrapped, with the screen) when the screen did not
// satisfy a predicate within the session's Timeout.
var ErrTimeout = errors.New("termbench: timed out waiting for the screen")

// ErrExited is returned (wrapped, with the screen) when the program's output
// ended before the screen satisfied a predicate.
var ErrExited = errors.New("termbench: program output ended before the screen matched")

// ErrAlreadyTrue is returned by [KeyToFrame] and [ResizeToFrame] when the
// predicate already holds before the key or resize: such a measurement would
// time nothing, so choose a marker that only the new frame shows.
var ErrAlreadyTrue = errors.New("termbench: the screen already matches before the action")

// Contains returns a predicate that holds when the screen contains text.
func Contains(text string) func(screen string) bool {
	return func(screen string) bool { return strings.Contains(screen, text) }
}

// Session is a program running in a pseudo-terminal whose output drives an
// emulated screen. Create it with [Open]; always Close it.
type Session struct {
	// Timeout bounds every wait on this session; it starts as DefaultTimeout.
	Timeout time.Duration

	cmd     *exec.Cmd
	ptmx    *os.File
	started time.Time

	mu      sync.Mutex // guards emu, size and watches
	emu     *vt.Emulator
	size    Size
	watches []*watch

	outDone  chan struct{} // closed when the pty output ends
	exited   chan struct{} // closed when the process has been reaped
	pumpDone chan struct{} // closed when the emulator's answers stop
	closeOne sync.Once
}

// watch is a pending predicate; the output reader sends on hit the time at
// which the screen first satisfied it.
type watch struct {
	until func(screen string) bool
	hit   chan time.Time
}

// Open starts cmd in a new pseudo-terminal of the given size and waits for
// the first frame: it returns the running session and the time from process
// start to the first moment the screen satisfied until. The session is
// returned, to be closed, even when the wait failed.
//
// If cmd.Env is nil the program gets this process's environment; either way
// TERM is set to xterm-256color and TERM_PROGRAM, COLUMNS and LINES are
// removed, because the emulator, not the outer terminal, is its terminal.
func Open(cmd *exec.Cmd, size Size, until func(screen string) bool) (*Session, time.Duration, error) {
	s := &Session{
		Timeout:  DefaultTimeout,
		cmd:      cmd,
		emu:      vt.NewEmulator(size.Cols, size.Rows),
		size:     size,
		outDone:  make(chan struct{}),
		exited:   make(chan struct{}),
		pumpDone: make(chan struct{}),
	}
	cmd.Env = terminalEnv(cmd.Env)
	w, _ := s.register(until) // the screen is empty: nothing to match yet

	s.started = time.Now()
	ptmx, err := pty.StartWithSize(cmd, size.winsize())
	if err != nil {
		return nil, 0, fmt.Errorf("termbench: start %s in a pty: %w", cmd.Path, err)
	}
	s.ptmx = ptmx
	go s.readOutput()
	go s.pumpAnswers()
	go func() { _ = cmd.Wait(); close(s.exited) }()

	d, err := s.wait(w, s.started)
	return s, d, err
}

// FirstFrame starts cmd in a pseudo-terminal of the given size, returns the
// time from process start to the first moment the screen satisfies until,
// and kills the program.
func FirstFrame(cmd *exec.Cmd, size Size, until func(screen string) bool) (time.Duration, error) {
	s, d, err := Open(cmd, size, until)
	if s != nil {
		s.Close()
	}
	return d, err
}

// KeyToFrame writes keys to the session's pty (as a person's keyboard would,
// see [ParseKeys]) and returns the time from the write to the first moment
// the screen satisfies until.
func KeyToFrame(s *Session, keys []byte, until func(screen string) bool) (time.Duration, error) {
	return s.measure(until, func() (time.Time, error) {
		t0 := time.Now()
		return t0, s.Send(keys)
	})
}

// ResizeToFrame gives the session's pty and emulator a new size (the kernel
// sends SIGWINCH to the program) and returns the time from the resize to the
// first moment the screen satisfies until.
func ResizeToFrame(s *Session, size Size, until func(screen string) bool) (time.Duration, error) {
	return s.measure(until, func() (time.Time, error) {
		s.mu.Lock()
		s.emu.Resize(size.Cols, size.Rows)
		s.size = size
		s.mu.Unlock()
		t0 := time.Now()
		return t0, pty.Setsize(s.ptmx, size.winsize())
	})
}

// Send writes raw bytes to the program's terminal input.
func (s *Session) Send(keys []byte) error {
	_, err := s.ptmx.Write(keys)
	return err
}

// Screen returns the plain text of the emulated screen (the alternate screen
// when the program uses it): one line per row, trailing spaces trimmed, rows
// joined with newlines.
func (s *Session) Screen() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.emu.String()
}

// Size returns the current size of the pty and the emulated screen.
func (s *Session) Size() Size {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.size
}

// WaitFor waits until the screen satisfies until, at most s.Timeout, and
// returns how long it waited.
func (s *Session) WaitFor(until func(screen string) bool) (time.Duration, error) {
	t0 := time.Now()
	w, ok := s.register(until)
	if ok {
		return 0, nil
	}
	return s.wait(w, t0)
}

// Exited reports whether the program has ended, waiting at most timeout.
func (s *Session) Exited(timeout time.Duration) bool {
	select {
	case <-s.exited:
		return true
	case <-time.After(timeout):
		return false
	}
}

// Close kills the program's whole process group, reaps it and releases the
// pty and the emulator. It is safe to call more than once, and it never
// waits longer than a few seconds.
func (s *Session) Close() {
	s.closeOne.Do(func() {
		killGroup(s.cmd.Process.Pid) // Setsid: pgid == pid
		_ = s.cmd.Process.Kill()     // in case it left its group
		waitOrGiveUp(s.exited, 5*time.Second)
		_ = s.ptmx.Close()
		waitOrGiveUp(s.outDone, time.Second)
		closeAnswers(s.emu)
		waitOrGiveUp(s.pumpDone, time.Second)
	})
}

// measure registers until, performs act (which returns the moment the clock
// starts) and waits for the screen to satisfy until.
func (s *Session) measure(until func(string) bool, act func() (time.Time, error)) (time.Duration, error) {
	w, ok := s.register(until)
	if ok {
		return 0, fmt.Errorf("%w; screen:\n%s", ErrAlreadyTrue, strings.TrimRight(s.Screen(), "\n"))
	}
	t0, err := act()
	if err != nil {
		s.unregister(w)
		return 0, err
	}
	return s.wait(w, t0)
}

// register adds a watch for until, unless the screen already satisfies it,
// in which case it reports true and adds nothing.
func (s *Session) register(until func(string) bool) (*watch, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if until(s.emu.String()) {
		return nil, true
	}
	w := &watch{until: until, hit: make(chan time.Time, 1)}
	s.watches = append(s.watches, w)
	return w, false
}

func (s *Session) unregister(w *watch) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, x := range s.watches {
		if x == w {
			s.watches = append(s.watches[:i], s.watches[i+1:]...)
			return
		}
	}
}

// wait blocks until w is hit, the output ends or s.Timeout passes, and
// returns the time from t0 to the hit.
func (s *Session) wait(w *watch, t0 time.Time) (time.Duration, error) {
	timer := time.NewTimer(s.Timeout)
	defer timer.Stop()
	select {
	case at := <-w.hit:
		return at.Sub(t0), nil
	case <-s.outDone:
	case <-timer.C:
	}
	s.unregister(w)
	select { // a hit may have raced with the end or the timer
	case at := <-w.hit:
		return at.Sub(t0), nil
	default:
	}
	cause := ErrTimeout
	select {
	case <-s.outDone:
		cause = ErrExited
	default:
	}
	return 0, fmt.Errorf("%w (after %v); screen:\n%s", cause, time.Since(t0).Round(time.Millisecond), strings.TrimRight(s.Screen(), "\n"))
}

// readOutput feeds the program's output into the emulator and, after each
// chunk, checks the pending watches against the new screen. Doing the check
// here, as the bytes land, keeps the goroutine scheduling of the waiter out
// of the measurement.
func (s *Session) readOutput() {
	defer close(s.outDone)
	buf := make([]byte, 64*1024)
	for {
		n, err := s.ptmx.Read(buf)
		if n > 0 {
			s.mu.Lock()
			_, _ = s.emu.Write(buf[:n])
			now := time.Now()
			if len(s.watches) > 0 {
				screen := s.emu.String()
				kept := s.watches[:0]
				for _, w := range s.watches {
					if w.until(screen) {
						w.hit <- now
					} else {
						kept = append(kept, w)
					}
				}
				s.watches = kept
			}
			s.mu.Unlock()
		}
		if err != nil { // EIO once the program and its children have exited
			return
		}
	}
}

// pumpAnswers copies the emulator's answers to terminal queries (and any
// input it generates) back to the program. The answers pass through a
// buffered channel so that the emulator, which writes them while the output
// reader holds the lock, is not held up by a program slow to read its input.
func (s *Session) pumpAnswers() {
	answers := make(chan []byte, 1024)
	go func() {
		defer close(answers)
		buf := make([]byte, 4096)
		for {
			n, err := s.emu.Read(buf)
			if n > 0 {
				answers <- append([]byte(nil), buf[:n]...)
			}
			if err != nil {
				return
			}
		}
	}()
	defer close(s.pumpDone)
	for a := range answers {
		_, _ = s.ptmx.Write(a)
	}
}

// terminalEnv returns env (or this process's environment when nil) with the
// variables that describe the terminal replaced by the emulator's.
func terminalEnv(env []string) []string {
	if env == nil {
		env = os.Environ()
	}
	out := make([]string, 0, len(env)+1)
	for _, kv := range env {
		name, _, _ := strings.Cut(kv, "=")
		switch name {
		case "TERM", "TERM_PROGRAM", "TERM_PROGRAM_VERSION", "COLUMNS", "LINES":
			continue
		}
		out = append(out, kv)
	}
	return append(out, "TERM=xterm-256color")
}

// closeAnswers ends the emulator's answer pipe so that pumpAnswers returns.
// It closes the pipe itself rather than calling the emulator's Close, which
// sets a flag that the pump's Read checks without synchronization.
func closeAnswers(emu *vt.Emulator) {
	if pw, ok := emu.InputPipe().(*io.PipeWriter); ok {
		_ = pw.Close()
	}
}

func waitOrGiveUp(ch <-chan struct{}, d time.Duration) {
	select {
	case <-ch:
	case <-time.After(d):
	}
}
