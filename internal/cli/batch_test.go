package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/conduite/conduite/questionnaire"
)

// batchFolder writes n answers files, drawn from the examples, every
// seventh one bad, and returns the folder.
func batchFolder(t *testing.T, n int) string { return batchFolderB(t, n) }

func batchFolderB(t testing.TB, n int) string {
	t.Helper()
	examples, err := filepath.Glob("../../examples/*.yaml")
	examples = slices.DeleteFunc(examples, questionnaire.IsProfileFile) // the example profile is no answers file
	if err != nil || len(examples) == 0 {
		t.Fatalf("no examples: %v", err)
	}
	dir := t.TempDir()
	for i := range n {
		data := []byte("usgae: visio\n")
		if i%7 != 3 {
			if data, err = os.ReadFile(examples[i%len(examples)]); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("f%04d.yaml", i)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// Parallel workers print exactly what one does: the same rows in the same
// order, the same messages on stderr in the same order, the same status, in
// every table format, with reports written or kept.
func TestBatchParallelSameAsSequential(t *testing.T) {
	dir := batchFolder(t, 150)
	outs := map[string]string{"1": t.TempDir(), "2": t.TempDir(), "8": t.TempDir()} // a folder of reports each
	for _, args := range [][]string{
		{"--format", "csv"},
		{"--format", "json"},
		{"--format", "markdown", "--output-dir", "OUT"},
		{"--format", "markdown", "--output-dir", "OUT"}, // the reports kept
		{"--format", "csv", "--force", "--output-dir", "OUT"},
	} {
		name := strings.Join(args, " ")
		run := func(jobs string) (int, string, string) {
			a := []string{"evaluate", "--jobs", jobs}
			for _, arg := range args {
				a = append(a, strings.ReplaceAll(arg, "OUT", outs[jobs]))
			}
			code, stdout, stderr := runCLI(t, false, 0, append(a, dir)...)
			return code, strings.ReplaceAll(stdout, outs[jobs], "OUT"), strings.ReplaceAll(stderr, outs[jobs], "OUT")
		}
		code1, out1, err1 := run("1")
		for _, jobs := range []string{"2", "8"} {
			code, stdout, stderr := run(jobs)
			if code != code1 || stdout != out1 || stderr != err1 {
				t.Errorf("%s, --jobs %s: exit %d, %d bytes out, %d bytes err; --jobs 1: exit %d, %d, %d",
					name, jobs, code, len(stdout), len(stderr), code1, len(out1), len(err1))
			}
		}
		if code1 != ExitBadInput || !strings.Contains(err1, "f0003.yaml:1:1: question inconnue") {
			t.Errorf("%s: exit %d, stderr %.200q", name, code1, err1)
		}
	}
}

// An error while printing (a closed pipe) stops the workers without a
// deadlock.
func TestBatchStopsOnWriteError(t *testing.T) {
	dir := batchFolder(t, 200)
	streams := &IOStreams{In: strings.NewReader(""), Out: failWriter{}, Err: &strings.Builder{},
		Width: func() int { return 0 }, Getenv: func(string) string { return "" }}
	if code := Main(t.Context(), streams, []string{"evaluate", "--jobs", "4", "--format", "csv", dir}); code == ExitOK {
		t.Error("a failed write exited 0")
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, os.ErrClosed }

// BenchmarkBatch is the triage of 1,000 and 10,000 answers files (the
// examples in turn, every seventh bad) in CSV, one worker against every
// core, in one process: the figures of BENCHMARKS.md.
//
//	go test -run '^$' -bench Batch -benchtime 5x ./internal/cli
func BenchmarkBatch(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		dir := batchFolderB(b, n)
		for _, jobs := range []string{"1", "0"} {
			b.Run(fmt.Sprintf("files=%d/jobs=%s", n, jobs), func(b *testing.B) {
				for b.Loop() {
					streams := &IOStreams{In: strings.NewReader(""), Out: io.Discard, Err: io.Discard,
						Width: func() int { return 0 }, Getenv: func(string) string { return "" }}
					Main(b.Context(), streams, []string{"evaluate", "--format", "csv", "--jobs", jobs, dir})
				}
			})
		}
	}
}
