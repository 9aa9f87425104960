package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runEnv calls Main with fake streams and the given environment (LANG is
// French unless env says otherwise): no real configuration directory is ever
// read.
func runEnv(t *testing.T, env map[string]string, tty bool, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	getenv := func(k string) string {
		if v, ok := env[k]; ok {
			return v
		}
		if k == "LANG" {
			return "fr_FR.UTF-8"
		}
		return ""
	}
	streams := &IOStreams{In: strings.NewReader(""), Out: &out, Err: &errb, InTTY: tty, OutTTY: tty,
		Width: func() int { return 80 }, Getenv: getenv}
	code = Main(context.Background(), streams, args)
	return code, out.String(), errb.String()
}

func TestToolsList(t *testing.T) {
	for _, cmd := range []string{"tools", "outils"} {
		code, out, errs := runEnv(t, nil, false, cmd)
		if code != 0 || errs != "" {
			t.Fatalf("%s: exit %d, stderr %q", cmd, code, errs)
		}
		for _, want := range []string{"# Catalogue des outils", "60 outils", "**WhatsApp** `whatsapp` — WhatsApp LLC, États-Unis",
			"hors UE, sans contrat, vit des données", "**Tchap** `tchap`", "✔ Alternative** : education-nationale",
			"**Threema Education** `threema-education`", "✔ Alternative** : suisse-romande"} {
			if !strings.Contains(out, want) {
				t.Errorf("%s: the list lacks %q", cmd, want)
			}
		}
		if strings.Contains(out, "\x1b[") || strings.Contains(out, "[catalog_") {
			t.Errorf("%s: escape codes or a missing text in piped output", cmd)
		}
	}
}

func TestToolsEntry(t *testing.T) {
	code, out, errs := runEnv(t, nil, false, "tools", "discord")
	if code != 0 || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	for _, want := range []string{
		"# Discord (`discord`)",
		"**Éditeur** : Discord Inc.",
		"**Hébergement** : Hors UE (États-Unis, monde entier…) (`hors_ue`) — Données stockées ou transférées hors de l'UE.",
		"**Contrat** : Non : conditions d'un service grand public (`non`)",
		"elles vous seront posées : Inscription.",
		"**Âge minimum (conditions d'utilisation)** : 15 ans",
		"**Chiffrement de bout en bout** : en partie",
		"**Soumis à un droit extra-européen (CLOUD Act…)** : oui",
		"Cet outil n'est pas proposé comme alternative institutionnelle.",
		"Réseau des DANE et des DPD académiques, « Conduite à tenir dans le choix des outils numériques (version PDF, focus Discord et Zoom) » (le focus Discord est daté du 7 mai 2020), 2020",
		"<https://support.discord.com/hc/articles/360040724612>",
		"Faits vérifiés le 2026-11-23 · Origine : catalogue de conduite (`catalog.yaml`)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the entry lacks %q", want)
		}
	}
	if strings.Contains(out, "004_805ed0f69bb7d9d6.txt") {
		t.Error("the entry names a seed by its internal file name")
	}
	// An unknown minimum age says so; an alternative says for what.
	_, out, _ = runEnv(t, nil, false, "tools", "renavisio")
	for _, want := range []string{"**Âge minimum (conditions d'utilisation)** : à vérifier", "## Alternative institutionnelle",
		"**Publics** : Des personnels entre eux, Des partenaires extérieurs", "Éducation nationale (France) (`education-nationale`)",
		"Jusqu'à 10 personnes, sur réservation"} {
		if !strings.Contains(out, want) {
			t.Errorf("renavisio's entry lacks %q", want)
		}
	}
	// --lang en, and an id typed in capitals.
	_, out, _ = runEnv(t, nil, false, "--lang", "en", "tools", "WhatsApp")
	for _, want := range []string{"# WhatsApp (`whatsapp`)", "**Minimum age (terms of use)** : to be checked", "Meta's consumer messaging app"} {
		if !strings.Contains(out, want) {
			t.Errorf("the English entry lacks %q", want)
		}
	}
}

