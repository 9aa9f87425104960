package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// run calls Main as the process would, with fake streams: not a terminal
// unless tty is set.
func run(t *testing.T, stdin string, tty bool, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := map[string]string{"LANG": "fr_FR.UTF-8"}
	streams := &IOStreams{In: strings.NewReader(stdin), Out: &out, Err: &errb, InTTY: tty, OutTTY: tty,
		Width: func() int { return 80 }, Getenv: func(k string) string { return env[k] }}
	code = Main(context.Background(), streams, args)
	return code, out.String(), errb.String()
}

func TestMainEvaluateExample(t *testing.T) {
	code, out, errs := run(t, "", false, "evaluate", "../../examples/discord-classe.yaml")
	if code != 0 || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	for _, want := range []string{"# Conduite à tenir\u00a0: Discord", "✖ Verdict\u00a0: À PROSCRIRE", "majorité numérique de 15 ans", "Réseau des DANE et des DPD académiques, « Conduite à tenir dans le choix des outils numériques (version PDF, focus Discord et Zoom) » (le focus Discord est daté du 7 mai 2020), 2020", "## Que faire plutôt"} {
		if !strings.Contains(out, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	if strings.Contains(out, "004_805ed0f69bb7d9d6.txt") {
		t.Error("the report names a seed by its internal file name")
	}
}

func TestMainEvaluateTerminalIsGlamour(t *testing.T) {
	code, out, _ := run(t, "", true, "evaluate", "../../examples/discord-classe.yaml")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	if !strings.Contains(out, "\x1b[") || strings.Contains(out, "## Pourquoi") {
		t.Errorf("on a terminal the report is rendered, not raw Markdown")
	}
	for line := range strings.SplitSeq(out, "\n") {
		if w := len([]rune(stripANSI(line))); w > 80 {
			t.Errorf("a line is %d columns wide on an 80-column terminal: %q", w, stripANSI(line))
			break
		}
	}
}

var ansiRE = regexp.MustCompile(`\x1b\[[0-9;:]*[a-zA-Z]|\x1b\][^\x07]*\x07`)

func stripANSI(s string) string { return ansiRE.ReplaceAllString(s, "") }

func TestMainEvaluateJSONAndStdin(t *testing.T) {
	code, out, errs := run(t, `{"outil": "tchap", "usage": "messagerie", "audience": "agents", "donnees": ["identite"], "appareil": "professionnel"}`,
		false, "evaluer", "--format", "json", "--lang", "en", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var doc struct {
		Verdict struct{ Level, Label string }
		Reasons []struct{ Rule, Level, Text, Source string }
		ToCheck []string `json:"to_check"`
		Ruleset struct{ ID, Version string }
		Answers map[string]any
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if doc.Verdict.Level != "recommande" || doc.Verdict.Label != "Recommended" {
		t.Errorf("verdict %+v", doc.Verdict)
	}
	if len(doc.Reasons) == 0 || doc.Reasons[0].Source == "" || doc.Ruleset.ID != "conduite-rgpd" {
		t.Errorf("reasons %+v ruleset %+v", doc.Reasons, doc.Ruleset)
	}
	if doc.Answers["contrat"] != "fourni_institution" {
		t.Errorf("catalog facts belong to the answers: %v", doc.Answers)
	}
}

// Bad input: exit 2, one message on stderr naming where and what, nothing
// on stdout.
func TestMainBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	big := write("big.yaml", "usage: visio\n#"+strings.Repeat("x", 2<<20))
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"syntax", []string{"evaluate", write("s.yaml", "usage: [visio\n")}, `s\.yaml:\d+:\d+: `},
		{"unknown id", []string{"evaluate", write("u.yaml", "usgae: visio\n")}, `u\.yaml:1:1: unknown question "usgae" \(did you mean "usage"\?\)`},
		{"invalid value", []string{"evaluate", write("v.yaml", "usage: visioo\n")}, `v\.yaml:1:8: usage: invalid value "visioo" \(did you mean "visio"\?\); allowed: messagerie`},
		{"wrong type", []string{"evaluate", write("w.json", `{"donnees": 4}`)}, `w\.json:1:13: donnees: expected a list of values, found a number`},
		{"empty", []string{"evaluate", write("e.yaml", "")}, `e\.yaml: empty file`},
		{"too large", []string{"evaluate", big}, `big\.yaml: file too large`},
		{"not utf-8", []string{"evaluate", write("n.yaml", "nom_outil: \xff\n")}, `n\.yaml:1:12: invalid UTF-8`},
		{"missing file", []string{"evaluate", filepath.Join(dir, "nope.yaml")}, `nope\.yaml: no such file`},
		{"strict", []string{"evaluate", "--strict", write("st.yaml", "usage: visio\n")}, `st\.yaml: --strict: questions not answered: audience, mineurs, donnees, `},
		{"bad format", []string{"evaluate", "--format", "docx", write("f.yaml", "usage: visio\n")}, `--format: unknown format "docx"; allowed: `},
		{"bad lang", []string{"--lang", "de", "questions"}, `langue inconnue "de" ; permis : fr, en`}, // in the locale's language
		{"bad referentiel", []string{"--referentiel", "belgique", "questions"}, `--referentiel: unknown référentiel "belgique"`},
		{"unknown flag", []string{"evaluate", "--nope"}, `unknown flag: --nope`},
		{"no argument", []string{"evaluate"}, `accepts 1 arg`},
		{"no terminal", nil, `the wizard needs a terminal .*conduite evaluate FILE`},
	}
	// Under LANG=fr_FR.UTF-8, --lang en asks for English: the messages are
	// the English ones (the bad-input matrix asserts the French).
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			args := tc.args
			if tc.name != "bad lang" {
				args = append([]string{"--lang", "en"}, args...)
			}
			code, out, errs := run(t, "", false, args...)
			if code != ExitBadInput {
				t.Errorf("exit %d, want 2; stderr %q", code, errs)
			}
			if out != "" {
				t.Errorf("stdout must stay empty on bad input, got %q", out)
			}
			if !strings.HasPrefix(errs, "conduite: ") || !regexp.MustCompile(tc.want).MatchString(errs) {
				t.Errorf("stderr %q does not match %q", errs, tc.want)
			}
			if strings.Count(errs, "\n") > 3 {
				t.Errorf("the message should fit a few lines: %q", errs)
			}
		})
	}
}

