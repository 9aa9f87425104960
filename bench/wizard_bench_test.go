package bench

// Benchmarks of the interactive wizard (go run ./cmd/conduite) as a person
// sees it: the real binary in a pseudo-terminal whose output drives a
// terminal emulator (package termbench). Method and figures: BENCHMARKS.md,
// section « Wizard ».
//
//	go test -run XXX -bench Wizard -benchtime 30x ./bench
//
// Each benchmark reports the median (the targets are medians) and the
// mean, in milliseconds.

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/creack/pty"

	"github.com/conduite/conduite/assets"
	"github.com/conduite/conduite/bench/termbench"
	"github.com/conduite/conduite/questionnaire"
	"github.com/conduite/conduite/report"
)

const benchVersion = "bench"

var (
	wizardOnce sync.Once
	wizardBin  string
	wizardErr  error
)

// wizard builds cmd/conduite once (with a fixed version, which the report
// header shows) and returns a command running it without saving.
func wizard(b *testing.B, args ...string) *exec.Cmd {
	b.Helper()
	p, t, err := pty.Open()
	if err != nil {
		b.Skipf("skipping: cannot open a pseudo-terminal: %v", err)
	}
	p.Close()
	t.Close()
	wizardOnce.Do(func() {
		dir, err := os.MkdirTemp("", "conduite-bench-")
		if err != nil {
			wizardErr = err
			return
		}
		wizardBin = filepath.Join(dir, "conduite")
		out, err := exec.Command("go", "build", "-o", wizardBin,
			"-ldflags", "-X github.com/conduite/conduite/internal/cli.Version="+benchVersion,
			"github.com/conduite/conduite/cmd/conduite").CombinedOutput()
		if err != nil {
			wizardErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if wizardErr != nil {
		b.Fatal(wizardErr)
	}
	cmd := exec.Command(wizardBin, append([]string{"--no-save", "--lang", "fr"}, args...)...)
	cmd.Env = append(os.Environ(), "NO_COLOR=", "COLORFGBG=", "XDG_STATE_HOME="+b.TempDir())
	return cmd
}

var size80 = termbench.Size{Cols: 80, Rows: 24}

func report2(b *testing.B, ds []time.Duration, unit string) {
	st := termbench.Summarize(ds)
	var total time.Duration
	for _, d := range ds {
		total += d
	}
	b.ReportMetric(float64(st.Median)/1e6, "ms-median/"+unit)
	b.ReportMetric(float64(total)/float64(len(ds))/1e6, "ms-mean/"+unit)
	b.ReportMetric(float64(st.Min)/1e6, "ms-min/"+unit)
	b.ReportMetric(float64(st.Max)/1e6, "ms-max/"+unit)
}

// BenchmarkWizardFirstFrame times the process start to the welcome
// screen: « Commencer » (drawn before the content has loaded), and to the
// référentiel line (drawn once it has).
func BenchmarkWizardFirstFrame(b *testing.B) {
	for _, tc := range []struct{ name, marker string }{
		{"welcome", "Commencer"},
		{"content-loaded", "Référentiel : Éducation nationale"},
	} {
		b.Run(tc.name, func(b *testing.B) {
			var ds []time.Duration
			for b.Loop() {
				d, err := termbench.FirstFrame(wizard(b), size80, termbench.Contains(tc.marker))
				if err != nil {
					b.Fatal(err)
				}
				ds = append(ds, d)
			}
			report2(b, ds, "first-frame")
		})
	}
}

// openQuestion starts the wizard and goes to its first question (usage),
// the Discord tool chosen.
func openQuestion(b *testing.B, size termbench.Size) *termbench.Session {
	b.Helper()
	s, _, err := termbench.Open(wizard(b), size, termbench.Contains("Référentiel : Éducation nationale"))
	if err != nil {
		if s != nil {
			s.Close()
		}
		b.Fatal(err)
	}
	send := func(keys, marker string) {
		if err := s.Send([]byte(keys)); err != nil {
			b.Fatal(err)
		}
		if _, err := s.WaitFor(termbench.Contains(marker)); err != nil {
			s.Close()
			b.Fatal(err)
		}
	}
	send("\r", "Rechercher")
	send("discord", "Autre outil")
	send("\r", "Pour quel usage")
	return s
}

// BenchmarkWizardKeyToFrame times a key on a question (down, then up) to
// the frame that shows the highlighted option's help.
func BenchmarkWizardKeyToFrame(b *testing.B) {
	s := openQuestion(b, size80)
	defer s.Close()
	// The cursor starts on « Je ne sais pas »: move it to the first option.
	if err := s.Send([]byte("1")); err != nil {
		b.Fatal(err)
	}
	if _, err := s.WaitFor(termbench.Contains("Groupes de discussion")); err != nil {
		b.Fatal(err)
	}
	down, up := []byte("\x1b[B"), []byte("\x1b[A")
	var ds []time.Duration
	n := 0
	for b.Loop() {
		keys, marker := down, "Réunions à distance"
		if n%2 == 1 {
			keys, marker = up, "Groupes de discussion"
		}
		d, err := termbench.KeyToFrame(s, keys, termbench.Contains(marker))
		if err != nil {
			b.Fatal(err)
		}
		ds = append(ds, d)
		n++
	}
	report2(b, ds, "key-to-frame")
}

// BenchmarkWizardResultResize times a resize of the result screen to the
// frame showing the report re-wrapped at the new width. The widths cycle
// through more sizes than the wizard's render cache holds, so that every
// resize renders again; the awaited frame is recognised by the first two
// lines of the report's first reason as glamour wraps them at that width.
func BenchmarkWizardResultResize(b *testing.B) {
	widths := []int{80, 100, 90, 110, 85, 105, 95, 115}
	expected := expectedLines(b, widths)
	s := openQuestion(b, termbench.Size{Cols: widths[0], Rows: 30})
	defer s.Close()
	keys := "3\r5\r4\r2 3 \r\r\r\r6\r\r2\r" // a digit moves, space ticks
	if err := s.Send([]byte(keys)); err != nil {
		b.Fatal(err)
	}
	if _, err := s.WaitFor(termbench.Contains("Voir la recommandation")); err != nil {
		b.Fatal(err)
	}
	if err := s.Send([]byte("\r")); err != nil {
		b.Fatal(err)
	}
	if _, err := s.WaitFor(hasLine(expected[widths[0]])); err != nil {
		b.Fatal(err)
	}
	var ds []time.Duration
	i := 0
	for b.Loop() {
		i++
		w := widths[i%len(widths)]
		d, err := termbench.ResizeToFrame(s, termbench.Size{Cols: w, Rows: 30}, hasLine(expected[w]))
		if err != nil {
			b.Fatal(err)
		}
		ds = append(ds, d)
	}
	report2(b, ds, "resize-to-frame")
}

// hasLine holds when rows of the screen are exactly the lines of line,
// one after the other (spaces around aside): a prefix of a longer row
// does not count.
func hasLine(line string) func(string) bool {
	want := strings.Split(line, "\n")
	return func(screen string) bool {
		rows := strings.Split(screen, "\n")
		for i := 0; i+len(want) <= len(rows); i++ {
			ok := true
			for j, w := range want {
				if strings.TrimSpace(rows[i+j]) != w {
					ok = false
					break
				}
			}
			if ok {
				return true
			}
		}
		return false
	}
}

// expectedLines renders the Discord report's « Pourquoi » section (the
// first on the wizard's screen) as the wizard does at each terminal width
// and returns the first two lines of its first reason there.
func expectedLines(b *testing.B, widths []int) map[int]string {
	b.Helper()
	c, err := questionnaire.Load(assets.FS)
	if err != nil {
		b.Fatal(err)
	}
	a := questionnaire.NewAnswers(map[string][]string{
		"outil": {"discord"}, "usage": {"classe_virtuelle"}, "audience": {"eleves"}, "mineurs": {"oui_moins_15"},
		"donnees": {"identite", "images"}, "inscription": {"imposee"}, "appareil": {"personnel"},
	})
	a.Meta.Referentiel = "education-nationale"
	doc := report.New(c.Evaluate(a), report.Options{Lang: questionnaire.FR, Version: benchVersion})
	md, err := doc.Markdown(c)
	if err != nil {
		b.Fatal(err)
	}
	_, why, _ := strings.Cut(md, "\n## ")
	why, _, _ = strings.Cut(why, "\n## ")
	first := "## " + why
	out := map[int]string{}
	prev := ""
	for _, w := range widths {
		r, err := report.RenderTerminal(first, w-2, report.StyleDark)
		if err != nil {
			b.Fatal(err)
		}
		lines := strings.Split(ansi.Strip(r), "\n")
		for i, l := range lines {
			if strings.Contains(l, "Service grand public") && i+1 < len(lines) {
				out[w] = strings.TrimSpace(l) + "\n" + strings.TrimSpace(lines[i+1])
				break
			}
		}
		if out[w] == "" || out[w] == prev {
			b.Fatalf("width %d: the first reason's lines %q do not tell this width from the last", w, out[w])
		}
		prev = out[w]
	}
	return out
}
