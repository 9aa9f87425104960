package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"

	"github.com/conduite/conduite/assets"
	"github.com/conduite/conduite/internal/resume"
	"github.com/conduite/conduite/internal/safetext"
	"github.com/conduite/conduite/questionnaire"
	"github.com/conduite/conduite/tui"
)

// Terminal escape injection (issue 11): each dangerous sequence goes
// through every free-text field (answers files: nom_outil, etablissement,
// auteur; the --etablissement and --auteur flags; a catalog override: names,
// aliases, publisher, country, notes, alternatives, sources; the resume
// file; typed text in the line mode; file names) and every sink (the
// terminal, Markdown, HTML and JSON reports on stdout and in files, the
// batch table in every format, `tools`, `cases`, the line mode, the
// wizard's screens and exit line, stderr); nothing that comes out holds an
// ESC, a BEL, a C1 control, DEL or a bidi control, except the escapes the
// terminal renderer writes itself (colours, hyperlinks).

var injections = map[string]string{
	"OSC 52 clipboard":             "\x1b]52;c;T1NDNTI=\a",
	"OSC 0 window title":           "\x1b]0;PWNED\a",
	"alternate screen, no cursor":  "\x1b[?1049h\x1b[?25l\x1b[?1000h",
	"terminal reset":               "\x1bc",
	"C1 CSI":                       "\u009b2J",
	"bidi override":                "\u202egpj.exe",
	"bidi isolate":                 "\u2067x\u2069",
	"DEL":                          "a\x7fb",
	"string terminator":            "\x1b\\",
	"backspaces over the previous": "\b\b\b\bSAFE",
}

// mark surrounds each injection: it must reach every sink (else the sink
// does not show the field and the test proves nothing there).
const mark = "Zq"

// rendererEscapes are what the terminal renderer writes: colours (SGR) and
// hyperlinks (OSC 8, whose URL is cleaned data).
var rendererEscapes = regexp.MustCompile(`\x1b\[[0-9;:]*m|\x1b\]8;[^\x07\x1b]*(\x07|\x1b\\)`)

// checkClean fails when s holds a character a terminal acts on.
func checkClean(t *testing.T, sink, s string, styled bool) {
	t.Helper()
	if styled {
		s = rendererEscapes.ReplaceAllString(s, "")
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || (safetext.Unsafe(r) && r != '\n' && r != '\t' && r != '\r') {
			lo, hi := max(0, i-40), min(len(s), i+40)
			t.Errorf("%s: %U at byte %d: …%q…", sink, r, i, s[lo:hi])
			return
		}
		i += size
	}
}

// checkJSON checks the raw bytes and every decoded string (JSON escapes
// ESC as \u001b, but a reader decodes it back).
func checkJSON(t *testing.T, sink, s string) {
	t.Helper()
	checkClean(t, sink, s, false)
	dec := json.NewDecoder(strings.NewReader(s))
	for {
		var v any
		if err := dec.Decode(&v); err != nil {
			if err.Error() != "EOF" {
				t.Errorf("%s: not JSON: %v", sink, err)
			}
			return
		}
		var all strings.Builder
		jsonStrings(reflect.ValueOf(v), &all)
		checkClean(t, sink+" (decoded)", all.String(), false)
	}
}

func jsonStrings(v reflect.Value, b *strings.Builder) {
	switch v.Kind() {
	case reflect.Interface, reflect.Pointer:
		if !v.IsNil() {
			jsonStrings(v.Elem(), b)
		}
	case reflect.String:
		b.WriteString(v.String() + " ")
	case reflect.Slice:
		for i := range v.Len() {
			jsonStrings(v.Index(i), b)
		}
	case reflect.Map:
		for it := v.MapRange(); it.Next(); {
			jsonStrings(it.Key(), b)
			jsonStrings(it.Value(), b)
		}
	}
}

// injQuote writes s as a YAML double-quoted text with escapes.
func injQuote(s string) string {
	q, _ := json.Marshal(s)
	return string(q)
}

