package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"charm.land/lipgloss/v2"
	"charm.land/lipgloss/v2/table"

	"github.com/conduite/conduite/questionnaire"
)

// The case studies of the workshops (`conduite cases`): their list and
// their hand-outs, in Markdown, JSON or on a terminal.

// CasesMarkdown is the list of cases as a Markdown table.
func CasesMarkdown(c *questionnaire.Content, lang questionnaire.Lang, verdicts bool) string {
	t := func(k string) string { return c.Texts.T(lang, k) }
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n%s\n\n", t("cases_title"), t("cases_intro"))
	head := casesHeaders(t, verdicts)
	b.WriteString("| " + strings.Join(head, " | ") + " |\n")
	b.WriteString(strings.Repeat("|---", len(head)) + "|\n")
	for i := range c.Cases.List {
		k := &c.Cases.List[i]
		row := []string{"`" + k.ID + "`", cell(k.Title.In(lang)), cell(caseRefName(c, k, lang))}
		if verdicts {
			row = append(row, k.Expected.Symbol()+" "+k.Expected.Label(lang))
		}
		b.WriteString("| " + strings.Join(row, " | ") + " |\n")
	}
	return b.String()
}

func casesHeaders(t func(string) string, verdicts bool) []string {
	head := []string{t("cases_col_id"), t("cases_col_title"), t("cases_col_ref")}
	if verdicts {
		head = append(head, t("cases_col_verdict"))
	}
	return head
}

// WriteCases writes the list of cases for the output: on a terminal a
// table whose ids and flags are never split across lines (a trainer types
// them), elsewhere Markdown.
func WriteCases(w io.Writer, c *questionnaire.Content, lang questionnaire.Lang, verdicts bool, o Output) error {
	if !o.TTY {
		_, err := io.WriteString(w, CasesMarkdown(c, lang, verdicts))
		return err
	}
	t := func(k string) string { return c.Texts.T(lang, k) }
	width := o.reportWidth() - 2 // glamour's margin, kept for the look
	bold := lipgloss.NewStyle().Bold(true)
	var b strings.Builder
	b.WriteString("\n")
	b.WriteString(indent(bold.Render(strings.ToUpper(t("cases_title"))), "  ") + "\n\n")
	intro := strings.ReplaceAll(t("cases_intro"), "`", "") // code spans: the words alone
	b.WriteString(indent(wrapWords(intro, width), "  ") + "\n\n")
	head := casesHeaders(t, verdicts)
	rows := make([][]string, 0, len(c.Cases.List))
	for i := range c.Cases.List {
		k := &c.Cases.List[i]
		row := []string{k.ID, plainCell(k.Title.In(lang)), plainCell(caseRefName(c, k, lang))}
		if verdicts {
			row = append(row, k.Expected.Symbol()+" "+k.Expected.Label(lang))
		}
		rows = append(rows, row)
	}
	head, rows = stackCaseColumns(head, rows, width)
	widths := fitCaseColumns(head, rows, width)
	for _, r := range rows {
		for i := range r {
			r[i] = wrapWords(r[i], widths[i])
		}
	}
	pad := lipgloss.NewStyle().Padding(0, 1)
	border := lipgloss.NormalBorder()
	tb := table.New().Border(border).BorderTop(false).BorderBottom(false).BorderLeft(false).BorderRight(false).
		Headers(head...).Rows(rows...).
		StyleFunc(func(row, _ int) lipgloss.Style {
			if row == table.HeaderRow {
				return pad.Inherit(bold)
			}
			return pad
		})
	b.WriteString(indent(tb.String(), "  ") + "\n\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// stackCaseColumns puts the référentiel and the verdict under the title,
// in its column, when beside it they would leave the title less than
// 40 columns.
func stackCaseColumns(head []string, rows [][]string, width int) ([]string, [][]string) {
	if len(head) < 4 {
		return head, rows
	}
	idw, vw := lipgloss.Width(head[0]), lipgloss.Width(head[3])
	for _, r := range rows {
		idw, vw = max(idw, lipgloss.Width(r[0])), max(vw, lipgloss.Width(r[3]))
	}
	if width-3-8-idw-vw >= 40 {
		return head, rows
	}
	out := make([][]string, len(rows))
	for i, r := range rows {
		out[i] = []string{r[0], r[1] + "\n" + r[2] + "\n" + r[3]}
	}
	return head[:2], out
}

// fitCaseColumns gives the id (and the verdict) their whole width and
// shares the rest between the title and the référentiel, the référentiel
// at most 28 columns.
func fitCaseColumns(head []string, rows [][]string, width int) []int {
	n := len(head)
	natural := make([]int, n)
	for i := range head {
		natural[i] = lipgloss.Width(head[i])
		for _, r := range rows {
			natural[i] = max(natural[i], lipgloss.Width(r[i]))
		}
	}
	widths := append([]int(nil), natural...)
	avail := width - (n - 1) - 2*n // the column borders, a space each side of a cell
	rest := avail - widths[0]
	if n > 3 {
		rest -= widths[3]
	}
	if n == 2 {
		widths[1] = max(min(natural[1], rest), 8)
		return widths
	}
	widths[2] = min(natural[2], 28, max(rest/2, 8))
	widths[1] = max(min(natural[1], rest-widths[2]), 8)
	return widths
}

// plainCell is a user text for a terminal cell: one line, no control
// character.
func plainCell(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r < ' ' || r == 0x7f }), " ")
}

