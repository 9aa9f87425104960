package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/conduite/conduite/assets"
	"github.com/conduite/conduite/internal/resume"
	"github.com/conduite/conduite/questionnaire"
)

// Every bad input the issues name, in one table: its exit status, the shape
// of its message, and what it leaves behind. Each case runs in a fresh
// folder; the folder is listed (names, sizes, modes, modification times)
// after the case has set up its files and again after the run, and the two
// listings must be equal unless the case names the changes it expects. On
// bad input stdout stays empty: nothing half-printed, nothing written.

// badCase is one row: setup writes the inputs in dir and returns the
// arguments (or does the whole run for cases outside the command line).
type badCase struct {
	name  string
	setup func(t *testing.T, dir string) []string
	stdin string
	env   map[string]string // over LANG=fr_FR.UTF-8; HOME and XDG_* unset unless given
	code  int
	want  string // a regexp the message on stderr must match (in French)
	// en: a regexp the message must match under LANG=en_US.UTF-8 (the
	// case is run again in a fresh folder); "" for most cases, which the
	// French run covers.
	en string
	// stdout: a regexp stdout must match; "" means stdout must be empty.
	stdout string
	// changed lists the paths (relative to dir) the run may create, change
	// or remove; nil means none.
	changed []string
	// skip says why the case cannot run here ("" when it can); a case is
	// never left out silently.
	skip func() string
	// direct replaces the command line, after setup, for cases that live
	// in a package (the resume file is read by the wizard on a terminal
	// only).
	direct func(t *testing.T, dir string) (code int, stdout, stderr string)
}

const badGoodYAML = "outil: discord\nusage: classe_virtuelle\naudience: eleves\nmineurs: oui_moins_15\n"

// badLocalTool is a valid catalog override with one tool.
const badLocalTool = `tools:
  - id: mon-outil
    name: "Mon outil"
    usages: [messagerie]
    publisher: "Éditeur"
    country: "France"
    facts:
      contrat: fourni_institution
    extra_eu_law: non
    e2ee: non
    note: {fr: "Une note.", en: "A note."}
    sources: [seed-000]
    checked: "2026-11-20"
`

// file writes a file in dir and returns its path.
func badFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// eval is a setup that writes one answers file and evaluates it with flags.
func badEval(name, content string, flags ...string) func(*testing.T, string) []string {
	return func(t *testing.T, dir string) []string {
		return append(append([]string{"evaluate"}, flags...), badFile(t, dir, name, content))
	}
}

// args is a setup with fixed arguments; "DIR" in one is replaced by the
// case's folder.
func badArgs(a ...string) func(*testing.T, string) []string {
	return func(_ *testing.T, dir string) []string {
		out := slices.Clone(a)
		for i := range out {
			out[i] = strings.ReplaceAll(out[i], "DIR", dir)
		}
		return out
	}
}

func badIsRoot() bool { return os.Geteuid() == 0 }

// badRootIgnoresModes skips permission cases where they cannot work: root reads
// and writes whatever the modes say, and Windows has no such modes.
func badRootIgnoresModes() string {
	if runtime.GOOS == "windows" {
		return "file modes do not forbid reading or writing on Windows"
	}
	if badIsRoot() {
		return "running as root, which file modes do not stop: TestBadInputFileModes runs this case as the user nobody"
	}
	return ""
}

// badNoSymlinks skips where this user may not make symbolic links (Windows
// without developer mode).
func badNoSymlinks() string {
	dir, err := os.MkdirTemp("", "conduite-link-*")
	if err != nil {
		return err.Error()
	}
	defer os.RemoveAll(dir)
	if err := os.Symlink(".", filepath.Join(dir, "l")); err != nil {
		return "no symbolic links here: " + err.Error()
	}
	return ""
}

func badLinuxOnly() string {
	if runtime.GOOS != "linux" {
		return "needs Linux's /proc and /sys"
	}
	return ""
}

// badReadOnlySys skips unless /sys is a read-only folder for this process.
func badReadOnlySys() string {
	if s := badLinuxOnly(); s != "" {
		return s
	}
	f, err := os.CreateTemp("/sys", "conduite-probe-*")
	if err == nil {
		f.Close()
		os.Remove(f.Name())
		return "/sys is writable here"
	}
	return ""
}