// injCatalog is an override whose every text carries the injection: a new
// tool offered as an alternative, and Discord replaced (cases use it). A
// source's address is not free text: what is not a plain https address is
// refused at load (TestWithCatalogSourceURLMustBeHTTPS), so it stays plain.
func injCatalog(p string) string {
	q := injQuote(mark + p + mark)
	return `sources:
  - id: source-locale
    kind: institution
    title: ` + q + `
    short: ` + injQuote("Court "+mark+p) + `
    url: https://exemple.fr/source
tools:
  - id: mon-outil
    name: ` + q + `
    aliases: [` + q + `]
    usages: [messagerie]
    publisher: ` + q + `
    country: ` + q + `
    facts:
      contrat: fourni_institution
    extra_eu_law: non
    e2ee: non
    note: {fr: ` + q + `, en: ` + q + `}
    sources: [source-locale]
    checked: "2026-11-20"
    alternative:
      usages: [messagerie]
      audiences: [agents]
      referentiels: [education-nationale]
      rank: 1
      for: {fr: ` + q + `, en: ` + q + `}
      limits: {fr: ` + q + `, en: ` + q + `}
  - id: discord
    name: ` + injQuote("Discord "+mark+p+mark) + `
    usages: [messagerie, classe_virtuelle]
    publisher: ` + q + `
    country: ` + q + `
    facts:
      contrat: non
    extra_eu_law: oui
    e2ee: non
    note: {fr: ` + q + `, en: ` + q + `}
    sources: [source-locale]
    checked: "2026-11-20"
`
}

// injAnswers is an answers file whose free texts carry the injection.
func injAnswers(p, tool string) string {
	q := injQuote(mark + p + mark)
	return tool + "usage: messagerie\naudience: agents\netablissement: " + q + "\nauteur: " + q + "\n"
}

