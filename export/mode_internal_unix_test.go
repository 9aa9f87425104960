//go:build unix

package export

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// The temporary file is never more open than the report it becomes: while
// a 0600 report is being replaced, nobody else can open the new bytes.
func TestWriteFileTempNoWiderThanTarget(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	dir := t.TempDir()
	path := filepath.Join(dir, "rapport.md")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	checked := false
	watching := ops{link: os.Link, rename: func(tmp, dst string) error {
		st, err := os.Stat(tmp)
		if err != nil {
			t.Errorf("temporary file: %v", err)
		} else if st.Mode().Perm()&^0o600 != 0 {
			t.Errorf("temporary file %s has mode %v; want no more than the report's 0600", tmp, st.Mode().Perm())
		}
		checked = true
		return os.Rename(tmp, dst)
	}}
	if err := watching.writeFile(path, []byte("new"), true); err != nil {
		t.Fatal(err)
	}
	if !checked {
		t.Fatal("the write did not go through a rename; nothing was checked")
	}
}
