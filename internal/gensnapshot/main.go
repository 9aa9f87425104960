// Command gensnapshot compiles the YAML content of assets/ into
// assets/content.json, the snapshot the program loads at start-up. It runs
// from `go generate ./assets`; a YAML error stops it with file:line:col,
// in the language of the author's locale (French by default, as conduite).
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/conduite/conduite/questionnaire"
)

func main() {
	dir := "."
	if len(os.Args) > 1 {
		dir = os.Args[1]
	}
	if err := run(dir); err != nil {
		// The texts are the embedded ones: the content that failed may be
		// the texts themselves.
		l := (*questionnaire.Texts)(nil).For(questionnaire.LangFromEnv(os.Getenv))
		fmt.Fprintln(os.Stderr, "gensnapshot:", l.Error(err))
		os.Exit(1)
	}
}

func run(dir string) error {
	c, err := questionnaire.LoadYAML(os.DirFS(dir))
	if err != nil {
		return err
	}
	data, err := c.Snapshot()
	if err != nil {
		return err
	}
	tmp := filepath.Join(dir, questionnaire.FileSnapshot+".tmp")
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Join(dir, questionnaire.FileSnapshot))
}