func TestToolsUnknownID(t *testing.T) {
	tests := []struct{ id, want string }{
		{"discrod", `outil inconnu "discrod" (vouliez-vous dire discord ?)`},
		{"teams", "teams-personnel, teams-institution"},
		{"zzzz", `outil inconnu "zzzz" ; voyez les identifiants du catalogue avec : conduite tools`},
	}
	for _, tc := range tests {
		code, out, errs := runEnv(t, nil, false, "tools", tc.id)
		if code != ExitBadInput || out != "" {
			t.Errorf("%s: exit %d, stdout %q; want exit 2 and nothing on stdout", tc.id, code, out)
		}
		if !strings.Contains(errs, tc.want) || strings.Count(errs, "\n") != 1 {
			t.Errorf("%s: stderr %q, want one line with %q", tc.id, errs, tc.want)
		}
	}
	for _, args := range [][]string{{"tools", "discord", "zoom"}, {"tools", "--format", "yaml"}} {
		if code, out, _ := runEnv(t, nil, false, args...); code != ExitBadInput || out != "" {
			t.Errorf("%v: exit %d, stdout %q", args, code, out)
		}
	}
}

func TestToolsJSON(t *testing.T) {
	code, out, errs := runEnv(t, nil, false, "tools", "--format", "json")
	if code != 0 || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	var list struct {
		Lang       string   `json:"lang"`
		Version    string   `json:"version"`
		LocalFiles []string `json:"local_files"`
		Tools      []struct {
			ID            string            `json:"id"`
			Name          string            `json:"name"`
			Facts         map[string]string `json:"facts"`
			AlternativeIn []string          `json:"alternative_in"`
			Origin        string            `json:"origin"`
			Local         bool              `json:"local"`
		} `json:"tools"`
	}
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if list.Lang != "fr" || list.Version == "" || list.LocalFiles == nil || len(list.Tools) != 60 {
		t.Errorf("list: lang %q, version %q, local_files %v, %d tools", list.Lang, list.Version, list.LocalFiles, len(list.Tools))
	}
	if w := list.Tools[0]; w.ID != "whatsapp" || w.Facts["contrat"] != "non" || len(w.AlternativeIn) != 0 || w.Local || w.Origin != "catalog.yaml" {
		t.Errorf("first tool: %+v", w)
	}

	code, out, _ = runEnv(t, nil, false, "--lang", "en", "tools", "-f", "json", "tchap")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var tool map[string]any
	if err := json.Unmarshal([]byte(out), &tool); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	for _, k := range []string{"lang", "id", "name", "aliases", "publisher", "country", "usages", "facts", "asked", "summary",
		"min_age", "min_age_label", "e2ee", "extra_eu_law", "note", "sources", "checked", "origin", "local", "alternative"} {
		if _, ok := tool[k]; !ok {
			t.Errorf("the JSON entry lacks %q", k)
		}
	}
	if tool["lang"] != "en" || tool["min_age"] != nil || tool["min_age_label"] != "to be checked" {
		t.Errorf("lang %v, min_age %v (%v)", tool["lang"], tool["min_age"], tool["min_age_label"])
	}
	facts, _ := tool["facts"].([]any)
	if len(facts) != 5 {
		t.Fatalf("Tchap has 5 facts, JSON has %d", len(facts))
	}
	if f := facts[0].(map[string]any); f["question"] != "hebergement" || f["value"] != "ue" || f["title"] != "Hosting" || f["label"] != "In the European Union" {
		t.Errorf("first fact: %v", f)
	}
	alt := tool["alternative"].(map[string]any)
	if refs := alt["referentiels"].([]any); len(refs) != 1 || refs[0].(map[string]any)["id"] != "education-nationale" {
		t.Errorf("alternative référentiels: %v", refs)
	}
}

func TestToolsTerminalIsGlamour(t *testing.T) {
	for _, args := range [][]string{{"tools"}, {"tools", "zoom"}} {
		code, out, _ := runEnv(t, nil, true, args...)
		if code != 0 {
			t.Fatalf("%v: exit %d", args, code)
		}
		if !strings.Contains(out, "\x1b[") || strings.Contains(out, "# Catalogue") || strings.Contains(out, "**") {
			t.Errorf("%v: on a terminal the output is rendered, not raw Markdown", args)
		}
		for line := range strings.SplitSeq(out, "\n") {
			if w := len([]rune(stripANSI(line))); w > 80 {
				t.Errorf("%v: a line is %d columns wide on an 80-column terminal: %q", args, w, stripANSI(line))
				break
			}
		}
	}
	// --format markdown is Markdown even on a terminal.
	if _, out, _ := runEnv(t, nil, true, "tools", "--format", "markdown"); strings.Contains(out, "\x1b[") || !strings.HasPrefix(out, "# Catalogue des outils") {
		t.Errorf("--format markdown on a terminal is not plain Markdown")
	}
}