func badCases() []badCase {
	big := "usage: visio\n#" + strings.Repeat("x", questionnaire.MaxAnswersSize) + "\n"
	return []badCase{
		// Answers files: syntax.
		{name: "YAML syntax error", setup: badEval("s.yaml", "usage: visio\naudience: [agents\n"),
			code: 2, want: `s\.yaml:\d+:\d+: .+`},
		{name: "JSON syntax error", setup: badEval("s.json", "{\"usage\": \"visio\",\n \"audience\" \"agents\"}"),
			code: 2, want: `s\.json:2:13: JSON invalide : `, en: `s\.json:2:13: invalid JSON: `},
		{name: "JSON trailing comma", setup: badEval("t.json", `{"usage": "visio",}`),
			code: 2, want: `t\.json:1:\d+: JSON invalide`},
		{name: "key answered twice", setup: badEval("d.yaml", "usage: visio\nusage: messagerie\n"),
			code: 2, want: `d\.yaml:2:1: `},
		// Unknown ids and values.
		{name: "unknown question", setup: badEval("u.yaml", "usgae: visio\n"),
			code: 2, want: `u\.yaml:1:1: question inconnue "usgae" \(vouliez-vous dire "usage" \?\) ; clés permises : outil, usage, `, en: `u\.yaml:1:1: unknown question "usgae" \(did you mean "usage"\?\); allowed keys: outil, usage, `},
		{name: "unknown question left empty", setup: badEval("u2.yaml", "usage: visio\nusgae:\n"),
			code: 2, want: `u2\.yaml:2:1: question inconnue "usgae"`},
		{name: "invalid value", setup: badEval("v.yaml", "usage: visioo\n"),
			code: 2, want: `v\.yaml:1:8: usage: valeur invalide "visioo" \(vouliez-vous dire "visio" \?\) ; permis : messagerie, visio, `, en: `v\.yaml:1:8: usage: invalid value "visioo" \(did you mean "visio"\?\); allowed: messagerie, visio, `},
		{name: "unknown tool", setup: badEval("o.yaml", "outil: discrod\n"),
			code: 2, want: `o\.yaml:1:8: outil: outil inconnu "discrod" \(vouliez-vous dire "discord" \?\) ; permis : un identifiant du catalogue`, en: `o\.yaml:1:8: outil: unknown tool "discrod" \(did you mean "discord"\?\); allowed: a catalog id`},
		{name: "unknown référentiel in the file", setup: badEval("r.yaml", "referentiel: suisse\n"),
			code: 2, want: `r\.yaml:1:14: referentiel: référentiel inconnu "suisse" \(vouliez-vous dire "suisse-romande" \?\) ; permis : education-nationale, `},
		{name: "exclusive value combined", setup: badEval("x.yaml", "donnees: [aucune, identite]\n"),
			code: 2, want: `x\.yaml:1:10: donnees: "aucune" ne peut pas être combiné avec d'autres valeurs`, en: `x\.yaml:1:10: donnees: "aucune" cannot be combined with other values`},
		// Wrong types.
		{name: "number for a list", setup: badEval("w.json", `{"donnees": 4}`),
			code: 2, want: `w\.json:1:13: donnees: attendu : une liste de valeurs, trouvé : un nombre dedans ; permis : aucune, `, en: `w\.json:1:13: donnees: expected a list of values, found a number in it; allowed: aucune, `},
		{name: "list for one value", setup: badEval("w.yaml", "audience: [agents, eleves]\n"),
			code: 2, want: `w\.yaml:1:11: audience: attendu : une seule valeur, trouvé : une liste ; permis : agents, `},
		{name: "mapping for a text", setup: badEval("m.yaml", "nom_outil: {a: b}\n"),
			code: 2, want: `m\.yaml:1:\d+: nom_outil: attendu : un texte, trouvé : un dictionnaire`, en: `m\.yaml:1:\d+: nom_outil: expected a text, found a mapping`},
		{name: "a list, not a mapping", setup: badEval("l.yaml", "- usage\n- visio\n"),
			code: 2, want: `l\.yaml:1:1: attendu : des identifiants de questions et leurs réponses .*trouvé : une liste`},
		// Empty, too large, not text.
		{name: "empty file", setup: badEval("e.yaml", ""),
			code: 2, want: `e\.yaml: fichier vide ; attendu : des identifiants de questions et leurs réponses`, en: `e\.yaml: empty file; expected question ids and answers`},
		{name: "only comments", setup: badEval("c.yaml", "# rien\n\n"),
			code: 2, want: `c\.yaml: fichier vide`},
		{name: "empty standard input", setup: badArgs("evaluate", "-"),
			code: 2, want: `<stdin>: fichier vide`},
		{name: "over 64 KiB", setup: badEval("big.yaml", big),
			code: 2, want: `big\.yaml: fichier trop gros \(\d+ octets\) ; la limite est de 65536 octets \(64 Kio\)`, en: `big\.yaml: file too large \(\d+ bytes\); the limit is 65536 bytes \(64 KiB\)`},
		{name: "over 64 KiB on standard input", setup: badArgs("evaluate", "-"), stdin: big,
			code: 2, want: `<stdin>: fichier trop gros`},
		{name: "not UTF-8", setup: badEval("n.yaml", "usage: visio\nnom_outil: caf\xe9\n"),
			code: 2, want: `n\.yaml:2:15: UTF-8 invalide ; enregistrez le fichier en UTF-8`, en: `n\.yaml:2:15: invalid UTF-8; save the file as UTF-8`},
		{name: "UTF-16", setup: badEval("n16.yaml", "\xff\xfeu\x00s\x00"),
			code: 2, want: `n16\.yaml:1:\d+: contenu binaire \(octet NUL\)`},
		{name: "binary (a PNG)", setup: badEval("image.yaml", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
			code: 2, want: `image\.yaml:\d+:\d+: contenu binaire \(octet NUL\) ; attendu : un fichier texte YAML ou JSON`, en: `image\.yaml:\d+:\d+: binary content \(NUL byte\); expected a YAML or JSON text file`},
		// Files that cannot be read.
		{name: "missing file", setup: badArgs("evaluate", "DIR/nope.yaml"),
			code: 2, want: `nope\.yaml: fichier introuvable`, en: `nope\.yaml: no such file`},
		{name: "unreadable file (mode 000)", skip: badRootIgnoresModes, setup: func(t *testing.T, dir string) []string {
			p := badFile(t, dir, "secret.yaml", badGoodYAML)
			if err := os.Chmod(p, 0); err != nil {
				t.Fatal(err)
			}
			return []string{"evaluate", p}
		}, code: 2, want: `secret\.yaml: permission refusée`},
		{name: "file that fails on read", skip: badLinuxOnly, setup: badArgs("evaluate", "/proc/self/mem"),
			code: 2, want: `/proc/self/mem: read /proc/self/mem: input/output error`},
		{name: "strict, questions missing", setup: badEval("st.yaml", "usage: visio\n", "--strict"),
			code: 2, want: `st\.yaml: --strict: questions sans réponse : audience, `, en: `st\.yaml: --strict: questions not answered: audience, `},
		// Flags.
		{name: "unknown format", setup: badEval("f.yaml", badGoodYAML, "--format", "docx"),
			code: 2, want: `--format: format inconnu "docx" ; permis : terminal, markdown, html, json, pdf \(et csv pour plusieurs fichiers\)`, en: `--format: unknown format "docx"; allowed: terminal, markdown, html, json, pdf \(and csv for several files\)`},
		{name: "unknown language", setup: badArgs("--lang", "de", "questions"),
			code: 2, want: `^conduite: langue inconnue "de" ; permis : fr, en\n$`, en: `^conduite: unknown language "de"; allowed: fr, en\n$`},
		{name: "unknown référentiel flag", setup: badEval("f.yaml", badGoodYAML, "--referentiel", "belgique"),
			code: 2, want: `--referentiel: référentiel inconnu "belgique" ; permis : education-nationale, `},
		{name: "unknown --fail-on level", setup: badEval("f.yaml", badGoodYAML, "--fail-on", "rouge"),
			code: 2, want: `--fail-on: niveau inconnu "rouge" ; permis : proscrit, `, en: `--fail-on: unknown level "rouge"; allowed: proscrit, `},
		{name: "unknown flag", setup: badArgs("evaluate", "--nope"),
			code: 2, want: `option inconnue : --nope \(voir .conduite evaluate --help.\)`, en: `unknown flag: --nope \(see .conduite evaluate --help.\)`},
		{name: "no argument", setup: badArgs("evaluate"),
			code: 2, want: `accepte 1 argument ou plus : un fichier de réponses`, en: `accepts 1 arg or more: an answers file`},
		{name: "wizard without a terminal", setup: badArgs(),
			code: 2, want: `l'assistant demande un terminal .*conduite evaluate FICHIER`, en: `the wizard needs a terminal .*conduite evaluate FILE`},
		// Output files.
		{name: "--output in a missing folder", setup: badEval("f.yaml", badGoodYAML, "--output", "DIR-missing/r.md"),
			code: 2, want: `le dossier .* n'existe pas : dossier introuvable ; rien n'a été écrit`, en: `the folder .* does not exist: no such folder; nothing written`},
		{name: "--output under a file", setup: func(t *testing.T, dir string) []string {
			badFile(t, dir, "plain", "x")
			return []string{"evaluate", "--output", filepath.Join(dir, "plain", "r.md"), badFile(t, dir, "f.yaml", badGoodYAML)}
		}, code: 2, want: `plain n'est pas un dossier : dossier introuvable ; rien n'a été écrit`},
		{name: "--output in a read-only folder (mode 555)", skip: badRootIgnoresModes, setup: func(t *testing.T, dir string) []string {
			ro := filepath.Join(dir, "ro")
			if err := os.Mkdir(ro, 0o555); err != nil {
				t.Fatal(err)
			}
			return []string{"evaluate", "--output", filepath.Join(ro, "r.md"), badFile(t, dir, "f.yaml", badGoodYAML)}
		}, code: 2, want: `impossible de créer un fichier dans .*ro : le dossier est en lecture seule pour vous \(permission denied\) ; rien n'a été écrit`},
		{name: "--output in a read-only folder (/sys)", skip: badReadOnlySys, setup: func(t *testing.T, dir string) []string {
			return []string{"evaluate", "--output", "/sys/conduite-rapport.md", badFile(t, dir, "f.yaml", badGoodYAML)}
		}, code: 2, want: `/sys/conduite-rapport\.md: impossible de créer un fichier dans /sys : le dossier est en lecture seule pour vous .* ; rien n'a été écrit`, en: `/sys/conduite-rapport\.md: cannot create a file in /sys: the folder is read-only for you .*; nothing written`},
		{name: "--output exists, no --force", setup: func(t *testing.T, dir string) []string {
			out := badFile(t, dir, "rapport.md", "le rapport d'hier\n")
			return []string{"evaluate", "--output", out, badFile(t, dir, "f.yaml", badGoodYAML)}
		}, code: 2, want: `rapport\.md: le fichier existe ; rien n'a été écrit \(--force pour le remplacer\)`, en: `rapport\.md: file exists; nothing written \(use --force to overwrite it\)`},
		{name: "--output with an unknown extension", setup: badEval("f.yaml", badGoodYAML, "--output", "DIR/r.docx"),
			code: 2, want: `--output: `},
		{name: "--output and several files", setup: func(t *testing.T, dir string) []string {
			return []string{"evaluate", "--output", filepath.Join(dir, "r.md"), badFile(t, dir, "a.yaml", badGoodYAML), badFile(t, dir, "b.yaml", badGoodYAML)}
		}, code: 2, want: `--output écrit un seul rapport ; avec plusieurs fichiers, utilisez --output-dir`},
		// A report never replaces an input, even with --force: the same
		// path, the same file reached another way, a later row's input.
		{name: "--output-dir over its own inputs, --force", setup: func(t *testing.T, dir string) []string {
			badFile(t, dir, "dem/autre.yaml", badGoodYAML)
			badFile(t, dir, "dem/demande.json", `{"outil": "whatsapp", "audience": "agents"}`)
			return []string{"evaluate", "--report-format", "json", "--output-dir", filepath.Join(dir, "dem"), "--force", filepath.Join(dir, "dem")}
		}, code: 2, want: `(?s)dem/demande\.json: son rapport .*dem/demande\.json est une entrée de ce lancement : un rapport ne remplace jamais une entrée, même avec --force ; rien n'a été écrit.*1 rapport sur 2 n'a pas pu être écrit`, en: `(?s)dem/demande\.json: its report .*dem/demande\.json is an input of this run: a report never replaces an input, even with --force; nothing written.*1 of 2 reports could not be written`,
			stdout: `(?s)autre\.yaml.*demande\.json \| WhatsApp \|.*rapport non écrit`, changed: []string{"dem", "dem/autre.json"}},
		{name: "--output-dir over a later row's input", setup: func(t *testing.T, dir string) []string {
			badFile(t, dir, "a/x.yaml", badGoodYAML)
			badFile(t, dir, "b/x.json", `{"outil": "tchap", "audience": "agents"}`)
			return []string{"evaluate", "--report-format", "json", "--output-dir", filepath.Join(dir, "b"), "--force", filepath.Join(dir, "a"), filepath.Join(dir, "b")}
		}, code: 2, want: `a/x\.yaml: son rapport .*b/x\.json est une entrée de ce lancement.*rien n'a été écrit`,
			stdout: `(?s)a/x\.yaml \| Discord \|[^\n]*rapport non écrit.*\n\| [^\n]*b/x\.json \| Tchap \|`, changed: []string{"b", "b/x-2.json"}},
		{name: "--output-dir through a symbolic link to the inputs' folder", skip: badNoSymlinks, setup: func(t *testing.T, dir string) []string {
			badFile(t, dir, "dem/demande.json", `{"outil": "whatsapp", "audience": "agents"}`)
			if err := os.Symlink("dem", filepath.Join(dir, "alias")); err != nil {
				t.Fatal(err)
			}
			return []string{"evaluate", "--report-format", "json", "--output-dir", filepath.Join(dir, "alias"), "--force", filepath.Join(dir, "dem")}
		}, code: 2, want: `dem/demande\.json: son rapport .*alias/demande\.json est .*dem/demande\.json, une entrée de ce lancement`, stdout: `demande\.json`},
		{name: "--output is the answers file, --force", setup: func(t *testing.T, dir string) []string {
			in := badFile(t, dir, "demande.json", `{"outil": "whatsapp", "audience": "agents"}`)
			return []string{"evaluate", "--output", in, "--force", in}
		}, code: 2, want: `demande\.json: est une entrée de ce lancement : un rapport ne remplace jamais une entrée, même avec --force ; rien n'a été écrit \(choisissez un autre --output\)`, en: `demande\.json: is an input of this run: a report never replaces an input, even with --force; nothing written \(choose another --output\)`},
		{name: "--output is the answers file by another path", setup: func(t *testing.T, dir string) []string {
			in := badFile(t, dir, "d/demande.yaml", badGoodYAML)
			return []string{"evaluate", "--format", "markdown", "--output", filepath.Join(dir, "d", "..", "d", "demande.yaml"), "--force", in}
		}, code: 2, want: `une entrée de ce lancement`},
		{name: "--output is the --catalog file", setup: func(t *testing.T, dir string) []string {
			cat := badFile(t, dir, "dpd.yaml", badLocalTool)
			return []string{"--catalog", cat, "evaluate", "--format", "json", "--output", cat, "--force", badFile(t, dir, "f.yaml", badGoodYAML)}
		}, code: 2, want: `dpd\.yaml: est une entrée de ce lancement`},
		// Batch: one bad file is reported, the good one is still evaluated;
		// nothing is written for the bad one.
		{name: "batch with a bad file", setup: func(t *testing.T, dir string) []string {
			badFile(t, dir, "in/bon.yaml", badGoodYAML)
			badFile(t, dir, "in/mauvais.yaml", "usgae: visio\n")
			return []string{"evaluate", "--format", "csv", "--output-dir", filepath.Join(dir, "out"), filepath.Join(dir, "in")}
		}, code: 2, want: `1 fichier sur 2 n'a pas pu être évalué`, stdout: `(?s)bon\.yaml.*mauvais\.yaml.*question inconnue`,
			changed: []string{"out", "out/bon.md"}},
		{name: "batch, a folder without answers", setup: func(t *testing.T, dir string) []string {
			badFile(t, dir, "in/notes.txt", "rien\n")
			return []string{"evaluate", "--format", "csv", filepath.Join(dir, "in")}
		}, code: 2, want: `in: aucun fichier de réponses dans ce dossier`},
		// Catalog overrides.
		{name: "--catalog with a duplicate id", setup: func(t *testing.T, dir string) []string {
			return []string{"--catalog", badFile(t, dir, "dpd.yaml", badLocalTool+strings.TrimPrefix(badLocalTool, "tools:\n")), "tools"}
		}, code: 2, want: `dpd\.yaml:14:\d+: tools\[1\]\.id: identifiant d'outil "mon-outil" en double`, en: `dpd\.yaml:14:\d+: tools\[1\]\.id: duplicate tool id "mon-outil"`},
		{name: "--catalog with a syntax error", setup: func(t *testing.T, dir string) []string {
			return []string{"--catalog", badFile(t, dir, "dpd.yaml", strings.Replace(badLocalTool, `name: "Mon outil"`, `name: "Mon outil`, 1)), "tools"}
		}, code: 2, want: `dpd\.yaml:\d+:\d+: `},
		{name: "--catalog with an unknown source", setup: func(t *testing.T, dir string) []string {
			return []string{"--catalog", badFile(t, dir, "dpd.yaml", strings.Replace(badLocalTool, "[seed-000]", "[seed-999]", 1)), "evaluate", badFile(t, dir, "f.yaml", badGoodYAML)}
		}, code: 2, want: `dpd\.yaml:12:\d+: tools\[0\]\.sources\[0\]: source inconnue "seed-999" \(les sources sont déclarées dans sources\.yaml\)`},
		{name: "--catalog with a tag without a value (crashed the YAML decoder)", setup: func(t *testing.T, dir string) []string {
			return []string{"--catalog", badFile(t, dir, "dpd.yaml", "tools:\n  - sources: !x\n"), "tools"}
		}, code: 2, want: `dpd\.yaml:2:14: étiquette !x sans valeur`},
		{name: "--catalog with a javascript: source address", setup: func(t *testing.T, dir string) []string {
			src := "sources:\n  - id: note-dpd\n    kind: reference\n    title: Note\n    short: Note\n    url: \"javascript:alert(1)\"\n"
			return []string{"--catalog", badFile(t, dir, "dpd.yaml", src+strings.Replace(badLocalTool, "[seed-000]", "[note-dpd]", 1)), "evaluate", "--output", filepath.Join(dir, "r.md"), badFile(t, dir, "f.yaml", badGoodYAML)}
		}, code: 2, want: `dpd\.yaml:6:\d+: sources\[0\]\.url: "javascript:alert\(1\)" n'est pas une adresse https ; permis : https://`, en: `dpd\.yaml:6:\d+: sources\[0\]\.url: "javascript:alert\(1\)" is not an https address; allowed: https://`},
		{name: "--catalog missing", setup: badArgs("--catalog", "DIR/nope.yaml", "tools"),
			code: 2, want: `--catalog: .*nope\.yaml: fichier introuvable`},
		{name: "--catalog empty", setup: func(t *testing.T, dir string) []string {
			return []string{"--catalog", badFile(t, dir, "dpd.yaml", ""), "tools"}
		}, code: 2, want: `dpd\.yaml: fichier vide ; attendu : « tools: »`},
		{name: "catalog of the configuration folder, bad", env: map[string]string{"XDG_CONFIG_HOME": "DIR/config", "HOME": "DIR"},
			setup: func(t *testing.T, dir string) []string {
				badFile(t, dir, "config/conduite/catalog.yaml", "tools:\n  - id: Mon Outil\n")
				return []string{"evaluate", badFile(t, dir, "f.yaml", badGoodYAML)}
			}, code: 2, want: `config/conduite/catalog\.yaml:2:\d+: `},
		{name: "unknown tool for `tools`", setup: badArgs("tools", "discrod"),
			code: 2, want: `discrod.*discord`},
		// Not a regular file: a named pipe blocked the open forever, a
		// device the read; refused before anything is read.
		{name: "a FIFO as the answers file", skip: badNoFIFO, setup: func(t *testing.T, dir string) []string {
			return []string{"evaluate", badFIFO(t, dir, "b.yaml")}
		}, code: 2, want: `b\.yaml: est un tube nommé \(FIFO\), pas un fichier ordinaire ; attendu : un fichier de réponses \(YAML ou JSON\), ou - pour l'entrée standard`, en: `b\.yaml: is a named pipe \(FIFO\), not a regular file; expected an answers file \(YAML or JSON\), or - for standard input`},
		{name: "a FIFO in a batch folder", skip: badNoFIFO, setup: func(t *testing.T, dir string) []string {
			badFile(t, dir, "in/bon.yaml", badGoodYAML)
			badFIFO(t, dir, "in/tube.yaml")
			return []string{"evaluate", "--format", "csv", filepath.Join(dir, "in")}
		}, code: 2, want: `(?s)tube\.yaml: est un tube nommé \(FIFO\).*1 fichier sur 2 n'a pas pu être évalué`, stdout: `(?s)bon\.yaml.*tube\.yaml.*tube nommé`},
		{name: "a FIFO as --catalog", skip: badNoFIFO, setup: func(t *testing.T, dir string) []string {
			return []string{"--catalog", badFIFO(t, dir, "dpd.yaml"), "tools"}
		}, code: 2, want: `--catalog: .*dpd\.yaml: est un tube nommé \(FIFO\), pas un fichier ordinaire ; attendu : un fichier de catalogue \(YAML\)`},
		{name: "a FIFO as the configuration folder's catalog", skip: badNoFIFO, env: map[string]string{"XDG_CONFIG_HOME": "DIR/config", "HOME": "DIR"},
			setup: func(t *testing.T, dir string) []string {
				badFIFO(t, dir, "config/conduite/catalog.yaml")
				return []string{"tools"}
			}, code: 2, want: `catalog\.yaml: est un tube nommé \(FIFO\)`},
		{name: "a device as the answers file", skip: badNoDevNull, setup: badArgs("evaluate", "/dev/null"),
			code: 2, want: `/dev/null: est un périphérique caractère, pas un fichier ordinaire`, en: `/dev/null: is a character device, not a regular file`},
		// A byte-order mark is not an error: positions are the editor's.
		{name: "a BOM, then an unknown key", setup: badEval("bom.yaml", "\ufeffusgae: visio\n"),
			code: 2, want: `bom\.yaml:1:1: question inconnue "usgae"`},
		{name: "a BOM in a JSON file, then a bad value", setup: badEval("bom.json", "\ufeff{\"usage\": \"visioo\"}"),
			code: 2, want: `bom\.json:1:11: usage: valeur invalide "visioo"`},
		{name: "a BOM in a catalog file, then an unknown source", setup: func(t *testing.T, dir string) []string {
			return []string{"--catalog", badFile(t, dir, "dpd.yaml", "\ufeff"+strings.Replace(badLocalTool, "[seed-000]", "[seed-999]", 1)), "tools"}
		}, code: 2, want: `dpd\.yaml:12:\d+: tools\[0\]\.sources\[0\]: source inconnue "seed-999" \(les sources sont déclarées dans sources\.yaml\)`},
		// The parse budget: what would exhaust the YAML parser is refused
		// before it (TestBadInputBudgetIsCheap measures how fast).
		{name: "answers nested 50,000 deep", setup: badEval("deep.yaml", "usage: "+strings.Repeat("[", 50000)),
			code: 2, want: `deep\.yaml:1:15: plus de 8 niveaux d'imbrication ; un fichier de réponses n'en demande que quelques-uns`, en: `deep\.yaml:1:15: nested more than 8 levels deep; an answers file needs a few`},
		{name: "answers with 100,000 keys", setup: badEval("keys.yaml", badKeys(100000)),
			code: 2, want: `keys\.yaml: fichier trop gros \(\d+ octets\) ; la limite est de 65536 octets \(64 Kio\)`},
		{name: "answers with 65 keys", setup: badEval("keys.yaml", badKeys(65)),
			code: 2, want: `keys\.yaml:65:1: plus de 64 clés dans un même dictionnaire ; un fichier de réponses en contient bien moins`, en: `keys\.yaml:65:1: more than 64 keys in one mapping; an answers file holds far fewer`},
		{name: "catalog nested 50,000 deep", setup: func(t *testing.T, dir string) []string {
			return []string{"--catalog", badFile(t, dir, "dpd.yaml", "tools:\n  - id: "+strings.Repeat("[", 50000)), "tools"}
		}, code: 2, want: `dpd\.yaml:2:18: plus de 12 niveaux d'imbrication ; un fichier de catalogue n'en demande que quelques-uns`},
		{name: "catalog with 100,000 keys", setup: func(t *testing.T, dir string) []string {
			return []string{"--catalog", badFile(t, dir, "dpd.yaml", "tools: {"+strings.Repeat("a: 1, ", 100000)+"}"), "tools"}
		}, code: 2, want: `dpd\.yaml: fichier trop gros \(\d+ octets\) ; la limite est de 524288 octets \(512 Kio\)`},
		{name: "catalog with 100,000 short keys", setup: func(t *testing.T, dir string) []string {
			return []string{"--catalog", badFile(t, dir, "dpd.yaml", "tools: {"+strings.Repeat("a,", 100000)+"}"), "tools"}
		}, code: 2, want: `dpd\.yaml:1:\d+: plus de 200 clés dans un même dictionnaire ; un fichier de catalogue en contient bien moins`},
		{name: "catalog with aliases", setup: func(t *testing.T, dir string) []string {
			return []string{"--catalog", badFile(t, dir, "dpd.yaml", strings.Replace(strings.Replace(badLocalTool, "[messagerie]", "&u [messagerie]", 1), "[seed-000]", "*u", 1)), "tools"}
		}, code: 2, want: `dpd\.yaml:12:14: les alias \(\*nom\) ne sont pas acceptés`, en: `dpd\.yaml:12:14: aliases \(\*name\) are not accepted`},
		// A file name is shown, never acted on by the terminal.
		{name: "a file name with escape sequences", setup: badEval("b\x1b]0;PWNED\a\u202e.yaml", "usgae: visio\n"),
			skip: badNoControlNames, code: 2, want: `b\\x1b\]0;PWNED\\a\\u202e\.yaml:1:1: question inconnue`},
		{name: "a missing file name with escape sequences", setup: badArgs("evaluate", "DIR/\x1bc\x1b[?1049h.yaml"),
			code: 2, want: `\\x1bc\\x1b\[\?1049h\.yaml: fichier introuvable`},
		{name: "a batch with a file name with escape sequences", setup: func(t *testing.T, dir string) []string {
			badFile(t, dir, "in/bon.yaml", badGoodYAML)
			badFile(t, dir, "in/x\x1b]52;c;T1NDNTI=\a.yaml", "usgae: visio\n")
			return []string{"evaluate", "--format", "csv", filepath.Join(dir, "in")}
		}, skip: badNoControlNames, code: 2, want: `x\\x1b\]52;c;T1NDNTI=\\a\.yaml:1:1: question inconnue`, stdout: `(?s)bon\.yaml.*x\\x1b\]52;c;T1NDNTI=\\a\.yaml`},
		// The resume file: read by the wizard on a terminal, so checked at
		// the store the wizard uses. Never fatal: reported, set aside.
		{name: "corrupt resume file", setup: badResumeCase("usage: [visio\n"), direct: badLoadResume,
			code: 0, want: `resume\.yaml:1:\d+: .* \(mis de côté sous .*resume\.yaml\.corrupt\)`,
			changed: []string{"state/conduite", "state/conduite/resume.yaml", "state/conduite/resume.yaml.corrupt"}},
		{name: "resume file with an unknown id", setup: badResumeCase("usgae: visio\n"), direct: badLoadResume,
			code: 0, want: `question inconnue "usgae".*\(mis de côté sous`,
			changed: []string{"state/conduite", "state/conduite/resume.yaml", "state/conduite/resume.yaml.corrupt"}},
		{name: "binary resume file", setup: badResumeCase("\x00\x01garbage"), direct: badLoadResume,
			code: 0, want: `contenu binaire .*\(mis de côté sous`,
			changed: []string{"state/conduite", "state/conduite/resume.yaml", "state/conduite/resume.yaml.corrupt"}},
		{name: "unreadable resume file (a folder)", setup: func(t *testing.T, dir string) []string {
			if err := os.MkdirAll(filepath.Join(dir, "state", "conduite", resume.FileName), 0o755); err != nil {
				t.Fatal(err)
			}
			return nil
		}, direct: badLoadResume, code: 0, want: `resume\.yaml: est un dossier \(mis de côté sous`,
			changed: []string{"state/conduite", "state/conduite/resume.yaml", "state/conduite/resume.yaml.corrupt"}},
		{name: "a FIFO at the resume path", skip: badNoFIFO, setup: func(t *testing.T, dir string) []string {
			badFIFO(t, dir, "state/conduite/"+resume.FileName)
			return nil
		}, direct: badLoadResume, code: 0, want: `resume\.yaml: est un tube nommé \(FIFO\) \(mis de côté sous .*resume\.yaml\.corrupt\)`,
			changed: []string{"state/conduite", "state/conduite/resume.yaml", "state/conduite/resume.yaml.corrupt"}},
		{name: "a resume file with a BOM and an unknown id", setup: badResumeCase("\ufeffusgae: visio\n"), direct: badLoadResume,
			code: 0, want: `resume\.yaml:1:1: question inconnue "usgae".*\(mis de côté sous`,
			changed: []string{"state/conduite", "state/conduite/resume.yaml", "state/conduite/resume.yaml.corrupt"}},
		{name: "a resume file nested 50,000 deep", setup: badResumeCase("usage: " + strings.Repeat("[", 50000)), direct: badLoadResume,
			code: 0, want: `resume\.yaml:1:15: plus de 8 niveaux d'imbrication.*\(mis de côté sous`,
			changed: []string{"state/conduite", "state/conduite/resume.yaml", "state/conduite/resume.yaml.corrupt"}},
		{name: "unreadable resume file (mode 000)", skip: badRootIgnoresModes, setup: func(t *testing.T, dir string) []string {
			p := badFile(t, dir, "state/conduite/"+resume.FileName, "usage: visio\n")
			if err := os.Chmod(p, 0); err != nil {
				t.Fatal(err)
			}
			return nil
		}, direct: badLoadResume, code: 0, want: `permission denied \(mis de côté sous`,
			changed: []string{"state/conduite", "state/conduite/resume.yaml", "state/conduite/resume.yaml.corrupt"}},
	}
}

// badKeys is an answers file of n distinct keys.
func badKeys(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "k%d: visio\n", i)
	}
	return b.String()
}

