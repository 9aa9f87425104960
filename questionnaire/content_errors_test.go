package questionnaire_test

import (
	"errors"
	"fmt"
	"io/fs"
	"iter"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/conduite/conduite/questionnaire"
)

// A content author reads a broken file's message in their language, with
// its file, line and column: the messages come from the texts, as the
// users' do. The texts are the embedded ones, read without the content
// that failed to load (a localizer without texts), as the command line
// does when the embedded content is broken.
func TestBrokenContentSpeaksBothLanguages(t *testing.T) {
	tests := []struct {
		name, file, old, new string
		key                  string // the message's own key, under err_plain and err_condition
		fr, en               string
	}{
		{"bad question id", "questions.yaml", "  - id: usage\n", "  - id: Usage\n", "err_bad_id",
			`questions.yaml:21:9: questions[1].id: l'identifiant "Usage" doit être en minuscules, chiffres, - ou _`,
			`questions.yaml:21:9: questions[1].id: id "Usage" must be lowercase letters, digits, - or _`},
		{"unknown kind", "questions.yaml", "    kind: single\n", "    kind: singel\n", "err_question_kind",
			`questions.yaml:22:11: questions[1].kind: sorte de question inconnue "singel" ; permis : single, multi, tool`,
			`questions.yaml:22:11: questions[1].kind: unknown kind "singel"; allowed: single, multi, tool`},
		{"condition on an unknown question", "rules.yaml", `when: 'contrat == "oui"'`, `when: 'contrats == "oui"'`, "err_no_such_question",
			`rules.yaml:80:11: rules[1].when: condition "contrats == \"oui\"" : question inconnue "contrats" (vouliez-vous dire "contrat" ?) ; permis : outil, usage, `,
			`rules.yaml:80:11: rules[1].when: condition "contrats == \"oui\"": unknown question "contrats" (did you mean "contrat"?); allowed: outil, usage, `},
		{"unknown placeholder", "rules.yaml", "vérifiez avec le {dpd} qu'il contient", "vérifiez avec le {dpo} qu'il contient", "err_unknown_placeholder",
			`rules.yaml:85:9: rules[1].reason: marque inconnue {dpo} (vouliez-vous dire "dpd" ?) ; permis : outil, dpd, `,
			`rules.yaml:85:9: rules[1].reason: unknown placeholder {dpo} (did you mean "dpd"?); allowed: outil, dpd, `},
		{"a placeholder named like a mark of the message", "rules.yaml", "vérifiez avec le {dpd} qu'il contient", "vérifiez avec le {allowed} qu'il contient", "err_unknown_placeholder",
			`rules.yaml:85:9: rules[1].reason: marque inconnue {allowed} ; permis : outil, dpd, `,
			`rules.yaml:85:9: rules[1].reason: unknown placeholder {allowed}; allowed: outil, dpd, `},
		{"text defined twice", "texts/cli.yaml", "  cli_h_usage: {", "  err_plain: {fr: \"x\", en: \"x\"}\n  cli_h_usage: {", "err_text_twice",
			`texts/errors.yaml:6:14: texts.err_plain: le texte "err_plain" est aussi défini dans un autre fichier de texts/`,
			`texts/errors.yaml:6:14: texts.err_plain: text "err_plain" is defined in another file of texts/ too`},
	}
	fr, en := (*questionnaire.Texts)(nil).For(questionnaire.FR), (*questionnaire.Texts)(nil).For(questionnaire.EN)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := questionnaire.Load(overlay(t, tc.file, tc.old, tc.new))
			if err == nil {
				t.Fatal("no error")
			}
			if got := fr.Error(err); !strings.HasPrefix(got, tc.fr) {
				t.Errorf("French:\n  %s\nwant\n  %s", got, tc.fr)
			}
			if got := en.Error(err); !strings.HasPrefix(got, tc.en) || got != err.Error() {
				t.Errorf("English:\n  %s\nwant\n  %s\nError():\n  %s", got, tc.en, err)
			}
			if keys := msgKeys(err); !slices.Contains(keys, tc.key) {
				t.Errorf("keys %v, want %s among them", keys, tc.key)
			}
			checkLocalized(t, err)
		})
	}
}

