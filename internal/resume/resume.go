// Package resume keeps the wizard's answers between two runs, so that a run
// interrupted by the bell is not lost: one small answers file in the user's
// state directory ($XDG_STATE_HOME/conduite/resume.yaml, by default
// ~/.local/state/conduite/resume.yaml), readable by its owner only, holding
// answers and nothing else (no author, no institution), written atomically
// after each step and deleted when the run ends.
//
// A file that cannot be read or parsed is never fatal: Load sets it aside
// (renamed with a .corrupt suffix) and says so with a *CorruptError.
package resume

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/conduite/conduite/internal/inputfile"
	"github.com/conduite/conduite/internal/safetext"
	"github.com/conduite/conduite/questionnaire"
)

// FileName is the name of the resume file in its directory.
const FileName = "resume.yaml"

// CorruptSuffix is appended to a resume file that could not be read.
const CorruptSuffix = ".corrupt"

// DefaultDir returns conduite's state directory: $XDG_STATE_HOME/conduite,
// else $HOME/.local/state/conduite.
func DefaultDir(getenv func(string) string) (string, error) {
	if d := getenv("XDG_STATE_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "conduite"), nil
	}
	home := getenv("HOME")
	if home == "" {
		var err error
		if home, err = os.UserHomeDir(); err != nil {
			return "", questionnaire.NewMsg("resume_no_state_dir", "err", err)
		}
	}
	return filepath.Join(home, ".local", "state", "conduite"), nil
}

// Session is a saved, unfinished run.
type Session struct {
	Answers questionnaire.Answers
	Saved   time.Time // when the file was last written
}

// CorruptError says the resume file could not be used and where it was set
// aside (AsideTo is empty when even that failed).
type CorruptError struct {
	Path    string
	AsideTo string
	Err     error
}

// Error says what was wrong, control characters escaped: the wizard shows
// it on its first screen.
func (e *CorruptError) Error() string {
	if e.AsideTo == "" {
		return safetext.Visible(fmt.Sprintf("%s: %v", e.Path, e.Err))
	}
	return safetext.Visible(fmt.Sprintf("%s: %v (set aside as %s)", e.Path, e.Err, e.AsideTo))
}

func (e *CorruptError) Unwrap() error { return e.Err }

// Localize says what was wrong in l's language.
func (e *CorruptError) Localize(l questionnaire.Localizer) string {
	if e.AsideTo == "" {
		return safetext.Visible(l.T("resume_corrupt", "path", e.Path, "err", e.Err))
	}
	return safetext.Visible(l.T("resume_corrupt_aside", "path", e.Path, "err", e.Err, "aside", e.AsideTo))
}

// Store is the resume file of one directory. Its methods are safe for
// concurrent use: the wizard saves from commands that may overlap, so every
// write carries a sequence number and a write older than the last one done
// is dropped.
type Store struct {
	dir string

	mu  sync.Mutex
	seq int
}

// New returns the store of dir (created on the first save).
func New(dir string) *Store { return &Store{dir: dir} }

// Path returns the resume file's path.
func (s *Store) Path() string { return filepath.Join(s.dir, FileName) }

// Load reads the saved session, if any: (nil, nil) when there is none. A
// file that cannot be read or does not hold valid answers is renamed with
// the .corrupt suffix and reported as a *CorruptError.
func (s *Store) Load(c *questionnaire.Content) (*Session, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	path := s.Path()
	// Only a regular file: a named pipe put there would block the open, a
	// device the read; either is set aside like a corrupt file.
	f, st, err := inputfile.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	var nr *inputfile.NotRegularError
	if errors.As(err, &nr) {
		return nil, s.setAside(questionnaire.NewMsg("resume_not_regular", "kind", questionnaire.NewMsg(inputfile.KindKey(nr.Mode))))
	}
	if err != nil {
		return nil, s.setAside(err)
	}
	defer f.Close()
	data, err := inputfile.ReadAll(f, questionnaire.MaxAnswersSize)
	if err != nil {
		return nil, s.setAside(err)
	}
	a, err := c.ParseAnswers(path, data)
	if err != nil {
		return nil, s.setAside(err)
	}
	if a.Len() == 0 && a.Meta.ToolName == "" {
		return nil, s.setAside(questionnaire.NewMsg("resume_no_answer"))
	}
	return &Session{Answers: a, Saved: st.ModTime()}, nil
}

// setAside renames the resume file out of the way and returns the error to
// report. Called with s.mu held.
func (s *Store) setAside(cause error) error {
	path := s.Path()
	e := &CorruptError{Path: path, Err: cause}
	aside := path + CorruptSuffix
	if err := os.Rename(path, aside); err == nil {
		e.AsideTo = aside
	}
	return e
}

// Save writes the answers as the saved session, atomically (a temporary
// file in the same directory, then a rename), mode 0600. seq orders the
// writes: a Save or Discard with a seq lower than the last one done is
// dropped.
func (s *Store) Save(seq int, a questionnaire.Answers) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if seq < s.seq {
		return nil
	}
	s.seq = seq
	if err := os.MkdirAll(s.dir, 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(s.dir, ".resume-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(Encode(a)); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), s.Path())
}

// Discard deletes the saved session (no error when there is none). seq
// orders it with the saves, as for Save.
func (s *Store) Discard(seq int) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if seq < s.seq {
		return nil
	}
	s.seq = seq
	if err := os.Remove(s.Path()); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// Encode writes answers as an answers file (the format of `conduite
// evaluate`): question ids sorted, then the tool's free name and the
// référentiel. The author and the institution are never written.
func Encode(a questionnaire.Answers) []byte {
	var b strings.Builder
	b.WriteString("# conduite : session en cours, enregistrée automatiquement (réponses seulement).\n")
	b.WriteString("# conduite: unfinished session, saved automatically (answers only).\n")
	for _, id := range a.IDs() {
		vals := a.List(id)
		b.WriteString(id)
		b.WriteString(": ")
		if len(vals) == 1 { // a multi question reads one value as a list of one
			b.WriteString(quote(vals[0]))
		} else {
			b.WriteString("[")
			for i, v := range vals {
				if i > 0 {
					b.WriteString(", ")
				}
				b.WriteString(quote(v))
			}
			b.WriteString("]")
		}
		b.WriteString("\n")
	}
	if a.Meta.ToolName != "" {
		fmt.Fprintf(&b, "%s: %s\n", questionnaire.KeyToolName, quote(a.Meta.ToolName))
	}
	if a.Meta.Referentiel != "" {
		fmt.Fprintf(&b, "%s: %s\n", questionnaire.KeyReferentiel, quote(a.Meta.Referentiel))
	}
	return []byte(b.String())
}

// quote writes s as a double-quoted scalar: JSON's escapes are valid YAML.
func quote(s string) string {
	q, _ := json.Marshal(s)
	return string(q)
}