// badFIFO makes a named pipe in dir and returns its path.
func badFIFO(t *testing.T, dir, name string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := mkfifo(p); err != nil {
		t.Fatal(err)
	}
	return p
}

func badNoFIFO() string {
	if runtime.GOOS == "windows" {
		return "no named pipes in the file system on Windows"
	}
	return ""
}

func badNoDevNull() string {
	if runtime.GOOS == "windows" {
		return "no /dev/null on Windows"
	}
	return ""
}

func badNoControlNames() string {
	if runtime.GOOS == "windows" {
		return "Windows file names cannot hold control characters"
	}
	return ""
}

// badResumeCase writes a resume file.
func badResumeCase(content string) func(*testing.T, string) []string {
	return func(t *testing.T, dir string) []string {
		badFile(t, dir, "state/conduite/"+resume.FileName, content)
		return nil
	}
}

// badLoadResume loads the store of dir/state/conduite: the error's message on
// « stderr », exit 0 for a reported corrupt file, 1 for anything else.
func badLoadResume(t *testing.T, dir string) (int, string, string) {
	t.Helper()
	c, err := questionnaire.Load(assets.FS)
	if err != nil {
		t.Fatal(err)
	}
	sd, err := resume.DefaultDir(func(k string) string {
		if k == "XDG_STATE_HOME" {
			return filepath.Join(dir, "state")
		}
		return ""
	})
	if err != nil {
		t.Fatal(err)
	}
	sess, err := resume.New(sd).Load(c)
	var ce *resume.CorruptError
	switch {
	case errors.As(err, &ce) && sess == nil && ce.AsideTo != "":
		return 0, "", c.Texts.For(questionnaire.FR).Error(err)
	case err != nil:
		return 1, "", c.Texts.For(questionnaire.FR).Error(err)
	}
	return 1, "", fmt.Sprintf("no error; session %v", sess)
}

