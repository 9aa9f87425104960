package questionnaire

import (
	"fmt"
	"os"
	"strings"
)

// Lang is a language of the interface and the reports.
type Lang string

// The languages conduite speaks. French is the default.
const (
	FR Lang = "fr"
	EN Lang = "en"
)

// Langs lists the supported languages, default first.
var Langs = []Lang{FR, EN}

// ParseLang reads a --lang value.
func ParseLang(s string) (Lang, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "fr", "français", "francais":
		return FR, nil
	case "en", "english", "anglais":
		return EN, nil
	}
	return "", fmt.Errorf("unknown language %q; allowed: fr, en", s)
}

// LangFromEnv picks the language from LC_ALL, LC_MESSAGES or LANG (in the
// POSIX order of precedence): English when the locale is English, French
// otherwise.
func LangFromEnv(getenv func(string) string) Lang {
	if getenv == nil {
		getenv = os.Getenv
	}
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := getenv(k)
		if v == "" {
			continue
		}
		if strings.HasPrefix(strings.ToLower(v), "en") {
			return EN
		}
		return FR
	}
	return FR
}

// Text is a text in every supported language.
type Text struct {
	FR string `yaml:"fr" json:"fr"`
	EN string `yaml:"en" json:"en"`
}

// In returns the text in lang, falling back to French.
func (t Text) In(lang Lang) string {
	if lang == EN && t.EN != "" {
		return t.EN
	}
	return t.FR
}

// missing names the languages the text lacks.
func (t Text) missing() []string {
	var m []string
	if strings.TrimSpace(t.FR) == "" {
		m = append(m, "fr")
	}
	if strings.TrimSpace(t.EN) == "" {
		m = append(m, "en")
	}
	return m
}
