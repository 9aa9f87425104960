package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/conduite/conduite/questionnaire"
	"github.com/conduite/conduite/report"
)

// casesFlags are the flags of conduite cases.
type casesFlags struct {
	format   string
	verdicts bool
}

func (a *app) casesCmd() *cobra.Command {
	var f casesFlags
	cmd := &cobra.Command{
		Use:     "cases [ID]",
		Aliases: []string{"cas"},
		Short:   "Les études de cas des ateliers / the workshop case studies",
		Long: `Sans argument, liste les études de cas : identifiant, titre et référentiel. Le
verdict attendu ne s'affiche qu'avec --verdicts : il se découvre après la
discussion.

Avec un identifiant, dans un terminal, ouvre l'assistant sur ce cas : son récit
et les questions à discuter, puis chaque question avec la réponse du cas
préremplie, pour que le groupe la discute, et le verdict, révélé sur une touche
avec --presentation (vidéoprojecteur : fort contraste, texte centré). Rien n'est
enregistré. Hors d'un terminal (ou avec --format), imprime le cas en Markdown
(ou en JSON) : un support à distribuer.

Without an argument, lists the case studies (the expected verdict only with
--verdicts). With an id, in a terminal, opens the wizard on that case (add
--presentation for a projector); nothing is saved. Without a terminal, or with
--format, prints the case. Exit status: 0 shown or printed, 2 unknown id.`,
		Example: `  conduite cases
  conduite cas --verdicts
  conduite cases discord-classe --presentation
  conduite cases discord-classe > discord-classe.md
  conduite cases --format json --lang en`,
		Args: usageArgs(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return a.listCases(f)
			}
			return a.runCase(cmd, args[0], f, cmd.Flags().Changed("format"))
		},
		ValidArgsFunction: func(_ *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			c, err := a.Content()
			if err != nil {
				return nil, cobra.ShellCompDirectiveError
			}
			lang, _ := a.Lang()
			var out []string
			for _, k := range c.Cases.List {
				if strings.HasPrefix(k.ID, toComplete) {
					out = append(out, k.ID+"\t"+k.Title.In(lang))
				}
			}
			return out, cobra.ShellCompDirectiveNoFileComp
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&f.format, "format", "f", FormatTerminal, "terminal, markdown or json (terminal prints Markdown when not a terminal)")
	fl.BoolVar(&f.verdicts, "verdicts", false, "show the verdict each case reaches (for the trainer, after the discussion)")
	fl.BoolVar(&a.w.presentation, "presentation", false, "presentation mode for a projector: high contrast, centred, the verdict revealed on a key")
	_ = cmd.RegisterFlagCompletionFunc("format", fixedCompletion(FormatTerminal, FormatMarkdown, FormatJSON))
	return cmd
}

func checkCasesFormat(format string) error {
	switch format {
	case FormatTerminal, FormatMarkdown, FormatJSON:
		return nil
	}
	return badInputf("--format: unknown format %q; allowed: terminal, markdown, json", format)
}

// listCases prints the case studies.
func (a *app) listCases(f casesFlags) error {
	if err := checkCasesFormat(f.format); err != nil {
		return err
	}
	lang, c, err := a.langContent()
	if err != nil {
		return err
	}
	var out bytes.Buffer
	if f.format == FormatJSON {
		list := make([]caseJSON, 0, len(c.Cases.List))
		for i := range c.Cases.List {
			list = append(list, newCaseJSON(c, &c.Cases.List[i], lang, f.verdicts, false))
		}
		err = writeCasesJSON(&out, struct {
			Lang  questionnaire.Lang `json:"lang"`
			Cases []caseJSON         `json:"cases"`
		}{lang, list})
	} else {
		err = a.writeMarkdown(&out, casesMarkdown(c, lang, f.verdicts), f.format)
	}
	if err != nil {
		return err
	}
	_, err = a.io.Out.Write(out.Bytes())
	return err
}

// runCase runs a case in a terminal (the wizard, or the line mode under
// ACCESSIBLE or TERM=dumb: both start a questionnaire.Run from the case),
// else prints it: through a pipe a trainer gets a handout (and a note on
// how to open the case), not an error.
func (a *app) runCase(cmd *cobra.Command, id string, f casesFlags, formatGiven bool) error {
	if err := checkCasesFormat(f.format); err != nil {
		return err
	}
	lang, c, err := a.langContent()
	if err != nil {
		return err
	}
	k, err := lookupCase(c, id, lang)
	if err != nil {
		return err
	}
	if a.io.InTTY && a.io.OutTTY && !formatGiven {
		a.w.caseID, a.w.noSave = k.ID, true
		return a.runWizard(cmd, nil)
	}
	var out bytes.Buffer
	if f.format == FormatJSON {
		err = writeCasesJSON(&out, newCaseJSON(c, k, lang, f.verdicts, true))
	} else {
		err = a.writeMarkdown(&out, caseMarkdown(c, k, lang, f.verdicts), f.format)
	}
	if err != nil {
		return err
	}
	if _, err := a.io.Out.Write(out.Bytes()); err != nil {
		return err
	}
	if !formatGiven {
		// On standard error, after the case: a pipe gets the case alone.
		fmt.Fprintln(a.io.Err, "conduite: "+strings.ReplaceAll(c.Texts.T(lang, "cases_no_terminal"), "{id}", k.ID))
	}
	return nil
}

