package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/spf13/cobra"

	"github.com/conduite/conduite/internal/resume"
	"github.com/conduite/conduite/questionnaire"
	"github.com/conduite/conduite/tui"
	"github.com/conduite/conduite/tui/accessible"
)

// wizardFlags are the flags of the interactive wizard.
type wizardFlags struct {
	accessible   bool
	noSave       bool
	presentation bool
	caseID       string // conduite cases ID: the wizard opens on that case
}

func (a *app) addWizardFlags(root *cobra.Command) {
	f := root.Flags()
	f.BoolVar(&a.w.accessible, "accessible", false, "cli_flag_accessible")
	f.BoolVar(&a.w.noSave, "no-save", false, "cli_flag_no_save")
	f.BoolVar(&a.w.presentation, "presentation", false, "cli_flag_presentation")
}

// firstFrameGrace is how long after the content has loaded the garbage
// collector gets its settings back (see quietStart).
const firstFrameGrace = 50 * time.Millisecond

// runWizard opens the interactive wizard, or its accessible line-by-line
// mode.
func (a *app) runWizard(cmd *cobra.Command, _ []string) error {
	lang, err := a.Lang()
	if err != nil {
		return err
	}
	if a.w.accessible || a.io.Getenv("ACCESSIBLE") != "" {
		return a.runAccessible(lang, false)
	}
	if dumbTerminal(a.io.Getenv) {
		return a.runAccessible(lang, true)
	}
	if !a.io.InTTY || !a.io.OutTTY {
		return badMsg("cli_needs_terminal")
	}
	// The collector rests until the first frame with the content is drawn
	// (quietStart): its frame comes on the renderer's next tick, within
	// 8.3 ms at 120 frames a second; firstFrameGrace leaves ample room.
	restoreGC := quietStart(a.io.Getenv)
	defer restoreGC()
	if a.g.referentiel != "" || a.g.profile != "" {
		// Check the flags before the screen changes (this loads the content
		// now rather than in the background).
		if _, err := a.Content(); err != nil {
			return err
		}
	}

	// The content loads once the terminal has started (the model's Init
	// asks for it), in a command's goroutine: the first frame waits for a
	// tick of the renderer anyway, and loading it while Bubble Tea set the
	// terminal up delayed that set-up by 1 to 4 ms (both allocate, on two
	// cores; BENCHMARKS.md « Start-up beside the floor »).
	var (
		loadOnce sync.Once
		content  *questionnaire.Content
		loadErr  error
	)
	load := func() (*questionnaire.Content, error) {
		loadOnce.Do(func() {
			defer func() {
				if r := recover(); r != nil { // never crash with the terminal in raw mode
					loadErr = fmt.Errorf("loading the content: panic: %v", r)
				}
			}()
			content, loadErr = a.Content()
			time.AfterFunc(firstFrameGrace, restoreGC)
		})
		return content, loadErr
	}

	var store *resume.Store
	if !a.w.noSave {
		if dir, err := resume.DefaultDir(a.io.Getenv); err == nil {
			store = resume.New(dir)
		}
	}
	wd, _ := os.Getwd()
	opts := tui.Options{
		Load:        load,
		Lang:        lang,
		Referentiel: a.g.referentiel,
		Version:     version(),
		Theme:       tui.ThemeFromEnv(a.io.Getenv),
		FixedTheme:  a.io.Getenv("NO_COLOR") != "",
		Dir:         wd,
		Export:      tui.DefaultExport,

		Presentation: a.w.presentation,
		Case:         a.w.caseID,
	}
	if store != nil {
		opts.Store = store
	}
	ctx, stop := context.WithCancel(cmd.Context())
	defer stop()
	sigs := newWizardSignals()
	defer sigs.close()
	wiz := tui.New(opts)
	sigs.gate = wiz.InputGate()
	var model tea.Model = wiz
	if screen := a.io.Getenv("CONDUITE_DEBUG_PANIC"); screen != "" {
		model = panicAt{wiz, screen}
	}
	p := tea.NewProgram(model, tea.WithContext(ctx), tea.WithFPS(120),
		tea.WithInput(a.io.In), tea.WithOutput(a.io.Out), tea.WithFilter(sigs.filter))
	go sigs.watch(ctx, stop, p)
	final, runErr := p.Run()
	if pa, ok := final.(panicAt); ok {
		final = pa.Model
	}
	m, _ := final.(tui.Model)
	if store != nil {
		if answers, ok := m.Unfinished(); ok {
			_ = store.Save(int(^uint(0)>>1), answers) // the last word, after any save in flight
		}
	}
	if end, ok := sigs.caught.Load().(endSignal); ok {
		if end.stacks != nil {
			fmt.Fprintf(a.io.Err, "SIGQUIT: quit\n\n%s", end.stacks)
		}
		if s, ok := end.sig.(syscall.Signal); ok {
			return &exitError{code: 128 + int(s), err: ErrAborted}
		}
		return ErrAborted
	}
	switch {
	case errors.Is(runErr, tea.ErrInterrupted):
		return ErrAborted
	case runErr != nil:
		return fmt.Errorf("wizard: %w", runErr)
	}
	if s := m.Summary(); s != "" {
		fmt.Fprintln(a.io.Out, s)
	}
	if errors.Is(m.Err(), tui.ErrAborted) {
		return ErrAborted
	}
	return nil
}

