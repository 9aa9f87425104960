// Package inputfile opens the files conduite reads from outside (answers,
// catalog and resume files) so that nothing given as one can block it or
// feed it without end: only a regular file is read. A named pipe (FIFO)
// would block the open until someone writes to it, a terminal or a device
// would block the read or never end; they are refused with an
// *NotRegularError before anything is read from them.
package inputfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// NotRegularError says the path is not a regular file, and what it is.
type NotRegularError struct {
	Path string
	Mode fs.FileMode
}

func (e *NotRegularError) Error() string {
	return fmt.Sprintf("%s: is %s, not a regular file", e.Path, Kind(e.Mode))
}

// ErrTooLarge is returned by Read when the file holds more than the limit.
var ErrTooLarge = errors.New("file too large")

// KindKey names the type of a file for a message, as the key of its text in
// assets/texts (kind_folder, kind_fifo…).
func KindKey(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "kind_folder"
	case m&fs.ModeNamedPipe != 0:
		return "kind_fifo"
	case m&fs.ModeSocket != 0:
		return "kind_socket"
	case m&fs.ModeCharDevice != 0:
		return "kind_char_device"
	case m&fs.ModeDevice != 0:
		return "kind_device"
	case m&fs.ModeIrregular != 0:
		return "kind_special"
	}
	return "kind_regular"
}

// kindEnglish is what Error says of each kind (KindKey for users).
var kindEnglish = map[string]string{
	"kind_folder": "a folder", "kind_fifo": "a named pipe (FIFO)", "kind_socket": "a socket",
	"kind_char_device": "a character device", "kind_device": "a device", "kind_special": "a special file",
	"kind_regular": "a regular file",
}

// Kind names what the mode is, in English (for Error; KindKey for users).
func Kind(m fs.FileMode) string { return kindEnglish[KindKey(m)] }

// Open opens path for reading if it is a regular file (symbolic links
// followed). Anything else gives a *NotRegularError (a folder included);
// the open itself never blocks (see open_unix.go).
func Open(path string) (*os.File, fs.FileInfo, error) {
	f, err := openNoBlock(path)
	if err != nil {
		return nil, nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	if !st.Mode().IsRegular() {
		f.Close()
		return nil, nil, &NotRegularError{Path: path, Mode: st.Mode()}
	}
	return f, st, nil
}

// ReadAll reads at most limit+1 bytes from r: one more than the limit, so
// that the caller can say the file is too large without reading it all.
func ReadAll(r io.Reader, limit int) ([]byte, error) {
	return io.ReadAll(io.LimitReader(r, int64(limit)+1))
}
