package cli

import (
	"bytes"
	"encoding/json"

	"github.com/spf13/cobra"

	"github.com/conduite/conduite/report"
)

// questionsFormats are the formats of conduite questions.
var questionsFormats = report.Formats{report.Markdown, report.JSON}

func (a *app) questionsCmd() *cobra.Command {
	var format string
	var template bool
	cmd := &cobra.Command{
		Use: "questions",
		Long: `Affiche les questions, leurs identifiants et leurs valeurs : les clés et les valeurs
qu'un fichier de réponses peut employer. --template écrit à la place un fichier
de réponses à remplir.

Prints the questions, their ids and values: what an answers file may use.
--template prints an answers file to fill in instead.`,
		Example: `  conduite questions
  conduite questions --template > demande.yaml
  conduite questions --template --lang en | conduite evaluate -`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			lang, c, err := a.langContent()
			if err != nil {
				return err
			}
			f, err := parseFormat("format", format, questionsFormats)
			if err != nil {
				return err
			}
			var out bytes.Buffer
			switch {
			case template && cmd.Flags().Changed("format"):
				return badMsg("cli_template_format")
			case template:
				if err := report.WriteTemplate(&out, c, lang); err != nil {
					return err
				}
			case f == report.Markdown:
				report.WriteContract(&out, c, lang)
			default:
				enc := json.NewEncoder(&out)
				enc.SetIndent("", "  ")
				enc.SetEscapeHTML(false)
				if err := enc.Encode(report.Contract(c)); err != nil {
					return err
				}
			}
			_, err = a.io.Out.Write(out.Bytes())
			return err
		},
	}
	formatFlag(cmd, &format, "format", "f", report.Markdown, questionsFormats, "cli_flag_questions_format")
	cmd.Flags().BoolVar(&template, "template", false, "cli_flag_questions_template")
	return cmd
}
