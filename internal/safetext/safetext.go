// Package safetext keeps what comes from a file, a flag or another person
// from driving the terminal it is printed on: the C0 and C1 control
// characters (ESC starts the sequences that set the clipboard, the window
// title, the alternate screen or mouse reporting; BEL ends some of them;
// U+009B is an 8-bit CSI), DEL, and the bidirectional overrides and
// isolates that make a text read other than it is stored (U+202A–U+202E,
// U+2066–U+2069, « Trojan Source »).
//
// Free text is cleaned once, where it enters conduite's domain (Line for a
// one-line field, Text where line breaks belong); a name that must stay
// recognisable, such as a file name in a message, is shown with Visible,
// which escapes those characters instead of dropping them.
package safetext

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Unsafe reports whether r is a character that Line and Text drop: a C0
// control, DEL, a C1 control or a bidirectional override or isolate.
func Unsafe(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// Line returns s as one line of plain text: a tab or a line break becomes a
// space, the other unsafe characters and invalid UTF-8 bytes are dropped.
func Line(s string) string { return clean(s, false) }

// Text returns s as plain text that may span lines: "\n" is kept, "\r\n"
// and a lone "\r" become "\n", a tab becomes a space, the other unsafe
// characters and invalid UTF-8 bytes are dropped.
func Text(s string) string { return clean(s, true) }

func clean(s string, multiline bool) string {
	if isClean(s, multiline) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		next := i + size
		switch {
		case r == utf8.RuneError && size <= 1:
			// an invalid byte: a lone 0x9b would be an 8-bit CSI
		case r == '\t':
			b.WriteByte(' ')
		case r == '\r' && multiline:
			b.WriteByte('\n')
			if next < len(s) && s[next] == '\n' {
				next++
			}
		case r == '\n' || r == '\r':
			if multiline {
				b.WriteByte('\n')
			} else {
				b.WriteByte(' ')
			}
		case Unsafe(r):
		default:
			b.WriteString(s[i:next])
		}
		i = next
	}
	return b.String()
}

// isClean is the fast path: most text has nothing to clean.
func isClean(s string, multiline bool) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\n' && multiline:
		case c < 0x20 || c == 0x7f:
			return false
		case c >= 0x80:
			return cleanFrom(s[i:], multiline)
		}
	}
	return true
}

func cleanFrom(s string, multiline bool) bool {
	for _, r := range s {
		if r == utf8.RuneError || (Unsafe(r) && !(r == '\n' && multiline)) {
			return false
		}
	}
	return utf8.ValidString(s)
}

// Visible returns s with every unsafe character written as an escape
// (\x1b, \a, \n, \u009b, \u202e), and every invalid UTF-8 byte as \xNN, so
// that a name with such characters in it can still be recognised without
// the terminal acting on them. Everything else, accents included, is left
// as it is; so is the backslash (Windows paths).
func Visible(s string) string {
	if isClean(s, false) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case !Unsafe(r):
			b.WriteString(s[i : i+size])
		case r == '\a':
			b.WriteString(`\a`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x80:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
		i += size
	}
	return b.String()
}

// VisibleLines is Visible for a message of several lines: each line is
// escaped, the line breaks between them are kept.
func VisibleLines(s string) string {
	if isClean(s, true) {
		return s
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = Visible(l)
	}
	return strings.Join(lines, "\n")
}
