package cli

import (
	"strconv"

	"github.com/spf13/cobra"

	"github.com/conduite/conduite/report"
)

// formatFlag declares a format flag whose help and completion list the set
// of report's table of formats; help is the key of the flag's description.
func formatFlag(cmd *cobra.Command, p *string, name, short string, def report.Format, set report.Formats, help string) {
	// help is a text key (cli_flag_…), put in the user's language with
	// the rest of the help (help.go).
	usage := help
	if short != "" {
		cmd.Flags().StringVarP(p, name, short, string(def), usage)
	} else {
		cmd.Flags().StringVar(p, name, string(def), usage)
	}
	_ = cmd.RegisterFlagCompletionFunc(name, fixedCompletion(set.Completion()...))
}

// parseFormat reads the value of a format flag in the set; a bad one is a
// usage error naming the flag and what is allowed.
func parseFormat(flag, value string, set report.Formats) (report.Format, error) {
	f, err := set.Parse(value)
	if err != nil {
		return "", badMsg("cli_unknown_format", "flag", "--"+flag, "v", strconv.Quote(value), "allowed", set.String())
	}
	return f, nil
}

// formatLists are the placeholders of the texts that list formats
// ({report_formats}, {file_formats}, {summary_formats}, {summary_only}),
// filled from report's table: a format added there is in the help and the
// messages without a text to edit.
func formatLists() []any {
	var summaryOnly report.Formats
	for _, f := range report.SummaryFormats {
		if !report.ReportFormats.Has(f) {
			summaryOnly = append(summaryOnly, f)
		}
	}
	return []any{"report_formats", report.ReportFormats.String(), "file_formats", report.FileFormats.String(),
		"summary_formats", report.SummaryFormats.String(), "summary_only", summaryOnly.String()}
}

// output is where a command prints: the terminal (its width, its style) or
// not.
func (a *app) output() report.Output {
	o := report.Output{TTY: a.io.OutTTY, Style: report.StyleFromEnv(a.getenv)}
	if a.io.Width != nil {
		o.Width = a.io.Width()
	}
	return o
}
