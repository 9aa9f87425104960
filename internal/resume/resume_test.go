package resume

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/conduite/conduite/assets"
	"github.com/conduite/conduite/questionnaire"
)

func content(t *testing.T) *questionnaire.Content {
	t.Helper()
	c, err := questionnaire.Load(assets.FS)
	if err != nil {
		t.Fatalf("loading the embedded assets: %v", err)
	}
	return c
}

func discordAnswers() questionnaire.Answers {
	a := questionnaire.NewAnswers(map[string][]string{
		"outil": {"discord"}, "usage": {"classe_virtuelle"}, "audience": {"eleves"},
		"donnees": {"identite", "images"},
	})
	a.Meta.Referentiel = "education-nationale"
	a.Meta.Auteur = "Mme Dupont" // never saved
	return a
}

func TestDefaultDir(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	for _, tc := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"XDG_STATE_HOME": "/x/state", "HOME": "/home/a"}, "/x/state/conduite"},
		{map[string]string{"XDG_STATE_HOME": "relative", "HOME": "/home/a"}, "/home/a/.local/state/conduite"},
		{map[string]string{"HOME": "/home/a"}, "/home/a/.local/state/conduite"},
	} {
		got, err := DefaultDir(env(tc.env))
		if err != nil || got != tc.want {
			t.Errorf("DefaultDir(%v) = %q, %v; want %q", tc.env, got, err, tc.want)
		}
	}
}

func TestSaveLoadRoundTrip(t *testing.T) {
	c := content(t)
	dir := filepath.Join(t.TempDir(), "state", "conduite")
	s := New(dir)
	if got, err := s.Load(c); got != nil || err != nil {
		t.Fatalf("Load with no file = %v, %v; want nil, nil", got, err)
	}
	a := discordAnswers()
	if err := s.Save(1, a); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	if mode := st.Mode().Perm(); mode != 0o600 {
		t.Errorf("resume file mode %v, want 0600", mode)
	}
	got, err := s.Load(c)
	if err != nil {
		t.Fatal(err)
	}
	want := a.Clone()
	want.Meta.Auteur = ""
	if !got.Answers.Equal(want) {
		t.Errorf("loaded %v, want %v", got.Answers, want)
	}
	data, _ := os.ReadFile(s.Path())
	if s := string(data); strings.Contains(s, "Dupont") || strings.Contains(s, "auteur") {
		t.Errorf("the author was saved:\n%s", s)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("the directory holds %d files, want only %s (no temporary file left)", len(entries), FileName)
	}
}

func TestFreeToolNameRoundTrip(t *testing.T) {
	c := content(t)
	s := New(t.TempDir())
	a := questionnaire.NewAnswers(map[string][]string{"usage": {"visio"}})
	a.Meta.ToolName = "Outil « spécial » : \"guillemets\"\tet tab"
	if err := s.Save(1, a); err != nil {
		t.Fatal(err)
	}
	got, err := s.Load(c)
	if err != nil {
		t.Fatal(err)
	}
	// A tab is a control character: free text keeps it as a space
	// (safetext.Line), the rest comes back as it was.
	if want := strings.ReplaceAll(a.Meta.ToolName, "\t", " "); got.Answers.Meta.ToolName != want {
		t.Errorf("tool name %q, want %q", got.Answers.Meta.ToolName, want)
	}
}

func TestDiscardAndStaleWrites(t *testing.T) {
	s := New(t.TempDir())
	if err := s.Discard(1); err != nil {
		t.Errorf("discarding nothing: %v", err)
	}
	if err := s.Save(3, discordAnswers()); err != nil {
		t.Fatal(err)
	}
	if err := s.Discard(4); err != nil {
		t.Fatal(err)
	}
	// A save issued before the discard but run after it must not bring the
	// file back.
	if err := s.Save(2, discordAnswers()); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(s.Path()); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a stale save recreated the file: %v", err)
	}
}

func TestConcurrentSavesKeepTheLast(t *testing.T) {
	c := content(t)
	s := New(t.TempDir())
	var wg sync.WaitGroup
	for i := 1; i <= 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a := questionnaire.NewAnswers(map[string][]string{"usage": {"visio"}})
			if i == 20 {
				a = a.Set("usage", "messagerie")
			}
			_ = s.Save(i, a)
		}()
	}
	wg.Wait()
	got, err := s.Load(c)
	if err != nil {
		t.Fatal(err)
	}
	// Whenever the last save runs, every older one is dropped after it.
	if got.Answers.Get("usage") != "messagerie" {
		t.Errorf("usage = %q after the last save; want messagerie", got.Answers.Get("usage"))
	}
}

func TestCorruptFileIsSetAside(t *testing.T) {
	c := content(t)
	for name, data := range map[string]string{
		"not yaml":      "usage: [visio\n",
		"unknown value": "usage: teleportation\n",
		"binary":        "\x00\x01\x02",
		"empty":         "# nothing\n",
	} {
		t.Run(name, func(t *testing.T) {
			s := New(t.TempDir())
			if err := os.WriteFile(s.Path(), []byte(data), 0o600); err != nil {
				t.Fatal(err)
			}
			got, err := s.Load(c)
			var ce *CorruptError
			if got != nil || !errors.As(err, &ce) {
				t.Fatalf("Load = %v, %v; want a *CorruptError", got, err)
			}
			if ce.AsideTo != s.Path()+CorruptSuffix {
				t.Errorf("set aside as %q", ce.AsideTo)
			}
			if _, err := os.Stat(s.Path()); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("the corrupt file is still in place")
			}
			if got, err := s.Load(c); got != nil || err != nil {
				t.Errorf("the next Load = %v, %v; want nothing saved", got, err)
			}
		})
	}
}

func TestUnreadableFileIsReported(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("skipping: root reads files whatever their mode")
	}
	c := content(t)
	s := New(t.TempDir())
	if err := s.Save(1, discordAnswers()); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(s.Path(), 0); err != nil {
		t.Fatal(err)
	}
	_, err := s.Load(c)
	var ce *CorruptError
	if !errors.As(err, &ce) {
		t.Fatalf("Load = %v; want a *CorruptError", err)
	}
}

func TestSaveFailsInAFile(t *testing.T) {
	dir := t.TempDir()
	blocker := filepath.Join(dir, "conduite")
	if err := os.WriteFile(blocker, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := New(blocker).Save(1, discordAnswers()); err == nil {
		t.Error("saving under a file succeeded")
	}
}
