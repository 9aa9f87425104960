package export

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// A failure after the temporary file was written and synced (the final
// rename) leaves no temporary file, and the old file as it was.
func TestWriteFileFailureLeavesNoTemp(t *testing.T) {
	failing := ops{
		link:   func(string, string) error { return &os.LinkError{Op: "link", Err: syscall.EPERM} }, // no hard links here
		rename: func(o, n string) error { return &os.LinkError{Op: "rename", Old: o, New: n, Err: syscall.ENOSPC} },
	}
	for _, c := range []struct {
		name      string
		existing  bool
		overwrite bool
	}{{"new file", false, false}, {"overwrite", true, true}} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "rapport.html")
			if c.existing {
				if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			err := failing.writeFile(path, []byte("new"), c.overwrite)
			if !errors.Is(err, syscall.ENOSPC) || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "no space left") {
				t.Fatalf("writeFile = %v; want the path and « no space left on device »", err)
			}
			es, _ := os.ReadDir(dir)
			var names []string
			for _, e := range es {
				names = append(names, e.Name())
			}
			want := 0
			if c.existing {
				want = 1
			}
			if len(names) != want {
				t.Errorf("folder holds %v; want %d file(s), no temporary file", names, want)
			}
			if c.existing {
				if got, _ := os.ReadFile(path); string(got) != "old" {
					t.Errorf("the old file holds %q; want it untouched", got)
				}
			}
		})
	}
}

// Without hard links, the no-overwrite check still holds when the file
// appeared while the temporary file was being written.
func TestWriteFileNoLinkFallback(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "rapport.md")
	noLink := ops{
		link: func(string, string) error {
			// the file appears meanwhile
			_ = os.WriteFile(path, []byte("theirs"), 0o644)
			return &os.LinkError{Op: "link", Err: syscall.EPERM}
		},
		rename: os.Rename,
	}
	err := noLink.writeFile(path, []byte("mine"), false)
	if !errors.Is(err, ErrExists) {
		t.Fatalf("writeFile = %v; want ErrExists", err)
	}
	if got, _ := os.ReadFile(path); string(got) != "theirs" {
		t.Errorf("file holds %q; want theirs", got)
	}
	if es, _ := os.ReadDir(dir); len(es) != 1 {
		t.Errorf("a temporary file is left: %v", es)
	}
	// and a plain write works through rename
	other := filepath.Join(dir, "autre.md")
	noLink.link = func(string, string) error { return &os.LinkError{Op: "link", Err: syscall.EPERM} }
	if err := noLink.writeFile(other, []byte("ok"), false); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(other); string(got) != "ok" {
		t.Errorf("file holds %q; want ok", got)
	}
}
