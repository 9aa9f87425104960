//go:build linux

package export_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestWriteFileReadOnlyFolderAsNobody runs TestWriteFileReadOnlyFolder as the
// user nobody when the tests run as root (as in CI), where a read-only folder
// does not stop writes and the test would only skip.
func TestWriteFileReadOnlyFolderAsNobody(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("not root: TestWriteFileReadOnlyFolder runs itself")
	}
	if testing.Short() {
		t.Skip("-short")
	}
	data, err := os.ReadFile(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(t.TempDir(), "export.test")
	if err := os.WriteFile(bin, data, 0o755); err != nil {
		t.Fatal(err)
	}
	for d := filepath.Dir(bin); d != os.TempDir() && d != "/"; d = filepath.Dir(d) {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(bin, "-test.run", "^TestWriteFileReadOnlyFolder$", "-test.v", "-test.count=1")
	cmd.Dir = "/"
	cmd.Env = append(os.Environ(), "HOME=/nonexistent", "TMPDIR=/tmp", "GOCOVERDIR=")
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	out, err := cmd.CombinedOutput()
	if err != nil {
		if strings.Contains(err.Error(), "operation not permitted") {
			t.Skipf("cannot switch to the user nobody here: %v", err)
		}
		t.Fatalf("%v\n%s", err, out)
	}
	if !strings.Contains(string(out), "--- PASS: TestWriteFileReadOnlyFolder") {
		t.Fatalf("TestWriteFileReadOnlyFolder did not pass as nobody:\n%s", out)
	}
}
