package export_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/conduite/conduite/export"
)

// entries lists a folder's names, to see that no temporary file is left.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

func TestWriteFileNew(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "rapport.md")
	if err := export.WriteFile(path, []byte("# rapport\n"), false); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil || string(got) != "# rapport\n" {
		t.Fatalf("read back %q, %v", got, err)
	}
	if names := entries(t, dir); len(names) != 1 {
		t.Errorf("folder holds %v; want only rapport.md", names)
	}
}

func TestWriteFileExisting(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "rapport.html")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	err := export.WriteFile(path, []byte("new"), false)
	if !errors.Is(err, export.ErrExists) {
		t.Fatalf("WriteFile over an existing file = %v; want ErrExists", err)
	}
	if !strings.Contains(err.Error(), path) {
		t.Errorf("error %q does not name the file", err)
	}
	if got, _ := os.ReadFile(path); string(got) != "old" {
		t.Errorf("the existing file now holds %q; want it untouched", got)
	}
	if names := entries(t, dir); len(names) != 1 {
		t.Errorf("folder holds %v; want no temporary file left", names)
	}
	before, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := export.WriteFile(path, []byte("new"), true); err != nil {
		t.Fatalf("overwrite: %v", err)
	}
	if got, _ := os.ReadFile(path); string(got) != "new" {
		t.Errorf("after overwrite the file holds %q; want new", got)
	}
	// the mode under umasks is in mode_unix_test.go
	if st, _ := os.Stat(path); st.Mode().Perm() != before.Mode().Perm() {
		t.Errorf("mode after overwrite %v; want the old file's %v", st.Mode().Perm(), before.Mode().Perm())
	}
}

// A dangling symbolic link is a name in use: it is not written through.
func TestWriteFileDanglingSymlink(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "rapport.md")
	target := filepath.Join(dir, "ailleurs.md")
	if err := os.Symlink(target, path); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := export.WriteFile(path, []byte("x"), false); !errors.Is(err, export.ErrExists) {
		t.Fatalf("WriteFile on a dangling link = %v; want ErrExists", err)
	}
	if _, err := os.Lstat(target); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the link's target was created")
	}
}

func TestWriteFileMissingFolder(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "absent", "rapport.md")
	err := export.WriteFile(path, []byte("x"), false)
	if !errors.Is(err, export.ErrNoFolder) || !strings.Contains(err.Error(), "does not exist") || !strings.Contains(err.Error(), filepath.Join(dir, "absent")) {
		t.Fatalf("WriteFile in a missing folder = %v; want it to name the missing folder", err)
	}
}

func TestWriteFileParentIsFile(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "f")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	err := export.WriteFile(filepath.Join(file, "rapport.md"), []byte("x"), false)
	if !errors.Is(err, export.ErrNoFolder) || !strings.Contains(err.Error(), "is not a folder") {
		t.Fatalf("WriteFile under a file = %v; want « is not a folder »", err)
	}
}

func TestWriteFileReadOnlyFolder(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root: a read-only folder is writable anyway; TestWriteFileReadOnlyFolderAsNobody runs this test as nobody")
	}
	dir := t.TempDir()
	ro := filepath.Join(dir, "ro")
	if err := os.Mkdir(ro, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Chmod(ro, 0o755) })
	err := export.WriteFile(filepath.Join(ro, "rapport.md"), []byte("x"), false)
	if err == nil || !strings.Contains(err.Error(), "read-only") || !strings.Contains(err.Error(), ro) {
		t.Fatalf("WriteFile in a read-only folder = %v; want it to say the folder is read-only", err)
	}
	if names := entries(t, ro); len(names) != 0 {
		t.Errorf("folder holds %v; want nothing", names)
	}
}

// A folder is not replaced by a report.
func TestWriteFileOntoFolder(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "rapport.md")
	if err := os.Mkdir(path, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(path, "keep"), []byte("k"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, overwrite := range []bool{false, true} {
		err := export.WriteFile(path, []byte("x"), overwrite)
		if err == nil {
			t.Fatalf("overwrite=%v: WriteFile onto a folder succeeded", overwrite)
		}
		if names := entries(t, dir); len(names) != 1 || names[0] != "rapport.md" {
			t.Errorf("overwrite=%v: folder holds %v; want only the folder rapport.md", overwrite, names)
		}
	}
	if _, err := os.Stat(filepath.Join(path, "keep")); err != nil {
		t.Errorf("the folder's content was touched: %v", err)
	}
}

func TestWriteFileEmptyName(t *testing.T) {
	if err := export.WriteFile("", []byte("x"), true); err == nil {
		t.Fatal("WriteFile(\"\") succeeded")
	}
}
