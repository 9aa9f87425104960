package export

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/conduite/conduite/report"
)

// maxSlug bounds the tool part of a suggested name.
const maxSlug = 40

// SuggestName proposes a file name for the report, such as
// conduite-discord-2026-11-23.html: a slug of the tool (its catalog id, else
// its name folded to ASCII), then the report's date.
func SuggestName(doc *report.Doc, f Format) string {
	parts := []string{"conduite"}
	tool := doc.Tool.ID
	if tool == "" {
		tool = doc.Tool.Name
	}
	if s := Slug(tool); s != "" {
		parts = append(parts, s)
	}
	if doc.Header.Date != "" {
		parts = append(parts, Slug(doc.Header.Date))
	}
	ext := f.Ext()
	if ext == "" {
		ext = ".txt"
	}
	return strings.Join(parts, "-") + ext
}

// Slug folds s to lower-case ASCII letters, digits and single hyphens
// (« École Jean-Zay » → ecole-jean-zay), at most 40 characters.
func Slug(s string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range norm.NFKD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue // the accent of a decomposed letter
		case r == 'œ' || r == 'Œ':
			b.WriteString("oe")
			hyphen = false
			continue
		case r == 'æ' || r == 'Æ':
			b.WriteString("ae")
			hyphen = false
			continue
		case r == 'ß':
			b.WriteString("ss")
			hyphen = false
			continue
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(unicode.ToLower(r))
			hyphen = false
			continue
		}
		if !hyphen && b.Len() > 0 {
			b.WriteByte('-')
			hyphen = true
		}
	}
	out := strings.TrimRight(b.String(), "-")
	if len(out) > maxSlug {
		out = strings.TrimRight(out[:maxSlug], "-")
	}
	return out
}
