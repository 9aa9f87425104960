package cli

import (
	"os"
	"path/filepath"

	"github.com/conduite/conduite/internal/inputfile"
	"github.com/conduite/conduite/internal/safetext"
	"github.com/conduite/conduite/questionnaire"
)

// ConfigProfileName is the name of the organisation's profile in conduite's
// folder of the user's configuration directory (docs/profil.md).
const ConfigProfileName = "profil.yaml"

// withProfile applies the profile: --profil FILE, else the profil.yaml of
// the configuration directory when it exists; none with --sans-profil or
// --profil "". A bad file is bad input, reported at its line.
func (a *app) withProfile(c *questionnaire.Content) (*questionnaire.Content, error) {
	if a.g.noProfile || (a.g.profileFlag != nil && a.g.profileFlag.Changed && a.g.profile == "") {
		return c, nil
	}
	if a.g.profile != "" {
		data, err := readContentFile(a.g.profile, questionnaire.MaxProfileSize, "cli_expected_profile")
		if err != nil {
			if os.IsNotExist(err) {
				return nil, badMsg("cli_profile_err", "err", questionnaire.NewMsg("cli_no_such_file", "file", safetext.Visible(a.g.profile)))
			}
			return nil, badMsg("cli_profile_err", "err", err)
		}
		c, err = c.WithProfile(a.g.profile, data)
		return c, badInput(err)
	}
	dir := userConfigDir(a.getenv)
	if dir == "" {
		return c, nil
	}
	path := filepath.Join(dir, "conduite", ConfigProfileName)
	data, err := readContentFile(path, questionnaire.MaxProfileSize, "cli_expected_profile")
	switch {
	case os.IsNotExist(err):
		return c, nil
	case err != nil:
		return nil, badInput(err)
	}
	c, err = c.WithProfile(path, data)
	return c, badInput(err)
}

// readContentFile reads a content file (a catalog, a profile), never more
// than one byte over max (the parser then says the file is too large), and
// only a regular file (a named pipe would block the open).
func readContentFile(path string, max int, expected string) ([]byte, error) {
	fh, _, err := inputfile.Open(path)
	if err != nil {
		if os.IsNotExist(err) {
			return nil, err
		}
		return nil, describeOpenError(path, err, expected)
	}
	defer fh.Close()
	data, err := inputfile.ReadAll(fh, max)
	if err != nil {
		return nil, questionnaire.NewMsg("cli_file_err", "file", safetext.Visible(path), "err", err)
	}
	return data, nil
}
