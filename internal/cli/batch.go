package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/conduite/conduite/export"
	"github.com/conduite/conduite/internal/safetext"
	"github.com/conduite/conduite/questionnaire"
	"github.com/conduite/conduite/report"
)

// answersExts are the extensions of the answers files a folder yields.
var answersExts = []string{".yaml", ".yml", ".json"}

// runBatch evaluates every input, prints the triage table row by row in the
// inputs' order, writes a report per file with --output-dir (keeping those
// already there unless --force), and reports bad files without stopping.
// The files are evaluated by --jobs workers (every core by default).
func (a *app) runBatch(cmd *cobra.Command, f evaluateFlags, args []string) error {
	if f.output != "" {
		return badMsg("cli_output_one")
	}
	if !report.SummaryFormats.Has(f.parsed) {
		return badMsg("cli_unknown_format_batch", append([]any{"v", strconv.Quote(f.format)}, formatLists()...)...)
	}
	csvOpts, err := f.csvOptions(cmd)
	if err != nil {
		return err
	}
	var reportFormat report.Format
	if f.outputDir != "" {
		rf, err := export.ParseFormat(f.reportFormat)
		if err != nil {
			return badMsg("cli_flag_err", "flag", "--report-format", "err", err)
		}
		reportFormat = rf
		if err := os.MkdirAll(f.outputDir, 0o755); err != nil {
			return badMsg("cli_flag_err", "flag", "--output-dir", "err", err)
		}
	} else if cmd.Flags().Changed("report-format") {
		return badMsg("cli_report_format_needs_dir")
	}
	lang, c, err := a.langContent()
	if err != nil {
		return err
	}
	files, skipped, err := expandInputs(args, f.recursive, f.outputDir)
	if err != nil {
		return err
	}
	names := reportNames(files, reportFormat)
	var inputs *inputSet
	if f.outputDir != "" {
		inputs = a.inputSet(files...)
	}
	summary := report.NewSummary(c.Texts, lang)
	summary.SetCSV(csvOpts)
	summary.SkippedFolders, summary.SkippedProfiles = skipped.folders, skipped.profiles
	// rows go out in 32 KiB writes, not one write each; on a terminal each
	// row is flushed as it comes, and before any message on stderr
	out := bufio.NewWriterSize(a.io.Out, 32<<10)
	sw, err := summary.NewWriter(out, f.parsed, a.output())
	if err != nil {
		return err
	}
	var levels []questionnaire.Level
	loc := a.loc() // made once: the workers share it, read-only
	one := func(i int) batchResult {
		return a.batchOne(c, loc, f, files[i], names[i], reportFormat, inputs)
	}
	emit := func(res batchResult) error {
		row := res.row
		if len(res.errs) > 0 {
			if err := out.Flush(); err != nil {
				return err
			}
		}
		for _, msg := range res.errs {
			fmt.Fprintf(a.io.Err, "conduite: %s\n", msg)
		}
		if !row.Failed() {
			levels = append(levels, row.Level())
		}
		if err := sw.Row(row); err != nil {
			return err
		}
		if a.io.OutTTY {
			return out.Flush()
		}
		return nil
	}
	if err := runOrdered(len(files), f.jobs, one, emit); err != nil {
		return err
	}
	if err := sw.Close(); err != nil {
		return err
	}
	if err := out.Flush(); err != nil {
		return err
	}
	if f.parsed == report.CSV || f.parsed == report.JSON {
		// under a human table the lines are in the table's end; a CSV or
		// JSON table on stdout stays data: said on stderr
		if skipped.folders > 0 {
			fmt.Fprintf(a.io.Err, "conduite: %s\n", a.loc().Count("summary_skipped_folders", skipped.folders))
		}
		if skipped.profiles > 0 {
			fmt.Fprintf(a.io.Err, "conduite: %s\n", a.loc().Count("summary_skipped_profiles", skipped.profiles))
		}
	}
	failed, notWritten := summary.Failures()
	switch {
	case failed > 0 && notWritten > 0:
		fmt.Fprintf(a.io.Err, "conduite: %s\n", a.loc().Count("cli_batch_reports_failed", notWritten, "total", len(files)-failed))
		return badInput(questionnaire.NewCount("cli_batch_failed", failed, "total", len(files)))
	case failed > 0:
		return badInput(questionnaire.NewCount("cli_batch_failed", failed, "total", len(files)))
	case notWritten > 0:
		return badInput(questionnaire.NewCount("cli_batch_reports_failed", notWritten, "total", len(files)))
	}
	return f.failOnError(levels)
}

// batchResult is one file's row and the messages to print with it.
type batchResult struct {
	row  report.SummaryRow
	errs []string
}

