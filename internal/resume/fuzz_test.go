package resume_test

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/conduite/conduite/assets"
	"github.com/conduite/conduite/internal/fuzzbudget"
	"github.com/conduite/conduite/internal/resume"
	"github.com/conduite/conduite/questionnaire"
)

// FuzzLoad: whatever bytes the resume file holds (a truncated write, a disk
// error, an older version, someone's editor), Load never panics; it gives
// either a session with answers, which written back (as Save writes them)
// and loaded again are equal, or a *CorruptError after setting the file
// aside unchanged, so that the next start begins afresh and nothing is lost.
// Seeds: every bad answers file (testdata/fuzz/FuzzLoad) and the examples.
//
//	go test ./internal/resume -run '^$' -fuzz '^FuzzLoad$' -fuzztime 5m
func FuzzLoad(f *testing.F) {
	c, err := questionnaire.Load(assets.FS)
	if err != nil {
		f.Fatal(err)
	}
	paths, _ := filepath.Glob("../../examples/*")
	paths = slices.DeleteFunc(paths, questionnaire.IsProfileFile) // the example profile is no answers file
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add(resume.Encode(questionnaire.NewAnswers(map[string][]string{"usage": {"visio"}, "donnees": {"identite", "images"}})))
	f.Fuzz(func(t *testing.T, data []byte) {
		defer fuzzbudget.Start(t)() // a slow or greedy input is a finding
		dir := t.TempDir()
		s := resume.New(dir)
		if err := os.WriteFile(s.Path(), data, 0o600); err != nil {
			t.Fatal(err)
		}
		sess, err := s.Load(c)
		if err != nil {
			var ce *resume.CorruptError
			if !errors.As(err, &ce) {
				t.Fatalf("Load: %T %v, want a *CorruptError", err, err)
			}
			if sess != nil {
				t.Fatalf("a session and an error")
			}
			if _, err := os.Stat(s.Path()); !errors.Is(err, fs.ErrNotExist) {
				t.Fatalf("a corrupt file was not set aside: %v", err)
			}
			aside, err := os.ReadFile(ce.AsideTo)
			if err != nil || !bytes.Equal(aside, data) {
				t.Fatalf("the corrupt file set aside as %q is not the original (%v)", ce.AsideTo, err)
			}
			if again, err := s.Load(c); again != nil || err != nil {
				t.Fatalf("after setting aside, Load gives %v, %v; want nothing", again, err)
			}
			return
		}
		if sess == nil {
			t.Fatalf("no session and no error for an existing file")
		}
		if sess.Answers.Len() == 0 && sess.Answers.Meta.ToolName == "" {
			t.Fatalf("an empty session was accepted")
		}
		// What Save writes (Encode's bytes; Save adds the atomic write and
		// an fsync, tested in resume_test.go, too slow for a fuzz loop).
		if err := os.WriteFile(s.Path(), resume.Encode(sess.Answers), 0o600); err != nil {
			t.Fatal(err)
		}
		back, err := s.Load(c)
		if err != nil {
			t.Fatalf("a saved session does not load: %v", err)
		}
		want := sess.Answers.Clone()
		want.Meta.Auteur, want.Meta.Etablissement = "", ""
		if !back.Answers.Equal(want) {
			t.Fatalf("save and load changed the answers:\n got %#v\nwant %#v", back.Answers, want)
		}
	})
}