// lookupCase finds a case by id (ignoring case), or says which ids are
// nearest: by spelling, else those whose id or title holds what was typed.
func lookupCase(c *questionnaire.Content, id string, lang questionnaire.Lang) (*questionnaire.Case, error) {
	want := strings.ToLower(strings.TrimSpace(id))
	if k, ok := c.Cases.Get(want); ok {
		return k, nil
	}
	var near []string
	if n := questionnaire.Nearest(want, c.Cases.IDs()); n != "" {
		near = append(near, n)
	}
	for _, k := range c.Cases.List {
		if len(near) == 5 {
			break
		}
		if want != "" && (strings.Contains(k.ID, want) || strings.Contains(strings.ToLower(k.Title.In(lang)), want)) &&
			!slices.Contains(near, k.ID) {
			near = append(near, k.ID)
		}
	}
	if len(near) == 0 {
		return nil, badInputf("unknown case %q; see the case ids with: conduite cases", id)
	}
	return nil, badInputf("unknown case %q (did you mean %s?); see the case ids with: conduite cases", id, strings.Join(near, ", "))
}

// casesMarkdown is the list of cases as a Markdown table.
func casesMarkdown(c *questionnaire.Content, lang questionnaire.Lang, verdicts bool) string {
	t := func(k string) string { return c.Texts.T(lang, k) }
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n%s\n\n", t("cases_title"), t("cases_intro"))
	head := []string{t("cases_col_id"), t("cases_col_title"), t("cases_col_ref")}
	if verdicts {
		head = append(head, t("cases_col_verdict"))
	}
	b.WriteString("| " + strings.Join(head, " | ") + " |\n")
	b.WriteString(strings.Repeat("|---", len(head)) + "|\n")
	for i := range c.Cases.List {
		k := &c.Cases.List[i]
		row := []string{"`" + k.ID + "`", cell(k.Title.In(lang)), cell(refName(c, k, lang))}
		if verdicts {
			row = append(row, k.Expected.Symbol()+" "+k.Expected.Label(lang))
		}
		b.WriteString("| " + strings.Join(row, " | ") + " |\n")
	}
	return b.String()
}

// cell makes text safe in a Markdown table cell.
func cell(s string) string {
	return strings.ReplaceAll(report.EscapeMarkdown(s), "|", `\|`)
}

func refName(c *questionnaire.Content, k *questionnaire.Case, lang questionnaire.Lang) string {
	if r, ok := c.Referentiels.Get(k.Referentiel); ok {
		return r.Name.In(lang)
	}
	return c.Referentiels.Default().Name.In(lang)
}

// caseMarkdown is one case as a handout: the story, the pre-filled
// answers, the questions to discuss, the verdict (with --verdicts) and the
// sources.
func caseMarkdown(c *questionnaire.Content, k *questionnaire.Case, lang questionnaire.Lang, verdict bool) string {
	t := func(key string) string { return c.Texts.T(lang, key) }
	colon := t("colon")
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", report.EscapeMarkdown(k.Title.In(lang)))
	fmt.Fprintf(&b, "%s%s%s · `%s`\n\n", t("cases_col_ref"), colon, refName(c, k, lang), k.ID)
	fmt.Fprintf(&b, "## %s\n\n%s\n\n", t("cases_story"), report.EscapeMarkdown(k.Story.In(lang)))
	fmt.Fprintf(&b, "## %s\n\n", t("cases_answers"))
	for _, it := range caseAnswers(c, k, lang) {
		fmt.Fprintf(&b, "- **%s**%s%s\n", it[0], colon, report.EscapeMarkdown(it[1]))
	}
	fmt.Fprintf(&b, "\n## %s\n\n", t("cases_discuss"))
	for i, q := range k.Questions {
		fmt.Fprintf(&b, "%d. %s\n", i+1, report.EscapeMarkdown(q.In(lang)))
	}
	if verdict {
		fmt.Fprintf(&b, "\n## %s\n\n**%s %s**\n", t("cases_expected"), k.Expected.Symbol(), k.Expected.Label(lang))
	}
	if srcs := c.Sources.Resolve(k.Sources); len(srcs) > 0 {
		fmt.Fprintf(&b, "\n## %s\n\n", t("cases_sources"))
		for _, s := range srcs {
			fmt.Fprintf(&b, "- %s\n", report.CitationMarkdown(s, c.Texts, lang))
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
			out = append(out, [2]string{q.Title.In(lang), report.AnswerLabel(c, q, k.Answers.List(q.ID), lang)})
		}
	}
	return out
}

// caseJSON is a case in `conduite cases --format json`.
type caseJSON struct {
	ID              string         `json:"id"`
	Title           string         `json:"title"`
	Referentiel     string         `json:"referentiel"`
	ReferentielName string         `json:"referentiel_name"`
	Story           string         `json:"story,omitempty"`
	Answers         map[string]any `json:"answers,omitempty"`
	Questions       []string       `json:"questions,omitempty"`
	Sources         []string       `json:"sources,omitempty"`
	Expected        *verdictJSON   `json:"expected,omitempty"`
}

type verdictJSON struct {
	Level  string `json:"level"`
	Label  string `json:"label"`
	Symbol string `json:"symbol"`
}

func newCaseJSON(c *questionnaire.Content, k *questionnaire.Case, lang questionnaire.Lang, verdict, whole bool) caseJSON {
	ref := k.Referentiel
	if ref == "" {
		ref = c.Referentiels.Default().ID
	}
	j := caseJSON{ID: k.ID, Title: k.Title.In(lang), Referentiel: ref, ReferentielName: refName(c, k, lang)}
	if verdict {
		j.Expected = &verdictJSON{Level: k.Expected.String(), Label: k.Expected.Label(lang), Symbol: k.Expected.Symbol()}
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

func writeCasesJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
