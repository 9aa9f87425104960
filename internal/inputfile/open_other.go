//go:build !unix

package inputfile

import "os"

// openNoBlock checks the path before opening it: without O_NONBLOCK, a pipe
// would block the open. A file swapped between the check and the open is
// checked again on the open file by Open.
func openNoBlock(path string) (*os.File, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, &NotRegularError{Path: path, Mode: st.Mode()}
	}
	return os.Open(path)
}
