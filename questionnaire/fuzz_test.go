package questionnaire_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/conduite/conduite/internal/fuzzbudget"
	"github.com/conduite/conduite/internal/resume"
	"github.com/conduite/conduite/questionnaire"
	"github.com/conduite/conduite/report"
)

// The fuzz targets of the questionnaire: the answers parser and the
// evaluation. Their seeds are the examples (added here, so a new example is a
// new seed) and the corpus in testdata/fuzz/<Target>/, which holds every bad
// input of the parser's table tests and every crasher ever found.
//
//	go test ./questionnaire -run '^$' -fuzz '^FuzzParseAnswers$' -fuzztime 5m

// addExamples adds every file of examples/ as a seed, with its JSON flag.
func addExamples(f *testing.F) {
	f.Helper()
	paths, err := filepath.Glob("../examples/*")
	paths = slices.DeleteFunc(paths, questionnaire.IsProfileFile) // the example profile is no answers file
	if err != nil || len(paths) == 0 {
		f.Fatalf("no examples: %v", err)
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, strings.HasSuffix(p, ".json"))
	}
}

// FuzzParseAnswers: any bytes, read as YAML or as JSON, give either answers
// that evaluate to a verdict and survive a round trip through the answers
// file writer, or a *PosError naming the file at a position inside the
// input. Never a panic.
func FuzzParseAnswers(f *testing.F) {
	c := content(f)
	addExamples(f)
	f.Fuzz(func(t *testing.T, data []byte, asJSON bool) {
		defer fuzzbudget.Start(t)() // a slow or greedy input is a finding
		name := "f.yaml"
		if asJSON {
			name = "f.json"
		}
		a, err := c.ParseAnswers(name, data)
		if err != nil {
			checkPosError(t, err, name, data)
			return
		}
		checkVerdict(t, c, a, "")
		// The resume file is written by resume.Encode and read by
		// ParseAnswers: what was accepted once is accepted again, unchanged
		// (Encode leaves out the author and the institution on purpose).
		if a.Len() == 0 && a.Meta.ToolName == "" && a.Meta.Referentiel == "" {
			return // « usage: » left empty, or only an author: nothing to write
		}
		enc := resume.Encode(a)
		b, err := c.ParseAnswers("again.yaml", enc)
		if err != nil {
			t.Fatalf("the answers file writer wrote what the parser refuses: %v\n%s", err, enc)
		}
		want := a.Clone()
		want.Meta.Auteur, want.Meta.Etablissement = "", ""
		if !b.Equal(want) {
			t.Fatalf("round trip changed the answers:\n got %#v\nwant %#v\nfile:\n%s", b, want, enc)
		}
	})
}

// checkPosError asserts that err is a *PosError for the file, whose line and
// column, when given, point inside the input (or just past its end).
func checkPosError(t *testing.T, err error, name string, data []byte) {
	t.Helper()
	var pe *questionnaire.PosError
	if !errors.As(err, &pe) {
		t.Fatalf("error %T (%v) is not a *PosError", err, err)
	}
	if pe.File != name {
		t.Fatalf("error names file %q, want %q: %v", pe.File, name, err)
	}
	if pe.Text == nil {
		t.Fatalf("error without a message: %#v", pe)
	}
	if m := pe.Text.Error(); m == "" || strings.Contains(m, "[err_") || strings.Contains(m, "[kind_") {
		t.Fatalf("message %q of key %s is empty or lacks a text", m, pe.Text.Key)
	}
	if pe.Line == 0 && pe.Col == 0 {
		return
	}
	// JSON counts lines at "\n", YAML at "\n", "\r\n" and a lone "\r":
	// the position must be inside the input by one of the two.
	if !inside(data, pe.Line, pe.Col, splitLF) && !inside(data, pe.Line, pe.Col, splitYAML) {
		t.Fatalf("position %d:%d is outside the input: %v\n%q", pe.Line, pe.Col, err, data)
	}
}

func splitLF(data []byte) [][]byte { return bytes.Split(data, []byte("\n")) }

