package questionnaire

import (
	"fmt"

	"github.com/goccy/go-yaml/ast"
)

// Case is a workshop case study: a story, its answers, questions for the
// room and the verdict it reaches.
type Case struct {
	ID          string   `yaml:"id"`
	Title       Text     `yaml:"title"`
	Story       Text     `yaml:"story"`
	Referentiel string   `yaml:"referentiel"`
	RawAnswers  ast.Node `yaml:"answers"`
	Questions   []Text   `yaml:"questions"`
	ExpectedID  string   `yaml:"expected"`
	Expected    Level    `yaml:"-"`
	Sources     []string `yaml:"sources"`

	// Answers are the pre-filled answers, checked like an answers file.
	Answers Answers `yaml:"-"`
}

// Cases lists the case studies.
type Cases struct {
	List []Case `yaml:"cases"`
}

// Get returns the case with that id.
func (cs *Cases) Get(id string) (*Case, bool) {
	for i := range cs.List {
		if cs.List[i].ID == id {
			return &cs.List[i], true
		}
	}
	return nil, false
}

// IDs lists the case ids.
func (cs *Cases) IDs() []string {
	ids := make([]string, len(cs.List))
	for i := range cs.List {
		ids[i] = cs.List[i].ID
	}
	return ids
}

func (cs *Cases) validate(d *yamlDoc, c *Content) error {
	seen := map[string]bool{}
	for i := range cs.List {
		k := &cs.List[i]
		at := fmt.Sprintf("cases[%d]", i)
		if !idPattern.MatchString(k.ID) {
			return d.errorKey(at+".id", "err_bad_id", "id", quote(k.ID))
		}
		if seen[k.ID] {
			return d.errorKey(at+".id", "err_dup_case", "id", quote(k.ID))
		}
		seen[k.ID] = true
		for name, t := range map[string]Text{"title": k.Title, "story": k.Story} {
			if m := t.missing(); len(m) > 0 {
				return d.errorKey(at+"."+name, "err_missing_text", "langs", m)
			}
		}
		if len(k.Questions) == 0 {
			return d.errorKey(at+".questions", "err_case_questions")
		}
		for j, q := range k.Questions {
			if m := q.missing(); len(m) > 0 {
				return d.errorKey(fmt.Sprintf("%s.questions[%d]", at, j), "err_missing_text", "langs", m)
			}
		}
		if k.Referentiel != "" {
			if _, err := c.Referentiels.Lookup(k.Referentiel); err != nil {
				return d.errorKey(at+".referentiel", "err_plain", "err", err)
			}
		}
		l, err := ParseLevel(k.ExpectedID)
		if err != nil {
			return d.errorKey(at+".expected", "err_plain", "err", err)
		}
		k.Expected = l
		if err := c.Sources.check(d, at+".sources", k.Sources, true); err != nil {
			return err
		}
		var a Answers
		switch {
		case k.RawAnswers != nil:
			var err error
			if a, err = c.answersFromNode(d.name, k.RawAnswers); err != nil {
				return err
			}
		case k.Answers.vals != nil: // from the snapshot
			if err := c.checkAnswers(d.name+": "+at, k.Answers); err != nil {
				return err
			}
			a = k.Answers
		default:
			return d.errorKey(at+".answers", "err_case_answers")
		}
		if k.Referentiel != "" {
			a.Meta.Referentiel = k.Referentiel
		}
		k.Answers = a
		k.RawAnswers = nil
	}
	return nil
}
