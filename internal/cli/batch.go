package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/conduite/conduite/export"
	"github.com/conduite/conduite/internal/safetext"
	"github.com/conduite/conduite/questionnaire"
	"github.com/conduite/conduite/report"
)

// answersExts are the extensions of the answers files a folder yields.
var answersExts = []string{".yaml", ".yml", ".json"}

// runBatch evaluates every input, prints the triage table, writes a report
// per file with --output-dir, and reports bad files without stopping.
func (a *app) runBatch(cmd *cobra.Command, f evaluateFlags, args []string) error {
	if f.output != "" {
		return badMsg("cli_output_one")
	}
	if !report.SummaryFormats.Has(f.parsed) {
		return badMsg("cli_unknown_format_batch", "v", strconv.Quote(f.format))
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
	files, err := expandInputs(args)
	if err != nil {
		return err
	}
	names := reportNames(files, reportFormat)
	var inputs *inputSet
	if f.outputDir != "" {
		inputs = a.inputSet(files...)
	}
	summary := report.NewSummary(c.Texts, lang)
	var levels []questionnaire.Level
	failed := 0
	for i, path := range files {
		row := report.SummaryRow{File: safetext.Visible(path)} // a file name is shown, never acted on
		rep, err := a.evaluateFile(c, path, f.strict)
		if err == nil {
			row = report.NewSummaryRow(row.File, rep, lang)
			levels = append(levels, rep.Level)
			if f.outputDir != "" {
				out := filepath.Join(f.outputDir, names[i])
				err = inputs.refuse(out, path, "--output-dir or --report-format")
				if err == nil {
					err = a.writeBatchReport(rep, lang, f, out, reportFormat)
				}
				if err == nil {
					row.Report = safetext.Visible(out)
				}
			}
		}
		if err != nil {
			failed++
			row.Error = safetext.Visible(strings.TrimSpace(a.loc().Error(err)))
			fmt.Fprintf(a.io.Err, "conduite: %s\n", row.Error)
		}
		summary.Add(row)
	}
	var out bytes.Buffer // whole or not at all
	if err := summary.Write(&out, f.parsed, a.output()); err != nil {
		return err
	}
	if _, err := a.io.Out.Write(out.Bytes()); err != nil {
		return err
	}
	if failed > 0 {
		return badInput(questionnaire.NewCount("cli_batch_failed", failed, "total", len(files)))
	}
	return f.failOnError(levels)
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
// *.yaml, *.yml and *.json files (not its subfolders), sorted; a file is
// taken as given, even if missing (its error then shows in the table).
func expandInputs(args []string) ([]string, error) {
	var files []string
	for _, arg := range args {
		if arg == "-" {
			return nil, badMsg("cli_stdin_one")
		}
		st, err := os.Stat(arg)
		if err != nil || !st.IsDir() {
			files = append(files, arg)
			continue
		}
		entries, err := os.ReadDir(arg)
		if err != nil {
			return nil, badMsg("cli_file_err", "file", safetext.Visible(arg), "err", errors.Unwrap(err))
		}
		n := 0
		for _, e := range entries {
			if e.IsDir() || strings.HasPrefix(e.Name(), ".") || !slices.Contains(answersExts, strings.ToLower(filepath.Ext(e.Name()))) {
				continue
			}
			files = append(files, filepath.Join(arg, e.Name()))
			n++
		}
		if n == 0 {
			return nil, badMsg("cli_no_answers_files", "dir", safetext.Visible(arg))
		}
	}
	return files, nil
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