func TestBadInputTable(t *testing.T) {
	for _, tc := range badCases() {
		t.Run(tc.name, func(t *testing.T) {
			if tc.skip != nil {
				if why := tc.skip(); why != "" {
					t.Skip(why)
				}
			}
			dir := t.TempDir()
			var code int
			var stdout, stderr string
			argv := tc.setup(t, dir)
			before := badListing(t, dir)
			if tc.direct != nil {
				code, stdout, stderr = tc.direct(t, dir)
			} else {
				env := map[string]string{"LANG": "fr_FR.UTF-8"}
				for k, v := range tc.env {
					env[k] = strings.ReplaceAll(v, "DIR", dir)
				}
				code, stdout, stderr = runBad(t, tc.stdin, env, argv...)
				if !strings.HasPrefix(stderr, "conduite: ") {
					t.Errorf("the message does not start with « conduite: »: %q", stderr)
				}
				if n := strings.Count(strings.TrimSpace(stderr), "\n"); n > 3 {
					t.Errorf("the message takes %d lines; one screen at most, a few lines: %q", n+1, stderr)
				}
			}
			if code != tc.code {
				t.Errorf("exit status %d, want %d; stderr %q", code, tc.code, stderr)
			}
			if !regexp.MustCompile(tc.want).MatchString(stderr) {
				t.Errorf("message\n  %q\ndoes not match\n  %s", stderr, tc.want)
			}
			badCheckFilled(t, stderr+stdout)
			if tc.en != "" && tc.direct == nil {
				// The same case in English, in a fresh folder.
				dir := t.TempDir()
				argv := tc.setup(t, dir)
				env := map[string]string{"LANG": "en_US.UTF-8"}
				for k, v := range tc.env {
					env[k] = strings.ReplaceAll(v, "DIR", dir)
				}
				code, _, stderr := runBad(t, tc.stdin, env, argv...)
				if code != tc.code || !regexp.MustCompile(tc.en).MatchString(stderr) {
					t.Errorf("in English: exit status %d, message\n  %q\ndoes not match\n  %s", code, stderr, tc.en)
				}
				badCheckFilled(t, stderr)
			}
			switch {
			case tc.stdout == "" && stdout != "":
				t.Errorf("stdout must stay empty, got %q", badClip(stdout))
			case tc.stdout != "" && !regexp.MustCompile(tc.stdout).MatchString(stdout):
				t.Errorf("stdout %q does not match %s", badClip(stdout), tc.stdout)
			}
			after := badListing(t, dir)
			var diff []string
			for _, p := range slices.Sorted(maps.Keys(badMergeKeys(before, after))) {
				if before[p] != after[p] {
					diff = append(diff, p)
				}
			}
			if !slices.Equal(diff, slices.Sorted(slices.Values(tc.changed))) {
				t.Errorf("files changed: %v, want %v", diff, tc.changed)
				for _, p := range diff {
					t.Logf("  %s: before %q, after %q", p, before[p], after[p])
				}
			}
		})
	}
}

