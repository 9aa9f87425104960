package report_test

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/conduite/conduite/report"
)

// mdContexts are the places the templates put an escaped text: in a
// paragraph, a heading, bold, italic, a list item, a table cell.
var mdContexts = []string{
	"x TEXT y\n",
	"# Rapport : TEXT\n",
	"- **TEXT** — TEXT\n  Limites : TEXT\n",
	"- **a** — b\n  _Sources : TEXT, TEXT_\n",
	"| a | b |\n|---|---|\n| TEXT | TEXT |\n",
	"a · Auteur : TEXT\n\n## Pourquoi\n",
	"## Note\n\nTEXT\n", // tools ID: the note is a paragraph of its own
}

// Whatever a text holds, escaped it leaves the Markdown around it as it
// was (the same tree as with a plain word) and reads as itself: its line
// breaks as spaces, the spaces at its ends dropped.
func FuzzEscapeMarkdown(f *testing.F) {
	for _, s := range append(slices.Clone(injections), userText, "", " ", "a  ", "\\", "`", "***", "~~", "&amp;", "www.x.fr", "a@b.fr", "https://x.fr",
		"- liste", "+ liste", "1. un", "12) douze", "---", "- - -", "===", "=", "> cité", "    code", "\tcode") {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || strings.ContainsFunc(s, func(r rune) bool {
			// controls never reach a report (sanitised where texts enter)
			return unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t'
		}) {
			t.Skip()
		}
		e := report.EscapeMarkdown(s)
		if strings.ContainsAny(e, "\n\r") {
			t.Fatalf("EscapeMarkdown(%q) = %q: more than one line", s, e)
		}
		want := strings.TrimFunc(strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s), unicode.IsSpace)
		for _, ctx := range mdContexts {
			plain := []byte(strings.ReplaceAll(ctx, "TEXT", "mot"))
			src := []byte(strings.ReplaceAll(ctx, "TEXT", e))
			if want == "" {
				continue // an empty text is the template's to leave out
			}
			got, base := parseMarkdown(src), parseMarkdown(plain)
			if g, b := shape(got), shape(base); !slices.Equal(g, b) {
				t.Fatalf("in %q, %q (escaped %q) changed the structure:\n%q\nwant\n%q", ctx, s, e, g, b)
			}
			if text := plainText(got, src); !strings.Contains(text, want) {
				t.Fatalf("in %q, %q (escaped %q) reads %q", ctx, s, e, text)
			}
		}
	})
}

// A code span (a file name, an address that is not https) holds whatever
// it is given: it stays one code span, showing the text on one line.
func FuzzMarkdownCode(f *testing.F) {
	for _, s := range []string{"note.txt", "`", "``x``", " a ", "   ", "a`b", "x\ny", "` <b>", "<img src=x>", "https://x.fr"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || strings.ContainsFunc(s, func(r rune) bool {
			return unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t'
		}) {
			t.Skip()
		}
		want := strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' }), " ")
		if want == "" {
			t.Skip() // the templates write no empty code span
		}
		for _, ctx := range []string{"- **a** — b (TEXT) — c\n", "Origine : TEXT\n"} {
			src := []byte(strings.ReplaceAll(ctx, "TEXT", report.MarkdownCode(s)))
			plain := []byte(strings.ReplaceAll(ctx, "TEXT", "`mot`"))
			got, base := parseMarkdown(src), parseMarkdown(plain)
			if g, b := shape(got), shape(base); !slices.Equal(g, b) {
				t.Fatalf("in %q, %q (as %q) changed the structure:\n%q\nwant\n%q", ctx, s, report.MarkdownCode(s), g, b)
			}
			if text := plainText(got, src); !strings.Contains(text, want) {
				t.Fatalf("in %q, %q (as %q) reads %q", ctx, s, report.MarkdownCode(s), text)
			}
		}
	})
}
