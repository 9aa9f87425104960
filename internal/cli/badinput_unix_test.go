//go:build unix

package cli

import (
	"os"
	"os/exec"
	"syscall"
)

// mkfifo makes a named pipe.
func mkfifo(path string) error { return syscall.Mkfifo(path, 0o644) }

// runAsNobody runs a program as the user nobody (65534), in /, and returns
// its output.
func runAsNobody(bin string, args ...string) (string, error) {
	cmd := exec.Command(bin, args...)
	cmd.Dir = "/"
	cmd.Env = append(os.Environ(), "HOME=/nonexistent", "TMPDIR=/tmp", "GOCOVERDIR=")
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	out, err := cmd.CombinedOutput()
	return string(out), err
}
