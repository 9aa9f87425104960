package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/conduite/conduite/assets"
	"github.com/conduite/conduite/internal/safetext"
	"github.com/conduite/conduite/questionnaire"
)

// globals are the flags every command shares.
type globals struct {
	lang        string
	referentiel string
	catalog     string
	profile     string      // --profil FILE
	profileFlag *pflag.Flag // Changed: --profil given (even empty: then no profile)
	noProfile   bool        // --sans-profil
}

// app is one run of the command line: its streams, flags and content.
type app struct {
	io       *IOStreams
	args     []string // the command line, for --lang before cobra reads it
	g        globals
	w        wizardFlags
	embedded *questionnaire.Content // the embedded content alone (base)
	content  *questionnaire.Content // with the local catalogs (Content)
}

// Lang returns the language from --lang, else from the locale.
func (a *app) Lang() (questionnaire.Lang, error) {
	if a.g.lang == "" {
		a.g.lang = langArg(a.args)
	}
	if a.g.lang != "" {
		l, err := questionnaire.ParseLang(a.g.lang)
		return l, badInput(err)
	}
	return questionnaire.LangFromEnv(a.io.Getenv), nil
}

// lang is the language of the messages: --lang, else the locale's (also
// when --lang is wrong: Lang reports it, in the locale's language).
func (a *app) lang() questionnaire.Lang {
	if l, err := a.Lang(); err == nil {
		return l
	}
	return questionnaire.LangFromEnv(a.io.Getenv)
}

// loc is the localizer every message and the help are written with.
func (a *app) loc() questionnaire.Localizer {
	var t *questionnaire.Texts
	if c, err := a.base(); err == nil {
		t = c.Texts
	}
	return t.For(a.lang())
}

// base loads the embedded content (once per run).
func (a *app) base() (*questionnaire.Content, error) {
	if a.embedded != nil {
		return a.embedded, nil
	}
	c, err := questionnaire.Load(assets.FS)
	if err != nil {
		return nil, fmt.Errorf("embedded content: %w", err) // a bug: tests load the same files
	}
	a.embedded = c
	return c, nil
}

// langArg finds --lang in args: the shell's completion request
// (__complete) passes the command line to complete unparsed, and its
// descriptions are in the language asked all the same.
func langArg(args []string) string {
	for i, arg := range args {
		switch {
		case arg == "--":
			return ""
		case arg == "--lang" && i+1 < len(args):
			return args[i+1]
		case strings.HasPrefix(arg, "--lang="):
			return strings.TrimPrefix(arg, "--lang=")
		}
	}
	return ""
}

// langContent is the prologue of every command: the language and the
// content, or the error that stops the command.
func (a *app) langContent() (questionnaire.Lang, *questionnaire.Content, error) {
	lang, err := a.Lang()
	if err != nil {
		return "", nil, err
	}
	c, err := a.Content()
	return lang, c, err
}

// Content loads and checks the embedded content (once per run).
func (a *app) Content() (*questionnaire.Content, error) {
	if a.content != nil {
		return a.content, nil
	}
	c, err := a.base()
	if err != nil {
		return nil, err
	}
	if c, err = a.withProfile(c); err != nil {
		return nil, err
	}
	if c, err = a.withLocalCatalogs(c); err != nil {
		return nil, err
	}
	if a.g.referentiel != "" {
		if _, err := c.Referentiels.Lookup(a.g.referentiel); err != nil {
			return nil, badMsg("cli_flag_err", "flag", "--referentiel", "err", err)
		}
	}
	a.content = c
	return c, nil
}

// Main runs conduite with args (without the program name) and returns the
// exit status. Errors are printed once, here.
func Main(ctx context.Context, streams *IOStreams, args []string) int {
	a := &app{io: streams, args: args}
	root := a.rootCmd()
	root.SetArgs(args)
	root.SetIn(streams.In)
	root.SetOut(streams.Out)
	root.SetErr(streams.Err)
	err := root.ExecuteContext(ctx)
	if err != nil && !errors.Is(err, ErrAborted) {
		// The last guard of the terminal: whatever a message quotes (a file
		// name, a flag's value), its control characters are shown escaped.
		fmt.Fprintf(streams.Err, "conduite: %s\n", safetext.VisibleLines(strings.TrimSpace(a.loc().Error(err))))
	}
	return exitCode(err)
}

func (a *app) rootCmd() *cobra.Command {
	root := &cobra.Command{
		Use: "conduite",
		// Short and Long: cli_root_short, cli_root_long (see localize).
		Version:       version(),
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          noArgs,
		RunE:          a.runWizard,
	}
	root.SetVersionTemplate("conduite {{.Version}}\n")
	pf := root.PersistentFlags()
	pf.StringVar(&a.g.lang, "lang", "", "cli_flag_lang")
	pf.StringVar(&a.g.referentiel, "referentiel", "", "cli_flag_referentiel")
	pf.StringVar(&a.g.catalog, "catalog", "", "cli_flag_catalog")
	pf.StringVar(&a.g.profile, "profil", "", "cli_flag_profil")
	pf.BoolVar(&a.g.noProfile, "sans-profil", false, "cli_flag_sans_profil")
	// --profile and --no-profile are the English spellings of the same flags.
	root.SetGlobalNormalizationFunc(func(_ *pflag.FlagSet, name string) pflag.NormalizedName {
		switch name {
		case "profile":
			name = "profil"
		case "no-profile":
			name = "sans-profil"
		}
		return pflag.NormalizedName(name)
	})
	a.g.profileFlag = pf.Lookup("profil")
	_ = root.RegisterFlagCompletionFunc("lang", fixedCompletion("fr", "en"))
	_ = root.RegisterFlagCompletionFunc("referentiel", a.completeReferentiel)
	a.installHelp(root)
	a.addWizardFlags(root)
	root.AddCommand(a.evaluateCmd(), a.questionsCmd(), a.toolsCmd(), a.casesCmd(), a.salleCmd())
	return root
}

// embeddedReferentiels are the référentiels of the embedded content
// (assets/referentiels.yaml), in its order; nil if it does not load (a bug
// the tests catch).
func embeddedReferentiels() []questionnaire.Referentiel {
	c, err := questionnaire.Load(assets.FS)
	if err != nil {
		return nil
	}
	return c.Referentiels.List
}

// completeReferentiel completes --referentiel with the content's ids, each
// described by its name in the user's language.
func (a *app) completeReferentiel(_ *cobra.Command, _ []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	lang, _ := a.Lang()
	var out []string
	for _, r := range embeddedReferentiels() {
		if strings.HasPrefix(r.ID, toComplete) {
			out = append(out, r.ID+"\t"+r.Name.In(lang))
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

func fixedCompletion(values ...string) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return values, cobra.ShellCompDirectiveNoFileComp
	}
}
