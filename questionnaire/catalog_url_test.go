package questionnaire_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/conduite/conduite/questionnaire"
)

// A catalog file is shared between colleagues: the address of a source it
// declares becomes a link in their reports, so it must be https. Anything
// else is refused at its line.
func TestWithCatalogSourceURLMustBeHTTPS(t *testing.T) {
	c := content(t)
	withURL := func(u string) string {
		return "sources:\n  - id: note-dpd\n    kind: reference\n    title: \"Note du DPD\"\n    short: \"Note DPD\"\n    url: " + u + "\n" +
			strings.Replace(oneTool, "[seed-000]", "[seed-000, note-dpd]", 1)
	}
	if _, err := c.WithCatalog("dpd.yaml", []byte(withURL("https://dpd.exemple.fr/note"))); err != nil {
		t.Fatalf("an https address is refused: %v", err)
	}
	for _, u := range []string{
		`"javascript:alert(1)"`, `"JAVASCRIPT:alert(1)"`, `"data:text/html,<script>alert(1)</script>"`,
		`"http://dpd.exemple.fr/note"`, `"ftp://dpd.exemple.fr/note"`, `"//dpd.exemple.fr/note"`, `"dpd.exemple.fr"`,
		`"https://"`, `"https:///chemin"`, `"https://dpd.exemple.fr/a b"`, `"https://dpd.exemple.fr/a>b"`,
		"'https://dpd.exemple.fr/\"x\"'", `"https://dpd.exemple.fr/<script>"`, `"https://moi:secret@dpd.exemple.fr/"`, `"HTTPS://dpd.exemple.fr/"`,
	} {
		t.Run(u, func(t *testing.T) {
			_, err := c.WithCatalog("dpd.yaml", []byte(withURL(u)))
			if err == nil {
				t.Fatal("accepted")
			}
			var pe *questionnaire.PosError
			if !errors.As(err, &pe) || pe.File != "dpd.yaml" || pe.Line != 6 {
				t.Errorf("want an error at dpd.yaml:6, got %v", err)
			}
			if !strings.Contains(err.Error(), "sources[0].url") || !strings.Contains(err.Error(), "is not an https address; allowed: https://") {
				t.Errorf("message %q does not say which entry and what is allowed", err)
			}
		})
	}
}

func TestIsHTTPSURL(t *testing.T) {
	for u, want := range map[string]bool{
		"https://www.cnil.fr/fr/rgpd":                   true,
		"https://eur-lex.europa.eu/eli/reg/2016/679/oj": true,
		"https://exemple.fr/é?x=1&y=2#z":                true,
		"http://www.cnil.fr/":                           false,
		"javascript:alert(1)":                           false,
		"https://exemple.fr/\x1b]0;x\a":                 false,
		"https://exemple.fr/\u00a0":                     false,
		"https://exemple.fr/`x`":                        false,
		`https://exemple.fr/"x"`:                        false,
		"":                                              false,
	} {
		if got := questionnaire.IsHTTPSURL(u); got != want {
			t.Errorf("IsHTTPSURL(%q) = %v; want %v", u, got, want)
		}
	}
}

// Every https address of conduite's own sources stays a link.
func TestEmbeddedSourceURLsAreLinks(t *testing.T) {
	c := content(t)
	for _, s := range c.Sources.List {
		switch {
		case s.URL == "":
		case strings.HasPrefix(s.URL, "https://") && !questionnaire.IsHTTPSURL(s.URL):
			t.Errorf("source %s: %q would not be a link in reports", s.ID, s.URL)
		case !strings.HasPrefix(s.URL, "https://"):
			t.Logf("source %s: %q is not https: reports show it as text, not as a link", s.ID, s.URL)
		}
	}
}
