package questionnaire_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/conduite/conduite/internal/contenttest"
	"github.com/conduite/conduite/questionnaire"
)

func TestLangFromEnvFollowsGettext(t *testing.T) {
	for _, c := range []struct {
		env  map[string]string
		want questionnaire.Lang
	}{
		{nil, questionnaire.FR},
		{map[string]string{"LANG": "en_US.UTF-8"}, questionnaire.EN},
		{map[string]string{"LANG": "fr_FR.UTF-8"}, questionnaire.FR},
		{map[string]string{"LANG": "de_DE.UTF-8"}, questionnaire.FR}, // not spoken: the untranslated texts
		{map[string]string{"LANG": "en"}, questionnaire.EN},
		{map[string]string{"LANG": "en@quot"}, questionnaire.EN},
		{map[string]string{"LANG": "english"}, questionnaire.FR}, // not a language code
		// LC_ALL over LC_MESSAGES over LANG.
		{map[string]string{"LC_ALL": "fr_FR.UTF-8", "LC_MESSAGES": "en_US.UTF-8", "LANG": "en_US.UTF-8"}, questionnaire.FR},
		{map[string]string{"LC_MESSAGES": "en_GB.UTF-8", "LANG": "fr_FR.UTF-8"}, questionnaire.EN},
		{map[string]string{"LC_ALL": "", "LC_MESSAGES": "", "LANG": "en_US.UTF-8"}, questionnaire.EN},
		// LANGUAGE comes first, its first spoken language winning…
		{map[string]string{"LANG": "fr_FR.UTF-8", "LANGUAGE": "en_GB:fr"}, questionnaire.EN},
		{map[string]string{"LANG": "en_US.UTF-8", "LANGUAGE": "de:fr:en"}, questionnaire.FR},
		{map[string]string{"LANG": "fr_FR.UTF-8", "LANGUAGE": "de::en"}, questionnaire.EN},
		{map[string]string{"LC_ALL": "fr_FR.UTF-8", "LANGUAGE": "en"}, questionnaire.EN},
		// …and none spoken is the untranslated texts, as gettext does.
		{map[string]string{"LANG": "en_US.UTF-8", "LANGUAGE": "de:it"}, questionnaire.FR},
		{map[string]string{"LANG": "en_US.UTF-8", "LANGUAGE": ""}, questionnaire.EN},
		// …but only when the locale is not C or POSIX (or unset).
		{map[string]string{"LANG": "C", "LANGUAGE": "en"}, questionnaire.FR},
		{map[string]string{"LC_ALL": "POSIX", "LANG": "en_US.UTF-8", "LANGUAGE": "en"}, questionnaire.FR},
		{map[string]string{"LANGUAGE": "en"}, questionnaire.FR},
		{map[string]string{"LC_ALL": "C", "LANG": "en_US.UTF-8"}, questionnaire.FR},
		{map[string]string{"LANG": "C.UTF-8", "LANGUAGE": "en"}, questionnaire.EN},
	} {
		got := questionnaire.LangFromEnv(func(k string) string { return c.env[k] })
		if got != c.want {
			t.Errorf("%v: %s, want %s", c.env, got, c.want)
		}
	}
}

func TestLocalizerCountAndDate(t *testing.T) {
	tx := contenttest.Content(t).Texts
	fr, en := tx.For(questionnaire.FR), tx.For(questionnaire.EN)
	for _, c := range []struct {
		l    questionnaire.Localizer
		n    int
		want string
	}{
		{fr, 0, "0 raison"}, {fr, 1, "1 raison"}, {fr, 2, "2 raisons"}, {fr, 9, "9 raisons"},
		{en, 0, "0 reasons"}, {en, 1, "1 reason"}, {en, 9, "9 reasons"},
	} {
		if got := c.l.Count("wiz_n_reasons", c.n); got != c.want {
			t.Errorf("%s Count(%d) = %q, want %q", c.l.Lang(), c.n, got, c.want)
		}
	}
	if got := fr.Date("2016-09-28"); got != "28 septembre 2016" {
		t.Errorf("fr date: %q", got)
	}
	if got := en.Date("2020-05"); got != "May 2020" {
		t.Errorf("en date: %q", got)
	}
	if got := fr.Date("2020"); got != "2020" {
		t.Errorf("year: %q", got)
	}
}

