package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/conduite/conduite/export"
	"github.com/conduite/conduite/internal/inputfile"
	"github.com/conduite/conduite/internal/safetext"
	"github.com/conduite/conduite/questionnaire"
	"github.com/conduite/conduite/report"
)

// The output formats of evaluate. One answers file: terminal, markdown,
// html, json; several (batch triage): terminal, markdown, csv, json.
const (
	FormatTerminal = "terminal"
	FormatMarkdown = "markdown"
	FormatJSON     = "json"
	FormatHTML     = "html"
	FormatCSV      = "csv"
)

type evaluateFlags struct {
	format        string
	strict        bool
	output        string // --output FILE: one report, written atomically
	force         bool
	etablissement string
	auteur        string
	setEtab       bool // --etablissement given (even empty: it then hides the file's)
	setAuteur     bool
	outputDir     string // --output-dir DIR: a report per input
	reportFormat  string
	failOn        string
	failLevel     questionnaire.Level
}

func (a *app) evaluateCmd() *cobra.Command {
	var f evaluateFlags
	cmd := &cobra.Command{
		Use:     "evaluate FILE|DIR|- [FILE|DIR...]",
		Aliases: []string{"evaluer", "évaluer"},
		Short:   "Évaluer un ou plusieurs fichiers de réponses / evaluate answers files",
		Long: `Lit un fichier de réponses (YAML ou JSON ; - pour l'entrée standard) et affiche la
recommandation : le verdict, ses raisons sourcées, ce qu'il faut vérifier et les
alternatives institutionnelles. Les clés sont les identifiants de
` + "`conduite questions`" + `. --output écrit le rapport dans un fichier (Markdown,
HTML ou JSON d'après l'extension).

Avec plusieurs fichiers, ou un dossier (ses *.yaml, *.yml, *.json), affiche un
tableau de tri : fichier, outil, usage, public, verdict, première raison ;
--output-dir écrit en plus un rapport par fichier.

Reads an answers file (YAML or JSON; - for standard input) and prints the
recommendation; --output writes the report to a file (Markdown, HTML or JSON,
from the extension). With several files or a folder, prints a triage table.

Exit status: 0 done, 2 bad input or usage (in a batch: some files could not be
evaluated), 3 a verdict at or above --fail-on, 1 internal error.`,
		Example: `  conduite evaluate examples/discord-classe.yaml
  conduite evaluate --format json examples/tchap-agents.yaml
  conduite evaluate --output rapport.html --etablissement "Collège Jean-Zay" examples/discord-classe.yaml
  echo '{"outil":"whatsapp","audience":"agents"}' | conduite evaluer -
  conduite evaluate examples/
  conduite evaluate --format csv --fail-on deconseille examples/*.yaml
  conduite evaluate --output-dir rapports --report-format html examples/`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return badInputf("accepts 1 arg or more: an answers file (- for standard input), several files or a folder; received none (see `%s --help`)", cmd.CommandPath())
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			f.setEtab = cmd.Flags().Changed("etablissement")
			f.setAuteur = cmd.Flags().Changed("auteur")
			// Free text from the command line (a script may take it from a
			// file): cleaned once, here, like an answers file's.
			f.etablissement = strings.TrimSpace(safetext.Line(f.etablissement))
			f.auteur = strings.TrimSpace(safetext.Line(f.auteur))
			return a.runEvaluate(cmd, f, args)
		},
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return []string{"yaml", "yml", "json"}, cobra.ShellCompDirectiveFilterFileExt
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&f.format, "format", "f", FormatTerminal, "one file: terminal, markdown, html or json (terminal prints Markdown when not a terminal; with --output, the default is the file's extension); several files: terminal, markdown, csv or json")
	fl.BoolVar(&f.strict, "strict", false, "a question left out is an error instead of « à vérifier »")
	fl.StringVarP(&f.output, "output", "o", "", "write the report to FILE (.md, .html or .json), atomically; an existing FILE needs --force")
	fl.BoolVar(&f.force, "force", false, "overwrite existing files (--output, --output-dir)")
	fl.StringVar(&f.etablissement, "etablissement", "", "the institution shown in the report's header (overrides the file's etablissement)")
	fl.StringVar(&f.auteur, "auteur", "", "the author shown in the report's header (overrides the file's auteur)")
	fl.StringVar(&f.outputDir, "output-dir", "", "several files: also write a report per file into DIR (created if missing)")
	fl.StringVar(&f.reportFormat, "report-format", string(export.Markdown), "the format of --output-dir reports: markdown, html or json")
	fl.StringVar(&f.failOn, "fail-on", "", "exit with status 3 when a verdict is at or above LEVEL: recommande, sous_conditions, deconseille, proscrit")
	_ = cmd.RegisterFlagCompletionFunc("format", fixedCompletion(FormatTerminal, FormatMarkdown, FormatHTML, FormatJSON, FormatCSV))
	_ = cmd.RegisterFlagCompletionFunc("report-format", fixedCompletion(string(export.Markdown), string(export.HTML), string(export.JSON)))
	_ = cmd.RegisterFlagCompletionFunc("fail-on", fixedCompletion("proscrit", "deconseille", "sous_conditions", "recommande"))
	_ = cmd.MarkFlagDirname("output-dir")
	return cmd
}

