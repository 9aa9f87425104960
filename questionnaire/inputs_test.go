package questionnaire_test

import (
	"reflect"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/conduite/conduite/internal/safetext"
	"github.com/conduite/conduite/questionnaire"
)

// A file saved by Notepad or PowerShell starts with a UTF-8 byte-order
// mark: it is read as if it were not there, and positions are those an
// editor shows (which does not show the mark).
func TestByteOrderMark(t *testing.T) {
	c := content(t)
	const bom = "\ufeff"
	a, err := c.ParseAnswers("b.yaml", []byte(bom+"outil: discord\nusage: visio\n"))
	if err != nil || a.Get("outil") != "discord" {
		t.Errorf("a YAML answers file with a BOM: %v", err)
	}
	a, err = c.ParseAnswers("b.json", []byte(bom+`{"outil": "discord", "usage": "visio"}`))
	if err != nil || a.Get("usage") != "visio" {
		t.Errorf("a JSON answers file with a BOM: %v", err)
	}
	for name, tc := range map[string]struct{ doc, want string }{
		"yaml position": {bom + "usgae: visio\n", `^b\.yaml:1:1: unknown question "usgae"`},
		"json position": {bom + `{"usage": "visioo"}`, `^b\.json:1:11: usage: invalid value "visioo"`},
		"json syntax":   {bom + `{"usage" "visio"}`, `^b\.json:1:10: invalid JSON`},
		"second line":   {bom + "usage: visio\naudience: agentss\n", `^b\.yaml:2:11: audience: invalid value`},
		"only one BOM":  {bom + bom + "usage: visio\n", `^b\.yaml:1:1: unknown question "\\ufeffusage"`},
	} {
		file := "b.yaml"
		if strings.HasPrefix(name, "json") {
			file = "b.json"
		}
		_, err := c.ParseAnswers(file, []byte(tc.doc))
		if err == nil || !regexp.MustCompile(tc.want).MatchString(err.Error()) {
			t.Errorf("%s: got %v, want %s", name, err, tc.want)
		}
	}
	nc, err := c.WithCatalog("dpd.yaml", []byte(bom+localCatalog))
	if err != nil {
		t.Fatalf("a catalog file with a BOM: %v", err)
	}
	if _, ok := nc.Catalog.Tool("visio-departement"); !ok {
		t.Error("the catalog file with a BOM lost its tools")
	}
	_, err = c.WithCatalog("dpd.yaml", []byte(bom+strings.Replace(localCatalog, "[code-education]", "[code-educatio]", 1)))
	if err == nil || !strings.HasPrefix(err.Error(), "dpd.yaml:42:15: ") {
		t.Errorf("a catalog error after a BOM: %v, want 42:15", err)
	}
}

// The dangerous sequences of issue 11: each goes through every free text
// field of an answers file and of a catalog file.
var injections = []string{
	"\x1b]52;c;T1NDNTI=\a", "\x1b]0;PWNED\a", "\x1b[?1049h\x1b[?25l\x1b[?1000h", "\x1bc",
	"\u009b31m", "\u202egpj.exe", "\u2066x\u2069", "a\x7fb", "\x1b\\", "\x00",
}

func unsafeIn(s string) (rune, bool) {
	for _, r := range s {
		if r != '\n' && (safetext.Unsafe(r) || r == utf8.RuneError) {
			return r, true
		}
	}
	return 0, false
}