func TestMainVersionAndQuestions(t *testing.T) {
	code, out, _ := run(t, "", false, "--version")
	if code != 0 || !strings.HasPrefix(out, "conduite ") {
		t.Errorf("--version: %d %q", code, out)
	}
	code, out, _ = run(t, "", false, "questions")
	if code != 0 || !strings.Contains(out, "## `contrat` — Contrat") || !strings.Contains(out, "| `fourni_institution` |") {
		t.Errorf("questions: exit %d\n%s", code, out)
	}
	code, out, _ = run(t, "", false, "questions", "--format", "json")
	var doc struct {
		Questions []struct {
			ID     string
			Values []struct{ Value string }
		}
	}
	if code != 0 || json.Unmarshal([]byte(out), &doc) != nil || len(doc.Questions) != 14 {
		t.Errorf("questions --format json: exit %d, %d questions", code, len(doc.Questions))
	}
}

// docs/questions.md is the output of `conduite questions`: regenerate it with
// go run ./cmd/conduite questions > docs/questions.md
func TestQuestionsDocIsCurrent(t *testing.T) {
	_, out, _ := run(t, "", false, "questions")
	doc, err := os.ReadFile("../../docs/questions.md")
	if err != nil {
		t.Fatal(err)
	}
	if string(doc) != out {
		t.Errorf("docs/questions.md is out of date: run go run ./cmd/conduite questions > docs/questions.md")
	}
}

// A PDF is never printed to a terminal: a localized refusal, exit 2,
// nothing on stdout; redirected, it is printed whole.
func TestPDFNotToTerminal(t *testing.T) {
	code, out, errs := run(t, "", true, "evaluate", "--format", "pdf", "../../examples/discord-classe.yaml")
	if code != 2 || out != "" || !strings.Contains(errs, "un PDF n'est pas du texte") || !strings.Contains(errs, "--output rapport.pdf") {
		t.Errorf("to a terminal: exit %d, stdout %.20q, stderr %q", code, out, errs)
	}
	code, _, errs = run(t, "", true, "--lang", "en", "evaluate", "--format", "pdf", "../../examples/discord-classe.yaml")
	if code != 2 || !strings.Contains(errs, "a PDF is not text") {
		t.Errorf("in English: exit %d, stderr %q", code, errs)
	}
	code, out, errs = run(t, "", false, "evaluate", "--format", "pdf", "../../examples/discord-classe.yaml")
	if code != 0 || errs != "" || !strings.HasPrefix(out, "%PDF-1.") || !strings.HasSuffix(strings.TrimSpace(out), "%%EOF") {
		t.Errorf("redirected: exit %d, stdout %.20q, stderr %q", code, out, errs)
	}
}
