// Command procbench times a command as a whole process, the way a script or
// a person at a prompt runs it: from start to exit, stdout to /dev/null,
// over several runs, with each run's peak resident memory (the kernel's
// rusage maxrss). It prints median, min and max of both.
//
//	go build -o /tmp/conduite ./cmd/conduite
//	go run ./bench/cmd/procbench -runs 100 -inputs 'examples/*' -- /tmp/conduite evaluate {}
//	go run ./bench/cmd/procbench -runs 10 -gen 1000 -- /tmp/conduite evaluate --format csv {dir}
//
// In the command, {} is replaced by the next file of -inputs (round robin)
// and {dir} by a folder of -gen answers files, drawn at random (fixed seed)
// over the whole answer space and written as conduite writes its resume
// file. Give it a built binary: "go run" as the command would time the
// compiler.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/conduite/conduite/assets"
	"github.com/conduite/conduite/internal/resume"
	"github.com/conduite/conduite/questionnaire"
)

func main() {
	runs := flag.Int("runs", 50, "number of measured runs, each a fresh process")
	warmup := flag.Int("warmup", 3, "runs before measuring (page cache, CPU frequency)")
	inputs := flag.String("inputs", "", "glob of files that {} in the command takes in turn")
	gen := flag.Int("gen", 0, "write this many random answers files into a temporary folder, {dir} in the command")
	code := flag.Int("status", 0, "the exit status every run must have")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: procbench [flags] -- CMD [ARGS...]\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if err := run(flag.Args(), *runs, *warmup, *inputs, *gen, *code); err != nil {
		fmt.Fprintln(os.Stderr, "procbench:", err)
		os.Exit(1)
	}
}

func run(argv []string, runs, warmup int, inputs string, gen, status int) error {
	if len(argv) == 0 || runs < 1 {
		flag.Usage()
		return fmt.Errorf("need a command after --, and -runs ≥ 1")
	}
	var files []string
	if inputs != "" {
		var err error
		files, err = filepath.Glob(inputs)
		files = slices.DeleteFunc(files, questionnaire.IsProfileFile) // examples/ holds a profile
		if err != nil || len(files) == 0 {
			return fmt.Errorf("-inputs %q: no files (%v)", inputs, err)
		}
	}
	dir := ""
	if gen > 0 {
		d, err := os.MkdirTemp("", "procbench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(d)
		if err := generate(d, gen); err != nil {
			return err
		}
		dir = d
	}
	var walls []time.Duration
	var rss []int64
	for i := -warmup; i < runs; i++ {
		args := expand(argv, files, dir, i+warmup)
		wall, maxrss, err := once(args, status)
		if err != nil {
			return err
		}
		if i >= 0 {
			walls = append(walls, wall)
			rss = append(rss, maxrss)
		}
	}
	ws, rs := summarize(walls), summarize(rss)
	fmt.Printf("command: %s\n", strings.Join(argv, " "))
	if len(files) > 0 {
		fmt.Printf("inputs:  %d files (%s), in turn\n", len(files), inputs)
	}
	if gen > 0 {
		fmt.Printf("{dir}:   %d generated answers files\n", gen)
	}
	fmt.Printf("runs:    %d (after %d warm-up)\n", runs, warmup)
	fmt.Printf("wall:    median %.1f ms (min %.1f, max %.1f)\n", ms(ws[0]), ms(ws[1]), ms(ws[2]))
	if rs[2] > 0 {
		fmt.Printf("peak RSS: median %.1f MB (min %.1f, max %.1f)\n", mb(rs[0]), mb(rs[1]), mb(rs[2]))
	}
	return nil
}

// once runs the command and returns its wall time and peak RSS in bytes.
func once(args []string, status int) (time.Duration, int64, error) {
	cmd := exec.Command(args[0], args[1:]...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr // stdout: /dev/null
	t0 := time.Now()
	err := cmd.Run()
	wall := time.Since(t0)
	if cmd.ProcessState == nil {
		return 0, 0, err
	}
	if got := cmd.ProcessState.ExitCode(); got != status {
		return 0, 0, fmt.Errorf("%s: exit status %d, want %d: %s", strings.Join(args, " "), got, status, strings.TrimSpace(stderr.String()))
	}
	return wall, maxRSS(cmd.ProcessState), nil
}

// expand replaces {} with the i-th input and {dir} with the folder.
func expand(argv, files []string, dir string, i int) []string {
	out := slices.Clone(argv)
	for j, a := range out {
		if len(files) > 0 {
			a = strings.ReplaceAll(a, "{}", files[i%len(files)])
		}
		out[j] = strings.ReplaceAll(a, "{dir}", dir)
	}
	return out
}

// generate writes n answers files drawn over the whole answer space.
func generate(dir string, n int) error {
	c, err := questionnaire.Load(assets.FS)
	if err != nil {
		return err
	}
	rnd := rand.New(rand.NewPCG(7, 1000))
	for i := range n {
		a := questionnaire.NewAnswers(nil)
		for qi := range c.Questions.List {
			q := &c.Questions.List[qi]
			vals := q.Values()
			if len(vals) == 0 || rnd.IntN(5) == 0 { // one in five left out
				continue
			}
			if q.Kind != questionnaire.KindMulti {
				a = a.Set(q.ID, vals[rnd.IntN(len(vals))])
				continue
			}
			var set []string
			for _, v := range vals {
				if !q.IsExclusive(v) && rnd.IntN(3) == 0 {
					set = append(set, v)
				}
			}
			if len(set) == 0 {
				set = []string{vals[rnd.IntN(len(vals))]}
			}
			a = a.Set(q.ID, set...)
		}
		if a.Len() == 0 {
			a = a.Set("usage", "visio")
		}
		name := filepath.Join(dir, fmt.Sprintf("demande-%04d.yaml", i))
		if err := os.WriteFile(name, resume.Encode(a), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// summarize returns median, min and max.
func summarize[T int64 | time.Duration](xs []T) [3]T {
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	med := s[n/2]
	if n%2 == 0 {
		med = (s[n/2-1] + s[n/2]) / 2
	}
	return [3]T{med, s[0], s[n-1]}
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
func mb(b int64) float64         { return float64(b) / (1 << 20) }