// yamlQuote writes s as a YAML double-quoted text (JSON escapes).
func yamlQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f):
			b.WriteString(`\u00` + string("0123456789abcdef"[r>>4]) + string("0123456789abcdef"[r&15]))
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func TestFreeTextIsCleanedOnTheWayIn(t *testing.T) {
	c := content(t)
	for _, inj := range injections {
		q := yamlQuote("X" + inj + "Y")
		a, err := c.ParseAnswers("a.yaml", []byte("outil: discord\nnom_outil: "+q+"\netablissement: "+q+"\nauteur: "+q+"\n"))
		if err != nil {
			t.Fatalf("%q: %v", inj, err)
		}
		for _, v := range []string{a.Meta.ToolName, a.Meta.Etablissement, a.Meta.Auteur} {
			if r, bad := unsafeIn(v); bad || !strings.HasPrefix(v, "X") || !strings.HasSuffix(v, "Y") {
				t.Errorf("%q: answers field %q keeps %U", inj, v, r)
			}
		}
		// Raw bytes in the file (not escapes) are cleaned just as well.
		raw := strings.ReplaceAll("X"+inj+"Y", "\x00", "")
		if a, err := c.ParseAnswers("a.yaml", []byte("nom_outil: '"+raw+"'\n")); err == nil {
			if r, bad := unsafeIn(a.Meta.ToolName); bad {
				t.Errorf("%q: raw in the file, nom_outil keeps %U", inj, r)
			}
		}

		// Every string of every tool and source of a catalog file.
		doc := strings.NewReplacer(`"Zoom (licence de l'académie)"`, q, `"Zoom Communications, Inc."`, q, `"États-Unis"`, q,
			`fr: "Licence`, `fr: "`+strings.Trim(q, `"`)+` Licence`, `[visio cd]`, `[`+yamlQuote("X"+inj+"Y 2")+`]`, // a name designates one tool: the alias differs from the other tool's name

			`"Convention Zoom de l'académie (2026)"`, q, `{fr: "Réunions`, `{fr: `+q+`, x: "Réunions`,
			`{fr: "Collèges`, `{fr: `+q+`, x: "Collèges`).Replace(localCatalog)
		doc = strings.ReplaceAll(doc, `, x: "`, `, en: "`)
		doc = strings.ReplaceAll(doc, `, en: "Réunions et cours à distance des collèges du département.", en:`, `, en:`)
		doc = strings.ReplaceAll(doc, `, en: "Collèges du département seulement.", en:`, `, en:`)
		nc, err := c.WithCatalog("dpd\x1b]0;x\a.yaml", []byte(doc))
		if err != nil {
			t.Fatalf("%q: %v", inj, err)
		}
		seen := 0
		walkStrings(reflect.ValueOf(nc.Catalog.Tools), func(s string) {
			if strings.Contains(s, "X") && strings.Contains(s, "Y") {
				seen++
			}
			if r, bad := unsafeIn(s); bad {
				t.Errorf("%q: catalog text %q keeps %U", inj, s, r)
			}
		})
		walkStrings(reflect.ValueOf(nc.Sources.List), func(s string) {
			if strings.Contains(s, "X") && strings.Contains(s, "Y") {
				seen++
			}
			if r, bad := unsafeIn(s); bad {
				t.Errorf("%q: source text %q keeps %U", inj, s, r)
			}
		})
		if seen < 8 { // name, aliases, publisher, country, note, for, limits, a source's short
			t.Errorf("%q: only %d catalog texts carried the injection: the test does not reach every field", inj, seen)
		}
	}
}

// walkStrings calls f with every string reachable from v.
func walkStrings(v reflect.Value, f func(string)) {
	switch v.Kind() {
	case reflect.String:
		f(v.String())
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			walkStrings(v.Elem(), f)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				walkStrings(v.Field(i), f)
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			walkStrings(v.Index(i), f)
		}
	case reflect.Map:
		for it := v.MapRange(); it.Next(); {
			walkStrings(it.Key(), f)
			walkStrings(it.Value(), f)
		}
	}
}

// An alias makes the decoder copy what it names: refused at its place.
func TestCatalogAliasesRefused(t *testing.T) {
	c := content(t)
	doc := strings.Replace(localCatalog, "usages: [visio]\n", "usages: &u [visio]\n", 1)
	doc = strings.Replace(doc, "usages: [visio, classe_virtuelle]\n      audiences", "usages: *u\n      audiences", 1)
	_, err := c.WithCatalog("dpd.yaml", []byte(doc))
	if err == nil || !regexp.MustCompile(`^dpd\.yaml:\d+:\d+: aliases \(\*name\) are not accepted`).MatchString(err.Error()) {
		t.Errorf("got %v", err)
	}
}

// A file name with control characters in an error is shown escaped.
func TestPosErrorShowsControlsInNames(t *testing.T) {
	c := content(t)
	_, err := c.ParseAnswers("b\x1b]0;PWNED\a\u202e.yaml", []byte("usgae: visio\n"))
	want := `b\x1b]0;PWNED\a\u202e.yaml:1:1: unknown question "usgae"`
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("got %q, want %s…", err, want)
	}
	if _, ok := err.(*questionnaire.PosError); !ok {
		t.Errorf("%T, want a *PosError", err)
	}
}
