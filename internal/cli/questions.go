package cli

import (
	"bytes"
	"encoding/json"

	"github.com/spf13/cobra"

	"github.com/conduite/conduite/report"
)

func (a *app) questionsCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "questions",
		Short: "Les questions et leurs valeurs (le contrat des fichiers de réponses) / the questions and their values",
		Long: `Affiche les questions, leurs identifiants et leurs valeurs : les clés et les valeurs
qu'un fichier de réponses peut employer.

Prints the questions, their ids and values: what an answers file may use.`,
		Args: usageArgs(cobra.NoArgs),
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
				return badInputf("--format: unknown format %q; allowed: markdown, json", format)
			}
			_, err = a.io.Out.Write(out.Bytes())
			return err
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", FormatMarkdown, "markdown or json")
	_ = cmd.RegisterFlagCompletionFunc("format", fixedCompletion(FormatMarkdown, FormatJSON))
	return cmd
}
