// Command startbench compares start-up times side by side: it runs several
// programs in rounds, each program once a round in a rotating order, so
// that a change in the machine's load touches all of them alike, and
// prints each one's median and the ratios asked for.
//
//	startbench -runs 60 \
//	    -pty 'floor|choice: 1|/tmp/floorprog -fps 120' \
//	    -pty 'wizard|Commencer|/tmp/conduite --no-save' \
//	    -proc 'version|/tmp/conduite --version' \
//	    -proc 'evaluate|/tmp/conduite evaluate examples/zoom.yaml' \
//	    -ratio wizard/floor -ratio evaluate/version
//
// A -pty measure is the time from the process start to the first moment
// its screen (a pseudo-terminal of -size, an emulated terminal: package
// termbench) shows the marker; the program is then killed. A -proc measure
// is a whole process, stdout to /dev/null, from start to exit (status 0).
// Both give the CPU time the program used (user + system; for a -pty
// measure, until its first frame, read from /proc on Linux), which depends
// less on the machine's load than the wall time. The
// arguments of a command are split at spaces. A ratio is given twice: of
// the medians, and the median of the ratios within each round (paired, the
// steadier when the load moves).
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/conduite/conduite/bench/termbench"
)

type measure struct {
	name, marker string
	argv         []string
	pty          bool
	walls, cpus  []time.Duration
}

type specs []string

func (s *specs) String() string     { return strings.Join(*s, ", ") }
func (s *specs) Set(v string) error { *s = append(*s, v); return nil }

func main() {
	var ptys, procs, ratios specs
	runs := flag.Int("runs", 40, "measured rounds (each runs every program once)")
	warmup := flag.Int("warmup", 3, "rounds before measuring (page cache, CPU frequency)")
	size := flag.String("size", "80x24", "terminal size COLSxROWS of the -pty measures")
	flag.Var(&ptys, "pty", "NAME|MARKER|CMD ARGS: time to the first frame showing MARKER (repeatable)")
	flag.Var(&procs, "proc", "NAME|CMD ARGS: a whole process, start to exit (repeatable)")
	flag.Var(&ratios, "ratio", "A/B: the ratio of two measures' times (repeatable)")
	flag.Parse()
	if err := run(ptys, procs, ratios, *runs, *warmup, *size); err != nil {
		fmt.Fprintln(os.Stderr, "startbench:", err)
		os.Exit(1)
	}
}

func run(ptys, procs, ratios []string, runs, warmup int, sizeSpec string) error {
	size, err := termbench.ParseSize(sizeSpec)
	if err != nil {
		return err
	}
	var ms []*measure
	for _, s := range ptys {
		p := strings.SplitN(s, "|", 3)
		if len(p) != 3 || len(strings.Fields(p[2])) == 0 {
			return fmt.Errorf("-pty %q: want NAME|MARKER|CMD ARGS", s)
		}
		ms = append(ms, &measure{name: p[0], marker: p[1], argv: strings.Fields(p[2]), pty: true})
	}
	for _, s := range procs {
		p := strings.SplitN(s, "|", 2)
		if len(p) != 2 || len(strings.Fields(p[1])) == 0 {
			return fmt.Errorf("-proc %q: want NAME|CMD ARGS", s)
		}
		ms = append(ms, &measure{name: p[0], argv: strings.Fields(p[1])})
	}
	if len(ms) == 0 || runs < 1 {
		flag.Usage()
		return fmt.Errorf("need at least one -pty or -proc, and -runs ≥ 1")
	}
	byName := map[string]*measure{}
	for _, m := range ms {
		byName[m.name] = m
	}
	type pair struct{ a, b *measure }
	var pairs []pair
	for _, r := range ratios {
		a, b, ok := strings.Cut(r, "/")
		if !ok || byName[a] == nil || byName[b] == nil {
			return fmt.Errorf("-ratio %q: want A/B, two measure names", r)
		}
		pairs = append(pairs, pair{byName[a], byName[b]})
	}
	load0 := loadavg()
	t0 := time.Now()
	for round := -warmup; round < runs; round++ {
		for k := range ms {
			m := ms[(k+round+warmup)%len(ms)] // rotate the order
			wall, cpu, err := once(m, size)
			if err != nil {
				return fmt.Errorf("%s, round %d: %w", m.name, round+warmup+1, err)
			}
			if round >= 0 {
				m.walls = append(m.walls, wall)
				m.cpus = append(m.cpus, cpu)
			}
		}
	}
	fmt.Printf("%d rounds (after %d warm-up), %s; load average %s at the start, %s at the end (%d cpus)\n",
		runs, warmup, time.Since(t0).Round(time.Second), load0, loadavg(), runtime.NumCPU())
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "measure\tmedian\tq1–q3\tmin–max\tCPU, median\tcommand")
	for _, m := range ms {
		w := termbench.Summarize(m.walls)
		cpu := "—"
		if c := termbench.Summarize(m.cpus).Median; c > 0 {
			cpu = msf(c)
		}
		what := strings.Join(m.argv, " ")
		if m.pty {
			what = fmt.Sprintf("%s (until %q)", what, m.marker)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s–%s\t%s–%s\t%s\t%s\n", m.name, msf(w.Median), msf(w.Q1), msf(w.Q3), msf(w.Min), msf(w.Max), cpu, what)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, p := range pairs {
		var rs []float64
		for i := range p.a.walls {
			rs = append(rs, float64(p.a.walls[i])/float64(p.b.walls[i]))
		}
		slices.Sort(rs)
		line := fmt.Sprintf("ratio %s/%s: %.3f of the medians, %.3f paired (q1–q3 %.3f–%.3f)",
			p.a.name, p.b.name, float64(termbench.Summarize(p.a.walls).Median)/float64(termbench.Summarize(p.b.walls).Median),
			rs[len(rs)/2], rs[len(rs)/4], rs[len(rs)*3/4])
		if ca, cb := termbench.Summarize(p.a.cpus).Median, termbench.Summarize(p.b.cpus).Median; ca > 0 && cb > 0 {
			line += fmt.Sprintf("; CPU %.3f", float64(ca)/float64(cb))
		}
		fmt.Println(line)
	}
	return nil
}

// once runs m once: its wall time and, for a whole process, its CPU time.
func once(m *measure, size termbench.Size) (time.Duration, time.Duration, error) {
	cmd := exec.Command(m.argv[0], m.argv[1:]...)
	if m.pty {
		s, d, err := termbench.Open(cmd, size, termbench.Contains(m.marker))
		var cpu time.Duration
		if err == nil && cmd.Process != nil {
			cpu = cpuSoFar(cmd.Process.Pid)
		}
		if s != nil {
			s.Close()
		}
		return d, cpu, err
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return 0, 0, fmt.Errorf("%v: %s", err, strings.TrimSpace(stderr.String()))
	}
	return wall, cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime(), nil
}

func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

// cpuSoFar is the CPU time the process's threads have run so far (Linux:
// the first field of each /proc/PID/task/TID/schedstat, in nanoseconds);
// 0 elsewhere.
func cpuSoFar(pid int) time.Duration {
	tasks, _ := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/schedstat", pid))
	var total time.Duration
	for _, t := range tasks {
		b, err := os.ReadFile(t)
		if err != nil {
			continue
		}
		f := strings.Fields(string(b))
		if len(f) == 0 {
			continue
		}
		if ns, err := strconv.ParseInt(f[0], 10, 64); err == nil {
			total += time.Duration(ns)
		}
	}
	return total
}

func msf(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond)) }