func splitYAML(data []byte) [][]byte {
	return splitLF(bytes.ReplaceAll(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n")), []byte("\r"), []byte("\n")))
}

// inside reports whether line:col (1-based, the column in runes, or bytes
// for invalid UTF-8) is a character of the input or just past a line's end.
func inside(data []byte, line, col int, split func([]byte) [][]byte) bool {
	lines := split(data)
	if line < 1 || line > len(lines) {
		return false
	}
	width := len(lines[line-1])
	if utf8.Valid(data) {
		width = utf8.RuneCount(lines[line-1])
	}
	return col >= 1 && col <= width+1
}

// checkVerdict evaluates the answers and checks what every report must
// hold: one of the four levels, at least one reason, the most severe first,
// the fast path agreeing, and writers that work.
func checkVerdict(t *testing.T, c *questionnaire.Content, a questionnaire.Answers, ref string) *questionnaire.Report {
	t.Helper()
	before := a.Clone()
	rep := c.Evaluate(a.WithReferentiel(ref))
	if !a.Equal(before) {
		t.Fatalf("Evaluate changed its input")
	}
	if !slices.Contains(questionnaire.Levels, rep.Level) {
		t.Fatalf("verdict %v is not one of the four levels", rep.Level)
	}
	if len(rep.Reasons) == 0 {
		t.Fatalf("verdict %v without a reason for %v", rep.Level, a.IDs())
	}
	if rep.Reasons[0].Rule.Level != rep.Level {
		t.Fatalf("verdict %v but the first reason is %v", rep.Level, rep.Reasons[0].Rule.Level)
	}
	for i := 1; i < len(rep.Reasons); i++ {
		if rep.Reasons[i].Rule.Level > rep.Reasons[i-1].Rule.Level {
			t.Fatalf("reasons not most severe first: %v after %v", rep.Reasons[i].Rule.Level, rep.Reasons[i-1].Rule.Level)
		}
	}
	for _, r := range rep.Reasons {
		if len(r.Sources) == 0 {
			t.Fatalf("rule %s fired without a source", r.Rule.ID)
		}
	}
	if l := c.Level(a.WithReferentiel(ref)); l != rep.Level {
		t.Fatalf("Level says %v, Evaluate says %v", l, rep.Level)
	}
	return rep
}

// FuzzEvaluate: any answers the parser could accept (drawn from the fuzzer's
// bytes over the whole answer space: every question answered or not, every
// value, every set of données, every référentiel, a catalog tool or a free
// name) evaluate to a verdict among the four levels with at least one
// reason, and the report writes as JSON and Markdown in both languages.
func FuzzEvaluate(f *testing.F) {
	c := content(f)
	f.Add([]byte{}, uint8(0))
	f.Add([]byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, uint8(1))
	f.Add(bytes.Repeat([]byte{0xff}, 16), uint8(2))
	f.Add([]byte("discord classe virtuelle"), uint8(3))
	f.Fuzz(func(t *testing.T, data []byte, pick uint8) {
		defer fuzzbudget.Start(t)() // a slow or greedy input is a finding
		a := answersFrom(c, data)
		refs := append([]string{""}, c.Referentiels.IDs()...)
		ref := refs[int(pick)%len(refs)]
		// What the generator draws is what a file may say (an empty file
		// aside: the wizard evaluates no answer at all, a file may not).
		if a.Len() > 0 || a.Meta != (questionnaire.Meta{}) {
			if _, err := c.ParseAnswers("gen.yaml", resume.Encode(a)); err != nil {
				t.Fatalf("generated answers are not valid (a bug in the generator): %v\n%s", err, resume.Encode(a))
			}
		}
		rep := checkVerdict(t, c, a, ref)
		lang := questionnaire.FR
		if pick&0x80 != 0 {
			lang = questionnaire.EN
		}
		doc := report.New(rep, report.Options{Lang: lang, Version: "fuzz"})
		var js bytes.Buffer
		if err := doc.WriteJSON(&js); err != nil {
			t.Fatalf("WriteJSON: %v", err)
		}
		var back map[string]any
		if err := json.Unmarshal(js.Bytes(), &back); err != nil {
			t.Fatalf("WriteJSON wrote invalid JSON: %v", err)
		}
		md, err := doc.Markdown()
		if err != nil {
			t.Fatalf("Markdown: %v", err)
		}
		if !strings.Contains(md, rep.Level.Label(lang)) && !strings.Contains(md, strings.ToUpper(rep.Level.Label(lang))) {
			t.Fatalf("the Markdown report does not name its verdict %q", rep.Level.Label(lang))
		}
	})
}

// answersFrom draws one set of answers from bytes: one byte per question (0:
// not answered, else a value; for données a bit set of values, an exclusive
// value alone), then one for the référentiel and one for the tool's free
// name.
func answersFrom(c *questionnaire.Content, data []byte) questionnaire.Answers {
	next := func() int {
		if len(data) == 0 {
			return 0
		}
		b := data[0]
		data = data[1:]
		return int(b)
	}
	a := questionnaire.NewAnswers(nil)
	for i := range c.Questions.List {
		q := &c.Questions.List[i]
		vals := q.Values()
		b := next()
		if b == 0 || len(vals) == 0 {
			continue
		}
		if q.Kind != questionnaire.KindMulti {
			a = a.Set(q.ID, vals[(b-1)%len(vals)])
			continue
		}
		if v := vals[(b-1)%len(vals)]; b >= 0x80 && q.IsExclusive(v) {
			a = a.Set(q.ID, v)
			continue
		}
		var set []string
		for j, v := range vals {
			if b&(1<<(j%8)) != 0 && !q.IsExclusive(v) {
				set = append(set, v)
			}
		}
		if len(set) > 0 {
			a = a.Set(q.ID, set...)
		}
	}
	refs := c.Referentiels.IDs()
	if b := next(); b > 0 {
		a.Meta.Referentiel = refs[(b-1)%len(refs)]
	}
	if b := next(); b > 0 && !a.Has("outil") {
		a.Meta.ToolName = strings.TrimSpace(string(bytes.ToValidUTF8(data, nil)))
	}
	return a
}

// Inputs the fuzzers found, kept as tests with the message they now get
// (their corpus files stay in testdata/fuzz too).
func TestFuzzFindings(t *testing.T) {
	c := content(t)
	tests := []struct{ name, file, doc, want string }{
		// An unknown key left empty was accepted silently: a typo such as
		// « usgae: » must be named even without a value.
		{"unknown key, empty value", "f.yaml", "A:\n", `f.yaml:1:1: unknown question "A"`},
		{"typo, empty value", "f.yaml", "usage: visio\nusgae:\n", `f.yaml:2:1: unknown question "usgae" (did you mean "usage"?)`},
		// A JSON error at the end of input pointed inside the last
		// character's bytes, a column past the line's end.
		{"JSON ends inside a character", "f.json", "\"삡", "f.json:1:2: invalid JSON: unexpected end of JSON input"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := c.ParseAnswers(tc.file, []byte(tc.doc))
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Fatalf("got %v, want %s…", err, tc.want)
			}
		})
	}
	// Empty values of known keys are still « not answered ».
	if a, err := c.ParseAnswers("f.yaml", []byte("usage:\nnom_outil:\n")); err != nil || a.Len() != 0 {
		t.Fatalf("empty known keys: %v, %d answers", err, a.Len())
	}
}
