package report

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/signintech/gopdf"

	"github.com/conduite/conduite/assets"
	"github.com/conduite/conduite/questionnaire"
)

// The PDF page: A4 in points, with margins of 2 cm.
const (
	pdfPageW   = 595.28
	pdfPageH   = 841.89
	pdfMargin  = 56.7
	pdfBottom  = pdfPageH - 64 // where the text stops; the footer is below
	pdfTextW   = pdfPageW - 2*pdfMargin
	pdfBody    = 10.0 // the body's size, in points
	pdfSmall   = 8.5
	pdfLeading = 1.35 // line height, as a multiple of the size
)

// The fonts of the PDF: DejaVu Sans, subset (assets/fonts/README.md).
const (
	pdfRegular = "DejaVuSans"
	pdfBold    = "DejaVuSans-Bold"
)

var (
	pdfFontsOnce sync.Once
	pdfFonts     map[string][]byte
	pdfFontsErr  error
)

// fontData reads the embedded fonts once.
func fontData() (map[string][]byte, error) {
	pdfFontsOnce.Do(func() {
		pdfFonts = map[string][]byte{}
		for _, name := range []string{pdfRegular, pdfBold} {
			data, err := assets.Fonts.ReadFile("fonts/" + name + ".ttf")
			if err != nil {
				pdfFontsErr = err
				return
			}
			pdfFonts[name] = data
		}
	})
	return pdfFonts, pdfFontsErr
}

// pdfWriter lays a document out on A4 pages, top to bottom: y is where the
// next line goes on the current page.
type pdfWriter struct {
	pdf  *gopdf.GoPdf
	d    *Doc
	y    float64
	err  error // the first error of a drawing call; the rest are skipped
	font string
	size float64
	page int // the current page, from 1
}

