package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"

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
	f.BoolVar(&a.w.accessible, "accessible", false, "plain line-by-line mode for screen readers (also ACCESSIBLE=1)")
	f.BoolVar(&a.w.noSave, "no-save", false, "write no resume file (workshops, shared computers)")
	f.BoolVar(&a.w.presentation, "presentation", false, "presentation mode for a projector: high contrast, centred, the verdict revealed on a key")
}

// runWizard opens the interactive wizard, or its accessible line-by-line
// mode.
func (a *app) runWizard(cmd *cobra.Command, _ []string) error {
	lang, err := a.Lang()
	if err != nil {
		return err
	}
	if a.w.accessible || a.io.Getenv("ACCESSIBLE") != "" {
		return a.runAccessible(lang)
	}
	if !a.io.InTTY || !a.io.OutTTY {
		return badInputf("the wizard needs a terminal (standard input and output are not both terminals); " +
			"to evaluate an answers file without one, use: conduite evaluate FILE (see conduite evaluate --help), " +
			"or conduite --accessible for a line-by-line mode")
	}
	if a.g.referentiel != "" {
		// Check the flag before the screen changes (this loads the content
		// now rather than in the background).
		if _, err := a.Content(); err != nil {
			return err
		}
	}

	// The content loads in the background while the terminal starts (the
	// first frame waits for a tick of the renderer anyway).
	loaded := make(chan struct{})
	var content *questionnaire.Content
	var loadErr error
	go func() {
		defer close(loaded)
		defer func() {
			if r := recover(); r != nil { // never crash with the terminal in raw mode
				loadErr = fmt.Errorf("loading the content: panic: %v", r)
			}
		}()
		content, loadErr = a.Content()
	}()

	var store *resume.Store
	if !a.w.noSave {
		if dir, err := resume.DefaultDir(a.io.Getenv); err == nil {
			store = resume.New(dir)
		}
	}
	wd, _ := os.Getwd()
	opts := tui.Options{
		Load: func() (*questionnaire.Content, error) {
			<-loaded
			return content, loadErr
		},
		Lang:        lang,
		Referentiel: a.g.referentiel,
		Version:     version(),
		Theme:       tui.ThemeFromEnv(a.io.Getenv),
		FixedTheme:  a.io.Getenv("NO_COLOR") != "",
		Dir:         wd,

		Presentation: a.w.presentation,
		Case:         a.w.caseID,
	}
	if store != nil {
		opts.Store = store
	}
	// A hang-up (the terminal window closed) or a SIGTERM ends the program
	// through its context, so that it restores the terminal and the answers
	// are saved below; the exit status is then 128+signal.
	ctx, stop := context.WithCancel(cmd.Context())
	defer stop()
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGHUP, syscall.SIGTERM)
	defer signal.Stop(sigs)
	var caught atomic.Value
	go func() {
		select {
		case s := <-sigs:
			caught.Store(s)
			stop()
		case <-ctx.Done():
		}
	}()
	var model tea.Model = tui.New(opts)
	if screen := a.io.Getenv("CONDUITE_DEBUG_PANIC"); screen != "" {
		model = panicAt{tui.New(opts), screen}
	}
	p := tea.NewProgram(model, tea.WithContext(ctx), tea.WithFPS(120),
		tea.WithInput(a.io.In), tea.WithOutput(a.io.Out))
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
	if s, ok := caught.Load().(syscall.Signal); ok {
		return &exitError{code: 128 + int(s), err: ErrAborted}
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

// runAccessible runs the line-by-line mode on the process's streams.
func (a *app) runAccessible(lang questionnaire.Lang) error {
	c, err := a.Content()
	if err != nil {
		return err
	}
	err = accessible.Run(a.io.In, a.io.Out, c, accessible.Options{Lang: lang, Referentiel: a.g.referentiel, Version: version()})
	if errors.Is(err, accessible.ErrAborted) {
		return ErrAborted
	}
	return err
}
