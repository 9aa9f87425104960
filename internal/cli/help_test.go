package cli

import (
	"regexp"
	"strings"
	"testing"
)

// The help is in one language: French under a French locale, English under
// an English one or --lang en; cobra's own words (its headings, its help
// and completion commands, the help flag, pflag's defaults) included.
func TestHelpInOneLanguage(t *testing.T) {
	english := regexp.MustCompile(`Usage:|Available Commands|Flags:|Global Flags|help for |version for |\(default |Help about any command|Generate the autocompletion|disable completion descriptions|for more information| string | \[flags\]| \[command\]|FILE|DIR\b| / `)
	french := regexp.MustCompile(`Utilisation|Commandes|Options|Exemples|l'aide de|par défaut|Le script de complétion| \[options\]| \[commande\]|FICHIER|DOSSIER`)
	type run struct {
		env  map[string]string
		args []string
	}
	fr := map[string]string{"LANG": "fr_FR.UTF-8"}
	en := map[string]string{"LANG": "en_US.UTF-8"}
	for _, args := range [][]string{
		{"--help"}, {"help"}, {"help", "evaluate"}, {"evaluate", "--help"}, {"evaluer", "-h"}, {"tools", "--help"},
		{"cases", "--help"}, {"questions", "--help"}, {"help", "help"}, {"completion", "--help"}, {"completion", "bash", "--help"},
		{"__complete", ""}, {"__complete", "evaluate", "--"},
	} {
		for _, r := range []run{{fr, args}, {en, args}, {fr, append([]string{"--lang", "en"}, args...)}} {
			code, out, errs := runEnv(t, r.env, false, r.args...)
			if code != 0 {
				t.Errorf("%v %q: exit %d, stderr %q", r.env, r.args, code, errs)
				continue
			}
			isEN := r.env["LANG"] == "en_US.UTF-8" || r.args[0] == "--lang"
			bad, good := english, french
			if isEN {
				bad, good = french, english
			}
			if m := bad.FindString(out); m != "" {
				t.Errorf("%v %q: %q in the %s help:\n%s", r.env, r.args, m, map[bool]string{true: "English", false: "French"}[isEN], out)
			}
			if args[0] != "__complete" && !good.MatchString(out) {
				t.Errorf("%v %q: the help has none of its language's headings:\n%s", r.env, r.args, out)
			}
			if strings.Contains(out, "cli_") || regexp.MustCompile(`\{[a-z]+\}`).MatchString(out) {
				t.Errorf("%v %q: a text key or a mark is left:\n%s", r.env, r.args, out)
			}
		}
	}
}

// The headings the issue names, in French.
func TestHelpHeadingsInFrench(t *testing.T) {
	_, out, _ := runEnv(t, nil, false, "help", "evaluate")
	for _, h := range []string{"Utilisation :", "Alias :", "Exemples :", "Options :", "Options globales :", "  -h, --help", "l'aide de evaluate", "(par défaut : terminal)", "--output FICHIER"} {
		if !strings.Contains(out, h) {
			t.Errorf("conduite help evaluate lacks %q:\n%s", h, out)
		}
	}
	_, out, _ = runEnv(t, nil, false, "--help")
	for _, h := range []string{"Utilisation :", "Commandes :", "Options :", "L'aide d'une commande", "Le script de complétion pour un shell", "la version de conduite"} {
		if !strings.Contains(out, h) {
			t.Errorf("conduite --help lacks %q:\n%s", h, out)
		}
	}
}
