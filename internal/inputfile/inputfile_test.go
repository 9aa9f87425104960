package inputfile

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

func TestOpenRegular(t *testing.T) {
	p := filepath.Join(t.TempDir(), "a.yaml")
	if err := os.WriteFile(p, []byte("usage: visio\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, st, err := Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	data, err := ReadAll(f, 4)
	if err != nil || string(data) != "usage" || st.Size() != 13 {
		t.Errorf("read %q, %v, size %d", data, err, st.Size())
	}
}

func TestOpenRefusesWhatIsNotAFile(t *testing.T) {
	dir := t.TempDir()
	_, _, err := Open(dir)
	var nr *NotRegularError
	if !errors.As(err, &nr) || err.Error() != dir+": is a folder, not a regular file" {
		t.Errorf("a folder: %v", err)
	}
	if _, _, err := Open(filepath.Join(dir, "nope")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a missing file: %v", err)
	}
	if runtime.GOOS == "windows" {
		return
	}
	fifo := filepath.Join(dir, "b.yaml")
	if err := mkfifo(fifo); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	done := make(chan error, 1)
	go func() { _, _, err := Open(fifo); done <- err }()
	select {
	case err := <-done:
		if !errors.As(err, &nr) || err.Error() != fifo+": is a named pipe (FIFO), not a regular file" {
			t.Errorf("a FIFO: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("opening a FIFO blocked")
	}
	if _, err := os.Stat("/dev/null"); err == nil {
		if _, _, err := Open("/dev/null"); !errors.As(err, &nr) || nr.Error() != "/dev/null: is a character device, not a regular file" {
			t.Errorf("/dev/null: %v", err)
		}
	}
}
