//go:build unix

package inputfile

import (
	"os"
	"syscall"
)

// openNoBlock opens path with O_NONBLOCK, so that a named pipe without a
// writer does not block the open; Open then checks, on the open file (no
// race with a rename), that it is a regular file, where O_NONBLOCK changes
// nothing.
func openNoBlock(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
