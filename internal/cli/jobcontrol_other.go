//go:build !unix

package cli

import (
	"os"
	"syscall"
)

// Windows has no job control: nothing suspends the wizard.
var (
	stopSignals []os.Signal
	quitSignal  = os.Signal(syscall.SIGQUIT)
)

func jobControl() bool { return false }

func stopProcess() {}