func (a *app) runEvaluate(cmd *cobra.Command, f evaluateFlags, args []string) error {
	if f.failOn != "" {
		l, err := questionnaire.ParseLevel(f.failOn)
		if err != nil {
			return badInputf("--fail-on: %v", err)
		}
		f.failLevel = l
	}
	batch, err := isBatch(f, args)
	if err != nil {
		return err
	}
	if batch {
		return a.runBatch(cmd, f, args)
	}
	return a.runSingle(cmd, f, args[0])
}

// isBatch says whether the inputs call for a triage table: several inputs,
// a folder, --output-dir or --format csv.
func isBatch(f evaluateFlags, args []string) (bool, error) {
	if len(args) > 1 || f.outputDir != "" || f.format == FormatCSV {
		return true, nil
	}
	if args[0] == "-" {
		return false, nil
	}
	st, err := os.Stat(args[0])
	return err == nil && st.IsDir(), nil
}

// runSingle evaluates one answers file and prints or writes its report.
func (a *app) runSingle(cmd *cobra.Command, f evaluateFlags, path string) error {
	format, err := singleFormat(cmd, f)
	if err != nil {
		return err
	}
	lang, c, err := a.langContent()
	if err != nil {
		return err
	}
	rep, err := a.evaluateFile(c, path, f.strict)
	if err != nil {
		return err
	}
	doc := report.New(rep, report.Options{Lang: lang, Version: version()})
	f.applyHeader(doc)
	var out bytes.Buffer // render whole, then write once: never half a report
	if f.output != "" {
		data, err := export.Render(doc, c, export.Format(format))
		if err != nil {
			return err
		}
		if err := a.inputSet(path).refuse(f.output, "", "--output"); err != nil {
			return err
		}
		if err := writeReport(f.output, data, f.force); err != nil {
			return err
		}
		fmt.Fprintf(a.io.Err, "%s\n", fmt.Sprintf(c.Texts.T(lang, "summary_written"), safetext.Visible(f.output)))
	} else {
		if err := a.render(&out, doc, c, format); err != nil {
			return err
		}
		if _, err := a.io.Out.Write(out.Bytes()); err != nil {
			return err
		}
	}
	return f.failOnError([]questionnaire.Level{rep.Level})
}

// singleFormat checks --format for one file, and picks the format of
// --output from its extension unless --format says otherwise.
func singleFormat(cmd *cobra.Command, f evaluateFlags) (string, error) {
	explicit := cmd.Flags().Changed("format")
	if f.output == "" {
		switch f.format {
		case FormatTerminal, FormatMarkdown, FormatJSON, FormatHTML:
			return f.format, nil
		}
		return "", badInputf("--format: unknown format %q; allowed: terminal, markdown, html, json (and csv for several files)", f.format)
	}
	if !explicit {
		ef, err := export.FormatFromPath(f.output)
		if err != nil {
			return "", badInputf("--output: %v", err)
		}
		return string(ef), nil
	}
	ef, err := export.ParseFormat(f.format)
	if err != nil {
		return "", badInputf("--format with --output: %v", err)
	}
	return string(ef), nil
}

// evaluateFile reads, parses and evaluates one answers file; its errors
// are the user's (exit 2).
func (a *app) evaluateFile(c *questionnaire.Content, path string, strict bool) (*questionnaire.Report, error) {
	name, data, err := a.readInput(path)
	if err != nil {
		return nil, err
	}
	answers, err := c.ParseAnswers(name, data)
	if err != nil {
		return nil, badInput(err)
	}
	// --referentiel wins over the file's key: set once, here, where the
	// answers are built; everything after reads Meta.Referentiel.
	answers = answers.WithReferentiel(a.g.referentiel)
	if strict {
		if missing := c.Missing(answers); len(missing) > 0 {
			return nil, badInputf("%s: --strict: questions not answered: %s", safetext.Visible(name), strings.Join(missing, ", "))
		}
	}
	return c.Evaluate(answers), nil
}

