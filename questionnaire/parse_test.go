package questionnaire_test

import (
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/conduite/conduite/questionnaire"
)

// Every bad answers file gets a message that names where and what is wrong
// and what is allowed.
func TestParseAnswersBadInput(t *testing.T) {
	c := content(t)
	big := "usage: messagerie\n# " + strings.Repeat("x", questionnaire.MaxAnswersSize) + "\n"
	tests := []struct {
		name, doc string
		want      string // a regexp the whole message must match
	}{
		{"yaml syntax", "usage: messagerie\naudience: [agents\n", `^test\.yaml:\d+:\d+: .+`},
		{"json syntax", "{\"usage\": \"messagerie\",\n \"audience\" \"agents\"}", `^test\.json:2:13: invalid JSON: .*`},
		{"json trailing comma", "{\"usage\": \"visio\",}", `^test\.json:1:\d+: invalid JSON`},
		{"unknown question", "usgae: messagerie\n", `^test\.yaml:1:1: unknown question "usgae" \(did you mean "usage"\?\); allowed keys: outil, usage, .*nom_outil`},
		{"invalid value", "usage: messagrie\n", `^test\.yaml:1:8: usage: invalid value "messagrie" \(did you mean "messagerie"\?\); allowed: messagerie, visio, classe_virtuelle, reseau_social, partage_documents, ia_generative, autre, inconnu$`},
		{"value far from any", "contrat: peut-etre\n", `^test\.yaml:1:10: contrat: invalid value "peut-etre"; allowed: fourni_institution, oui, inconnu, non$`},
		{"number for a single", "usage: 3\n", `^test\.yaml:1:8: usage: expected one value, found a number; allowed: messagerie, .*`},
		{"list for a single", "audience: [agents, eleves]\n", `^test\.yaml:1:11: audience: expected one value, found a list; allowed: agents, .*`},
		{"number in a list", "donnees: [identite, 4]\n", `^test\.yaml:1:21: donnees: expected a list of values, found a number in it; allowed: aucune, .*`},
		{"mapping for a list", "donnees: {a: b}\n", `^test\.yaml:1:\d+: donnees: expected a list of values, found a mapping in it`},
		{"exclusive combined", "donnees: [aucune, identite]\n", `^test\.yaml:1:10: donnees: "aucune" cannot be combined with other values$`},
		{"listed twice", "donnees: [identite, identite]\n", `^test\.yaml:1:21: donnees: "identite" is listed twice$`},
		{"unknown tool", "outil: discrod\n", `^test\.yaml:1:8: outil: unknown tool "discrod" \(did you mean "discord"\?\); allowed: a catalog id .*nom_outil.*`},
		{"unknown referentiel", "referentiel: suisse\n", `^test\.yaml:1:14: referentiel: unknown référentiel "suisse" \(did you mean "suisse-romande"\?\); allowed: education-nationale, collectivite, suisse-romande$`},
		{"duplicate key", "usage: visio\nusage: messagerie\n", `^test\.yaml:2:1: .*`},
		{"top-level list", "- usage\n- visio\n", `^test\.yaml:1:1: expected a mapping of question ids to answers .*found a list$`},
		{"top-level text", "bonjour\n", `^test\.yaml:1:1: expected a mapping .*found a text$`},
		{"empty", "", `^test\.yaml: empty file; expected question ids and answers, such as « usage: messagerie »`},
		{"only comments", "# rien\n\n", `^test\.yaml: empty file`},
		{"too large", big, `^test\.yaml: file too large \(\d+ bytes\); the limit is 65536 bytes \(64 KiB\)$`},
		{"not utf-8", "usage: messagerie\nnom_outil: caf\xe9\n", `^test\.yaml:2:15: invalid UTF-8; save the file as UTF-8$`},
		{"binary", "usage: \x00\x01\x02", `^test\.yaml:1:8: binary content \(NUL byte\); expected a YAML or JSON text file$`},
		{"key not a text", "[a]: b\n", `^test\.yaml:1:\d+: .+`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			name := "test.yaml"
			if strings.HasPrefix(tc.name, "json") {
				name = "test.json"
			}
			_, err := c.ParseAnswers(name, []byte(tc.doc))
			if err == nil {
				t.Fatalf("no error for %q", tc.doc)
			}
			var pe *questionnaire.PosError
			if !errors.As(err, &pe) {
				t.Errorf("error is %T, want *PosError", err)
			}
			if !regexp.MustCompile(tc.want).MatchString(err.Error()) {
				t.Errorf("message\n  %s\ndoes not match\n  %s", err, tc.want)
			}
			if strings.Count(err.Error(), "\n") > 0 {
				t.Errorf("message spans several lines: %q", err)
			}
		})
	}
}

func TestParseAnswersGood(t *testing.T) {
	c := content(t)
	yamlDoc := "# comment\noutil: zoom\nusage: visio\ndonnees: identite\nnom_outil: \"\"\nmineurs:\nauteur: Mme Martin\n"
	a, err := c.ParseAnswers("a.yaml", []byte(yamlDoc))
	if err != nil {
		t.Fatal(err)
	}
	if a.Get("outil") != "zoom" || a.Get("usage") != "visio" || strings.Join(a.List("donnees"), ",") != "identite" {
		t.Errorf("parsed %v", dump(a))
	}
	if a.Has("mineurs") {
		t.Errorf("an empty answer counts as not answered")
	}
	if a.Meta.Auteur != "Mme Martin" {
		t.Errorf("auteur = %q", a.Meta.Auteur)
	}
	j, err := c.ParseAnswers("a.json", []byte(`{"outil":"zoom","usage":"visio","donnees":["identite"],"auteur":"Mme Martin"}`))
	if err != nil {
		t.Fatal(err)
	}
	a.Meta.ToolName = ""
	if !a.Equal(j) {
		t.Errorf("YAML and JSON with the same keys differ: %v / %v", dump(a), dump(j))
	}
}

func TestStrictMissing(t *testing.T) {
	c := content(t)
	a := parse(t, c, `{usage: visio, audience: agents}`)
	missing := c.Missing(a)
	if strings.Join(missing, ",") != "donnees,hebergement,contrat,modele_economique,inscription,identification,appareil" {
		t.Errorf("missing = %v", missing)
	}
	full := parse(t, c, `{outil: tchap, usage: messagerie, audience: agents, donnees: [identite], appareil: professionnel}`)
	if m := c.Missing(full); len(m) != 0 {
		t.Errorf("catalog facts and skipped questions count as answered; missing = %v", m)
	}
}

func TestNearest(t *testing.T) {
	ids := []string{"discord", "whatsapp", "zoom", "tchap"}
	for got, want := range map[string]string{"discrod": "discord", "whatsap": "whatsapp", "Zoom": "zoom", "xyzxyzxyz": ""} {
		if n := questionnaire.Nearest(got, ids); n != want {
			t.Errorf("Nearest(%q) = %q, want %q", got, n, want)
		}
	}
}