// A message renders in the localizer's language, the messages inside it
// too, and errors.As sees through it.
func TestLocalizerRendersErrors(t *testing.T) {
	c := contenttest.Content(t)
	_, err := c.ParseAnswers("u.yaml", []byte("usgae: visio\n"))
	if err == nil {
		t.Fatal("no error")
	}
	fr := c.Texts.For(questionnaire.FR).Error(err)
	if !strings.HasPrefix(fr, `u.yaml:1:1: question inconnue "usgae" (vouliez-vous dire "usage" ?) ; clés permises : `) {
		t.Errorf("fr: %s", fr)
	}
	en := c.Texts.For(questionnaire.EN).Error(err)
	if !strings.HasPrefix(en, `u.yaml:1:1: unknown question "usgae" (did you mean "usage"?); allowed keys: `) || en != err.Error() {
		t.Errorf("en: %s\nError(): %s", en, err)
	}
	var pe *questionnaire.PosError
	if !errors.As(err, &pe) || pe.Text == nil || pe.Text.Key != "err_unknown_question" {
		t.Errorf("not a PosError with a key: %#v", err)
	}
}

var marks = regexp.MustCompile(`\{[a-z]+\}`)

// Every text has the same marks in both languages, and the same number of
// plural forms; so a message filled in one language is filled in the other.
func TestTextsAgreeAcrossLanguages(t *testing.T) {
	tx := contenttest.Content(t).Texts
	for key, x := range tx.Map {
		fm, em := marks.FindAllString(x.FR, -1), marks.FindAllString(x.EN, -1)
		slices.Sort(fm)
		slices.Sort(em)
		if !slices.Equal(slices.Compact(fm), slices.Compact(em)) {
			t.Errorf("%s: marks %v in French, %v in English", key, fm, em)
		}
		if strings.Count(x.FR, "|") != strings.Count(x.EN, "|") && !strings.Contains(x.FR+x.EN, "`") {
			t.Errorf("%s: plural forms differ: %q / %q", key, x.FR, x.EN)
		}
	}
}

// keyUse finds the message keys named in Go source: every string literal
// with the prefix of a message key.
var keyUse = regexp.MustCompile(`"((?:err|kind|allowed|budget|cli)_[a-z0-9_]+)"`)

// Every key the code names exists in the texts, in both languages, and
// renders with no key left in brackets; every error message of the texts
// (err_…) is named by the code.
func TestEveryMessageKeyExists(t *testing.T) {
	tx := contenttest.Content(t).Texts
	root := filepath.Join("..")
	found := 0
	used := map[string]bool{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != root && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range keyUse.FindAllStringSubmatch(string(src), -1) {
			found++
			used[m[1]] = true
			// A key ending in « _ » is a prefix (cli_flag_…), and a
			// command's key names its texts (cli_root_short, cli_root_long).
			if !tx.Has(m[1]) && !tx.Has(m[1]+"_short") && !strings.HasSuffix(m[1], "_") {
				t.Errorf("%s: key %s is not in assets/texts", p, m[1])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if found < 50 {
		t.Fatalf("only %d keys found in the source: the pattern no longer matches the code", found)
	}
	for key := range tx.Map {
		if strings.HasPrefix(key, "err_") && !used[key] {
			t.Errorf("%s: no code names this message", key)
		}
	}
	for _, lang := range questionnaire.Langs {
		l := tx.For(lang)
		for key := range tx.Map {
			if s := l.T(key); s == "" || strings.HasPrefix(s, "[") && strings.HasSuffix(s, "]") {
				t.Errorf("%s: %s renders as %q", lang, key, s)
			}
		}
	}
}

// A message whose key the texts lack (its texts file is the broken one)
// still says what it carries, its key in brackets.
func TestMessageWithoutItsTextKeepsItsArguments(t *testing.T) {
	tx := &questionnaire.Texts{Map: map[string]questionnaire.Text{}}
	err := questionnaire.NewCount("err_dup_rule", 2, "id", `"x"`, "hint", "")
	if got := tx.For(questionnaire.FR).Error(err); got != `[err_dup_rule] n=2 id="x"` {
		t.Errorf("got %q", got)
	}
}
