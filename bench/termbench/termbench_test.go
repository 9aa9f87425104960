package termbench

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/term"
	"github.com/creack/pty"
)

// queryChildEnv makes the test binary act as a program that sends terminal
// queries and prints the answers it gets (see TestTerminalQueriesAnswered).
const queryChildEnv = "TERMBENCH_QUERY_CHILD"

func TestMain(m *testing.M) {
	if os.Getenv(queryChildEnv) == "1" {
		queryChild()
		return
	}
	os.Exit(m.Run())
}

// queryChild asks for the background colour (OSC 11), the cursor position
// (DSR 6) and the primary device attributes (DA1), reads the answers, whose
// last one ends in 'c', and prints them quoted, then waits to be killed.
func queryChild() {
	if _, err := term.MakeRaw(os.Stdin.Fd()); err != nil {
		fmt.Println("raw:", err)
		select {}
	}
	os.Stdout.WriteString("\x1b]11;?\x07\x1b[6n\x1b[c")
	var got []byte
	buf := make([]byte, 256)
	for !strings.HasSuffix(string(got), "c") {
		n, err := os.Stdin.Read(buf)
		got = append(got, buf[:n]...)
		if err != nil {
			break
		}
	}
	fmt.Printf("answers: %q\r\n", got)
	select {}
}

// requirePty skips the test when no pseudo-terminal can be opened here.
func requirePty(tb testing.TB) {
	tb.Helper()
	p, t, err := pty.Open()
	if err != nil {
		tb.Skipf("skipping: cannot open a pseudo-terminal: %v", err)
	}
	p.Close()
	t.Close()
}

// buildBareprog builds the reference program into a temporary directory and
// returns its path.
func buildBareprog(tb testing.TB) string {
	tb.Helper()
	requirePty(tb)
	goTool, err := exec.LookPath("go")
	if err != nil {
		tb.Skipf("skipping: no go tool to build bareprog: %v", err)
	}
	bin := filepath.Join(tb.TempDir(), "bareprog")
	out, err := exec.Command(goTool, "build", "-o", bin, "github.com/conduite/conduite/bench/cmd/bareprog").CombinedOutput()
	if err != nil {
		tb.Fatalf("go build bareprog: %v\n%s", err, out)
	}
	return bin
}

func mustKeys(tb testing.TB, spec string) []byte {
	tb.Helper()
	k, err := ParseKeys(spec)
	if err != nil {
		tb.Fatal(err)
	}
	return k
}

