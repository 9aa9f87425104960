package cli

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
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
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return a.listCases(f)
			}
			return a.runCase(cmd, args[0], f, cmd.Flags().Changed("format"))
		},
		ValidArgsFunction: a.completeCase,
	}
	fl := cmd.Flags()
	formatFlag(cmd, &f.format, "format", "f", report.Terminal, report.PageFormats, "cli_flag_cases_format")
	fl.BoolVar(&f.verdicts, "verdicts", false, "cli_flag_verdicts")
	fl.BoolVar(&a.w.presentation, "presentation", false, "cli_flag_presentation")
	return cmd
}

// casesFormat reads --format of conduite cases.
func casesFormat(f casesFlags) (report.Format, error) {
	return parseFormat("format", f.format, report.PageFormats)
}

// listCases prints the case studies.
func (a *app) listCases(f casesFlags) error {
	format, err := casesFormat(f)
	if err != nil {
		return err
	}
	lang, c, err := a.langContent()
	if err != nil {
		return err
	}
	var out bytes.Buffer
	o := a.output()
	o.TTY = o.TTY && format == report.Terminal
	if format == report.JSON {
		err = report.WriteCasesJSON(&out, c, lang, f.verdicts)
	} else {
		err = report.WriteCases(&out, c, lang, f.verdicts, o)
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
	format, err := casesFormat(f)
	if err != nil {
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
	if format == report.JSON {
		err = report.WriteCaseJSON(&out, c, k, lang, f.verdicts)
	} else {
		err = a.writeMarkdown(&out, report.CaseMarkdown(c, k, lang, f.verdicts), format)
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
		return nil, badMsg("cli_unknown_case", "v", strconv.Quote(id), "hint", "")
	}
	return nil, badMsg("cli_unknown_case", "v", strconv.Quote(id), "hint", questionnaire.NewMsg("cli_did_you_mean_list", "s", strings.Join(near, ", ")))
}

// completeCase completes a case id, described by its title.
func (a *app) completeCase(_ *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
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
}
