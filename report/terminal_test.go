package report_test

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/conduite/conduite/questionnaire"
	"github.com/conduite/conduite/report"
)

var allStyles = []report.Style{report.StyleDark, report.StyleLight, report.StyleNoColor, report.StylePresentDark, report.StylePresentLight}

// terminalDocs are the Markdown texts a terminal shows: the report of every
// example and the card of every catalog tool, in both languages.
func terminalDocs(t *testing.T) map[string]string {
	t.Helper()
	c := loadContent(t)
	docs := map[string]string{}
	for _, lang := range []questionnaire.Lang{questionnaire.FR, questionnaire.EN} {
		for _, ex := range examples(t, c) {
			md, err := report.New(c.Evaluate(ex.answers), fixedOptions(lang)).Markdown()
			if err != nil {
				t.Fatal(err)
			}
			docs[ex.name+"/"+string(lang)] = md
		}
		for _, id := range c.Catalog.IDs() {
			tool, _ := c.Catalog.Tool(id)
			docs["tool "+id+"/"+string(lang)] = report.NewTool(c, tool, lang).Markdown()
		}
	}
	return docs
}

// plainLines is a render as a reader sees it: no escape codes, no-break
// spaces as spaces, non-breaking hyphens as hyphens.
func plainLines(s string) []string {
	s = strings.NewReplacer("\u00a0", " ", "\u2011", "-").Replace(ansi.Strip(s))
	return strings.Split(s, "\n")
}

var headingMark = regexp.MustCompile(`^\s*#{1,6}\s`)

// No style shows a Markdown mark: no « ## » before a heading, no « ** »
// or « __ » around bold text, no backquote around code.
func TestTerminalStylesShowNoMarks(t *testing.T) {
	docs := terminalDocs(t)
	for _, name := range sampleNames(docs) {
		md := docs[name]
		for _, st := range allStyles {
			widths := []int{40, 120}
			if st != report.StyleNoColor && st != report.StyleDark {
				// The other styles differ from these only in colours.
				if strings.HasPrefix(name, "tool ") {
					continue
				}
				widths = []int{80}
			}
			for _, w := range widths {
				out, err := report.RenderTerminal(md, w, st)
				if err != nil {
					t.Fatal(err)
				}
				for i, l := range plainLines(out) {
					if headingMark.MatchString(l) || strings.Contains(l, "**") || strings.Contains(l, "__") || strings.Contains(l, "`") {
						t.Errorf("%s, %s, %d columns, line %d shows Markdown marks: %q", name, st, w, i+1, l)
					}
				}
			}
		}
	}
}

// sgrColour finds a colour in a Select Graphic Rendition sequence.
var sgrRE = regexp.MustCompile(`\x1b\[([0-9;:]*)m`)

func hasColour(s string) bool {
	for _, m := range sgrRE.FindAllStringSubmatch(s, -1) {
		for p := range strings.SplitSeq(strings.ReplaceAll(m[1], ":", ";"), ";") {
			n, err := strconv.Atoi(p)
			if err == nil && (n >= 30 && n <= 49 || n >= 90 && n <= 107) {
				return true
			}
		}
	}
	return false
}

// Without colour, the report has none (whatever the colour profile lets
// through) but keeps its weight: bold for the headings and the levels.
func TestTerminalNoColorStyle(t *testing.T) {
	docs := terminalDocs(t)
	md := docs["discord-classe.yaml/fr"]
	out, err := report.RenderTerminal(md, 80, report.StyleNoColor)
	if err != nil {
		t.Fatal(err)
	}
	if hasColour(out) {
		t.Error("the no-colour style sets a colour")
	}
	if !strings.Contains(out, "\x1b[1m") {
		t.Error("the no-colour style lost bold")
	}
	if !strings.Contains(strings.Join(plainLines(out), "\n"), "POURQUOI") {
		t.Error("without colour a heading is in capitals")
	}
	for _, st := range []report.Style{report.StyleDark, report.StyleLight, report.StylePresentDark, report.StylePresentLight} {
		out, err := report.RenderTerminal(md, 80, st)
		if err != nil {
			t.Fatal(err)
		}
		if !hasColour(out) {
			t.Errorf("%s: no colour", st)
		}
		if strings.Contains(strings.Join(plainLines(out), "\n"), "POURQUOI") {
			t.Errorf("%s: a heading in capitals, where colour sets it apart", st)
		}
	}
}

