package report_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"

	mdhtml "github.com/yuin/goldmark/renderer/html"

	"github.com/conduite/conduite/questionnaire"
	"github.com/conduite/conduite/report"
)

// A shared catalog file and an answers file sent by someone else are
// untrusted: whatever their texts hold, the Markdown report has the
// structure its template gives it, and each text reads as itself. The
// Markdown is parsed as glamour (and GitHub) read it: CommonMark with the
// GFM extensions (tables, strikethrough, autolinks of bare URLs).

// markdownParser reads Markdown as glamour.NewTermRenderer does.
var markdownParser = goldmark.New(goldmark.WithExtensions(extension.GFM, extension.DefinitionList))

func parseMarkdown(src []byte) ast.Node {
	return markdownParser.Parser().Parse(text.NewReader(src))
}

// injections are what a text may try: raw HTML, links and images to any
// scheme, autolinks, headings (ATX and setext, on a line of their own),
// a reference definition, emphasis, strikethrough, code, entities, table
// pipes, a hard line break, a lone backslash.
var injections = []string{
	`<img src=x onerror=alert(1)>`,
	`</p><script>alert(1)</script>`,
	`<!-- commentaire -->`,
	`[clic](javascript:alert(1))`,
	`[clic](https://evil.example/)`,
	`![image](https://evil.example/x.png)`,
	`<javascript:alert(1)>`,
	`<https://evil.example/>`,
	`<moi@evil.example>`,
	"\n# Titre injecté\n",
	"\n\n## Section injectée\n\n",
	"\nTitre setext\n===\n",
	"\n---\n",
	"\n[ref]: javascript:alert(1)\n",
	"\n- une liste\n1. numérotée\n> citation\n",
	"    code indenté",
	"**gras** __gras__ *it* _it_ ~~barré~~ ~barré~ `code` ``code``",
	"www.evil.example https://evil.example/x?a=1&b=2 ftp://evil.example/f moi@evil.example",
	"&lt;b&gt; &#60;i&#62; &amp; &copy;",
	"| a | b |",
	"fin  \nsuite",
	`barre \`,
}

// evil is every injection in one text (spaces at its end, in a field
// before ** or a line's end, would end the bold or break the line).
func evil(field string) string { return field + " " + strings.Join(injections, " ") + " fin" }

// oneLine is how a text of several lines reads in the report: one line,
// each line break a space.
func oneLine(s string) string {
	return strings.TrimSpace(strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s))
}

// catalogFile is an override whose tool is an alternative for messaging
// between agents, so that it shows in the report, with its own source.
//
// A source's texts may hold no control character (the loader refuses one
// with its position), so the line breaks of the evil texts are spaces there.
func catalogFile(name, forText, limits, note, title, short, author string) []byte {
	q := func(s string) string { b, _ := json.Marshal(s); return string(b) }
	title, short, author = oneLine(title), oneLine(short), oneLine(author)
	return fmt.Appendf(nil, `sources:
  - id: dpd-note
    kind: reference
    title: %s
    short: %s
    author: %s
    url: https://dpd.exemple.fr/note
tools:
  - id: outil-local
    name: %s
    usages: [messagerie]
    publisher: "Académie"
    country: "France"
    facts:
      contrat: fourni_institution
    extra_eu_law: non
    e2ee: non
    note: {fr: %s, en: %s}
    sources: [dpd-note]
    checked: "2026-11-20"
    alternative:
      usages: [messagerie]
      audiences: [agents]
      referentiels: [education-nationale]
      rank: 0
      for: {fr: %s, en: %s}
      limits: {fr: %s, en: %s}
`, q(title), q(short), q(author), q(name), q(note), q(note), q(forText), q(forText), q(limits), q(limits))
}

// injectedDoc is the report of messaging between agents on a tool named by
// the user, with the override's alternative, and the override's source
// cited by the first reason (as a reason citing a catalog source would).
func injectedDoc(t *testing.T, catalog []byte, tool, etab, auteur string, lang questionnaire.Lang) (*report.Doc, *questionnaire.Content) {
	t.Helper()
	c, err := loadContent(t).WithCatalog("dpd.yaml", catalog)
	if err != nil {
		t.Fatal(err)
	}
	ans, _ := json.Marshal(map[string]string{"usage": "messagerie", "audience": "agents", "nom_outil": tool, "etablissement": etab, "auteur": auteur})
	a, err := c.ParseAnswers("demande.json", ans)
	if err != nil {
		t.Fatal(err)
	}
	d := report.New(c.Evaluate(a), fixedOptions(lang))
	if !slices.ContainsFunc(d.Alternatives, func(a report.Alternative) bool { return a.ID == "outil-local" }) {
		t.Fatalf("the override's alternative is not in the report: %+v", d.Alternatives)
	}
	src, _ := c.Sources.Get("dpd-note")
	rs := report.Source{ID: src.ID, Kind: src.Kind, Title: src.Title, Short: src.Short, Author: src.Author, Date: src.Date, URL: src.URL, Citation: src.Citation(c.Texts, lang)}
	if len(d.Reasons) == 0 {
		t.Fatal("no reason in the report")
	}
	d.Reasons[0].Sources = append(d.Reasons[0].Sources, rs)
	d.Sources = append(d.Sources, rs)
	return d, c
}

func benignDoc(t *testing.T, lang questionnaire.Lang) (*report.Doc, *questionnaire.Content) {
	return injectedDoc(t, catalogFile("Outil local", "Pour écrire entre agents.", "Aucune.", "Une note.", "Note du DPD", "Note DPD", "note.txt"),
		"Outil maison", "Collège Jean-Zay", "Le DPD", lang)
}

func evilDoc(t *testing.T, lang questionnaire.Lang) (*report.Doc, *questionnaire.Content) {
	return injectedDoc(t, catalogFile(evil("nom")+"  ", evil("pour"), evil("limites")+"   ", evil("note"), evil("titre"), "court <b>*x*</b> [a](javascript:x)", "fichier`x`<b>.txt"),
		userText, userText, userText, lang)
}

// userText is what a user may type in nom_outil, etablissement and auteur
// (one line: the answers file keeps a text on one line).
const userText = "~~barré~~ ~un~ www.exemple.fr https://exemple.fr/x?a=1&b=2 jean@exemple.fr &amp; &#60; <b>gras</b> **x** _y_ `z` [l](javascript:alert(1)) #5 | a\\b \\"

func renderMarkdown(t *testing.T, d *report.Doc, c *questionnaire.Content) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := d.WriteMarkdown(&b, c); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// shape is the tree of node kinds, texts left out (a run of text nodes
// counts as one): two reports of the same template have the same shape
// whatever their texts say.
func shape(n ast.Node) []string {
	var out []string
	depth := 0
	_ = ast.Walk(n, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			depth--
			return ast.WalkContinue, nil
		}
		depth++
		kind := n.Kind().String()
		switch n.Kind() {
		case ast.KindText, ast.KindString:
			if prev := n.PreviousSibling(); prev != nil && (prev.Kind() == ast.KindText || prev.Kind() == ast.KindString) {
				return ast.WalkContinue, nil
			}
			kind = "Text"
		case ast.KindHeading:
			kind = fmt.Sprintf("Heading%d", n.(*ast.Heading).Level)
		}
		out = append(out, strings.Repeat(" ", depth)+kind)
		return ast.WalkContinue, nil
	})
	return out
}

// plainText is the text a reader sees in n: escapes undone, entities
// resolved, as goldmark's HTML renderer writes it, then HTML-unescaped.
func plainText(n ast.Node, src []byte) string {
	var b bytes.Buffer
	w := bufio.NewWriter(&b)
	_ = ast.Walk(n, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.CodeSpan:
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				if t, ok := c.(*ast.Text); ok {
					_, _ = w.WriteString(html.EscapeString(string(t.Segment.Value(src))))
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			mdhtml.DefaultWriter.Write(w, n.Segment.Value(src))
			if n.SoftLineBreak() || n.HardLineBreak() {
				_ = w.WriteByte('\n')
			}
		case *ast.String:
			mdhtml.DefaultWriter.Write(w, n.Value)
		}
		return ast.WalkContinue, nil
	})
	_ = w.Flush()
	return html.UnescapeString(b.String())
}

// headings lists the headings: level and text.
func headings(n ast.Node, src []byte) []string {
	var out []string
	_ = ast.Walk(n, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			out = append(out, fmt.Sprintf("h%d %s", h.Level, plainText(h, src)))
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return out
}

// markupFindings lists what must never come out of a report: raw HTML,
// images, links other than https, and any link whose address the report's
// sources do not give (a link in a text).
func markupFindings(doc ast.Node, src []byte, allowed []string) []string {
	var bad []string
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.HTMLBlock, *ast.RawHTML:
			bad = append(bad, fmt.Sprintf("raw HTML (%s): %q", n.Kind(), clip(string(rawLines(n, src)))))
		case *ast.Image:
			bad = append(bad, fmt.Sprintf("image to %q", n.Destination))
		case *ast.Link:
			if !strings.HasPrefix(string(n.Destination), "https://") || !slices.Contains(allowed, string(n.Destination)) {
				bad = append(bad, fmt.Sprintf("link to %q", n.Destination))
			}
		case *ast.AutoLink:
			if u := string(n.URL(src)); n.AutoLinkType != ast.AutoLinkURL || !strings.HasPrefix(u, "https://") || !slices.Contains(allowed, u) {
				bad = append(bad, fmt.Sprintf("autolink to %q", u))
			}
		case *extast.Strikethrough:
			bad = append(bad, fmt.Sprintf("strikethrough %q", plainText(n, src)))
		}
		return ast.WalkContinue, nil
	})
	return bad
}

func rawLines(n ast.Node, src []byte) []byte {
	var b []byte
	if r, ok := n.(*ast.RawHTML); ok {
		for i := range r.Segments.Len() {
			seg := r.Segments.At(i)
			b = append(b, seg.Value(src)...)
		}
		return b
	}
	for i := range n.Lines().Len() {
		seg := n.Lines().At(i)
		b = append(b, seg.Value(src)...)
	}
	return b
}

func clip(s string) string {
	if len(s) > 80 {
		return s[:80] + "…"
	}
	return s
}

func sourceURLs(d *report.Doc) []string {
	var out []string
	for _, s := range d.Sources {
		out = append(out, s.URL)
	}
	return out
}

func TestMarkdownCatalogAndUserTextInert(t *testing.T) {
	for _, lang := range questionnaire.Langs {
		t.Run(string(lang), func(t *testing.T) {
			good, gc := benignDoc(t, lang)
			bad, bc := evilDoc(t, lang)
			goodSrc, badSrc := renderMarkdown(t, good, gc), renderMarkdown(t, bad, bc)
			goodAST, badAST := parseMarkdown(goodSrc), parseMarkdown(badSrc)

			if f := markupFindings(goodAST, goodSrc, sourceURLs(good)); len(f) > 0 {
				t.Fatalf("the benign report already has %v", f)
			}
			for _, f := range markupFindings(badAST, badSrc, sourceURLs(good)) {
				t.Errorf("injected: %s", f)
			}
			gh, bh := headings(goodAST, goodSrc), headings(badAST, badSrc)
			if len(gh) != len(bh) {
				t.Errorf("headings %q; the template writes %q", bh, gh)
			} else {
				for i := 1; i < len(gh); i++ { // the first is the title, with the tool's name
					if gh[i] != bh[i] {
						t.Errorf("heading %d is %q; the template writes %q", i, bh[i], gh[i])
					}
				}
			}
			if g, b := shape(goodAST), shape(badAST); !slices.Equal(g, b) {
				i := 0
				for i < min(len(g), len(b)) && g[i] == b[i] {
					i++
				}
				t.Errorf("the report's structure changed at node %d: %q in place of %q", i, at(b, i), at(g, i))
			}

			// every text reads as itself, on one line
			all := plainText(badAST, badSrc)
			title := headings(badAST, badSrc)[0]
			if want := "h1 " + bad.T("report_title") + bad.T("colon") + userText; title != want {
				t.Errorf("title\n  %q\nwant\n  %q", title, want)
			}
			texts := map[string]string{"nom_outil, etablissement, auteur": userText}
			for _, a := range bad.Alternatives {
				if a.ID == "outil-local" {
					texts["alternative name"], texts["alternative for"], texts["alternative limits"] = a.Name, a.For, a.Limits
				}
			}
			s := bad.Sources[len(bad.Sources)-1]
			texts["source title"], texts["source short"], texts["source author"] = s.Title, s.Short, s.Author
			for what, want := range texts {
				if n := strings.Count(all, oneLine(want)); n == 0 {
					t.Errorf("%s does not read as itself in the report: %q not found", what, oneLine(want))
				}
			}
			if n := strings.Count(all, userText); n < 3 {
				t.Errorf("the user's text reads as itself %d times; want the title, the institution and the author", n)
			}
		})
	}
}

func at(s []string, i int) string {
	if i < len(s) {
		return strings.TrimSpace(s[i])
	}
	return "(end)"
}

// A source's address is a link only when it is https: whatever else a
// Doc holds (conduite's own sources.yaml, a future source of addresses)
// comes out as text, never as a link the reader may follow.
func TestMarkdownSourceURLOnlyHTTPS(t *testing.T) {
	for _, u := range []string{
		"javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:x",
		"http://exemple.fr/page", "file:///etc/passwd", "//evil.example/x", "https://exemple.fr/a> <b>x</b>",
		"https://exemple.fr/a b", "https:evil", "mailto:moi@evil.example",
	} {
		t.Run(u, func(t *testing.T) {
			d, c := benignDoc(t, questionnaire.FR)
			d.Sources[len(d.Sources)-1].URL = u
			src := renderMarkdown(t, d, c)
			doc := parseMarkdown(src)
			for _, f := range markupFindings(doc, src, sourceURLs(d)) {
				t.Errorf("%s", f)
			}
			if all := plainText(doc, src); !strings.Contains(all, u) {
				t.Errorf("the address %q does not read as itself", u)
			}
			page := writeHTML(t, d)
			for _, m := range hrefs.FindAllStringSubmatch(page, -1) {
				if h := html.UnescapeString(m[1]); !strings.HasPrefix(h, "#") && !strings.HasPrefix(h, "https://") {
					t.Errorf("HTML link to %q", h)
				}
			}
			if !strings.Contains(html.UnescapeString(page), u) {
				t.Errorf("the HTML page does not show the address %q", u)
			}
		})
	}
	// and an https address is a link in both
	d, c := benignDoc(t, questionnaire.FR)
	src := renderMarkdown(t, d, c)
	if !bytes.Contains(src, []byte("<https://dpd.exemple.fr/note>")) {
		t.Errorf("the https source is not a link in Markdown")
	}
	if !strings.Contains(writeHTML(t, d), `<a href="https://dpd.exemple.fr/note">`) {
		t.Errorf("the https source is not a link in HTML")
	}
}

var hrefs = regexp.MustCompile(`(?i)\shref="([^"]*)"`)

