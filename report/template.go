package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/conduite/conduite/questionnaire"
)

// templateWidth is the width the template's comments are wrapped at.
const templateWidth = 78

// WriteTemplate writes an answers file to fill in a text editor: every
// question as a comment (its text, its allowed values with their labels,
// why it is asked), every answer at its « je ne sais pas » value (the
// catalog tool and the free-text keys left empty, which the parser reads as
// not answered). Evaluated unchanged, it lists every question under « À
// vérifier ». The words around the content come from the texts (tpl_…).
func WriteTemplate(w io.Writer, c *questionnaire.Content, lang questionnaire.Lang) error {
	l := c.Texts.For(lang)
	t := func(key string) string { return l.T(key) }
	var b strings.Builder
	comment(&b, "", t("tpl_intro"))
	b.WriteString("\n")
	for i := range c.Questions.List {
		q := &c.Questions.List[i]
		fmt.Fprintf(&b, "# ── %s — %s\n", q.ID, q.Title.In(lang))
		comment(&b, "", q.Text.In(lang))
		if q.AskIf != "" {
			comment(&b, "", l.T("tpl_ask_if", "if", q.AskIf, "otherwise", q.Otherwise))
		}
		switch q.Kind {
		case questionnaire.KindTool:
			comment(&b, "", t("tpl_tool_values")+" "+strings.Join(c.Catalog.IDs(), ", "))
		case questionnaire.KindMulti:
			comment(&b, "", t("tpl_multi"))
			writeTemplateValues(&b, q, lang, t)
		case questionnaire.KindSingle:
			writeTemplateValues(&b, q, lang, t)
		}
		comment(&b, "", t("tpl_why")+" "+q.Why.In(lang))
		value := q.Unknown
		if q.Kind == questionnaire.KindTool {
			value = "" // no catalog id means « not said »: every question counts
		}
		if value == "" {
			fmt.Fprintf(&b, "%s:\n\n", q.ID)
		} else {
			fmt.Fprintf(&b, "%s: %s\n\n", q.ID, value)
		}
	}
	fmt.Fprintf(&b, "# ── %s\n", t("tpl_other_keys"))
	for _, k := range questionnaire.MetaKeys {
		comment(&b, "", t("tpl_key_"+k))
		fmt.Fprintf(&b, "%s:\n", k)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeTemplateValues lists a question's values as comments, one a line:
// « #   valeur — libellé ».
func writeTemplateValues(b *strings.Builder, q *questionnaire.Question, lang questionnaire.Lang, t func(string) string) {
	comment(b, "", t("tpl_values"))
	for _, o := range q.Options {
		comment(b, "    ", "  "+o.Value+" — "+o.Label.In(lang))
	}
}

// comment writes text as YAML comment lines wrapped at templateWidth;
// continuation lines start with indent after the « # ». Line breaks in the
// text are kept.
func comment(b *strings.Builder, indent, text string) {
	for para := range strings.SplitSeq(text, "\n") {
		line := "#"
		first := true
		for word := range strings.FieldsSeq(para) {
			lead := " "
			if first && strings.HasPrefix(para, "  ") {
				lead = " " + para[:len(para)-len(strings.TrimLeft(para, " "))]
			}
			if !first && len([]rune(line))+1+len([]rune(word)) > templateWidth {
				b.WriteString(line + "\n")
				line = "# " + indent
				lead = ""
			}
			line += lead + word
			first = false
		}
		b.WriteString(line + "\n")
	}
}