// batchOne evaluates one file and, with --output-dir, writes its report
// unless one is there already (without --force). It runs in a worker: it
// prints nothing, the caller does, in order.
func (a *app) batchOne(c *questionnaire.Content, loc questionnaire.Localizer, f evaluateFlags, path, name string, format report.Format, inputs *inputSet) batchResult {
	lang := loc.Lang()
	file := safetext.Visible(path) // a file name is shown, never acted on
	rep, err := a.evaluateFile(c, path, f.strict)
	if err != nil {
		msg := safetext.Visible(strings.TrimSpace(loc.Error(err)))
		return batchResult{row: report.SummaryRow{File: file, Error: msg}, errs: []string{msg}}
	}
	res := batchResult{row: report.NewSummaryRow(file, rep, lang)}
	if f.outputDir == "" {
		return res
	}
	out := filepath.Join(f.outputDir, name)
	res.row.Report = safetext.Visible(out)
	err = inputs.refuse(out, path, "--output-dir or --report-format")
	if err == nil && !f.force {
		if _, statErr := os.Lstat(out); statErr == nil {
			res.row.ReportStatus = report.ReportKept
			return res
		}
	}
	if err == nil {
		err = a.writeBatchReport(rep, lang, f, out, format)
	}
	if err != nil {
		msg := safetext.Visible(strings.TrimSpace(loc.Error(err)))
		res.row.ReportStatus, res.row.ReportError, res.errs = report.ReportFailed, msg, []string{msg}
		return res
	}
	res.row.ReportStatus = report.ReportWritten
	return res
}

// runOrdered runs one(i) for i in [0, n) on jobs workers and hands each
// result to emit in index order, as soon as it and those before it are
// done. At most a window of results waits for a slow one, so memory stays
// flat however many files there are. With one job, it is a plain loop.
func runOrdered(n, jobs int, one func(int) batchResult, emit func(batchResult) error) error {
	jobs = min(jobs, n) // no idle workers (--jobs 100000 on ten files)
	if jobs <= 1 {
		for i := range n {
			if err := emit(one(i)); err != nil {
				return err
			}
		}
		return nil
	}
	type job struct {
		i   int
		res chan batchResult
	}
	// order holds, in index order, where each result will be: the feeder
	// blocks when it is full, so at most its capacity waits to be emitted
	order := make(chan chan batchResult, 8*jobs)
	next := make(chan job)
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		defer close(next)
		defer close(order)
		for i := range n {
			res := make(chan batchResult, 1)
			select {
			case order <- res:
			case <-done:
				return
			}
			select {
			case next <- job{i, res}:
			case <-done:
				return
			}
		}
	})
	for range jobs {
		wg.Go(func() {
			for j := range next {
				j.res <- one(j.i)
			}
		})
	}
	defer wg.Wait()
	defer close(done)
	for res := range order {
		if err := emit(<-res); err != nil {
			return err
		}
	}
	return nil
}

// writeBatchReport writes one file's report into --output-dir.
func (a *app) writeBatchReport(rep *questionnaire.Report, lang questionnaire.Lang, f evaluateFlags, path string, format report.Format) error {
	doc := report.New(rep, report.Options{Lang: lang, Version: version()})
	f.applyHeader(doc)
	data, err := export.Render(doc, format)
	if err != nil {
		return err
	}
	return writeReport(path, data, f.force)
}

// expandInputs turns the arguments into answers files: a folder gives its
// *.yaml, *.yml and *.json files, sorted, and with recursive those of its
// subfolders too (hidden ones and the --output-dir excepted); without it,
// skipped counts the subfolders left out. A profile found in a folder
// (questionnaire.IsProfileFile) is left out and counted too. A file is
// taken as given, even if missing (its error then shows in the table).
func expandInputs(args []string, recursive bool, outputDir string) (files []string, skipped skippedInputs, err error) {
	outAbs := ""
	if outputDir != "" {
		outAbs, _ = filepath.Abs(outputDir)
	}
	isOutput := func(dir string) bool {
		abs, err := filepath.Abs(dir)
		return err == nil && outAbs != "" && abs == outAbs
	}
	for _, arg := range args {
		if arg == "-" {
			return nil, skipped, badMsg("cli_stdin_one")
		}
		st, err := os.Stat(arg)
		if err != nil || !st.IsDir() {
			if err == nil && questionnaire.IsProfileFile(arg) {
				skipped.profiles++ // examples/*.yaml holds the example profile
				continue
			}
			files = append(files, arg)
			continue
		}
		n := 0
		walkErr := filepath.WalkDir(arg, func(path string, e fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if path == arg {
				return nil
			}
			hidden := strings.HasPrefix(e.Name(), ".")
			if e.IsDir() {
				switch {
				case hidden || isOutput(path):
				case recursive:
					return nil
				default:
					skipped.folders++
				}
				return filepath.SkipDir
			}
			if hidden || !slices.Contains(answersExts, strings.ToLower(filepath.Ext(e.Name()))) {
				return nil
			}
			if questionnaire.IsProfileFile(e.Name()) {
				skipped.profiles++
				return nil
			}
			files = append(files, path)
			n++
			return nil
		})
		if walkErr != nil {
			var pe *fs.PathError
			if errors.As(walkErr, &pe) {
				return nil, skipped, badMsg("cli_file_err", "file", safetext.Visible(pe.Path), "err", pe.Err)
			}
			return nil, skipped, badMsg("cli_file_err", "file", safetext.Visible(arg), "err", walkErr)
		}
		if n == 0 {
			return nil, skipped, badMsg("cli_no_answers_files", "dir", safetext.Visible(arg))
		}
	}
	if len(files) == 0 {
		return nil, skipped, badMsg("cli_no_answers_files", "dir", safetext.Visible(strings.Join(args, " ")))
	}
	return files, skipped, nil
}