// WritePDF writes the report as an A4 PDF: the verdict first, the risk
// chart, the reasons with their sources, what to check, the alternatives,
// the answers, the sources, then a page number on every page. The fonts are
// embedded (subset); the file is reproducible: its only date is the
// report's, and it has no random identifier.
func (d *Doc) WritePDF(w io.Writer) error {
	data, err := d.PDF()
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

// PDF returns the report as PDF bytes, complete or not at all.
func (d *Doc) PDF() ([]byte, error) {
	fonts, err := fontData()
	if err != nil {
		return nil, fmt.Errorf("pdf fonts: %w", err)
	}
	pdf := &gopdf.GoPdf{}
	pdf.Start(gopdf.Config{PageSize: *gopdf.PageSizeA4, Unit: gopdf.UnitPT})
	opt := gopdf.TtfOption{OnGlyphNotFoundSubstitute: func(rune) rune { return '?' }}
	for _, name := range []string{pdfRegular, pdfBold} {
		if err := pdf.AddTTFFontDataWithOption(name, fonts[name], opt); err != nil {
			return nil, fmt.Errorf("pdf font %s: %w", name, err)
		}
	}
	date, _ := time.Parse(time.DateOnly, d.Header.Date) // zero (no date written) if unreadable
	pdf.SetInfo(gopdf.PdfInfo{
		Title:        d.T("report_title") + d.T("colon") + d.toolName(),
		Author:       d.Header.Auteur,
		Subject:      d.Verdict.Label,
		Creator:      "conduite " + d.Header.Version,
		Producer:     "conduite " + d.Header.Version,
		CreationDate: date,
	})
	p := &pdfWriter{pdf: pdf, d: d}
	p.newPage()
	p.header()
	p.chart()
	p.reasons()
	p.toCheck()
	p.alternatives()
	p.answers()
	p.steps()
	p.sources()
	p.para(pdfRegular, pdfSmall, pdfGrey, 0, d.T("disclaimer"))
	p.footers()
	if p.err != nil {
		return nil, fmt.Errorf("pdf: %w", p.err)
	}
	var b bytes.Buffer
	if _, err := pdf.WriteTo(&b); err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	return b.Bytes(), nil
}

func (d *Doc) toolName() string {
	if d.Tool.Name != "" {
		return d.Tool.Name
	}
	return d.T("report_no_tool")
}

// pdfOrganisation and pdfFooter are the profile's organisation (above the
// title) and footer text (on every page), empty without a profile.
func (d *Doc) pdfOrganisation() string {
	if d.Profile == nil {
		return ""
	}
	return d.Profile.Organisation
}

func (d *Doc) pdfFooter() string {
	if d.Profile == nil {
		return ""
	}
	return d.Profile.Footer
}

// contactLine is « À qui s'adresser : … », the profile's contact, "" without
// one.
func (d *Doc) contactLine() string {
	if d.Profile == nil || d.Profile.Contact == nil {
		return ""
	}
	return d.T("profile_contact") + d.T("colon") + d.Profile.Contact.Line
}

// rgb is a colour of the page.
type rgb struct{ r, g, b uint8 }

var (
	pdfBlack = rgb{0x1f, 0x23, 0x28}
	pdfGrey  = rgb{0x57, 0x60, 0x6a}
	pdfRule  = rgb{0xd0, 0xd7, 0xde}
	pdfShade = rgb{0xf3, 0xf4, 0xf6}
)

// levelRGB is a level's colour, the chart's (riskchart.go).
func levelRGB(l questionnaire.Level) rgb {
	var c rgb
	fmt.Sscanf(chartColours[l], "#%02x%02x%02x", &c.r, &c.g, &c.b)
	return c
}

func (p *pdfWriter) newPage() {
	p.pdf.AddPage()
	p.page++
	p.y = pdfMargin
}

// need starts a new page unless h points fit below y.
func (p *pdfWriter) need(h float64) {
	if p.y+h > pdfBottom {
		p.newPage()
	}
}

func (p *pdfWriter) setFont(font string, size float64) {
	if p.font == font && p.size == size {
		return
	}
	p.font, p.size = font, size
	p.keep(p.pdf.SetFont(font, "", size))
}

func (p *pdfWriter) keep(err error) {
	if err != nil && p.err == nil {
		p.err = err
	}
}

func (p *pdfWriter) textColor(c rgb) { p.pdf.SetTextColor(c.r, c.g, c.b) }
func (p *pdfWriter) fillColor(c rgb) { p.pdf.SetFillColor(c.r, c.g, c.b) }

// width measures s in the current font.
func (p *pdfWriter) width(s string) float64 {
	w, err := p.pdf.MeasureTextWidth(s)
	p.keep(err)
	return w
}

// wrap breaks s into lines at most width wide in the current font, at
// spaces (a word wider than the line is cut); line breaks in s are kept.
func (p *pdfWriter) wrap(s string, width float64) []string {
	var lines []string
	space := p.width(" ")
	for para := range strings.SplitSeq(s, "\n") {
		line, lineW := "", 0.0
		for word := range strings.FieldsSeq(para) {
			ww := p.width(word)
			for ww > width && line == "" && len([]rune(word)) > 1 {
				head := p.cut(word, width)
				lines = append(lines, head)
				word = word[len(head):]
				ww = p.width(word)
			}
			switch {
			case line == "":
				line, lineW = word, ww
			case lineW+space+ww <= width:
				line, lineW = line+" "+word, lineW+space+ww
			default:
				lines = append(lines, line)
				line, lineW = word, ww
			}
		}
		lines = append(lines, line)
	}
	return lines
}

// cut returns the longest start of word (one rune at least) that fits.
func (p *pdfWriter) cut(word string, width float64) string {
	rs := []rune(word)
	n := 1
	for n < len(rs) && p.width(string(rs[:n+1])) <= width {
		n++
	}
	return string(rs[:n])
}

// at writes one line of text in the current font with the top of its line
// box at (x, y) (gopdf's Text takes the baseline).
func (p *pdfWriter) at(x, y float64, s string) {
	if s == "" {
		return
	}
	p.pdf.SetXY(x, y+p.size*0.95)
	p.keep(p.pdf.Text(s))
}

// para writes wrapped text from the left margin plus indent, breaking pages
// between lines, and leaves a small gap below.
func (p *pdfWriter) para(font string, size float64, c rgb, indent float64, s string) {
	p.setFont(font, size)
	p.textColor(c)
	lh := size * pdfLeading
	for _, line := range p.wrap(s, pdfTextW-indent) {
		p.need(lh)
		p.at(pdfMargin+indent, p.y, line)
		p.y += lh
	}
	p.y += size * 0.4
}

// lead writes a bold lead-in (« ✖ À proscrire — ») followed by text on the
// same first line, then wrapped under the indent. A lead-in too long to
// share its line (a long service name) is a line of its own, and so is one
// whose text's first word would not fit beside it.
func (p *pdfWriter) lead(indent float64, boldText string, c rgb, text string) {
	lh := pdfBody * pdfLeading
	avail := pdfTextW - indent
	p.setFont(pdfBold, pdfBody)
	bw := p.width(boldText + " ")
	p.setFont(pdfRegular, pdfBody)
	words := strings.Fields(text)
	if bw > avail*0.7 || (len(words) > 0 && p.width(words[0]) > avail-bw) {
		p.need(2 * lh)
		p.para(pdfBold, pdfBody, c, indent, boldText)
		p.y -= pdfBody * 0.4
		if text != "" {
			p.para(pdfRegular, pdfBody, pdfBlack, indent, text)
		}
		return
	}
	first := p.wrap(text, avail-bw)
	rest := ""
	if len(first) > 1 {
		// the first line beside the lead-in, the others under it
		rest = strings.TrimSpace(strings.TrimPrefix(strings.Join(words, " "), first[0]))
	}
	p.need(lh)
	p.setFont(pdfBold, pdfBody)
	p.textColor(c)
	p.at(pdfMargin+indent, p.y, boldText)
	p.setFont(pdfRegular, pdfBody)
	p.textColor(pdfBlack)
	p.at(pdfMargin+indent+bw, p.y, first[0])
	p.y += lh
	if rest != "" {
		p.para(pdfRegular, pdfBody, pdfBlack, indent, rest)
	} else {
		p.y += pdfBody * 0.4
	}
}

// heading writes a section title, kept with at least two lines after it.
func (p *pdfWriter) heading(s string) {
	p.y += 6
	p.need(14*pdfLeading + 3*pdfBody*pdfLeading)
	p.setFont(pdfBold, 13)
	p.textColor(pdfBlack)
	p.at(pdfMargin, p.y, s)
	p.y += 13 * pdfLeading
	p.pdf.SetStrokeColor(pdfRule.r, pdfRule.g, pdfRule.b)
	p.pdf.SetLineWidth(0.6)
	p.pdf.Line(pdfMargin, p.y-2, pdfPageW-pdfMargin, p.y-2)
	p.y += 4
}

// header is the top of the first page: the organisation, the title, the
// verdict in a band of its colour, and what the report is based on.
func (p *pdfWriter) header() {
	d := p.d
	if org := d.pdfOrganisation(); org != "" {
		p.para(pdfBold, pdfSmall+1, pdfGrey, 0, org)
	}
	p.para(pdfBold, 18, pdfBlack, 0, d.T("report_title")+d.T("colon")+d.toolName())
	band := 30.0
	p.need(band)
	p.fillColor(levelRGB(d.Verdict.Severity()))
	p.keep(p.pdf.Rectangle(pdfMargin, p.y, pdfPageW-pdfMargin, p.y+band, "F", 4, 8))
	p.setFont(pdfBold, 15)
	p.textColor(rgb{0xff, 0xff, 0xff})
	p.at(pdfMargin+10, p.y+7, d.Verdict.Symbol+" "+d.T("verdict")+d.T("colon")+strings.ToUpper(d.Verdict.Label))
	p.y += band + 8
	meta := []string{d.T("referentiel") + d.T("colon") + d.Referentiel.Name,
		d.T("ruleset") + d.T("colon") + d.Ruleset.ID + " " + d.Ruleset.Version,
		d.T("generated") + " " + d.Header.Date + " " + d.T("by_conduite") + " " + d.Header.Version}
	if d.Header.Etablissement != "" {
		meta = append(meta, d.T("etablissement")+d.T("colon")+d.Header.Etablissement)
	}
	if d.Header.Auteur != "" {
		meta = append(meta, d.T("auteur")+d.T("colon")+d.Header.Auteur)
	}
	if d.Profile != nil {
		meta = append(meta, d.Profile.Used)
	}
	p.para(pdfRegular, pdfSmall, pdfGrey, 0, strings.Join(meta, " · "))
	if d.Tool.Matched != "" {
		p.para(pdfRegular, pdfBody, pdfBlack, 0, d.Tool.Matched)
	}
}

// chart draws the risk picture as the SVG chart does (riskchart.go): a bar
// per criterion, a quarter of the track per level, the level in words
// beside it.
func (p *pdfWriter) chart() {
	d := p.d
	if len(d.Criteria) == 0 {
		return
	}
	p.heading(d.T("risk_picture"))
	const rowH, barX, barW, barH = 17.0, 150.0, 190.0, 10.0
	for _, c := range d.Criteria {
		p.need(rowH)
		p.setFont(pdfBold, pdfBody-0.5)
		p.textColor(pdfBlack)
		title := c.Title
		for p.width(title) > barX-8 && len([]rune(title)) > 2 {
			title = string([]rune(title)[:len([]rune(title))-2]) + "…"
		}
		p.at(pdfMargin, p.y+1, title)
		x, y := pdfMargin+barX, p.y+2
		p.pdf.SetStrokeColor(0x9a, 0xa1, 0xab)
		p.pdf.SetLineWidth(0.6)
		p.keep(p.pdf.Rectangle(x, y, x+barW, y+barH, "D", 2, 6))
		for s := 1; s < chartSteps; s++ {
			lx := x + barW*float64(s)/chartSteps
			p.pdf.Line(lx, y, lx, y+barH)
		}
		n := max(0, min(int(c.Severity()), chartSteps))
		bar := barW * float64(n) / chartSteps
		if n == 0 {
			bar = chartStubLen
		}
		p.fillColor(levelRGB(c.Severity()))
		p.keep(p.pdf.Rectangle(x, y, x+bar, y+barH, "F", 2, 6))
		p.setFont(pdfRegular, pdfBody-0.5)
		p.at(x+barW+10, p.y+1, c.Symbol+" "+c.Label)
		p.y += rowH
	}
	p.y += 4
}

// cites writes a reason's or a step's sources in small print, each with
// its number in the list of sources.
func (p *pdfWriter) cites(sources []Source) {
	d := p.d
	var cites []string
	for _, s := range sources {
		cites = append(cites, fmt.Sprintf("%s [%d]", s.Short, d.SourceNumber(s.ID)))
	}
	if len(cites) > 0 {
		p.y -= 2
		p.para(pdfRegular, pdfSmall, pdfGrey, 12, d.T("sources")+d.T("colon")+strings.Join(cites, d.T("list_sep")))
	}
}

// reasons are the rules that matched, each with its sources by number.
func (p *pdfWriter) reasons() {
	d := p.d
	p.heading(d.T("why"))
	for _, r := range d.Reasons {
		p.lead(0, r.Symbol+" "+r.LevelLabel+" —", levelRGB(questionnaireLevel(r.Level)), r.Text)
		p.cites(r.Sources)
		p.y += 2
	}
}

// questionnaireLevel reads a level id back (a reason carries its level as
// an id); an unknown id is None.
func questionnaireLevel(id string) questionnaire.Level {
	l, err := questionnaire.ParseLevel(id)
	if err != nil {
		return questionnaire.None
	}
	return l
}

func (p *pdfWriter) toCheck() {
	d := p.d
	p.heading(d.T("to_check"))
	if len(d.ToCheckItems) == 0 {
		p.para(pdfRegular, pdfBody, pdfBlack, 0, d.T("nothing_to_check"))
	} else {
		p.para(pdfRegular, pdfBody, pdfBlack, 0, d.T("to_check_intro"))
		for _, it := range d.ToCheckItems {
			p.lead(10, "• "+it.Title+" —", pdfBlack, it.Question)
		}
	}
	p.contact()
}

// contact writes the profile's contact, when there is one.
func (p *pdfWriter) contact() {
	if line := p.d.contactLine(); line != "" {
		p.para(pdfBold, pdfBody, pdfBlack, 0, line)
	}
}

// steps is « Que faire ensuite »: the steps in order, each with the
// profile's local procedure and its sources.
func (p *pdfWriter) steps() {
	d := p.d
	p.heading(d.T("next_steps"))
	if len(d.Steps) == 0 {
		p.para(pdfRegular, pdfBody, pdfBlack, 0, d.NoSteps())
		return
	}
	for i, st := range d.Steps {
		p.lead(0, fmt.Sprintf("%d. %s —", i+1, st.Title), pdfBlack, st.Text)
		if st.Local != "" {
			p.y -= 2
			local := d.T("step_local") + d.T("colon") + st.Local
			if st.LocalURL != "" {
				local += " " + st.LocalURL
			}
			p.para(pdfRegular, pdfBody, pdfBlack, 12, local)
		}
		p.cites(st.Sources)
		p.y += 2
	}
	p.contact()
}

func (p *pdfWriter) alternatives() {
	d := p.d
	if d.Verdict.Level == questionnaire.Recommande.String() {
		p.heading(d.T("alternatives_other"))
	} else {
		p.heading(d.T("alternatives"))
	}
	if len(d.Alternatives) == 0 {
		p.para(pdfRegular, pdfBody, pdfBlack, 0, d.NoAlternative())
		p.contact()
		return
	}
	p.para(pdfRegular, pdfBody, pdfBlack, 0, d.T("alternatives_intro"))
	for _, a := range d.Alternatives {
		name, text := a.Name, a.For
		if a.Local {
			name += " · " + d.T("alternative_local") + " " + a.Origin
		}
		if a.URL != "" {
			text += " " + a.URL
		}
		p.lead(10, "• "+name+" —", pdfBlack, text)
		if a.Limits != "" {
			p.y -= 2
			p.para(pdfRegular, pdfSmall, pdfGrey, 20, d.T("limits")+d.T("colon")+a.Limits)
		}
	}
	p.contact()
}

// answers is the table of the answers: question, answer, origin.
func (p *pdfWriter) answers() {
	d := p.d
	p.heading(d.T("answers"))
	cols := []float64{150, pdfTextW - 150 - 100, 100}
	p.row(cols, true, d.T("question"), d.T("answer"), d.T("origin"))
	for i, it := range d.AnswerItems {
		if i%2 == 1 {
			p.row(cols, false, it.Title, it.Answer, it.Origin)
		} else {
			p.shadedRow(cols, it.Title, it.Answer, it.Origin)
		}
	}
	p.y += 6
}

func (p *pdfWriter) shadedRow(cols []float64, cells ...string) {
	p.rowWith(cols, false, true, cells...)
}

func (p *pdfWriter) row(cols []float64, head bool, cells ...string) {
	p.rowWith(cols, head, head, cells...)
}

// rowWith writes one table row, each cell wrapped in its column, on a
// shaded band when shade; a row is never split across pages.
func (p *pdfWriter) rowWith(cols []float64, head, shade bool, cells ...string) {
	const pad = 3.0
	font := pdfRegular
	if head {
		font = pdfBold
	}
	size := pdfBody - 0.5
	p.setFont(font, size)
	lh := size * pdfLeading
	wrapped := make([][]string, len(cells))
	lines := 1
	for i, c := range cells {
		wrapped[i] = p.wrap(c, cols[i]-2*pad)
		lines = max(lines, len(wrapped[i]))
	}
	h := float64(lines)*lh + 2*pad
	p.need(h)
	if shade {
		p.fillColor(pdfShade)
		p.pdf.RectFromUpperLeftWithStyle(pdfMargin, p.y, pdfTextW, h, "F")
	}
	p.textColor(pdfBlack)
	x := pdfMargin
	for i, ls := range wrapped {
		for j, l := range ls {
			p.at(x+pad, p.y+pad+float64(j)*lh, l)
		}
		x += cols[i]
	}
	p.y += h
}

// sources lists every source cited, numbered as the reasons cite them.
func (p *pdfWriter) sources() {
	d := p.d
	p.heading(d.T("sources"))
	for i, s := range d.Sources {
		p.need(pdfBody * pdfLeading)
		page, top := p.page, p.y
		p.lead(0, fmt.Sprintf("%d.", i+1), pdfBlack, s.Citation)
		if page == p.page && questionnaire.IsHTTPSURL(s.URL) {
			// the whole citation opens its address (one on one page only)
			p.pdf.AddExternalLink(s.URL, pdfMargin, top, pdfTextW, p.y-top)
		}
	}
	p.y += 4
}

// footers writes on every page, once all are laid out, the profile's
// footer and « page 2 / 5 ».
func (p *pdfWriter) footers() {
	n := p.pdf.GetNumberOfPages()
	footer := p.d.pdfFooter()
	for i := 1; i <= n; i++ {
		p.keep(p.pdf.SetPage(i))
		p.font = "" // a page has its own font state
		p.setFont(pdfRegular, pdfSmall)
		p.textColor(pdfGrey)
		y := pdfPageH - 44
		if footer != "" {
			for _, l := range p.wrap(footer, pdfTextW-70) {
				p.at(pdfMargin, y, l)
				y += pdfSmall * pdfLeading
			}
		}
		num := p.d.texts.For(p.d.Lang).T("pdf_page", "i", i, "n", n)
		p.at(pdfPageW-pdfMargin-p.width(num), pdfPageH-44, num)
	}
}
