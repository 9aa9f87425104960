//go:build unix

package export_test

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/conduite/conduite/export"
)

// withUmask runs the test under the umask, restoring the old one after.
// syscall.Umask is the process's: these tests do not run in parallel.
func withUmask(t *testing.T, mask int) {
	t.Helper()
	old := syscall.Umask(mask)
	t.Cleanup(func() { syscall.Umask(old) })
}

// A new report gets 0666 less the umask, as any file the user creates: a
// DPD who set umask 077 does not find the reports readable by others.
func TestWriteFileHonoursUmask(t *testing.T) {
	for _, c := range []struct {
		umask int
		want  fs.FileMode
	}{{0o077, 0o600}, {0o022, 0o644}, {0o027, 0o640}, {0o002, 0o664}} {
		t.Run(fmt.Sprintf("umask %03o", c.umask), func(t *testing.T) {
			withUmask(t, c.umask)
			for _, overwrite := range []bool{false, true} {
				path := filepath.Join(t.TempDir(), "rapport.md")
				if err := export.WriteFile(path, []byte("# rapport\n"), overwrite); err != nil {
					t.Fatal(err)
				}
				st, err := os.Stat(path)
				if err != nil {
					t.Fatal(err)
				}
				if got := st.Mode().Perm(); got != c.want {
					t.Errorf("umask %03o, overwrite %v: mode %v; want %v", c.umask, overwrite, got, c.want)
				}
			}
		})
	}
}

// --force over a report keeps its mode, whatever the umask: a 0600 report
// does not become readable by others, a 0664 one stays shared.
func TestWriteFileKeepsModeOfReplacedFile(t *testing.T) {
	withUmask(t, 0o022)
	for _, mode := range []fs.FileMode{0o600, 0o640, 0o664, 0o444} {
		t.Run(mode.String(), func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "rapport.html")
			if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(path, mode); err != nil {
				t.Fatal(err)
			}
			if err := export.WriteFile(path, []byte("new"), true); err != nil {
				t.Fatal(err)
			}
			st, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if got := st.Mode().Perm(); got != mode {
				t.Errorf("mode after --force %v; want the old file's %v", got, mode)
			}
			if got, _ := os.ReadFile(path); string(got) != "new" {
				t.Errorf("the file holds %q; want new", got)
			}
			if names := entries(t, dir); len(names) != 1 {
				t.Errorf("folder holds %v; want no temporary file left", names)
			}
		})
	}
}