func TestToolsCompletion(t *testing.T) {
	code, out, _ := runEnv(t, nil, false, "__complete", "tools", "disc")
	if code != 0 || !strings.Contains(out, "discord\tDiscord") || strings.Contains(out, "whatsapp") {
		t.Errorf("completing « disc »: exit %d\n%s", code, out)
	}
	_, out, _ = runEnv(t, nil, false, "__complete", "outils", "")
	if n := strings.Count(out, "\t"); n != 60 {
		t.Errorf("completing nothing offers %d ids, want 60\n%s", n, out)
	}
}

// A DPD's file, for the override tests: Zoom under the académie's licence,
// and the département's own visio.
const dpdCatalog = `tools:
  - id: zoom-licence
    name: "Zoom (licence de l'académie)"
    usages: [visio]
    publisher: "Zoom Communications, Inc."
    country: "États-Unis"
    facts: {hebergement: ue, contrat: oui, modele_economique: payant}
    extra_eu_law: oui
    e2ee: partiel
    note: {fr: "Licence de l'académie.", en: "The académie's licence."}
    sources: [rgpd-28]
    checked: "2026-11-20"
  - id: visio-departement
    name: "Visio du département"
    usages: [visio]
    publisher: "Conseil départemental"
    country: "France"
    facts: {hebergement: ue, contrat: fourni_institution, modele_economique: service_public, inscription: compte_institutionnel, identification: oui}
    extra_eu_law: non
    e2ee: non
    note: {fr: "La visio du département.", en: "The département's video service."}
    sources: [code-education]
    checked: "2026-11-20"
`

func writeFile(t *testing.T, path, data string) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestCatalogFlag(t *testing.T) {
	dir := t.TempDir()
	file := writeFile(t, filepath.Join(dir, "dpd.yaml"), dpdCatalog)

	code, out, errs := runEnv(t, nil, false, "--catalog", file, "tools")
	if code != 0 || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	for _, want := range []string{"61 outils", "Entrées ajoutées ou remplacées par un fichier local : `" + file + "`",
		"**Zoom (licence de l'académie)** `zoom-licence` — Zoom Communications, États-Unis _(fichier local)_",
		"**Visio du département** `visio-departement`"} {
		if !strings.Contains(out, want) {
			t.Errorf("the list lacks %q", want)
		}
	}
	_, out, _ = runEnv(t, nil, false, "tools", "visio-departement", "--catalog", file)
	if !strings.Contains(out, "Origine : fichier local `"+file+"`") {
		t.Errorf("the entry does not say where it comes from:\n%s", out)
	}
	// evaluate sees the merged catalog too.
	answers := writeFile(t, filepath.Join(dir, "a.yaml"), "outil: visio-departement\nusage: visio\naudience: agents\ndonnees: [identite]\nappareil: professionnel\n")
	code, out, errs = runEnv(t, nil, false, "evaluate", "--catalog", file, "--format", "json", answers)
	if code != 0 || !strings.Contains(out, `"level": "recommande"`) {
		t.Errorf("evaluate with the local tool: exit %d, stderr %q\n%s", code, errs, out)
	}
	if code, _, errs := runEnv(t, nil, false, "evaluate", answers); code != ExitBadInput || !strings.Contains(errs, `outil inconnu "visio-departement"`) {
		t.Errorf("without the file the tool is unknown: exit %d, %q", code, errs)
	}
}