// badLeft finds what a message must never show: a text key in brackets
// (« [cli_…] ») or a mark left unfilled (« {file} »).
var badLeft = regexp.MustCompile(`\[(?:err|cli|kind|allowed|budget|resume)_[a-z0-9_]+\]|\{[a-z]+\}`)

func badCheckFilled(t *testing.T, s string) {
	t.Helper()
	if m := badLeft.FindString(s); m != "" {
		t.Errorf("%q is left in the output: %q", m, badClip(s))
	}
}

// runEnv calls Main with fake streams (not a terminal) and the environment.
func runBad(t *testing.T, stdin string, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	streams := &IOStreams{In: strings.NewReader(stdin), Out: &out, Err: &errb,
		Width: func() int { return 80 }, Getenv: func(k string) string { return env[k] }}
	done := make(chan int, 1)
	go func() { done <- Main(context.Background(), streams, args) }()
	select {
	case code := <-done:
		return code, out.String(), errb.String()
	case <-time.After(time.Minute):
		t.Fatalf("conduite %q still runs after a minute: blocked?", args)
	}
	return 0, "", ""
}

// listing maps every path under dir to its kind, size, mode and
// modification time.
func badListing(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == dir {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		size := info.Size()
		if info.IsDir() {
			size = 0 // a folder's size says nothing portable
		}
		m[filepath.ToSlash(rel)] = fmt.Sprintf("%v %d %s", info.Mode(), size, info.ModTime().Format(time.RFC3339Nano))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func badMergeKeys(a, b map[string]string) map[string]string {
	m := maps.Clone(a)
	maps.Copy(m, b)
	return m
}

func badClip(s string) string {
	if len(s) > 300 {
		return s[:300] + "…"
	}
	return s
}

// TestBadInputFileModes runs the cases about file modes as an ordinary user
// when the tests run as root (as in CI), where they would only skip: the
// test binary is copied where that user can run it and started with the
// user's ids.
func TestBadInputFileModes(t *testing.T) {
	if !badIsRoot() || runtime.GOOS != "linux" {
		t.Skip("not root: TestBadInputTable runs the file-mode cases itself")
	}
	if testing.Short() {
		t.Skip("-short")
	}
	bin := filepath.Join(t.TempDir(), "cli.test")
	data, err := os.ReadFile(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bin, data, 0o755); err != nil {
		t.Fatal(err)
	}
	for d := filepath.Dir(bin); d != os.TempDir() && d != "/"; d = filepath.Dir(d) {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	out, err := runAsNobody(bin, "-test.run", `^TestBadInputTable$/mode_\d\d\d`, "-test.v", "-test.count=1")
	if err != nil {
		if strings.Contains(err.Error(), "operation not permitted") {
			t.Skipf("cannot switch to an ordinary user here: %v", err)
		}
		t.Fatalf("%v\n%s", err, out)
	}
	if n := strings.Count(out, "--- PASS: TestBadInputTable/"); n != 3 || strings.Contains(out, "--- SKIP") {
		t.Fatalf("want 3 file-mode cases passed as an ordinary user, got %d:\n%s", n, out)
	}
}
