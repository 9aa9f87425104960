package cli

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/conduite/conduite/questionnaire"
	"github.com/conduite/conduite/report"
)

// The output formats of evaluate.
const (
	FormatTerminal = "terminal"
	FormatMarkdown = "markdown"
	FormatJSON     = "json"
)

type evaluateFlags struct {
	format string
	strict bool
}

func (a *app) evaluateCmd() *cobra.Command {
	var f evaluateFlags
	cmd := &cobra.Command{
		Use:     "evaluate FILE|-",
		Aliases: []string{"evaluer", "évaluer"},
		Short:   "Évaluer un fichier de réponses / evaluate an answers file",
		Long: `Lit un fichier de réponses (YAML ou JSON ; - pour l'entrée standard) et affiche la
recommandation : le verdict, ses raisons sourcées, ce qu'il faut vérifier et les
alternatives institutionnelles. Les clés sont les identifiants de
` + "`conduite questions`" + `.

Reads an answers file (YAML or JSON; - for standard input) and prints the
recommendation. Exit status: 0 verdict printed, 2 bad input or usage, 1 internal error.`,
		Example: `  conduite evaluate examples/discord-classe.yaml
  conduite evaluate --format json examples/tchap-agents.yaml
  echo '{"outil":"whatsapp","audience":"agents"}' | conduite evaluer -`,
		Args: usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error { return a.runEvaluate(f, args[0]) },
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return []string{"yaml", "yml", "json"}, cobra.ShellCompDirectiveFilterFileExt
		},
	}
	cmd.Flags().StringVarP(&f.format, "format", "f", FormatTerminal, "terminal, markdown or json (terminal prints Markdown when not a terminal)")
	cmd.Flags().BoolVar(&f.strict, "strict", false, "a question left out is an error instead of « à vérifier »")
	_ = cmd.RegisterFlagCompletionFunc("format", fixedCompletion(FormatTerminal, FormatMarkdown, FormatJSON))
	return cmd
}

func (a *app) runEvaluate(f evaluateFlags, path string) error {
	switch f.format {
	case FormatTerminal, FormatMarkdown, FormatJSON:
	default:
		return badInputf("--format: unknown format %q; allowed: terminal, markdown, json", f.format)
	}
	lang, err := a.Lang()
	if err != nil {
		return err
	}
	c, err := a.Content()
	if err != nil {
		return err
	}
	name, data, err := a.readInput(path)
	if err != nil {
		return err
	}
	answers, err := c.ParseAnswers(name, data)
	if err != nil {
		return badInput(err)
	}
	if f.strict {
		if missing := c.Missing(answers); len(missing) > 0 {
			return badInputf("%s: --strict: questions not answered: %s", name, strings.Join(missing, ", "))
		}
	}
	rep := c.Evaluate(answers, a.g.referentiel)
	doc := report.New(rep, report.Options{Lang: lang, Version: version()})
	var out bytes.Buffer // render whole, then write once: never half a report
	if err := a.render(&out, doc, c, f.format); err != nil {
		return err
	}
	_, err = a.io.Out.Write(out.Bytes())
	return err
}

// render writes the document in the format; terminal means glamour on a
// terminal and plain Markdown through a pipe.
func (a *app) render(w io.Writer, doc *report.Doc, c *questionnaire.Content, format string) error {
	switch format {
	case FormatJSON:
		return doc.WriteJSON(w)
	case FormatTerminal:
		if a.io.OutTTY {
			md, err := doc.Markdown(c)
			if err != nil {
				return err
			}
			width := 80
			if a.io.Width != nil {
				if tw := a.io.Width(); tw > 0 {
					width = min(tw, 120)
				}
			}
			s, err := report.RenderTerminal(md, width, report.StyleFromEnv(a.io.Getenv))
			if err != nil {
				return err
			}
			_, err = io.WriteString(w, s)
			return err
		}
	}
	return doc.WriteMarkdown(w, c)
}

// readInput reads FILE or standard input, refusing what is too large to be
// an answers file before reading it all.
func (a *app) readInput(path string) (string, []byte, error) {
	var r io.Reader
	name := path
	if path == "-" {
		name = "<stdin>"
		r = a.io.In
	} else {
		fh, err := os.Open(path)
		if err != nil {
			return name, nil, badInput(describeOpenError(path, err))
		}
		defer fh.Close()
		if st, err := fh.Stat(); err == nil && st.IsDir() {
			return name, nil, badInputf("%s: is a folder; expected an answers file (YAML or JSON)", path)
		}
		r = fh
	}
	data, err := io.ReadAll(io.LimitReader(r, questionnaire.MaxAnswersSize+1))
	if err != nil {
		return name, nil, badInputf("%s: %v", name, err)
	}
	return name, data, nil
}

func describeOpenError(path string, err error) error {
	switch {
	case os.IsNotExist(err):
		return fmt.Errorf("%s: no such file", path)
	case os.IsPermission(err):
		return fmt.Errorf("%s: permission denied", path)
	}
	return err
}
