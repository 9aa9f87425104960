package questionnaire

import (
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/conduite/conduite/assets"
)

// plural tells, for each language, whether n takes the plural form: French
// takes the singular for 0 and 1, English for 1 only. A new language is a
// texts file (its column in assets/texts) and its line here.
var plural = map[Lang]func(n int) bool{
	FR: func(n int) bool { return n > 1 || n < -1 },
	EN: func(n int) bool { return n != 1 },
}

// Localizer speaks one language: every user-facing word goes through it.
// It is made once, at the top (Texts.For), and passed down instead of a
// language and the texts.
type Localizer struct {
	lang  Lang
	texts *Texts
}

// For returns the localizer of lang.
func (t *Texts) For(lang Lang) Localizer { return Localizer{lang: lang, texts: t} }

// Lang is the localizer's language.
func (l Localizer) Lang() Lang { return l.lang }

// T returns the text of key with its {marks} filled from args, pairs of a
// mark's name and its value: T("wiz_step", "k", 3, "n", 11). A value may be
// a string, a number, a list of strings (written « a, b, c »), an error
// (rendered by Error, so a message inside a message is in the same
// language) or anything fmt prints. A missing key gives « [key] », so a
// test rendering every message catches it.
func (l Localizer) T(key string, args ...any) string {
	return l.fill(l.text(key), args)
}

// Count writes « 1 raison », « 3 raisons »: the text holds the singular and
// the plural apart with « | », and {n} is n. Other marks are filled from
// args, as T.
func (l Localizer) Count(key string, n int, args ...any) string {
	one, many, ok := strings.Cut(l.text(key), "|")
	if ok && isPlural(l.lang, n) {
		one = many
	}
	return l.fill(one, append([]any{"n", n}, args...))
}

// text is the raw text of key; a localizer made without texts (the content
// failed to load: a bug) reads the embedded ones.
func (l Localizer) text(key string) string {
	t := l.texts
	if t == nil {
		t = englishTexts()
	}
	return t.T(l.lang, key)
}

// has reports whether key is in the texts the localizer reads.
func (l Localizer) has(key string) bool {
	t := l.texts
	if t == nil {
		t = englishTexts()
	}
	return t.Has(key)
}

// bare writes a message whose key is not in the texts (the texts file that
// holds it is broken, and the message may be what says so) as its key in
// brackets and its arguments: « [err_dup_rule] id="x" ». Nothing is lost,
// and the brackets still show a key missing.
func (l Localizer) bare(m *Msg) string {
	var b strings.Builder
	b.WriteString("[" + m.Key + "]")
	if m.Plural {
		fmt.Fprintf(&b, " n=%d", m.N)
	}
	for i := 0; i+1 < len(m.Args); i += 2 {
		v := l.value(m.Args[i+1])
		if v == "" {
			continue
		}
		name, _ := m.Args[i].(string)
		b.WriteString(" " + name + "=" + v)
	}
	return b.String()
}

func isPlural(lang Lang, n int) bool {
	if p, ok := plural[lang]; ok {
		return p(n)
	}
	return n != 1
}

// Date writes a date of the content, « 2024-03 » or « 2024-03-05 », as
// « mars 2024 » or « 5 mars 2024 » (« March 2024 », « 5 March 2024 »);
// anything else is returned as it is.
func (l Localizer) Date(date string) string {
	parts := strings.Split(date, "-")
	switch len(parts) {
	case 2:
		return l.T("cite_month_"+parts[1]) + " " + parts[0]
	case 3:
		day, _ := strconv.Atoi(parts[2])
		return l.T("cite_day", "d", day, "m", l.T("cite_month_"+parts[1]), "y", parts[0])
	}
	return date
}

// Error renders err in the localizer's language: a Msg by its key, a
// PosError as « file:line:col: path: » and its message, a Localizable by its
// own method, anything else by its Error() (the operating system's words).
func (l Localizer) Error(err error) string {
	switch e := err.(type) {
	case nil:
		return ""
	case *Msg:
		if !l.has(e.Key) {
			return l.bare(e)
		}
		if e.Plural {
			return l.Count(e.Key, e.N, e.Args...)
		}
		return l.T(e.Key, e.Args...)
	case *PosError:
		return e.render(l)
	case Localizable:
		return e.Localize(l)
	}
	return err.Error()
}

// Localizable is an error of another package that renders itself with a
// localizer (such as an error carrying an exit status around a Msg).
type Localizable interface {
	error
	Localize(Localizer) string
}

// fill replaces each {mark} of s by its value in args, in one pass: a
// value is never read again for marks (a typo « {allowed} » quoted in a
// message stays as it is). A mark args does not give is left.
func (l Localizer) fill(s string, args []any) string {
	if !strings.Contains(s, "{") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			break
		}
		j := strings.IndexAny(s[i+1:], "{}") + 1
		if j == 0 {
			break
		}
		if s[i+j] == '{' { // « {{n} »: the mark starts at the inner brace
			b.WriteString(s[:i+j])
			s = s[i+j:]
			continue
		}
		b.WriteString(s[:i])
		mark := s[i : i+j+1]
		if v, ok := arg(args, mark[1:len(mark)-1]); ok {
			b.WriteString(l.value(v))
		} else {
			b.WriteString(mark)
		}
		s = s[i+j+1:]
	}
	b.WriteString(s)
	return b.String()
}

// arg is the value of the mark name in args, pairs of a name and a value.
func arg(args []any, name string) (any, bool) {
	for i := 0; i+1 < len(args); i += 2 {
		if n, _ := args[i].(string); n == name {
			return args[i+1], true
		}
	}
	return nil, false
}

func (l Localizer) value(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case int:
		return strconv.Itoa(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case []string:
		return strings.Join(x, ", ")
	case error:
		return l.Error(x)
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

// Msg is an error whose words come from the texts: a key and the values of
// its {marks}, as pairs (see Localizer.T). The top of the program renders
// it in the user's language with Localizer.Error; Error() gives it in
// English, for logs and tests.
type Msg struct {
	Key  string
	Args []any
	// Plural: the text holds a singular and a plural (see Localizer.Count),
	// chosen by N, which is {n}.
	Plural bool
	N      int
}

// NewMsg returns the message of key with its arguments.
func NewMsg(key string, args ...any) *Msg { return &Msg{Key: key, Args: args} }

// NewCount returns the message of key in the singular or the plural of n.
func NewCount(key string, n int, args ...any) *Msg {
	return &Msg{Key: key, Args: args, Plural: true, N: n}
}

// Error renders the message in English.
func (m *Msg) Error() string { return englishTexts().For(EN).Error(m) }

// Unwrap returns the errors among the arguments, so errors.Is and
// errors.As see through a message (an fs.ErrNotExist quoted in it).
func (m *Msg) Unwrap() []error {
	var errs []error
	for i := 1; i < len(m.Args); i += 2 {
		if e, ok := m.Args[i].(error); ok {
			errs = append(errs, e)
		}
	}
	return errs
}

// englishTexts are the embedded texts, read once, for Msg.Error and for a
// localizer made without texts (the content failed to load). Despite the
// name they hold every language: a French user reads French even when the
// content did not load. They are read leniently (loadLenient), since the
// message they render may be the one saying that a texts file is broken.
var englishTexts = sync.OnceValue(func() *Texts {
	t := &Texts{}
	t.loadLenient(assets.FS)
	return t
})
