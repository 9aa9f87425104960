package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/conduite/conduite/assets"
	"github.com/conduite/conduite/internal/safetext"
	"github.com/conduite/conduite/questionnaire"
)

// globals are the flags every command shares.
type globals struct {
	lang        string
	referentiel string
	catalog     string
}

// app is one run of the command line: its streams, flags and content.
type app struct {
	io      *IOStreams
	g       globals
	w       wizardFlags
	content *questionnaire.Content
}

// Lang returns the language from --lang, else from the locale.
func (a *app) Lang() (questionnaire.Lang, error) {
	if a.g.lang != "" {
		l, err := questionnaire.ParseLang(a.g.lang)
		return l, badInput(err)
	}
	return questionnaire.LangFromEnv(a.io.Getenv), nil
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
	c, err := questionnaire.Load(assets.FS)
	if err != nil {
		return nil, fmt.Errorf("embedded content: %w", err) // a bug: tests load the same files
	}
	if c, err = a.withLocalCatalogs(c); err != nil {
		return nil, err
	}
	if a.g.referentiel != "" {
		if _, err := c.Referentiels.Lookup(a.g.referentiel); err != nil {
			return nil, badInputf("--referentiel: %v", err)
		}
	}
	a.content = c
	return c, nil
}

// Main runs conduite with args (without the program name) and returns the
// exit status. Errors are printed once, here.
func Main(ctx context.Context, streams *IOStreams, args []string) int {
	a := &app{io: streams}
	root := a.rootCmd()
	root.SetArgs(args)
	root.SetIn(streams.In)
	root.SetOut(streams.Out)
	root.SetErr(streams.Err)
	err := root.ExecuteContext(ctx)
	if err != nil && !errors.Is(err, ErrAborted) {
		// The last guard of the terminal: whatever a message quotes (a file
		// name, a flag's value), its control characters are shown escaped.
		fmt.Fprintf(streams.Err, "conduite: %s\n", safetext.VisibleLines(strings.TrimSpace(err.Error())))
	}
	return exitCode(err)
}

func (a *app) rootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "conduite",
		Short: "Choisir un outil numérique conforme au RGPD — choosing a GDPR-compliant digital tool",
		Long: `conduite aide les personnels des écoles et des administrations à décider si un outil
numérique (WhatsApp, Discord, Zoom, Teams, Tchap…) peut servir à communiquer dans
un cadre professionnel, d'après « Conduite à tenir dans le choix des outils
numériques » et le RGPD. Sans argument, il ouvre l'assistant interactif.

conduite helps school and administration staff decide whether a digital tool may
be used for work communication under the GDPR. With no argument it opens the
interactive wizard.

Rien ne quitte cet ordinateur : conduite n'ouvre aucune connexion réseau.`,
		Version:       version(),
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          usageArgs(cobra.NoArgs),
		RunE:          a.runWizard,
	}
	root.SetVersionTemplate("conduite {{.Version}}\n")
	pf := root.PersistentFlags()
	pf.StringVar(&a.g.lang, "lang", "", "langue / language: fr, en (default: from LANG, else fr)")
	pf.StringVar(&a.g.referentiel, "referentiel", "", "référentiel: education-nationale, collectivite, suisse-romande")
	pf.StringVar(&a.g.catalog, "catalog", "", "a local catalog file adding or replacing tool entries (besides ~/.config/conduite/catalog.yaml; see docs/catalog.md)")
	_ = root.RegisterFlagCompletionFunc("lang", fixedCompletion("fr", "en"))
	_ = root.RegisterFlagCompletionFunc("referentiel", fixedCompletion("education-nationale", "collectivite", "suisse-romande"))
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return badInputf("%v (see `%s --help`)", err, c.CommandPath())
	})
	a.addWizardFlags(root)
	root.AddCommand(a.evaluateCmd(), a.questionsCmd(), a.toolsCmd(), a.casesCmd())
	return root
}

func fixedCompletion(values ...string) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return values, cobra.ShellCompDirectiveNoFileComp
	}
}

// usageArgs makes an argument validator's complaint a usage error (exit 2).
func usageArgs(v cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := v(cmd, args); err != nil {
			return badInputf("%v (see `%s --help`)", err, cmd.CommandPath())
		}
		return nil
	}
}
