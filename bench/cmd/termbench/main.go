// Command termbench times a terminal program as a person sees it: it runs
// the program in a pseudo-terminal with an emulated screen and reports, over
// several runs, the time to the first frame, from a key to the frame it
// causes, and from a resize to the redrawn frame.
//
//	go run ./bench/cmd/termbench -size 80x24 -runs 20 \
//	    -first "choice: 1" -key down -after "choice: 2" \
//	    -resize 120x40 -after-resize "size: 120x40" -- ./bareprog -fps 60
//
// Each run starts the program afresh, waits for -first, then (if asked)
// sends -key and waits for -after, then (if asked) resizes and waits for
// -after-resize, and kills the program. Give it a built binary: "go run" as
// the command would time the compiler too.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"text/tabwriter"
	"time"

	"github.com/conduite/conduite/bench/termbench"
)

func main() {
	size := flag.String("size", "80x24", "terminal size COLSxROWS")
	runs := flag.Int("runs", 10, "number of runs, each a fresh process")
	first := flag.String("first", "", "text that shows the first frame is complete (required)")
	key := flag.String("key", "", `key to send after the first frame: a name ("enter", "down", "ctrl+c"), a character or raw bytes ("\x1b[B")`)
	after := flag.String("after", "", "text that shows the frame caused by -key")
	resize := flag.String("resize", "", "new size COLSxROWS to set after the first frame (and key)")
	afterResize := flag.String("after-resize", "", "text that shows the frame redrawn after -resize")
	timeout := flag.Duration("timeout", 10*time.Second, "longest wait for any frame")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: termbench [flags] -- CMD [ARGS...]\n")
		flag.PrintDefaults()
	}
	flag.Parse()

	if err := run(flag.Args(), *size, *runs, *first, *key, *after, *resize, *afterResize, *timeout); err != nil {
		fmt.Fprintln(os.Stderr, "termbench:", err)
		os.Exit(1)
	}
}

func run(argv []string, sizeSpec string, runs int, first, keySpec, after, resizeSpec, afterResize string, timeout time.Duration) error {
	if len(argv) == 0 || first == "" {
		flag.Usage()
		return fmt.Errorf("need -first and a command after --")
	}
	size, err := termbench.ParseSize(sizeSpec)
	if err != nil {
		return err
	}
	var keys []byte
	if keySpec != "" {
		if after == "" {
			return fmt.Errorf("-key needs -after")
		}
		if keys, err = termbench.ParseKeys(keySpec); err != nil {
			return err
		}
	}
	var newSize termbench.Size
	if resizeSpec != "" {
		if afterResize == "" {
			return fmt.Errorf("-resize needs -after-resize")
		}
		if newSize, err = termbench.ParseSize(resizeSpec); err != nil {
			return err
		}
	}
	termbench.DefaultTimeout = timeout

	var firsts, keyFrames, resizeFrames []time.Duration
	for i := range runs {
		s, d, err := termbench.Open(exec.Command(argv[0], argv[1:]...), size, termbench.Contains(first))
		if err == nil {
			firsts = append(firsts, d)
			if keys != nil {
				d, err = termbench.KeyToFrame(s, keys, termbench.Contains(after))
				keyFrames = append(keyFrames, d)
			}
		}
		if err == nil && resizeSpec != "" {
			d, err = termbench.ResizeToFrame(s, newSize, termbench.Contains(afterResize))
			resizeFrames = append(resizeFrames, d)
		}
		if s != nil {
			s.Close()
		}
		if err != nil {
			return fmt.Errorf("run %d: %w", i+1, err)
		}
	}

	fmt.Printf("%q at %v, %d runs\n", argv, size, runs)
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "measure\truns\tmedian\tmin\tmax")
	row := func(name string, ds []time.Duration) {
		if len(ds) == 0 {
			return
		}
		st := termbench.Summarize(ds)
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\n", name, st.N, ms(st.Median), ms(st.Min), ms(st.Max))
	}
	row("first frame", firsts)
	row("key→frame ("+keySpec+")", keyFrames)
	row("resize→frame ("+resizeSpec+")", resizeFrames)
	return tw.Flush()
}

// ms formats d in milliseconds with one decimal.
func ms(d time.Duration) string {
	return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond))
}