// The HTML report escapes the catalog's texts as it does the user's: no
// tag, no link but the template's own (#src-N) and https sources.
func TestHTMLCatalogTextInert(t *testing.T) {
	d, _ := evilDoc(t, questionnaire.FR)
	page := writeHTML(t, d)
	for _, tag := range anyTag.FindAllString(page, -1) {
		// a quoted value is text (html/template escaped its quotes)
		if m := badTag.FindString(quoted.ReplaceAllString(tag, `""`)); m != "" {
			t.Errorf("a tag from a text reached the page: %q", tag)
		}
	}
	for _, m := range hrefs.FindAllStringSubmatch(page, -1) {
		if h := html.UnescapeString(m[1]); !strings.HasPrefix(h, "#src-") && !slices.Contains(sourceURLs(d), h) {
			t.Errorf("HTML link to %q", h)
		}
	}
	for _, a := range d.Alternatives {
		if a.ID == "outil-local" && !strings.Contains(html.UnescapeString(page), a.Name) {
			t.Errorf("the alternative's name is not on the page, escaped")
		}
	}
}

// every tag of the page (text is escaped: a < in it is &lt;), and what no
// tag of the template has
var (
	anyTag = regexp.MustCompile(`<[^>]*>`)
	quoted = regexp.MustCompile(`"[^"]*"`)
	badTag = regexp.MustCompile(`(?i)^</?(script|img|iframe|object|embed|b|i)\b|\son[a-z]+\s*=|javascript:`)
)