func TestNoTerminalControlReachesAnySink(t *testing.T) {
	cases := injections
	if testing.Short() { // -short (the race detector's run in CI): every sequence at once
		var all strings.Builder
		for _, p := range injections {
			all.WriteString(p)
		}
		cases = map[string]string{"every sequence at once": all.String()}
	}
	for name, p := range cases {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			w := func(n, content string) string { return badFile(t, dir, n, content) }
			cat := w("dpd.yaml", injCatalog(p))
			free := w("in/libre.yaml", injAnswers(p, "nom_outil: "+injQuote(mark+p+mark)+"\n"))
			known := w("in/connu.yaml", injAnswers(p, "outil: discord\n"))
			if runtime.GOOS != "windows" {
				w("in/"+mark+strings.ReplaceAll(p, "\\", "")+".yaml", "usgae: visio\n") // a bad file with an injected name
			}
			flags := []string{"--etablissement", mark + p + mark, "--auteur", mark + p + mark}
			type sink struct {
				name   string
				tty    bool
				stdin  string
				args   []string
				file   string // a file the run writes, checked too
				asJSON bool
				noMark bool // the sink shows none of the free texts: only checked clean
				plain  bool // without the catalog override
			}
			sinks := []sink{
				{name: "evaluate, Markdown on stdout", args: []string{"evaluate", free}},
				{name: "evaluate, a catalog tool", args: []string{"evaluate", known}},
				{name: "evaluate on a terminal", tty: true, args: []string{"evaluate", free}},
				{name: "evaluate on a terminal, a catalog tool", tty: true, args: []string{"evaluate", known}},
				{name: "evaluate with the flags", args: append(append([]string{"evaluate"}, flags...), free)},
				{name: "evaluate --format html", args: []string{"evaluate", "--format", "html", free}},
				{name: "evaluate --format html, a catalog tool", args: []string{"evaluate", "--format", "html", known}},
				{name: "evaluate --format json", args: []string{"evaluate", "--format", "json", free}, asJSON: true},
				{name: "evaluate --format json, a catalog tool", args: append([]string{"evaluate", "--format", "json", known}, flags...), asJSON: true},
				{name: "evaluate -o x.md", args: append([]string{"evaluate", "-o", filepath.Join(dir, "x.md"), free}, flags...), file: "x.md"},
				{name: "evaluate -o x.html", args: []string{"evaluate", "-o", filepath.Join(dir, "x.html"), known}, file: "x.html"},
				{name: "evaluate -o x.json", args: []string{"evaluate", "-o", filepath.Join(dir, "x.json"), free}, file: "x.json", asJSON: true},
				{name: "batch, Markdown", args: []string{"evaluate", filepath.Join(dir, "in")}},
				{name: "batch on a terminal", tty: true, args: []string{"evaluate", filepath.Join(dir, "in")}},
				{name: "batch, CSV", args: []string{"evaluate", "--format", "csv", filepath.Join(dir, "in")}},
				{name: "batch, JSON", args: []string{"evaluate", "--format", "json", filepath.Join(dir, "in")}, asJSON: true},
				{name: "batch --output-dir", args: append([]string{"evaluate", "--output-dir", filepath.Join(dir, "out"), filepath.Join(dir, "in")}, flags...), file: "out/libre.md"},
				{name: "evaluate from stdin", stdin: injAnswers(p, "nom_outil: "+injQuote(mark+p+mark)+"\n"), args: []string{"evaluate", "-"}},
				{name: "tools ID", args: []string{"tools", "mon-outil"}},
				{name: "tools ID on a terminal", tty: true, args: []string{"tools", "mon-outil"}},
				{name: "tools ID --format json", args: []string{"tools", "--format", "json", "mon-outil"}, asJSON: true},
				{name: "tools", args: []string{"tools"}},
				{name: "tools on a terminal", tty: true, args: []string{"tools"}},
				{name: "tools --format json", args: []string{"tools", "--format", "json"}, asJSON: true},
				{name: "cases ID", args: []string{"cases", "discord-classe"}},
				{name: "cases ID --format json", args: []string{"cases", "--format", "json", "discord-classe"}, asJSON: true, noMark: true},
				{name: "the line mode, a catalog tool", stdin: "discord\n1\n" + strings.Repeat("1\n", 30), args: []string{"--accessible"}},
				{name: "the line mode, a typed tool name", plain: true, stdin: mark + p + mark + "\n1\n" + strings.Repeat("1\n", 30), args: []string{"--accessible"}},
				{name: "stderr: a missing file", args: []string{"evaluate", filepath.Join(dir, mark+p+".yaml")}},
				{name: "stderr: --catalog missing", plain: true, args: []string{"--catalog", filepath.Join(dir, mark+p+".yaml"), "tools"}},
				{name: "stderr: -o in a missing folder", args: []string{"evaluate", "-o", filepath.Join(dir, mark+p, "r.md"), free}},
			}
			for _, s := range sinks {
				args := append([]string{"--catalog", cat}, s.args...)
				if s.plain {
					args = s.args
				}
				code, stdout, stderr := runInj(t, s.stdin, s.tty, args...)
				if code > 3 || (code == 1) {
					t.Errorf("%s: exit %d: %s", s.name, code, stderr)
				}
				all := stdout + stderr
				if s.file != "" {
					data, err := os.ReadFile(filepath.Join(dir, s.file))
					if err != nil {
						t.Errorf("%s: %v", s.name, err)
					}
					all += string(data)
					if s.asJSON {
						checkJSON(t, s.name+" (file)", string(data))
					}
				}
				if s.asJSON && s.file == "" {
					checkJSON(t, s.name, stdout)
				}
				checkClean(t, s.name, all, s.tty)
				if !s.noMark && !strings.Contains(all, mark) {
					t.Errorf("%s: the injected text never came out: the sink was not reached\n%s", s.name, badClip(all))
				}
			}
			checkWizard(t, dir, cat, p)
		})
	}
}