// applyHeader puts --etablissement and --auteur in the header, over the
// answers file's keys.
func (f evaluateFlags) applyHeader(doc *report.Doc) {
	if f.setEtab {
		doc.Header.Etablissement = f.etablissement
	}
	if f.setAuteur {
		doc.Header.Auteur = f.auteur
	}
}

// failOnError is the --fail-on outcome: exit 3 when a verdict is at or
// above the level.
func (f evaluateFlags) failOnError(levels []questionnaire.Level) error {
	if f.failLevel == questionnaire.None {
		return nil
	}
	n := 0
	for _, l := range levels {
		if l >= f.failLevel {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	return &exitError{code: ExitFailOn, err: fmt.Errorf("--fail-on %s: %d verdict(s) at or above it", f.failLevel, n)}
}

// writeReport writes an export and says why it could not: an existing file,
// a missing folder or a folder one may not write in are the user's to fix
// (exit 2); anything else is the machine's (exit 1).
func writeReport(path string, data []byte, force bool) error {
	err := export.WriteFile(path, data, force)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, export.ErrExists):
		return badInputf("%v; nothing written (use --force to overwrite it)", err)
	case errors.Is(err, export.ErrNoFolder), errors.Is(err, fs.ErrPermission):
		return badInputf("%v; nothing written", err)
	}
	return fmt.Errorf("%w; nothing written", err)
}

// render writes the document in the format; terminal means glamour on a
// terminal and plain Markdown through a pipe.
func (a *app) render(w io.Writer, doc *report.Doc, c *questionnaire.Content, format string) error {
	switch format {
	case FormatJSON:
		return doc.WriteJSON(w)
	case FormatHTML:
		return doc.WriteHTML(w, c)
	case FormatTerminal:
		if a.io.OutTTY {
			md, err := doc.Markdown(c)
			if err != nil {
				return err
			}
			s, err := report.RenderTerminal(md, a.width(), report.StyleFromEnv(a.io.Getenv))
			if err != nil {
				return err
			}
			_, err = io.WriteString(w, s)
			return err
		}
	}
	return doc.WriteMarkdown(w, c)
}

// width is the terminal's width for rendering, 80 when unknown, at most 120.
func (a *app) width() int {
	if a.io.Width != nil {
		if tw := a.io.Width(); tw > 0 {
			return min(tw, 120)
		}
	}
	return 80
}

// readInput reads FILE or standard input, refusing what is too large to be
// an answers file before reading it all, and what is not a regular file (a
// named pipe would block the open, a device the read) before reading
// anything.
func (a *app) readInput(path string) (string, []byte, error) {
	var r io.Reader
	name := path
	if path == "-" {
		name = "<stdin>"
		r = a.io.In
	} else {
		fh, _, err := inputfile.Open(path)
		if err != nil {
			return name, nil, badInput(describeOpenError(path, err, "an answers file (YAML or JSON), or - for standard input"))
		}
		defer fh.Close()
		r = fh
	}
	data, err := inputfile.ReadAll(r, questionnaire.MaxAnswersSize)
	if err != nil {
		return name, nil, badInputf("%s: %v", safetext.Visible(name), err)
	}
	return name, data, nil
}

// describeOpenError says why a file could not be opened, its name shown
// with its control characters escaped; expected says what the file should
// be, for one that is not a regular file.
func describeOpenError(path string, err error, expected string) error {
	name := safetext.Visible(path)
	var nr *inputfile.NotRegularError
	switch {
	case errors.As(err, &nr) && nr.Mode.IsDir():
		return fmt.Errorf("%s: is a folder; expected %s", name, expected)
	case errors.As(err, &nr):
		return fmt.Errorf("%s: is %s, not a regular file; expected %s", name, inputfile.Kind(nr.Mode), expected)
	case os.IsNotExist(err):
		return fmt.Errorf("%s: no such file", name)
	case os.IsPermission(err):
		return fmt.Errorf("%s: permission denied", name)
	}
	return errors.New(safetext.Visible(err.Error()))
}
