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
	cmd := &cobra.Command{
		Use: "questions",
		Long: `Affiche les questions, leurs identifiants et leurs valeurs : les clés et les valeurs
qu'un fichier de réponses peut employer.

Prints the questions, their ids and values: what an answers file may use.`,
		Args: noArgs,
		RunE: func(*cobra.Command, []string) error {
			lang, c, err := a.langContent()
			if err != nil {
				return err
			}
			f, err := parseFormat("format", format, questionsFormats)
			if err != nil {
				return err
			}
			var out bytes.Buffer
			if f == report.Markdown {
				report.WriteContract(&out, c, lang)
			} else {
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
	return cmd
}
