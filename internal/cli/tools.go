package cli

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/conduite/conduite/internal/safetext"
	"github.com/conduite/conduite/questionnaire"
	"github.com/conduite/conduite/report"
)

func (a *app) toolsCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:     "tools [ID]",
		Aliases: []string{"outils"},
		Long: `Sans argument, liste les outils du catalogue : identifiant, éditeur et pays, ce
que l'on sait d'eux en quelques mots, et s'ils sont une alternative
institutionnelle. Avec un identifiant, affiche la fiche complète de l'outil :
les réponses que le catalogue donne pour lui et leur sens, l'âge minimum, le
chiffrement, le droit qui s'applique au fournisseur, la note, ce pour quoi il est
proposé en alternative, ses sources et la date de vérification.

Les faits sont ceux du référentiel (--referentiel, sinon celui du profil, sinon
le référentiel par défaut) ; ceux d'un fichier local ou d'un profil sont marqués.
Un DPD peut compléter ou corriger le catalogue : --catalog FICHIER, ou le fichier
catalog.yaml du dossier de configuration (~/.config/conduite/catalog.yaml) ;
voir docs/catalog.md. Un profil (--profil, docs/profil.md) ajoute ses services
et ses décisions (« validé », « refusé »).

Without an argument, lists the catalog; with an id, shows the whole entry with
its sources. Exit status: 0 printed, 2 unknown id or bad catalog file.`,
		Example: `  conduite tools
  conduite outils discord
  conduite tools --format json teams-institution
  conduite tools --catalog mon-academie.yaml zoom-licence`,
		Args: maxArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			id := ""
			if len(args) == 1 {
				id = args[0]
			}
			return a.runTools(format, id)
		},
		ValidArgsFunction: func(_ *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			c, err := a.Content()
			if err != nil {
				return nil, cobra.ShellCompDirectiveError
			}
			var out []string
			for _, t := range c.Catalog.Tools {
				if strings.HasPrefix(t.ID, toComplete) {
					out = append(out, t.ID+"\t"+t.Name)
				}
			}
			return out, cobra.ShellCompDirectiveNoFileComp
		},
	}
	formatFlag(cmd, &format, "format", "f", report.Terminal, report.PageFormats, "cli_flag_tools_format")
	return cmd
}

func (a *app) runTools(value, id string) error {
	format, err := parseFormat("format", value, report.PageFormats)
	if err != nil {
		return err
	}
	lang, c, err := a.langContent()
	if err != nil {
		return err
	}
	var doc interface {
		WriteJSON(io.Writer) error
		Markdown() string
	}
	ref := "" // the default: the profile's, else conduite's
	if a.g.referentiel != "" {
		r, _ := c.Referentiels.Lookup(a.g.referentiel) // checked by Content
		ref = r.ID
	}
	if id == "" {
		doc = report.NewToolsIn(c, lang, ref)
	} else {
		t, err := lookupTool(c, id)
		if err != nil {
			return err
		}
		doc = report.NewToolIn(c, t, lang, ref)
	}
	var out bytes.Buffer // render whole, then write once
	if format == report.JSON {
		err = doc.WriteJSON(&out)
	} else {
		err = a.writeMarkdown(&out, doc.Markdown(), format)
	}
	if err != nil {
		return err
	}
	_, err = a.io.Out.Write(out.Bytes())
	return err
}

// lookupTool finds a catalog entry by id (ignoring case), or says which ids
// are nearest: by spelling (« discrod » → discord), else by name and aliases
// (« teams » → teams-institution, teams-personnel).
func lookupTool(c *questionnaire.Content, id string) (*questionnaire.Tool, error) {
	if t, ok := c.Catalog.Tool(id); ok {
		return t, nil
	}
	if t, ok := c.Catalog.Tool(strings.ToLower(strings.TrimSpace(id))); ok {
		return t, nil
	}
	var near []string
	if n := questionnaire.Nearest(id, c.Catalog.IDs()); n != "" {
		near = append(near, n)
	}
	for _, t := range c.Catalog.Search(id) {
		if len(near) == 5 {
			break
		}
		if !slices.Contains(near, t.ID) {
			near = append(near, t.ID)
		}
	}
	if len(near) == 0 {
		return nil, badMsg("cli_unknown_tool", "v", strconv.Quote(id), "hint", "")
	}
	return nil, badMsg("cli_unknown_tool", "v", strconv.Quote(id), "hint", questionnaire.NewMsg("cli_did_you_mean_list", "s", strings.Join(near, ", ")))
}

// writeMarkdown writes Markdown as the format asks: rendered by glamour on a
// terminal, plain through a pipe or with --format markdown.
func (a *app) writeMarkdown(w io.Writer, md string, format report.Format) error {
	o := a.output()
	o.TTY = o.TTY && format == report.Terminal
	return report.WriteTerminalMarkdown(w, md, o)
}

func (a *app) getenv(k string) string {
	if a.io.Getenv == nil {
		return os.Getenv(k)
	}
	return a.io.Getenv(k)
}

// ConfigCatalogName is the name of the DPD's catalog file in conduite's
// folder of the user's configuration directory.
const ConfigCatalogName = "catalog.yaml"

// withLocalCatalogs applies the user's catalog file (in the configuration
// directory, when it exists) and then --catalog FILE to the content: their
// entries add to or replace the embedded ones. A bad file is bad input,
// reported at its line.
func (a *app) withLocalCatalogs(c *questionnaire.Content) (*questionnaire.Content, error) {
	if dir := userConfigDir(a.getenv); dir != "" {
		path := filepath.Join(dir, "conduite", ConfigCatalogName)
		data, err := readCatalogFile(path)
		switch {
		case os.IsNotExist(err):
		case err != nil:
			return nil, badInput(err)
		default:
			if c, err = c.WithCatalog(path, data); err != nil {
				return nil, badInput(err)
			}
		}
	}
	if a.g.catalog != "" {
		data, err := readCatalogFile(a.g.catalog)
		if err != nil {
			if os.IsNotExist(err) {
				return nil, badMsg("cli_catalog_err", "err", questionnaire.NewMsg("cli_no_such_file", "file", safetext.Visible(a.g.catalog)))
			}
			return nil, badMsg("cli_catalog_err", "err", err)
		}
		if c, err = c.WithCatalog(a.g.catalog, data); err != nil {
			return nil, badInput(err)
		}
	}
	return c, nil
}

// readCatalogFile reads a catalog file, never more than one byte over the
// limit (WithCatalog then says the file is too large), and only a regular
// file (a named pipe would block the open).
func readCatalogFile(path string) ([]byte, error) {
	return readContentFile(path, questionnaire.MaxCatalogSize, "cli_expected_catalog")
}

// userConfigDir is os.UserConfigDir over the injected environment, so that
// tests never read the real user's files: $XDG_CONFIG_HOME or ~/.config on
// Unix, ~/Library/Application Support on macOS, %AppData% on Windows. "" when
// there is none.
func userConfigDir(getenv func(string) string) string {
	switch runtime.GOOS {
	case "windows":
		return getenv("AppData")
	case "darwin", "ios":
		if h := getenv("HOME"); h != "" {
			return filepath.Join(h, "Library", "Application Support")
		}
	case "plan9":
		if h := getenv("home"); h != "" {
			return filepath.Join(h, "lib")
		}
	default:
		if x := getenv("XDG_CONFIG_HOME"); x != "" && filepath.IsAbs(x) {
			return x
		}
		if h := getenv("HOME"); h != "" {
			return filepath.Join(h, ".config")
		}
	}
	return ""
}