// skippedInputs counts what a folder held that is not evaluated: the
// subfolders not walked, the profiles.
type skippedInputs struct{ folders, profiles int }

// csvOptions reads --csv-sep and --excel: --excel puts a UTF-8 byte-order
// mark first and separates by « ; » unless --csv-sep says otherwise; both
// are for the CSV table only.
func (f evaluateFlags) csvOptions(cmd *cobra.Command) (report.CSVOptions, error) {
	setSep := cmd.Flags().Changed("csv-sep")
	if (setSep || f.excel) && f.parsed != report.CSV {
		return report.CSVOptions{}, badMsg("cli_csv_only")
	}
	o := report.CSVOptions{BOM: f.excel}
	if f.excel {
		o.Sep = ';'
	}
	if setSep {
		sep := f.csvSep
		if sep == `\t` || strings.EqualFold(sep, "tab") {
			sep = "\t"
		}
		r := []rune(sep)
		if len(r) != 1 || r[0] == '"' || r[0] == '\r' || r[0] == '\n' || r[0] == utf8.RuneError || unicode.IsLetter(r[0]) || unicode.IsDigit(r[0]) {
			return report.CSVOptions{}, badMsg("cli_csv_sep", "v", strconv.Quote(f.csvSep))
		}
		o.Sep = r[0]
	}
	return o, nil
}

// reportNames gives each input the name of its report in --output-dir: its
// own name with the format's extension, made unique when two inputs share
// a name (a/x.yaml and b/x.json give x.md and x-2.md).
func reportNames(files []string, f report.Format) []string {
	names := make([]string, len(files))
	seen := map[string]bool{}
	for i, p := range files {
		base := strings.TrimSuffix(filepath.Base(p), filepath.Ext(p))
		if base == "" || base == "." {
			base = "conduite"
		}
		name := base + f.Ext()
		for n := 2; seen[strings.ToLower(name)]; n++ {
			name = base + "-" + strconv.Itoa(n) + f.Ext()
		}
		seen[strings.ToLower(name)] = true
		names[i] = name
	}
	return names
}

// inputSet is what a run reads: its answers files and catalog files. A
// report never replaces one of them, even with --force (`--output-dir dem
// --report-format json dem/` would otherwise put its reports over the
// demands it reads, some before they are read).
type inputSet struct {
	abs   map[string]string // the cleaned absolute path → the input as named
	files []inputFile       // the inputs that exist, to compare as files
}

type inputFile struct {
	name string
	info fs.FileInfo
}

// inputSet gathers the answers files given and the catalog files read (the
// one of the configuration folder, --catalog). Standard input is no path.
func (a *app) inputSet(answers ...string) *inputSet {
	paths := slices.Clone(answers)
	if dir := userConfigDir(a.getenv); dir != "" {
		paths = append(paths, filepath.Join(dir, "conduite", ConfigCatalogName))
	}
	if a.g.catalog != "" {
		paths = append(paths, a.g.catalog)
	}
	s := &inputSet{abs: make(map[string]string, len(paths))}
	for _, p := range paths {
		if p == "-" || p == "" {
			continue
		}
		if abs, err := filepath.Abs(p); err == nil {
			if _, dup := s.abs[abs]; !dup {
				s.abs[abs] = p
			}
		}
		if info, err := os.Stat(p); err == nil && info.Mode().IsRegular() {
			s.files = append(s.files, inputFile{name: p, info: info})
		}
	}
	return s
}

// replaces returns the input a file written at path would replace: the same
// cleaned absolute path, or the same existing file reached another way (a
// folder through a symbolic link, a hard link, a name differing in case on
// a disk that ignores it).
func (s *inputSet) replaces(path string) (string, bool) {
	if abs, err := filepath.Abs(path); err == nil {
		if in, ok := s.abs[abs]; ok {
			return in, true
		}
	}
	info, err := os.Stat(path)
	if err != nil {
		return "", false
	}
	for _, in := range s.files {
		if os.SameFile(info, in.info) {
			return in.name, true
		}
	}
	return "", false
}

// refuse is the bad-input error for a report at path that would replace an
// input, nil when it would not. of names the answers file whose report it
// is, in a batch; what names the flags to change.
func (s *inputSet) refuse(path, of, what string) error {
	if s == nil {
		return nil
	}
	in, ok := s.replaces(path)
	if !ok {
		return nil
	}
	subject := questionnaire.NewMsg("cli_is", "file", path)
	switch {
	case of != "" && in != path:
		subject = questionnaire.NewMsg("cli_report_is_input_alias", "file", of, "report", path, "same", in)
	case of != "":
		subject = questionnaire.NewMsg("cli_report_is_input", "file", of, "report", path)
	case in != path:
		subject = questionnaire.NewMsg("cli_is_alias", "file", path, "same", in)
	}
	return badMsg("cli_input_of_run", "subject", subject, "what", what)
}