// cell makes text safe in a Markdown table cell.
func cell(s string) string {
	return strings.ReplaceAll(EscapeMarkdown(s), "|", `\|`)
}

// caseRefName is the name of the case's référentiel, the default's when it
// names none.
func caseRefName(c *questionnaire.Content, k *questionnaire.Case, lang questionnaire.Lang) string {
	if r, ok := c.Referentiels.Get(k.Referentiel); ok {
		return r.Name.In(lang)
	}
	return c.Referentiels.Default().Name.In(lang)
}

// CaseMarkdown is one case as a handout: the story, the pre-filled
// answers, the questions to discuss, the verdict (with verdict) and the
// sources.
func CaseMarkdown(c *questionnaire.Content, k *questionnaire.Case, lang questionnaire.Lang, verdict bool) string {
	t := func(key string) string { return c.Texts.T(lang, key) }
	colon := t("colon")
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", EscapeMarkdown(k.Title.In(lang)))
	fmt.Fprintf(&b, "%s%s%s · `%s`\n\n", t("cases_col_ref"), colon, caseRefName(c, k, lang), k.ID)
	fmt.Fprintf(&b, "## %s\n\n%s\n\n", t("cases_story"), EscapeMarkdown(k.Story.In(lang)))
	fmt.Fprintf(&b, "## %s\n\n", t("cases_answers"))
	for _, it := range caseAnswers(c, k, lang) {
		fmt.Fprintf(&b, "- **%s**%s%s\n", it[0], colon, EscapeMarkdown(it[1]))
	}
	fmt.Fprintf(&b, "\n## %s\n\n", t("cases_discuss"))
	for i, q := range k.Questions {
		fmt.Fprintf(&b, "%d. %s\n", i+1, EscapeMarkdown(q.In(lang)))
	}
	if verdict {
		fmt.Fprintf(&b, "\n## %s\n\n**%s %s**\n", t("cases_expected"), k.Expected.Symbol(), k.Expected.Label(lang))
	}
	if srcs := c.Sources.Resolve(k.Sources); len(srcs) > 0 {
		fmt.Fprintf(&b, "\n## %s\n\n", t("cases_sources"))
		for _, s := range srcs {
			fmt.Fprintf(&b, "- %s\n", CitationMarkdown(s, c.Texts, lang))
		}
	}
	return b.String()
}

