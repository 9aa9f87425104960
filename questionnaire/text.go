package questionnaire

import (
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
	return "", NewMsg("err_unknown_lang", "v", quote(s))
}

// LangFromEnv picks the language as gettext does. The locale of messages
// is the first set of LC_ALL, LC_MESSAGES and LANG. When it is set and is
// not C or POSIX, LANGUAGE, a list such as « de:en_GB:fr », comes first:
// its first language conduite speaks wins. Else the locale's language
// (« en_US.UTF-8 » is English) if conduite speaks it; else French, the
// language conduite's texts are written in (gettext's untranslated
// message).
func LangFromEnv(getenv func(string) string) Lang {
	if getenv == nil {
		getenv = os.Getenv
	}
	locale := ""
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if locale = getenv(k); locale != "" {
			break
		}
	}
	if locale == "" || locale == "C" || locale == "POSIX" {
		return FR
	}
	if list := getenv("LANGUAGE"); list != "" {
		for _, l := range strings.Split(list, ":") {
			if lang, ok := localeLang(l); ok {
				return lang
			}
		}
		return FR
	}
	if lang, ok := localeLang(locale); ok {
		return lang
	}
	return FR
}

// localeLang reads the language of a locale name, language[_territory][.codeset][@modifier].
func localeLang(locale string) (Lang, bool) {
	l := strings.ToLower(locale)
	if i := strings.IndexAny(l, "_.@"); i >= 0 {
		l = l[:i]
	}
	for _, lang := range Langs {
		if string(lang) == l {
			return lang, true
		}
	}
	return "", false
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