// `conduite tools ID` and `conduite tools` print a catalog entry as
// Markdown: an override's entry has the shape of any other.
func TestToolMarkdownInert(t *testing.T) {
	good := catalogFile("Outil local", "Pour écrire entre agents.", "Aucune.", "Une note.", "Note du DPD", "Note DPD", "note.txt")
	bad := catalogFile(evil("nom")+"  ", evil("pour"), evil("limites")+"   ", evil("note"), evil("titre"), "court <b>*x*</b>", "fichier`x`<b>.txt")
	render := func(data []byte, name string) (entry, list []byte) {
		c, err := loadContent(t).WithCatalog(name, data)
		if err != nil {
			t.Fatal(err)
		}
		tool, _ := c.Catalog.Tool("outil-local")
		return []byte(report.NewTool(c, tool, questionnaire.FR).Markdown()), []byte(report.NewTools(c, questionnaire.FR).Markdown())
	}
	ge, gl := render(good, "dpd.yaml")
	be, bl := render(bad, "dpd `x` <b>[a](javascript:x)</b>.yaml")
	for _, p := range []struct {
		what      string
		good, bad []byte
	}{{"tools ID", ge, be}, {"tools", gl, bl}} {
		gast, bast := parseMarkdown(p.good), parseMarkdown(p.bad)
		for _, f := range markupFindings(bast, p.bad, allLinks(gast, p.good)) {
			t.Errorf("%s: injected: %s", p.what, f)
		}
		if g, b := shape(gast), shape(bast); !slices.Equal(g, b) {
			i := 0
			for i < min(len(g), len(b)) && g[i] == b[i] {
				i++
			}
			t.Errorf("%s: the structure changed at node %d: %q in place of %q", p.what, i, at(b, i), at(g, i))
		}
		if all := plainText(bast, p.bad); !strings.Contains(all, oneLine(evil("nom"))) {
			t.Errorf("%s: the tool's name does not read as itself", p.what)
		}
	}
}

// allLinks lists the https addresses a benign document links to.
func allLinks(n ast.Node, src []byte) []string {
	var out []string
	_ = ast.Walk(n, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if l, ok := n.(*ast.AutoLink); ok && entering {
			out = append(out, string(l.URL(src)))
		}
		return ast.WalkContinue, nil
	})
	return out
}