// A content file missing is the file system's error, still seen through
// the message by errors.Is.
func TestMissingContentFileKeepsItsError(t *testing.T) {
	m := overlay(t, "cases.yaml", "cases:", "cases:").(fstest.MapFS)
	delete(m, "cases.yaml")
	_, err := questionnaire.Load(m)
	if !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("%v is not fs.ErrNotExist", err)
	}
	if got := (*questionnaire.Texts)(nil).For(questionnaire.FR).Error(err); !strings.HasPrefix(got, "lecture du contenu : open cases.yaml") {
		t.Errorf("French: %s", got)
	}
	if got := err.Error(); !strings.HasPrefix(got, "reading content: open cases.yaml") {
		t.Errorf("English: %s", got)
	}
}

// checkLocalized checks that a content error is a PosError from the texts
// rendered in both languages: the same place, no key in brackets, no mark
// of its texts left unfilled, and French words that are not the English.
func checkLocalized(t *testing.T, err error) {
	t.Helper()
	var pe *questionnaire.PosError
	if !errors.As(err, &pe) || pe.Text == nil {
		t.Fatalf("%v: not a PosError with a key", err)
	}
	tx := content(t).Texts
	at := pe.File + ": "
	if pe.Line > 0 {
		at = fmt.Sprintf("%s:%d:%d: ", pe.File, pe.Line, pe.Col)
	}
	out := map[questionnaire.Lang]string{}
	for _, lang := range questionnaire.Langs {
		s := (*questionnaire.Texts)(nil).For(lang).Error(err)
		out[lang] = s
		if !strings.HasPrefix(s, at) {
			t.Errorf("%s: %q does not start with %q", lang, s, at)
		}
		if strings.Contains(s, "[err_") || strings.Contains(s, "[kind_") {
			t.Errorf("%s: a key is missing from the texts: %s", lang, s)
		}
		for _, key := range msgKeys(err) {
			for _, mark := range marks.FindAllString(tx.T(lang, key), -1) {
				if strings.Contains(s, mark) && !quoted(err, mark) {
					t.Errorf("%s: mark %s of %s left unfilled: %s", lang, mark, key, s)
				}
			}
		}
	}
	if out[questionnaire.FR] == out[questionnaire.EN] {
		t.Errorf("the French message is the English one: %s", out[questionnaire.EN])
	}
}

// quoted reports whether a message of err's tree quotes mark in a value
// (the file's own text, « {allowed} » written by its author).
func quoted(err error, mark string) bool {
	for m := range msgs(err) {
		for i := 1; i < len(m.Args); i += 2 {
			if s, ok := m.Args[i].(string); ok && strings.Contains(s, mark) {
				return true
			}
		}
	}
	return false
}

// msgKeys lists the keys of the messages in err's tree, outermost first.
func msgKeys(err error) []string {
	var keys []string
	for m := range msgs(err) {
		keys = append(keys, m.Key)
	}
	return keys
}

// msgs yields the messages of err's tree, outermost first: those it wraps
// and those quoted as values (a « did you mean »).
func msgs(err error) iter.Seq[*questionnaire.Msg] {
	return func(yield func(*questionnaire.Msg) bool) {
		var walk func(error) bool
		walk = func(err error) bool {
			if m, ok := err.(*questionnaire.Msg); ok {
				if !yield(m) {
					return false
				}
				for i := 1; i < len(m.Args); i += 2 {
					if inner, ok := m.Args[i].(error); ok && !walk(inner) {
						return false
					}
				}
				return true
			}
			switch u := err.(type) {
			case interface{ Unwrap() error }:
				if e := u.Unwrap(); e != nil {
					return walk(e)
				}
			case interface{ Unwrap() []error }:
				for _, e := range u.Unwrap() {
					if !walk(e) {
						return false
					}
				}
			}
			return true
		}
		walk(err)
	}
}