func TestCatalogFlagBadFile(t *testing.T) {
	dir := t.TempDir()
	bad := writeFile(t, filepath.Join(dir, "bad.yaml"), strings.Replace(dpdCatalog, "contrat: oui", "contrat: signe", 1))
	tests := []struct {
		name string
		file string
		want string
	}{
		{"bad value", bad, bad + `:7:39: tools[0].facts.contrat: "signe" n'est pas une valeur de contrat`},
		{"duplicate id", writeFile(t, filepath.Join(dir, "dup.yaml"), dpdCatalog+strings.TrimPrefix(dpdCatalog, "tools:\n")),
			`:24:9: tools[2].id: identifiant d'outil "zoom-licence" en double`},
		{"missing", filepath.Join(dir, "absent.yaml"), "--catalog: " + filepath.Join(dir, "absent.yaml") + ": fichier introuvable"},
		{"a folder", dir, "est un dossier ; attendu : un fichier de catalogue (YAML)"},
		{"binary", writeFile(t, filepath.Join(dir, "bin.yaml"), "\x00\x01"), "contenu binaire"},
		{"too large", writeFile(t, filepath.Join(dir, "big.yaml"), strings.Repeat("#", 2<<20)), "fichier trop gros"},
	}
	for _, tc := range tests {
		for _, cmd := range []string{"tools", "questions"} {
			code, out, errs := runEnv(t, nil, false, "--catalog", tc.file, cmd)
			if code != ExitBadInput || out != "" {
				t.Errorf("%s, %s: exit %d, stdout %d bytes; want exit 2 and nothing on stdout", tc.name, cmd, code, len(out))
			}
			if !strings.Contains(errs, tc.want) || strings.Count(errs, "\n") != 1 {
				t.Errorf("%s, %s: stderr %q, want one line with %q", tc.name, cmd, errs, tc.want)
			}
		}
	}
}

// The DPD's file in the configuration directory applies to every command;
// --catalog comes after it, so its entries win.
func TestCatalogInConfigDir(t *testing.T) {
	if userConfigDir(func(string) string { return "" }) != "" {
		t.Fatal("no environment, no configuration directory")
	}
	xdg := t.TempDir()
	writeFile(t, filepath.Join(xdg, "conduite", "catalog.yaml"), dpdCatalog)
	env := map[string]string{"XDG_CONFIG_HOME": xdg, "HOME": t.TempDir(), "AppData": xdg}
	if got := userConfigDir(func(k string) string { return env[k] }); got == "" {
		t.Fatalf("no configuration directory from %v", env)
	}
	code, out, errs := runEnv(t, env, false, "tools", "visio-departement")
	if code != 0 || !strings.Contains(out, "fichier local") {
		t.Skipf("this platform's configuration directory is not XDG_CONFIG_HOME (exit %d, %s)", code, errs)
	}
	if !strings.Contains(out, filepath.Join(xdg, "conduite", "catalog.yaml")) {
		t.Errorf("the entry does not name the configuration file:\n%s", out)
	}
	other := writeFile(t, filepath.Join(t.TempDir(), "autre.yaml"), strings.Replace(dpdCatalog, "Visio du département", "Visio départementale", 1))
	_, out, _ = runEnv(t, env, false, "--catalog", other, "tools", "visio-departement")
	if !strings.Contains(out, "# Visio départementale") || !strings.Contains(out, other) {
		t.Errorf("--catalog does not win over the configuration file:\n%s", out)
	}
	// A bad file in the configuration directory is reported at its line.
	writeFile(t, filepath.Join(xdg, "conduite", "catalog.yaml"), "tools:\n  - id: x\n    nom: y\n")
	code, _, errs = runEnv(t, env, false, "tools")
	if code != ExitBadInput || !strings.Contains(errs, filepath.Join(xdg, "conduite", "catalog.yaml")+":3:5:") {
		t.Errorf("bad configuration file: exit %d, %q", code, errs)
	}
	// HOME/.config when XDG_CONFIG_HOME is not set (on Linux and the BSDs).
	home := t.TempDir()
	writeFile(t, filepath.Join(home, ".config", "conduite", "catalog.yaml"), dpdCatalog)
	if got := userConfigDir(func(k string) string { return map[string]string{"HOME": home}[k] }); got == filepath.Join(home, ".config") {
		if _, out, _ := runEnv(t, map[string]string{"HOME": home}, false, "tools"); !strings.Contains(out, "61 outils") {
			t.Errorf("~/.config/conduite/catalog.yaml is not read")
		}
	}
}