var urlRE = regexp.MustCompile(`https?://[^\s<>)]+`)

// hostOf is a URL's host as TerminalLinks shows it.
func hostOf(u string) string {
	h := strings.TrimPrefix(strings.TrimPrefix(u, "https://"), "http://")
	h, _, _ = strings.Cut(h, "/")
	return strings.TrimPrefix(h, "www.")
}

// checkURLsWhole checks a render of md: every URL of md is on one line,
// whole, or shortened to its host; and no line holds a piece of a URL.
func checkURLsWhole(t *testing.T, where, md, out string) {
	t.Helper()
	lines := plainLines(out)
	urls := map[string]bool{}
	for _, u := range urlRE.FindAllString(md, -1) {
		urls[u] = true
	}
	for u := range urls {
		whole, host := false, false
		for _, l := range lines {
			whole = whole || strings.Contains(l, u)
			host = host || strings.Contains(l, hostOf(u))
		}
		if !whole && !host {
			t.Errorf("%s: %s is neither whole on a line nor shortened to its host", where, u)
		}
	}
	for i, l := range lines {
		for _, u := range urlRE.FindAllString(l, -1) {
			if !urls[u] {
				t.Errorf("%s, line %d: a piece of a URL, %q", where, i+1, u)
			}
		}
	}
}

// No URL is ever cut across two lines, at any width, in any style.
func TestTerminalURLsStayWhole(t *testing.T) {
	docs := terminalDocs(t)
	n := 0
	for _, name := range sampleNames(docs) {
		md := docs[name]
		n += len(urlRE.FindAllString(md, -1))
		for _, st := range []report.Style{report.StyleDark, report.StyleNoColor} {
			for _, w := range []int{40, 60, 78, 100, 158} {
				out, err := report.RenderTerminal(md, w, st)
				if err != nil {
					t.Fatal(err)
				}
				checkURLsWhole(t, fmt.Sprintf("%s, %s, %d columns", name, st, w), md, out)
			}
		}
	}
	if n == 0 {
		t.Fatal("no URL in the reports: the test tests nothing")
	}
}

func TestTerminalLinks(t *testing.T) {
	const eurlex = "https://eur-lex.europa.eu/eli/reg/2016/679/oj"
	long := "https://www.example-long.fr/" + strings.Repeat("a", 80)
	for _, tc := range []struct{ name, in, want string }{
		{"an autolink in a list item, on its own line",
			"- **RGPD** — article 28 — <" + eurlex + ">",
			"- **RGPD** — article 28\\\n  <" + eurlex + ">"},
		{"text after the link goes on the next line",
			"- voir <" + eurlex + "> et la suite",
			"- voir\\\n  <" + eurlex + ">\\\n  et la suite"},
		{"a link that starts the item stays there",
			"- <" + eurlex + ">",
			"- <" + eurlex + ">"},
		{"an inline link keeps its text",
			"- le [règlement](" + eurlex + ")",
			"- le règlement\\\n  <" + eurlex + ">"},
		{"too long for the line: its host",
			"- une page — <" + long + ">",
			"- une page\\\n  example\u2011long.fr"},
		{"an inline link too long: its text and its host",
			"- la [page](" + long + ")",
			"- la page\\\n  example\u2011long.fr"},
		{"an inline link in running text: its text and its host",
			"Voir la [page](" + long + ").",
			"Voir la page (example\u2011long.fr)."},
		{"in a paragraph, where glamour joins the lines: its host",
			"Voir <" + eurlex + "> pour le texte.",
			"Voir eur\u2011lex.europa.eu pour le texte."},
		{"a bare URL in a list item",
			"- voir " + eurlex + ".",
			"- voir\\\n  <" + eurlex + ">\\\n  ."},
		{"a continuation line keeps its indentation",
			"- **A** — un texte\n  _Sources : <" + eurlex + ">_",
			"- **A** — un texte\n  _Sources :\\\n  <" + eurlex + ">\\\n  _"},
		{"a paragraph after the list is no longer in it",
			"- un\n\nVoir <" + eurlex + ">",
			"- un\n\nVoir eur\u2011lex.europa.eu"},
		{"an escaped autolink is text", "- \\<" + eurlex + "\\>", "- \\<" + eurlex + "\\>"},
		{"code spans are left alone", "- `<" + eurlex + ">`", "- `<" + eurlex + ">`"},
		{"tables are left alone", "| a | <" + eurlex + "> |", "| a | <" + eurlex + "> |"},
		{"code blocks are left alone", "```\n<" + eurlex + ">\n```", "```\n<" + eurlex + ">\n```"},
		{"no URL, nothing to do", "- **A** — b", "- **A** — b"},
		{"a bare URL with escaped marks is left alone", "- voir https://x.fr/a\\_b", "- voir https://x.fr/a\\_b"},
	} {
		if got := report.TerminalLinks(tc.in, 80); got != tc.want {
			t.Errorf("%s:\n got %q\nwant %q", tc.name, got, tc.want)
		}
	}
}