// runInj runs the command line on fake streams, a terminal or not.
func runInj(t *testing.T, stdin string, tty bool, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := map[string]string{"LANG": "fr_FR.UTF-8"}
	streams := &IOStreams{In: strings.NewReader(stdin), Out: &out, Err: &errb, InTTY: tty, OutTTY: tty,
		Width: func() int { return 80 }, Getenv: func(k string) string { return env[k] }}
	code := Main(context.Background(), streams, args)
	return code, out.String(), errb.String()
}

// checkWizard runs the wizard at the Update level on the content with the
// override, resuming a session whose file names the tool with the
// injection, to the result; every screen and the exit line are checked.
func checkWizard(t *testing.T, dir, cat, p string) {
	t.Helper()
	base, err := questionnaire.Load(assets.FS)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(cat)
	if err != nil {
		t.Fatal(err)
	}
	c, err := base.WithCatalog(cat, data)
	if err != nil {
		t.Fatal(err)
	}
	state := filepath.Join(dir, "state")
	if err := os.MkdirAll(state, 0o700); err != nil {
		t.Fatal(err)
	}
	resumeFile := "usage: messagerie\naudience: agents\nnom_outil: " + injQuote(mark+p+mark) + "\n"
	if err := os.WriteFile(filepath.Join(state, resume.FileName), []byte(resumeFile), 0o600); err != nil {
		t.Fatal(err)
	}
	opts := tui.Options{Content: c, Lang: questionnaire.FR, Theme: tui.ThemeNoColor, FixedTheme: true, Version: "test",
		Now: func() time.Time { return time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC) }, Dir: dir, Store: resume.New(state)}
	var m tea.Model = tui.New(opts)
	var views strings.Builder
	step := func(msg tea.Msg) {
		queue := []tea.Msg{msg}
		for n := 0; len(queue) > 0 && n < 200; n++ {
			msg, queue = queue[0], queue[1:]
			var cmd tea.Cmd
			m, cmd = m.Update(msg)
			queue = append(queue, injRun(cmd)...)
		}
		views.WriteString(m.View().Content)
		views.WriteString("\n")
	}
	step(tea.WindowSizeMsg{Width: 100, Height: 40})
	step(tea.KeyPressMsg{Code: tea.KeyDown})
	step(tea.KeyPressMsg{Code: tea.KeyEnter}) // resume the session
	for i := 0; i < 30 && m.(tui.Model).State() != "result"; i++ {
		if m.(tui.Model).State() == "question" {
			// A digit moves to the first value, space ticks it (the data
			// screen asks for a tick), enter validates.
			step(tea.KeyPressMsg{Code: '1', Text: "1"})
			step(tea.KeyPressMsg{Code: tea.KeySpace, Text: " "})
		}
		step(tea.KeyPressMsg{Code: tea.KeyEnter})
	}
	wm := m.(tui.Model)
	if wm.State() != "result" {
		t.Fatalf("the wizard did not reach the result: %s\n%s", wm.State(), badClip(views.String()))
	}
	for range 6 {
		step(tea.KeyPressMsg{Code: tea.KeyPgDown})
	}
	checkClean(t, "the wizard's screens", views.String(), true)
	if !strings.Contains(views.String(), mark) {
		t.Errorf("the wizard never showed the resumed tool name")
	}
	sum := m.(tui.Model).Summary()
	checkClean(t, "the wizard's exit line", sum, false)
	if !strings.Contains(sum, mark) {
		t.Errorf("the exit line %q does not name the tool", sum)
	}
}

// injRun runs a command and its batches, dropping what does not answer
// within seconds (timers, the cursor's blink).
func injRun(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-done:
	case <-time.After(2 * time.Second):
		return nil
	}
	if msg != nil && strings.HasSuffix(reflect.TypeOf(msg).PkgPath(), "/cursor") {
		return nil
	}
	switch msg := msg.(type) {
	case nil, tea.QuitMsg:
		return nil
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range msg {
			out = append(out, injRun(c)...)
		}
		return out
	}
	return []tea.Msg{msg}
}
