// Package cli is conduite's command line: the subcommands, their flags and
// completions, and the one place where errors become exit statuses.
package cli

import (
	"io"
	"os"

	"github.com/charmbracelet/x/term"
)

// IOStreams are the process's input and output, and whether each is a
// terminal: injected, so that tests can pretend either way and nothing deep
// inside calls os.Stdout.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	Err    io.Writer
	InTTY  bool
	OutTTY bool
	// Width returns the terminal's width in columns (0 when unknown).
	Width func() int
	// Getenv reads the environment.
	Getenv func(string) string
}

// System returns the real streams of the process. A dumb terminal
// (TERM=dumb) prints lines and no escape sequence: its output counts as no
// terminal (plain Markdown, no Glamour), and the wizard uses its line mode.
func System() *IOStreams {
	return &IOStreams{
		In: os.Stdin, Out: os.Stdout, Err: os.Stderr,
		InTTY:  term.IsTerminal(os.Stdin.Fd()),
		OutTTY: term.IsTerminal(os.Stdout.Fd()) && !dumbTerminal(os.Getenv),
		Width: func() int {
			w, _, err := term.GetSize(os.Stdout.Fd())
			if err != nil {
				return 0
			}
			return w
		},
		Getenv: os.Getenv,
	}
}