// The Markdown file keeps every URL whole: only the terminal lays them
// out.
func TestMarkdownExportKeepsURLs(t *testing.T) {
	c := loadContent(t)
	n := 0
	for _, ex := range examples(t, c) {
		doc := report.New(c.Evaluate(ex.answers), fixedOptions(questionnaire.FR))
		md, err := doc.Markdown()
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range doc.Sources {
			if s.URL != "" {
				n++
				if !strings.Contains(md, s.URL) {
					t.Errorf("%s: the Markdown lacks %s", ex.name, s.URL)
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("no source with a URL")
	}
}

// TerminalLinks takes any Markdown (a report holds user-given text): it
// never panics, leaves a text without URL as it is, and keeps every word
// that is not a URL.
func FuzzTerminalLinks(f *testing.F) {
	for _, s := range []string{
		"- **RGPD** — article 28 — <https://eur-lex.europa.eu/eli/reg/2016/679/oj>",
		"- le [règlement](https://eur-lex.europa.eu/x) et la suite",
		"Voir https://www.legifrance.gouv.fr/loda/id/JORFTEXT000000886460.",
		"- `<https://a.fr>` \\` <https://b.fr>",
		"| a | <https://a.fr> |\n```\n<https://a.fr>\n```",
		"- \\<https://a.fr\\> [x\\](https://b.fr)",
	} {
		f.Add(s, 80)
	}
	f.Fuzz(func(t *testing.T, md string, width int) {
		width = 20 + abs(width)%200
		out := report.TerminalLinks(md, width)
		if !strings.Contains(md, "://") && out != md {
			t.Fatalf("a text without URL changed: %q → %q", md, out)
		}
		words := func(s string) map[string]bool {
			m := map[string]bool{}
			for w := range strings.FieldsSeq(s) {
				w = strings.TrimRight(w, "\\") // a hard line break, or a literal backslash before one
				if w != "" && !strings.Contains(w, "://") && !strings.ContainsAny(w, "<>[]()\\—–-") {
					m[w] = true
				}
			}
			return m
		}
		got := words(out)
		for w := range words(md) {
			if !got[w] {
				t.Fatalf("the word %q is lost: %q → %q", w, md, out)
			}
		}
	})
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// sampleNames lists the documents' names, sorted: all of them, or every
// fourth under -short (the race run), where a render costs ten times more.
func sampleNames(docs map[string]string) []string {
	names := slices.Sorted(maps.Keys(docs))
	if !testing.Short() {
		return names
	}
	var some []string
	for i, n := range names {
		if i%4 == 0 {
			some = append(some, n)
		}
	}
	return some
}
