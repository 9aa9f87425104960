package cli

import (
	"bytes"
	"encoding/json"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/conduite/conduite/report"
)

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
			var out bytes.Buffer
			switch format {
			case FormatMarkdown:
				report.WriteContract(&out, c, lang)
			case FormatJSON:
				enc := json.NewEncoder(&out)
				enc.SetIndent("", "  ")
				enc.SetEscapeHTML(false)
				if err := enc.Encode(report.Contract(c)); err != nil {
					return err
				}
			default:
				return badMsg("cli_unknown_format", "flag", "--format", "v", strconv.Quote(format), "allowed", "markdown, json")
			}
			_, err = a.io.Out.Write(out.Bytes())
			return err
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", FormatMarkdown, "cli_flag_questions_format")
	_ = cmd.RegisterFlagCompletionFunc("format", fixedCompletion(FormatMarkdown, FormatJSON))
	return cmd
}
