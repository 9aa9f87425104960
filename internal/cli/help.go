package cli

import (
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/conduite/conduite/internal/lazyregexp"
	"github.com/conduite/conduite/questionnaire"
	"github.com/conduite/conduite/report"
)

// The help, the usage and the completions speak the user's language: the
// commands' texts, the flags' usages and cobra's own words (its help and
// completion commands, the headings of its template) are replaced by the
// texts of assets/texts/cli.yaml before anything is shown. A command's
// texts are the keys cli_NAME_short and cli_NAME_long (cli_root_… for the
// root); a flag is declared with the key of its usage (cli_flag_…).

// usageTemplate is cobra's default usage template with its headings taken
// from the texts.
func usageTemplate(l questionnaire.Localizer) string {
	return l.T("cli_h_usage") + `{{if .Runnable}}
  {{.UseLine}}{{if .HasAvailableFlags}} [` + l.T("cli_h_options") + `]{{end}}{{end}}{{if .HasAvailableSubCommands}}
  {{.CommandPath}} [` + l.T("cli_h_command") + `]{{end}}{{if gt (len .Aliases) 0}}

` + l.T("cli_h_aliases") + `
  {{.NameAndAliases}}{{end}}{{if .HasExample}}

` + l.T("cli_h_examples") + `
{{.Example}}{{end}}{{if .HasAvailableSubCommands}}

` + l.T("cli_h_commands") + `{{range .Commands}}{{if (or .IsAvailableCommand (eq .Name "help"))}}
  {{rpad .Name .NamePadding }} {{.Short}}{{end}}{{end}}{{end}}{{if .HasAvailableLocalFlags}}

` + l.T("cli_h_flags") + `
{{.LocalFlags.FlagUsages | trimTrailingWhitespaces}}{{end}}{{if .HasAvailableInheritedFlags}}

` + l.T("cli_h_global_flags") + `
{{.InheritedFlags.FlagUsages | trimTrailingWhitespaces}}{{end}}{{if .HasHelpSubCommands}}

` + l.T("cli_h_topics") + `{{range .Commands}}{{if .IsAdditionalHelpTopicCommand}}
  {{rpad .CommandPath .CommandPathPadding}} {{.Short}}{{end}}{{end}}{{end}}{{if .HasAvailableSubCommands}}

` + l.T("cli_h_more", "cmd", "{{.CommandPath}}") + `{{end}}
`
}

// completionLoad is how each shell loads the script in the session.
var completionLoad = map[string]string{
	"bash":       "source <(conduite completion bash)",
	"zsh":        "source <(conduite completion zsh)",
	"fish":       "conduite completion fish | source",
	"powershell": "conduite completion powershell | Out-String | Invoke-Expression",
}

// installHelp makes the help, the usage and the completions localized,
// whichever shows first.
func (a *app) installHelp(root *cobra.Command) {
	help, usage := root.HelpFunc(), root.UsageFunc()
	root.SetHelpFunc(func(c *cobra.Command, args []string) {
		a.localize(c.Root())
		help(c, args)
	})
	root.SetUsageFunc(func(c *cobra.Command) error {
		a.localize(c.Root())
		return usage(c)
	})
	// __complete (the shell asking for completions), help COMMAND and the
	// completion scripts run the root's persistent hook; the descriptions
	// they print are then localized too. The other commands print no text
	// of cobra's: localizing would load the whole content before the
	// wizard's first frame, which loads it in the background instead.
	root.PersistentPreRunE = func(c *cobra.Command, _ []string) error {
		if printsCobraTexts(c) {
			a.localize(c.Root())
		}
		return nil
	}
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return badMsg("cli_see_help", "err", flagError(err), "cmd", c.CommandPath())
	})
}

// printsCobraTexts says whether the command prints cobra's own texts
// (descriptions of commands and flags): the shell's completion requests,
// help and the completion scripts.
func printsCobraTexts(c *cobra.Command) bool {
	for ; c != nil; c = c.Parent() {
		switch c.Name() {
		case cobra.ShellCompRequestCmd, cobra.ShellCompNoDescRequestCmd, "help", "completion":
			return true
		}
	}
	return false
}