// caseAnswers lists a case's answers as title and label pairs, in the
// questionnaire's order (the tool first).
func caseAnswers(c *questionnaire.Content, k *questionnaire.Case, lang questionnaire.Lang) [][2]string {
	var out [][2]string
	for i := range c.Questions.List {
		q := &c.Questions.List[i]
		switch {
		case q.Kind == questionnaire.KindTool && k.Answers.Has(q.ID):
			name := k.Answers.Get(q.ID)
			if tool, ok := c.Catalog.Tool(name); ok {
				name = tool.Name
			}
			out = append(out, [2]string{q.Title.In(lang), name})
		case q.Kind == questionnaire.KindTool && k.Answers.Meta.ToolName != "":
			out = append(out, [2]string{q.Title.In(lang), k.Answers.Meta.ToolName})
		case k.Answers.Has(q.ID):
			out = append(out, [2]string{q.Title.In(lang), AnswerLabel(c, q, k.Answers.List(q.ID), lang)})
		}
	}
	return out
}

// CaseJSON is a case in `conduite cases --format json`.
type CaseJSON struct {
	ID              string         `json:"id"`
	Title           string         `json:"title"`
	Referentiel     string         `json:"referentiel"`
	ReferentielName string         `json:"referentiel_name"`
	Story           string         `json:"story,omitempty"`
	Answers         map[string]any `json:"answers,omitempty"`
	Questions       []string       `json:"questions,omitempty"`
	Sources         []string       `json:"sources,omitempty"`
	Expected        *VerdictJSON   `json:"expected,omitempty"`
}

// VerdictJSON is a verdict in the cases' JSON.
type VerdictJSON struct {
	Level  string `json:"level"`
	Label  string `json:"label"`
	Symbol string `json:"symbol"`
}

// NewCaseJSON is a case for JSON: its id, title and référentiel, the
// expected verdict with verdict, and with whole its story, answers,
// questions and sources.
func NewCaseJSON(c *questionnaire.Content, k *questionnaire.Case, lang questionnaire.Lang, verdict, whole bool) CaseJSON {
	ref := k.Referentiel
	if ref == "" {
		ref = c.Referentiels.Default().ID
	}
	j := CaseJSON{ID: k.ID, Title: k.Title.In(lang), Referentiel: ref, ReferentielName: caseRefName(c, k, lang)}
	if verdict {
		j.Expected = &VerdictJSON{Level: k.Expected.String(), Label: k.Expected.Label(lang), Symbol: k.Expected.Symbol()}
	}
	if !whole {
		return j
	}
	j.Story = k.Story.In(lang)
	j.Answers = map[string]any{}
	for i := range c.Questions.List {
		q := &c.Questions.List[i]
		if !k.Answers.Has(q.ID) {
			continue
		}
		if q.Kind == questionnaire.KindMulti {
			j.Answers[q.ID] = k.Answers.List(q.ID)
		} else {
			j.Answers[q.ID] = k.Answers.Get(q.ID)
		}
	}
	if n := k.Answers.Meta.ToolName; n != "" {
		j.Answers[questionnaire.KeyToolName] = n
	}
	for _, q := range k.Questions {
		j.Questions = append(j.Questions, q.In(lang))
	}
	j.Sources = append(j.Sources, k.Sources...)
	return j
}

// WriteCasesJSON writes the list of cases as JSON.
func WriteCasesJSON(w io.Writer, c *questionnaire.Content, lang questionnaire.Lang, verdicts bool) error {
	list := make([]CaseJSON, 0, len(c.Cases.List))
	for i := range c.Cases.List {
		list = append(list, NewCaseJSON(c, &c.Cases.List[i], lang, verdicts, false))
	}
	return writeJSON(w, struct {
		Lang  questionnaire.Lang `json:"lang"`
		Cases []CaseJSON         `json:"cases"`
	}{lang, list})
}

// WriteCaseJSON writes one case, whole, as JSON.
func WriteCaseJSON(w io.Writer, c *questionnaire.Content, k *questionnaire.Case, lang questionnaire.Lang, verdict bool) error {
	return writeJSON(w, NewCaseJSON(c, k, lang, verdict, true))
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
