package safetext

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/conduite/conduite/internal/fuzzbudget"
)

// The sequences the terminal-injection issue reproduced, and the
// characters each of them needs.
var attacks = map[string]string{
	"OSC 52 (clipboard)":     "\x1b]52;c;T1NDNTI=\a",
	"OSC 0 (window title)":   "\x1b]0;PWNED\a",
	"alternate screen":       "\x1b[?1049h\x1b[?25l\x1b[?1000h",
	"reset (RIS)":            "\x1bc",
	"8-bit CSI":              "\u009b31m",
	"bidi override":          "\u202eexe.txt",
	"bidi isolate":           "\u2066x\u2069",
	"DEL":                    "a\x7fb",
	"invalid byte 0x9b":      "a\x9b[2Jb",
	"NUL and other C0":       "a\x00\x01\x08b",
	"string terminator ST":   "\x1b\\",
	"C1 OSC and ST (U+009d)": "\u009d0;x\u009c",
}

// bad reports the first character a terminal could act on, if any.
func bad(s string) (rune, bool) {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || (Unsafe(r) && r != '\n') {
			return r, true
		}
		i += size
	}
	return 0, false
}

func TestLineAndTextDropEveryAttack(t *testing.T) {
	for name, seq := range attacks {
		in := "Outil " + seq + " fin"
		for fn, f := range map[string]func(string) string{"Line": Line, "Text": Text} {
			got := f(in)
			if r, ok := bad(got); ok {
				t.Errorf("%s(%s) = %q keeps %U", fn, name, got, r)
			}
			if !strings.HasPrefix(got, "Outil ") || !strings.HasSuffix(got, " fin") {
				t.Errorf("%s(%s) = %q lost the text around", fn, name, got)
			}
		}
	}
}

func TestLineAndText(t *testing.T) {
	for _, tc := range []struct{ in, line, text string }{
		{"Collège Jean-Zay", "Collège Jean-Zay", "Collège Jean-Zay"},
		{"a\tb", "a b", "a b"},
		{"a\nb", "a b", "a\nb"},
		{"a\r\nb\rc", "a  b c", "a\nb\nc"},
		{"X\x1b]0;PWNED\aY", "X]0;PWNEDY", "X]0;PWNEDY"},
		{"\u202eabc", "abc", "abc"},
		{"é\u00a0«\u200b»", "é\u00a0«\u200b»", "é\u00a0«\u200b»"}, // no-break and zero-width spaces are no controls
		{"\ufffd", "\ufffd", "\ufffd"},
		{"", "", ""},
	} {
		if got := Line(tc.in); got != tc.line {
			t.Errorf("Line(%q) = %q, want %q", tc.in, got, tc.line)
		}
		if got := Text(tc.in); got != tc.text {
			t.Errorf("Text(%q) = %q, want %q", tc.in, got, tc.text)
		}
	}
}

func TestVisible(t *testing.T) {
	for in, want := range map[string]string{
		"rapport.yaml":             "rapport.yaml",
		`C:\Users\é\r.yaml`:        `C:\Users\é\r.yaml`,
		"b\x1b]0;PWNED\a.yaml":     `b\x1b]0;PWNED\a.yaml`,
		"a\nb\tc\rd":               `a\nb\tc\rd`,
		"\u009b2J\u202e\u2066\x7f": `\u009b2J\u202e\u2066\x7f`,
		"caf\xe9.yaml":             `caf\xe9.yaml`,
	} {
		if got := Visible(in); got != want {
			t.Errorf("Visible(%q) = %q, want %q", in, got, want)
		}
	}
	if got := VisibleLines("a\x1bc\nb\u202e"); got != "a\\x1bc\nb\\u202e" {
		t.Errorf("VisibleLines: %q", got)
	}
}

// FuzzClean: whatever the input, Line and Text leave nothing a terminal
// acts on (Line not even a line break), are idempotent, and keep every
// safe character in order; Visible leaves nothing either and is
// idempotent.
func FuzzClean(f *testing.F) {
	for _, s := range attacks {
		f.Add("Outil" + s)
	}
	f.Add("Collège\r\n\tJean-Zay \u00e9")
	f.Fuzz(func(t *testing.T, s string) {
		defer fuzzbudget.Start(t)() // a slow or greedy input is a finding
		for fn, fc := range map[string]func(string) string{"Line": Line, "Text": Text, "Visible": Visible} {
			got := fc(s)
			if r, ok := bad(got); ok {
				t.Fatalf("%s(%q) = %q keeps %U", fn, s, got, r)
			}
			if fn != "Text" && strings.Contains(got, "\n") {
				t.Fatalf("%s(%q) = %q spans lines", fn, s, got)
			}
			if again := fc(got); again != got {
				t.Fatalf("%s is not idempotent: %q then %q", fn, got, again)
			}
		}
		var safe strings.Builder
		for i := 0; i < len(s); {
			r, size := utf8.DecodeRuneInString(s[i:])
			if !(r == utf8.RuneError && size == 1) && !Unsafe(r) {
				safe.WriteRune(r)
			}
			i += size
		}
		strip := func(x string) string {
			return strings.Map(func(r rune) rune {
				if r == ' ' || r == '\n' {
					return -1
				}
				return r
			}, x)
		}
		if got := strip(Line(s)); got != strip(safe.String()) {
			t.Fatalf("Line(%q) = %q: the safe characters changed", s, Line(s))
		}
	})
}