func TestBareprogKeysMoveCursorOnScreen(t *testing.T) {
	bin := buildBareprog(t)
	s, d, err := Open(exec.Command(bin), Size{Cols: 80, Rows: 24}, Contains("choice: 1"))
	if s != nil {
		defer s.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("first frame after %v", d)

	screen := s.Screen()
	if rows := strings.Split(screen, "\n"); len(rows) != 24 {
		t.Errorf("screen has %d rows, want 24:\n%s", len(rows), screen)
	}
	for _, want := range []string{"Pick one:", "> one", "  two", "  three", "size: 80x24"} {
		if !strings.Contains(screen, want) {
			t.Errorf("first frame lacks %q:\n%s", want, screen)
		}
	}

	if _, err := KeyToFrame(s, mustKeys(t, "down"), Contains("choice: 2")); err != nil {
		t.Fatal(err)
	}
	screen = s.Screen()
	if !strings.Contains(screen, "> two") || strings.Contains(screen, "> one") {
		t.Errorf("after down the cursor should be on two only:\n%s", screen)
	}

	if _, err := KeyToFrame(s, mustKeys(t, "up"), Contains("choice: 1")); err != nil {
		t.Fatal(err)
	}
	if screen = s.Screen(); !strings.Contains(screen, "> one") {
		t.Errorf("after up the cursor should be back on one:\n%s", screen)
	}

	if _, err := KeyToFrame(s, []byte("j"), Contains("Pick one:")); !errors.Is(err, ErrAlreadyTrue) {
		t.Errorf("a predicate true before the key gave %v, want ErrAlreadyTrue", err)
	}

	if err := s.Send(mustKeys(t, "q")); err != nil {
		t.Fatal(err)
	}
	if !s.Exited(5 * time.Second) {
		t.Error("bareprog did not exit after q")
	}
}

func TestBareprogRedrawsAfterResize(t *testing.T) {
	bin := buildBareprog(t)
	s, _, err := Open(exec.Command(bin, "-fps", "120"), Size{Cols: 80, Rows: 24}, Contains("choice: 1"))
	if s != nil {
		defer s.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ResizeToFrame(s, Size{Cols: 100, Rows: 30}, Contains("size: 100x30")); err != nil {
		if !errors.Is(err, ErrTimeout) {
			t.Fatal(err)
		}
		// On a loaded machine the first SIGWINCH can land before Bubble
		// Tea listens for it (its resize listener starts with the event
		// loop, after the first frame may be out). What is tested is that
		// a resize is redrawn: resize once more, away and back.
		t.Logf("first resize not redrawn, resizing again: %v", err)
		if _, err := ResizeToFrame(s, Size{Cols: 101, Rows: 30}, Contains("size: 101x30")); err != nil {
			t.Fatal(err)
		}
		if _, err := ResizeToFrame(s, Size{Cols: 100, Rows: 30}, Contains("size: 100x30")); err != nil {
			t.Fatal(err)
		}
	}
	if got := s.Size(); got != (Size{Cols: 100, Rows: 30}) {
		t.Errorf("Size() = %v, want 100x30", got)
	}
	if screen := s.Screen(); len(strings.Split(screen, "\n")) != 30 || !strings.Contains(screen, "> one") {
		t.Errorf("resized screen should have 30 rows and the list:\n%s", screen)
	}
}

func TestTerminalQueriesAnswered(t *testing.T) {
	requirePty(t)
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), queryChildEnv+"=1")
	s, _, err := Open(cmd, Size{Cols: 200, Rows: 10}, Contains("answers:"))
	if s != nil {
		defer s.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	screen := s.Screen()
	for _, want := range []string{
		`\x1b]11;rgb:0000/0000/0000`, // OSC 11: black background
		`\x1b[1;1R`,                  // cursor position report
		`\x1b[?62;`,                  // DA1: VT220 with extensions
	} {
		if !strings.Contains(screen, want) {
			t.Errorf("answers lack %s:\n%s", want, screen)
		}
	}
}

func TestWaitsNeverHang(t *testing.T) {
	requirePty(t)
	s, _, err := Open(exec.Command("sh", "-c", "echo ready; sleep 30"), Size{Cols: 80, Rows: 24}, Contains("ready"))
	if s != nil {
		defer s.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	s.Timeout = 200 * time.Millisecond
	start := time.Now()
	if _, err := s.WaitFor(Contains("never shown")); !errors.Is(err, ErrTimeout) {
		t.Errorf("WaitFor gave %v, want ErrTimeout", err)
	}
	if e := time.Since(start); e > 2*time.Second {
		t.Errorf("timeout of 200ms took %v", e)
	}

	_, err = FirstFrame(exec.Command("sh", "-c", "echo bye"), Size{Cols: 80, Rows: 24}, Contains("never shown"))
	if !errors.Is(err, ErrExited) {
		t.Errorf("FirstFrame of an exiting program gave %v, want ErrExited", err)
	}
}

func TestParseKeysAndSize(t *testing.T) {
	for spec, want := range map[string]string{
		"enter": "\r", "down": "\x1b[B", "ctrl+c": "\x03", "j": "j", `\x1b[A`: "\x1b[A", "Q": "Q",
	} {
		if got, err := ParseKeys(spec); err != nil || string(got) != want {
			t.Errorf("ParseKeys(%q) = %q, %v; want %q", spec, got, err, want)
		}
	}
	if sz, err := ParseSize("120x40"); err != nil || sz != (Size{Cols: 120, Rows: 40}) {
		t.Errorf("ParseSize(120x40) = %v, %v", sz, err)
	}
	if _, err := ParseSize("80"); err == nil {
		t.Error("ParseSize(80) should fail")
	}
	st := Summarize([]time.Duration{4, 1, 3, 2})
	if st != (Stats{N: 4, Median: 2, Min: 1, Max: 4, Q1: 2, Q3: 4}) {
		t.Errorf("Summarize = %+v", st)
	}
}

// BenchmarkBareFirstFrame times bareprog from process start to its first
// complete frame, once per iteration, at 60 and 120 fps.
func BenchmarkBareFirstFrame(b *testing.B) {
	bin := buildBareprog(b)
	for _, fps := range []string{"60", "120"} {
		b.Run("fps="+fps, func(b *testing.B) {
			var total time.Duration
			n := 0
			for b.Loop() {
				d, err := FirstFrame(exec.Command(bin, "-fps", fps), Size{Cols: 80, Rows: 24}, Contains("choice: 1"))
				if err != nil {
					b.Fatal(err)
				}
				total += d
				n++
			}
			b.ReportMetric(ms(total)/float64(n), "ms/first-frame")
		})
	}
}

// BenchmarkBareKeyToFrame times bareprog from a key (down, then up,
// alternately) to the frame showing the moved cursor, at 60 and 120 fps.
func BenchmarkBareKeyToFrame(b *testing.B) {
	bin := buildBareprog(b)
	down, up := mustKeys(b, "down"), mustKeys(b, "up")
	for _, fps := range []string{"60", "120"} {
		b.Run("fps="+fps, func(b *testing.B) {
			s, _, err := Open(exec.Command(bin, "-fps", fps), Size{Cols: 80, Rows: 24}, Contains("choice: 1"))
			if s != nil {
				defer s.Close()
			}
			if err != nil {
				b.Fatal(err)
			}
			var total time.Duration
			n := 0
			for b.Loop() {
				keys, marker := down, "choice: 2"
				if n%2 == 1 {
					keys, marker = up, "choice: 1"
				}
				d, err := KeyToFrame(s, keys, Contains(marker))
				if err != nil {
					b.Fatal(err)
				}
				total += d
				n++
			}
			b.ReportMetric(ms(total)/float64(n), "ms/key-to-frame")
		})
	}
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