// localize writes every command's texts and flags in the user's language.
// It may run more than once (a flag cobra adds late is then localized).
func (a *app) localize(root *cobra.Command) {
	c, err := a.base()
	if err != nil {
		return // the error shows when the command runs
	}
	l := c.Texts.For(a.lang())
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	root.InitDefaultVersionFlag()
	root.SetUsageTemplate(usageTemplate(l))
	refs := strings.Join(c.Referentiels.IDs(), ", ")
	var walk func(cmd *cobra.Command)
	walk = func(cmd *cobra.Command) {
		cmd.InitDefaultHelpFlag()
		cmd.DisableFlagsInUseLine = true // the template writes « [options] »
		key := "cli_" + cmd.Name()
		switch {
		case cmd == root:
			key = "cli_root"
		case cmd.HasParent() && cmd.Parent().Name() == "completion":
			cmd.Short = l.T("cli_completion_shell_short", "shell", cmd.Name())
			cmd.Long = l.T("cli_completion_shell_long", "shell", cmd.Name(), "load", completionLoad[cmd.Name()])
		}
		if c.Texts.Has(key + "_short") {
			cmd.Short = l.T(key + "_short")
		}
		if c.Texts.Has(key + "_use") {
			cmd.Use = l.T(key + "_use")
		}
		if c.Texts.Has(key + "_long") {
			cmd.Long = l.T(key + "_long")
		}
		localizeFlags(cmd.Flags(), cmd, l, refs)
		localizeFlags(cmd.PersistentFlags(), cmd, l, refs)
		for _, sub := range cmd.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

func localizeFlags(fs *pflag.FlagSet, cmd *cobra.Command, l questionnaire.Localizer, refs string) {
	fs.VisitAll(func(f *pflag.Flag) {
		switch {
		case f.Name == "help":
			f.Usage = l.T("cli_flag_help", "cmd", cmd.Name())
		case f.Name == "version" && !strings.HasPrefix(f.Usage, "cli_"):
			f.Usage = l.T("cli_flag_version")
		case f.Name == "no-descriptions":
			f.Usage = l.T("cli_flag_no_descriptions")
		case strings.HasPrefix(f.Usage, "cli_flag_"):
			f.Usage = l.T(f.Usage, append([]any{"refs", refs, "exts", strings.Join(report.FileFormats.Exts(), ", ")}, formatLists()...)...)
			if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "[]" && f.DefValue != "0" {
				// pflag would write « (default "x") » in English.
				f.Usage += " " + l.T("cli_default", "v", f.DefValue)
				f.DefValue = ""
				if f.Value.Type() == "int" {
					f.DefValue = "0" // an int's zero for pflag: no « (default ) » of its own
				}
			}
		}
	})
}

// pflag's errors, in English, read back into messages of the texts.
var (
	reUnknownFlag  = lazyregexp.New(`^unknown flag: (\S+)$`)
	reUnknownShort = lazyregexp.New(`^unknown shorthand flag: '(.)' in (\S+)$`)
	reNeedsArg     = lazyregexp.New(`^flag needs an argument: (?:'(.)' in )?(\S+)$`)
	reBadValue     = lazyregexp.New(`^invalid argument ("(?:[^"\\]|\\.)*") for "([^"]+)" flag`)
)

// flagError is err, a flag parsing error, as a message of the texts when
// its form is known.
func flagError(err error) error {
	s := err.Error()
	if m := reUnknownFlag.FindStringSubmatch(s); m != nil {
		return questionnaire.NewMsg("cli_unknown_flag", "flag", m[1])
	}
	if m := reUnknownShort.FindStringSubmatch(s); m != nil {
		return questionnaire.NewMsg("cli_unknown_shorthand", "flag", "-"+m[1])
	}
	if m := reNeedsArg.FindStringSubmatch(s); m != nil {
		return questionnaire.NewMsg("cli_flag_needs_arg", "flag", m[2])
	}
	if m := reBadValue.FindStringSubmatch(s); m != nil {
		return questionnaire.NewMsg("cli_bad_flag_value", "v", m[1], "flag", m[2])
	}
	return err
}

// noArgs refuses any argument: an unknown command where there are
// commands, else an argument too many.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	if cmd.HasAvailableSubCommands() {
		var names []string
		for _, sub := range cmd.Commands() {
			if sub.IsAvailableCommand() {
				names = append(names, sub.Name())
			}
		}
		var hint any = ""
		if n := questionnaire.Nearest(args[0], names); n != "" {
			hint = questionnaire.NewMsg("err_did_you_mean", "s", strconv.Quote(n))
		}
		return badMsg("cli_see_help", "err", questionnaire.NewMsg("cli_unknown_command", "v", strconv.Quote(args[0]), "hint", hint,
			"allowed", strings.Join(names, ", ")), "cmd", cmd.CommandPath())
	}
	return maxArgs(0)(cmd, args)
}

// maxArgs accepts at most n arguments.
func maxArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) <= n {
			return nil
		}
		return badMsg("cli_see_help", "err", questionnaire.NewCount("cli_too_many_args", n, "got", len(args)), "cmd", cmd.CommandPath())
	}
}
