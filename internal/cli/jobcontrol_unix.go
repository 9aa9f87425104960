//go:build unix

package cli

import (
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

// The signals that stop the wizard for a while (SIGTSTP: ctrl+z typed
// outside raw mode, or kill -TSTP) and that end it (SIGQUIT: kill -QUIT or
// ctrl+\ outside raw mode).
var (
	stopSignals = []os.Signal{syscall.SIGTSTP}
	quitSignal  = os.Signal(syscall.SIGQUIT)
)

// jobControl reports whether a stopped wizard can be brought back: its
// process group was made by a job-control shell, i.e. it is not the group
// of its session's leader. Run straight from a terminal emulator, tmux,
// ssh or a script without job control, the wizard leads its own session or
// shares its group with it, nobody would continue it, and a suspend is
// refused (ctrl+z does nothing).
func jobControl() bool {
	sid, err := unix.Getsid(0)
	return err == nil && sid != unix.Getpgrp()
}

// stopProcess stops the process for real. Bubble Tea stops a suspended
// program with SIGTSTP, but the wizard catches SIGTSTP (to restore the
// terminal when it comes from elsewhere), so it stops with SIGSTOP, which
// nothing catches; the shell's fg sends SIGCONT, and Bubble Tea then takes
// the terminal back (raw mode, alternate screen, a full repaint).
func stopProcess() {
	_ = syscall.Kill(os.Getpid(), syscall.SIGSTOP)
}
