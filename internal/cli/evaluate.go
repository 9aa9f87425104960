package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/conduite/conduite/export"
	"github.com/conduite/conduite/internal/inputfile"
	"github.com/conduite/conduite/internal/safetext"
	"github.com/conduite/conduite/questionnaire"
	"github.com/conduite/conduite/report"
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
	parsed        report.Format // --format, read
	failOn        string
	failLevel     questionnaire.Level
	recursive     bool   // a folder's subfolders too
	jobs          int    // workers of a batch
	csvSep        string // the CSV table's separator
	excel         bool   // the CSV table for a spreadsheet: BOM, « ; »
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

Exit status: 0 done (reports already there included), 2 bad input or usage (in
a batch: some files could not be evaluated, or some reports written), 3 a
verdict at or above --fail-on, 1 internal error.`,
		Example: `  conduite evaluate examples/discord-classe.yaml
  conduite evaluate --format json examples/tchap-agents.yaml
  conduite evaluate --output rapport.html --etablissement "Collège Jean-Zay" examples/discord-classe.yaml
  echo '{"outil":"whatsapp","audience":"agents"}' | conduite evaluer -
  conduite evaluate examples/
  conduite evaluate --format csv --fail-on deconseille examples/*.yaml
  conduite evaluate --output-dir rapports --report-format html examples/
  conduite evaluate -o rapport.pdf examples/discord-classe.yaml
  conduite evaluate --recursive --excel demandes/ > tri.csv`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return badMsg("cli_no_args", "cmd", cmd.CommandPath())
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
	formatFlag(cmd, &f.format, "format", "f", report.Terminal, report.AllFormats, "cli_flag_evaluate_format")
	fl.BoolVar(&f.strict, "strict", false, "cli_flag_strict")
	fl.StringVarP(&f.output, "output", "o", "", "cli_flag_output")
	fl.BoolVar(&f.force, "force", false, "cli_flag_force")
	fl.StringVar(&f.etablissement, "etablissement", "", "cli_flag_etablissement")
	fl.StringVar(&f.auteur, "auteur", "", "cli_flag_auteur")
	fl.StringVar(&f.outputDir, "output-dir", "", "cli_flag_output_dir")
	formatFlag(cmd, &f.reportFormat, "report-format", "", report.Markdown, report.FileFormats, "cli_flag_report_format")
	fl.StringVar(&f.failOn, "fail-on", "", "cli_flag_fail_on")
	fl.BoolVarP(&f.recursive, "recursive", "r", false, "cli_flag_recursive")
	fl.IntVarP(&f.jobs, "jobs", "j", 0, "cli_flag_jobs")
	fl.StringVar(&f.csvSep, "csv-sep", ",", "cli_flag_csv_sep")
	fl.BoolVar(&f.excel, "excel", false, "cli_flag_excel")
	_ = cmd.RegisterFlagCompletionFunc("fail-on", fixedCompletion(levelNames()...))
	_ = cmd.MarkFlagDirname("output-dir")
	return cmd
}

// levelNames are the ids of the verdict levels, the least severe first,
// for --fail-on.
func levelNames() []string {
	out := make([]string, 0, len(questionnaire.Levels))
	for _, l := range slices.Backward(questionnaire.Levels) {
		out = append(out, l.String())
	}
	return out
}

func (a *app) runEvaluate(cmd *cobra.Command, f evaluateFlags, args []string) error {
	if f.failOn != "" {
		l, err := questionnaire.ParseLevel(f.failOn)
		if err != nil {
			return badMsg("cli_flag_err", "flag", "--fail-on", "err", err)
		}
		f.failLevel = l
	}
	format, err := report.AllFormats.Parse(f.format)
	if err != nil {
		// which formats go with one file and which with several
		return badMsg("cli_unknown_format_single", append([]any{"v", strconv.Quote(f.format)}, formatLists()...)...)
	}
	f.parsed = format
	if f.excel || cmd.Flags().Changed("csv-sep") {
		if !cmd.Flags().Changed("format") {
			f.parsed = report.CSV // a table for a spreadsheet: CSV
		} else if f.parsed != report.CSV {
			return badMsg("cli_csv_only")
		}
	}
	switch {
	case f.jobs < 0:
		return badMsg("cli_jobs", "v", f.jobs)
	case f.jobs == 0:
		f.jobs = runtime.GOMAXPROCS(0) // every core
	}
	batch, err := isBatch(f, args)
	if err != nil {
		return err
	}
	if batch {
		return a.runBatch(cmd, f, args)
	}
	// One evaluation allocates a few megabytes once (the content, the
	// report) and ends: the collector rests meanwhile (quietStart).
	defer quietStart(a.io.Getenv)()
	return a.runSingle(cmd, f, args[0])
}

// isBatch says whether the inputs call for a triage table: several inputs,
// a folder, --output-dir or a format only the table has (csv).
func isBatch(f evaluateFlags, args []string) (bool, error) {
	if len(args) > 1 || f.outputDir != "" || !report.ReportFormats.Has(f.parsed) {
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
		data, err := export.Render(doc, format)
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
		if format.Binary() && a.io.OutTTY {
			// a PDF on a terminal is garbage, and can drive it
			return badMsg("cli_pdf_terminal")
		}
		if err := doc.Write(&out, format, a.output()); err != nil {
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
func singleFormat(cmd *cobra.Command, f evaluateFlags) (report.Format, error) {
	if f.output == "" {
		if !report.ReportFormats.Has(f.parsed) {
			// isBatch sends the table's own formats to runBatch
			return "", badMsg("cli_unknown_format_single", append([]any{"v", strconv.Quote(f.format)}, formatLists()...)...)
		}
		return f.parsed, nil
	}
	if !cmd.Flags().Changed("format") {
		ef, err := report.FileFormats.FromPath(f.output)
		if err != nil {
			return "", badMsg("cli_flag_err", "flag", "--output", "err", err)
		}
		return ef, nil
	}
	ef, err := export.ParseFormat(f.format)
	if err != nil {
		return "", badMsg("cli_flag_err", "flag", "--format --output", "err", err)
	}
	return ef, nil
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
		if questionnaire.IsProfileFile(name) {
			// the example profile sits beside the examples' answers
			return nil, badMsg("cli_profile_not_answers", "err", err, "file", safetext.Visible(name))
		}
		return nil, badInput(err)
	}
	// --referentiel wins over the file's key: set once, here, where the
	// answers are built; everything after reads Meta.Referentiel.
	answers = answers.WithReferentiel(a.g.referentiel)
	if strict {
		if missing := c.Missing(answers); len(missing) > 0 {
			return nil, badMsg("cli_strict_missing", "file", safetext.Visible(name), "ids", missing)
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
	return &exitError{code: ExitFailOn, err: questionnaire.NewCount("cli_fail_on", n, "level", f.failLevel.String())}
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
		return badMsg("cli_exists_force", "err", err)
	case errors.Is(err, export.ErrNoFolder), errors.Is(err, fs.ErrPermission):
		return badMsg("cli_nothing_written", "err", err)
	}
	return questionnaire.NewMsg("cli_nothing_written", "err", err)
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
			return name, nil, badInput(describeOpenError(path, err, "cli_expected_answers"))
		}
		defer fh.Close()
		r = fh
	}
	data, err := inputfile.ReadAll(r, questionnaire.MaxAnswersSize)
	if err != nil {
		return name, nil, badMsg("cli_file_err", "file", safetext.Visible(name), "err", err)
	}
	return name, data, nil
}

// describeOpenError says why a file could not be opened, its name shown
// with its control characters escaped; expected is the key of what the
// file should be, for one that is not a regular file.
func describeOpenError(path string, err error, expected string) error {
	name := safetext.Visible(path)
	var nr *inputfile.NotRegularError
	switch {
	case errors.As(err, &nr) && nr.Mode.IsDir():
		return questionnaire.NewMsg("cli_is_folder", "file", name, "expected", questionnaire.NewMsg(expected))
	case errors.As(err, &nr):
		return questionnaire.NewMsg("cli_not_regular", "file", name, "kind", questionnaire.NewMsg(inputfile.KindKey(nr.Mode)), "expected", questionnaire.NewMsg(expected))
	case os.IsNotExist(err):
		return questionnaire.NewMsg("cli_no_such_file", "file", name)
	case os.IsPermission(err):
		return questionnaire.NewMsg("cli_permission_denied", "file", name)
	}
	return errors.New(safetext.Visible(err.Error()))
}