// wizardSignals is the wizard's handling of the process's signals, beside
// Bubble Tea's own (SIGINT and SIGTERM quit the program; ctrl+z, a key in
// raw mode, returns tea.Suspend):
//   - SIGHUP (the terminal window closed), SIGTERM and SIGQUIT end the
//     program through its context, so that it restores the terminal and the
//     answers are saved; the exit status is then 128+signal. SIGQUIT keeps
//     Go's convention of a goroutine dump, but on the restored screen: the
//     stacks are taken when the signal comes and written to standard error
//     once the terminal is back.
//   - SIGTSTP from elsewhere (kill -TSTP) goes through the program's
//     suspend, as ctrl+z does: the terminal restored, the process stopped,
//     and on SIGCONT (fg) raw mode, the alternate screen and a full repaint.
//   - A suspend is refused without job control (jobControl), where nobody
//     could bring the program back.
//
// The filter also drops the messages that would change nothing on screen
// (tui.InputGate: text typed into a full field), so that a long paste
// without bracketed paste costs no update and no frame.
type wizardSignals struct {
	ch         chan os.Signal
	notified   chan struct{} // closed once signal.Notify has returned
	caught     atomic.Value  // an endSignal
	suspending atomic.Bool   // between a SuspendMsg and its ResumeMsg
	canSuspend bool
	gate       *tui.InputGate
}

// endSignal is the signal that ended the wizard, and for SIGQUIT the
// goroutines' stacks at that moment.
type endSignal struct {
	sig    os.Signal
	stacks []byte
}

// newWizardSignals starts catching the signals. As Bubble Tea does for its
// own, the handlers are installed in a goroutine, beside the program's
// start: the first signal.Notify of a process starts the runtime's signal
// thread, a quarter of a millisecond on the way to the first frame.
func newWizardSignals() *wizardSignals {
	s := &wizardSignals{ch: make(chan os.Signal, 4), canSuspend: jobControl(), notified: make(chan struct{})}
	go func() {
		defer close(s.notified)
		signal.Notify(s.ch, append([]os.Signal{syscall.SIGHUP, syscall.SIGTERM, quitSignal}, stopSignals...)...)
	}()
	return s
}

// close stops catching the signals (once they are caught: a Stop before the
// Notify would leave them caught).
func (s *wizardSignals) close() {
	<-s.notified
	signal.Stop(s.ch)
}

// watch acts on the signals until the program ends.
func (s *wizardSignals) watch(ctx context.Context, stop func(), p *tea.Program) {
	for {
		select {
		case sig := <-s.ch:
			if slices.Contains(stopSignals, sig) {
				switch {
				case s.suspending.Load():
					// Bubble Tea's own SIGTSTP, the terminal already
					// restored: stop now.
					stopProcess()
				case s.canSuspend:
					go p.Send(tea.SuspendMsg{})
				}
				continue
			}
			end := endSignal{sig: sig}
			if sig == quitSignal {
				buf := make([]byte, 1<<20)
				end.stacks = buf[:runtime.Stack(buf, true)]
			}
			s.caught.Store(end)
			stop()
			return
		case <-ctx.Done():
			return
		}
	}
}

// filter sees every message before the model does.
func (s *wizardSignals) filter(_ tea.Model, msg tea.Msg) tea.Msg {
	switch msg.(type) {
	case tea.SuspendMsg:
		if !s.canSuspend {
			return nil
		}
		s.suspending.Store(true)
	case tea.ResumeMsg:
		s.suspending.Store(false)
	}
	if s.gate.Drops(msg) {
		return nil
	}
	return msg
}

// panicAt is a hidden test hook (CONDUITE_DEBUG_PANIC=SCREEN, a screen's
// State name): the wizard panics when it reaches that screen, for the
// end-to-end tests that check a panic leaves the terminal usable.
type panicAt struct {
	tui.Model
	screen string
}

func (p panicAt) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	next, cmd := p.Model.Update(msg)
	m, _ := next.(tui.Model)
	if m.State() == p.screen {
		panic("CONDUITE_DEBUG_PANIC: " + p.screen)
	}
	return panicAt{m, p.screen}, cmd
}

// dumbTerminal reports whether the terminal says it can do no more than
// print lines (TERM=dumb: Emacs' shell, some IDE consoles, serial lines):
// no full-screen interface and no escape sequence there.
func dumbTerminal(getenv func(string) string) bool {
	return getenv != nil && getenv("TERM") == "dumb"
}

// runAccessible runs the line-by-line mode on the process's streams (on
// the case of conduite cases ID, if any); with dumb, first a line on
// standard error saying why.
func (a *app) runAccessible(lang questionnaire.Lang, dumb bool) error {
	c, err := a.Content()
	if err != nil {
		return err
	}
	if dumb {
		fmt.Fprintln(a.io.Err, "conduite: "+c.Texts.T(lang, "wiz_dumb_terminal"))
	}
	o := accessible.Options{Lang: lang, Referentiel: a.g.referentiel, Version: version()}
	if k, ok := c.Cases.Get(a.w.caseID); ok {
		o.Case = k
	}
	err = accessible.Run(a.io.In, a.io.Out, c, o)
	if errors.Is(err, accessible.ErrAborted) {
		return ErrAborted
	}
	return err
}
