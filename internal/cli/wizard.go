package cli

import (
	"github.com/spf13/cobra"
)

// wizardFlags are the flags of the interactive wizard.
type wizardFlags struct {
	accessible   bool
	noSave       bool
	presentation bool
}

func (a *app) addWizardFlags(root *cobra.Command) {
	f := root.Flags()
	f.BoolVar(&a.w.accessible, "accessible", false, "plain line-by-line mode for screen readers (also ACCESSIBLE=1)")
	f.BoolVar(&a.w.noSave, "no-save", false, "write no resume file (workshops, shared computers)")
}

// runWizard opens the interactive wizard.
func (a *app) runWizard(cmd *cobra.Command, _ []string) error {
	if !a.io.InTTY || !a.io.OutTTY {
		return badInputf("the wizard needs a terminal (standard input and output are not both terminals); " +
			"to evaluate an answers file without one, use: conduite evaluate FILE (see conduite evaluate --help)")
	}
	return badInputf("the wizard is not built yet; use: conduite evaluate FILE")
}
