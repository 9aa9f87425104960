package export

import (
	"errors"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"

	"github.com/conduite/conduite/questionnaire"
)

// ErrExists is returned (wrapped, with the path) by WriteFile when the file
// exists and overwriting was not allowed.
var ErrExists error = questionnaire.NewMsg("err_file_exists")

// ErrNoFolder is wrapped by WriteFile's error when the folder to write in is
// missing or is not a folder.
var ErrNoFolder error = questionnaire.NewMsg("err_no_such_folder")

// FileMode is the mode asked for a new report: 0666 less the user's umask,
// as for any file the user creates (0644 under the usual umask 022, 0600
// under 077). A report written over an existing file keeps that file's mode.
const FileMode fs.FileMode = 0o666

// WriteFile writes data to path atomically: a temporary file in the same
// folder is written, synced to disk and renamed over path, so readers see the
// old file or the whole new one, never half of it. On failure the temporary
// file is removed and the error says why (missing folder, folder not
// writable, disk full…). Unless overwrite is true an existing path is left
// alone and the error wraps ErrExists; the check and the rename are one step
// where the file system allows hard links, so a file that appears meanwhile
// is not overwritten either. A new file gets 0666 less the umask; a file
// replaced keeps its mode (on Windows, modes are left to the system).
func WriteFile(path string, data []byte, overwrite bool) error {
	return osOps.writeFile(path, data, overwrite)
}

// ops are the file-system steps that commit a write, apart so that a test
// can make them fail.
type ops struct {
	link   func(oldname, newname string) error
	rename func(oldname, newname string) error
}

var osOps = ops{link: os.Link, rename: os.Rename}

func (o ops) writeFile(path string, data []byte, overwrite bool) (err error) {
	if path == "" {
		return questionnaire.NewMsg("err_no_file_name")
	}
	dir := filepath.Dir(path)
	if err := checkDir(dir); err != nil {
		return questionnaire.NewMsg("err_at_path", "path", path, "err", err)
	}
	perm, keep := FileMode, false
	if st, err := os.Stat(path); err == nil {
		if st.IsDir() {
			return questionnaire.NewMsg("err_is_folder_give_name", "path", path)
		}
		if !overwrite {
			return questionnaire.NewMsg("err_at_path", "path", path, "err", ErrExists)
		}
		if runtime.GOOS != "windows" { // where modes are permissions
			// the new bytes get the old file's mode, and never more meanwhile
			perm, keep = st.Mode().Perm(), true
		}
	}
	tmp, err := createTemp(dir, "."+filepath.Base(path)+".", ".tmp", perm)
	if err != nil {
		return questionnaire.NewMsg("err_cannot_create", "path", path, "dir", dir, "err", reason(err))
	}
	tmpName := tmp.Name()
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmpName)
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		return questionnaire.NewMsg("err_writing", "path", path, "err", reason(err))
	}
	if keep {
		// the umask narrowed the mode of the temporary file: give it back
		if err := tmp.Chmod(perm); err != nil {
			return questionnaire.NewMsg("err_setting_mode", "path", path, "err", reason(err))
		}
	}
	if err := tmp.Sync(); err != nil {
		return questionnaire.NewMsg("err_syncing", "path", path, "err", reason(err))
	}
	if err := tmp.Close(); err != nil {
		return questionnaire.NewMsg("err_writing", "path", path, "err", reason(err))
	}
	if err := o.commit(tmpName, path, overwrite); err != nil {
		return err
	}
	syncDir(dir)
	return nil
}

// createTemp creates a new file in dir named prefix, a random number and
// suffix, with the mode perm less the umask (os.CreateTemp always gives
// 0600, which a shared report must not get, nor must a private one get
// more). O_EXCL: an existing name is never opened.
func createTemp(dir, prefix, suffix string, perm fs.FileMode) (*os.File, error) {
	for range 10000 {
		name := filepath.Join(dir, prefix+strconv.FormatUint(uint64(rand.Uint32()), 10)+suffix)
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		return f, err
	}
	return nil, &os.PathError{Op: "createtemp", Path: filepath.Join(dir, prefix+"*"+suffix), Err: fs.ErrExist}
}

// commit moves the written temporary file to path.
func (o ops) commit(tmpName, path string, overwrite bool) error {
	if !overwrite {
		// A hard link fails when path exists: no window between the check
		// and the write. File systems without hard links fall back on the
		// check made before writing, then rename.
		lerr := o.link(tmpName, path)
		if lerr == nil {
			_ = os.Remove(tmpName)
			return nil
		}
		if errors.Is(lerr, fs.ErrExist) {
			return questionnaire.NewMsg("err_at_path", "path", path, "err", ErrExists)
		}
		if _, err := os.Lstat(path); err == nil {
			return questionnaire.NewMsg("err_at_path", "path", path, "err", ErrExists)
		}
	}
	if err := o.rename(tmpName, path); err != nil {
		return questionnaire.NewMsg("err_at_path", "path", path, "err", reason(err))
	}
	return nil
}

// checkDir says clearly when the folder is missing or not a folder.
func checkDir(dir string) error {
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return questionnaire.NewMsg("err_folder_missing", "dir", dir, "err", ErrNoFolder)
	case err != nil:
		return questionnaire.NewMsg("err_folder", "dir", dir, "err", reason(err))
	case !st.IsDir():
		return questionnaire.NewMsg("err_not_folder", "dir", dir, "err", ErrNoFolder)
	}
	return nil
}

// syncDir makes the rename durable where the system allows it.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
}

// reason strips the path an *os.PathError repeats, keeping what went wrong
// (« read-only file system », « no space left on device »), and says what a
// permission error means here.
func reason(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		err = le.Err
	}
	if errors.Is(err, fs.ErrPermission) {
		return questionnaire.NewMsg("err_read_only", "err", err)
	}
	return err
}
