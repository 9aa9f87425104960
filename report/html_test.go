package report_test

import (
	"bytes"
	"html"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/conduite/conduite/questionnaire"
	"github.com/conduite/conduite/report"
)

// htmlDocs renders every example and case study in both languages.
func htmlDocs(t *testing.T) map[string]*report.Doc {
	t.Helper()
	c := loadContent(t)
	docs := map[string]*report.Doc{}
	for _, lang := range questionnaire.Langs {
		for _, ex := range examples(t, c) {
			docs[ex.name+"/"+string(lang)] = report.New(c.Evaluate(ex.answers), fixedOptions(lang))
		}
		for _, k := range c.Cases.List {
			docs["case "+k.ID+"/"+string(lang)] = report.New(c.Evaluate(k.Answers.WithReferentiel(k.Referentiel)), fixedOptions(lang))
		}
	}
	return docs
}

func writeHTML(t *testing.T, d *report.Doc) string {
	t.Helper()
	var b bytes.Buffer
	if err := d.WriteHTML(&b, loadContent(t)); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

var (
	missingText = regexp.MustCompile(`\[[a-z_]+\]`)
	// anything that would make the page load something or run code
	external = regexp.MustCompile(`(?i)<script|<link|<img|<iframe|<object|<embed|\ssrc=|@import|url\(|\son[a-z]+=|javascript:`)
	h2       = regexp.MustCompile(`<h2>([^<]*)</h2>`)
	mdH2     = regexp.MustCompile(`(?m)^## (.*)$`)
)

// The page is standalone: no script, no external resource, every text key
// found, and the same sections as the Markdown report.
func TestHTMLStandaloneAndComplete(t *testing.T) {
	c := loadContent(t)
	for name, d := range htmlDocs(t) {
		page := writeHTML(t, d)
		if m := missingText.FindString(page); m != "" {
			t.Errorf("%s: missing text %s", name, m)
		}
		if m := external.FindString(page); m != "" {
			t.Errorf("%s: the page is not standalone: %q", name, m)
		}
		if !strings.HasPrefix(page, "<!DOCTYPE html>\n<html lang=\""+string(d.Lang)+"\">") {
			t.Errorf("%s: no doctype or lang", name)
		}
		for _, want := range []string{`<meta name="viewport"`, `@media print`, `@page { size: A4`, `break-inside: avoid`} {
			if !strings.Contains(page, want) {
				t.Errorf("%s: lacks %s", name, want)
			}
		}
		md, err := d.Markdown(c)
		if err != nil {
			t.Fatal(err)
		}
		var hs, mds []string
		for _, m := range h2.FindAllStringSubmatch(page, -1) {
			hs = append(hs, html.UnescapeString(m[1]))
		}
		for _, m := range mdH2.FindAllStringSubmatch(md, -1) {
			mds = append(mds, m[1])
		}
		if strings.Join(hs, "|") != strings.Join(mds, "|") {
			t.Errorf("%s: HTML sections %q; Markdown sections %q", name, hs, mds)
		}
		text := html.UnescapeString(page)
		// the verdict, in words and with its symbol, near the top
		verdict := d.Verdict.Symbol + `</span> ` + d.T("verdict") + d.T("colon") + strings.ToUpper(d.Verdict.Label)
		if i := strings.Index(text, verdict); i < 0 || i > strings.Index(text, "<h2>") {
			t.Errorf("%s: the verdict %q is not before the first section", name, verdict)
		}
		for _, r := range d.Reasons {
			if !strings.Contains(text, r.Text) || !strings.Contains(text, r.Symbol+"</span> "+r.LevelLabel) {
				t.Errorf("%s: reason %s is missing or lacks its symbol and label", name, r.Rule)
			}
		}
		for _, a := range d.Alternatives {
			if !strings.Contains(text, a.Name) || !strings.Contains(text, a.Limits) {
				t.Errorf("%s: alternative %s is missing", name, a.ID)
			}
		}
		for _, it := range d.ToCheckItems {
			if !strings.Contains(text, it.Title) {
				t.Errorf("%s: to check %s is missing", name, it.ID)
			}
		}
		for i, s := range d.Sources {
			if !strings.Contains(text, s.Title) || !strings.Contains(page, `id="src-`+itoa(i+1)+`"`) {
				t.Errorf("%s: source %s is missing", name, s.ID)
			}
		}
	}
}

// The risk chart says every criterion in words, with its symbol, has an
// accessible name and description, and a bar per criterion as long as its
// level.
func TestRiskSVG(t *testing.T) {
	c := loadContent(t)
	a, err := c.ParseAnswers("t.yaml", []byte("outil: discord\nusage: classe_virtuelle\naudience: eleves\nmineurs: oui_moins_15\nappareil: personnel\n"))
	if err != nil {
		t.Fatal(err)
	}
	d := report.New(c.Evaluate(a), fixedOptions(questionnaire.FR))
	for _, layout := range []report.ChartLayout{report.ChartWide, report.ChartNarrow} {
		svg := d.RiskSVG(layout, "p-")
		for _, want := range []string{`role="img"`, `aria-labelledby="p-title p-desc"`, `<title id="p-title">Le risque, critère par critère</title>`, `<desc id="p-desc">`} {
			if !strings.Contains(svg, want) {
				t.Errorf("layout %d: lacks %s", layout, want)
			}
		}
		if n := strings.Count(svg, "<g "); n != len(d.Criteria) {
			t.Errorf("layout %d: %d rows; want %d", layout, n, len(d.Criteria))
		}
		for _, cr := range d.Criteria {
			if !strings.Contains(svg, ">"+html.EscapeString(cr.Title)+"</text>") || !strings.Contains(svg, ">"+cr.Symbol+" "+html.EscapeString(cr.Label)+"</text>") {
				t.Errorf("layout %d: %s is not written out with its symbol and label", layout, cr.ID)
			}
		}
	}
	// bar lengths: proscrit is the full track, sous_conditions half of it
	svg := d.RiskSVG(report.ChartWide, "")
	for _, cr := range d.Criteria {
		want := map[string]string{"proscrit": `width="260" height="14" rx="3" fill="#b3261e"`, "sous_conditions": `width="130" height="14" rx="3" fill="#9a6700"`}[cr.Level]
		if want != "" && !strings.Contains(svg, want) {
			t.Errorf("no bar %s for %s", want, cr.ID)
		}
	}
}

// User-given text is escaped everywhere it appears: title, header, chart.
func TestHTMLEscapesUserText(t *testing.T) {
	c := loadContent(t)
	evil := `<script>alert("x")</script> & <b>`
	a, err := c.ParseAnswers("t.yaml", []byte("nom_outil: '"+evil+"'\netablissement: '"+evil+"'\nauteur: '"+evil+"'\n"))
	if err != nil {
		t.Fatal(err)
	}
	d := report.New(c.Evaluate(a), fixedOptions(questionnaire.EN))
	page := writeHTML(t, d)
	if strings.Contains(page, "<script") || strings.Contains(page, "<b>") {
		t.Fatalf("user text reached the page unescaped")
	}
	if n := strings.Count(page, `&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &lt;b&gt;`); n < 4 {
		t.Errorf("the escaped text appears %d times; want title, h1, institution, author", n)
	}
}

// The header shows établissement and auteur only when given.
func TestHTMLHeaderOptional(t *testing.T) {
	c := loadContent(t)
	a, _ := c.ParseAnswers("t.yaml", []byte("outil: tchap\n"))
	d := report.New(c.Evaluate(a), fixedOptions(questionnaire.FR))
	page := writeHTML(t, d)
	for _, k := range []string{"Établissement", "Auteur"} {
		if strings.Contains(page, "<li>"+k) {
			t.Errorf("%s shown though not given", k)
		}
	}
	for _, want := range []string{"2026-11-23", "v0.0.0-test", "conduite-rgpd " + c.Rules.Version, "Éducation nationale"} {
		if !strings.Contains(page, want) {
			t.Errorf("the header lacks %q", want)
		}
	}
	d.Header.Etablissement, d.Header.Auteur = "Lycée Victor-Hugo", "Mme Martin"
	page = writeHTML(t, d)
	for _, want := range []string{"<li>Établissement\u00a0: Lycée Victor-Hugo</li>", "<li>Auteur\u00a0: Mme Martin</li>"} {
		if !strings.Contains(page, want) {
			t.Errorf("the header lacks %q", want)
		}
	}
}

func itoa(i int) string { return strconv.Itoa(i) }
