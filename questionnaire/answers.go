package questionnaire

import (
	"maps"
	"slices"
)

// Meta holds the answers-file keys that are not questions.
type Meta struct {
	ToolName      string // nom_outil: a tool that is not in the catalog
	Referentiel   string // referentiel: the frame of reference
	Etablissement string // etablissement: shown in report headers when given
	Auteur        string // auteur: shown in report headers when given
}

// The answers-file keys that are not questions.
const (
	KeyToolName      = "nom_outil"
	KeyReferentiel   = "referentiel"
	KeyEtablissement = "etablissement"
	KeyAuteur        = "auteur"
)

// MetaKeys lists the answers-file keys that are not questions.
var MetaKeys = []string{KeyToolName, KeyReferentiel, KeyEtablissement, KeyAuteur}

// Answers is one set of answers: question id → value(s), as given. A single
// question holds one value, données a list. The zero value is empty and
// ready to use; Answers is a value: Set and Unset return a modified copy, so
// a model can keep an answers history without aliasing.
type Answers struct {
	vals map[string][]string
	Meta Meta
}

// NewAnswers builds answers from a map of question id to values.
func NewAnswers(vals map[string][]string) Answers {
	a := Answers{vals: make(map[string][]string, len(vals))}
	for k, v := range vals {
		a.vals[k] = slices.Clone(v)
	}
	return a
}

// Get returns the (first) value of a question, or "".
func (a Answers) Get(id string) string {
	if v := a.vals[id]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// List returns the values of a question (a copy).
func (a Answers) List(id string) []string { return slices.Clone(a.vals[id]) }

// Has reports whether the question is answered.
func (a Answers) Has(id string) bool { return len(a.vals[id]) > 0 }

// Len is the number of questions answered.
func (a Answers) Len() int { return len(a.vals) }

// IDs lists the answered question ids, sorted.
func (a Answers) IDs() []string { return slices.Sorted(maps.Keys(a.vals)) }

// Set returns a copy of a with the question answered by values.
func (a Answers) Set(id string, values ...string) Answers {
	b := a.Clone()
	if len(values) == 0 {
		delete(b.vals, id)
	} else {
		b.vals[id] = slices.Clone(values)
	}
	return b
}

// Unset returns a copy of a without an answer to the question.
func (a Answers) Unset(id string) Answers { return a.Set(id) }

// WithReferentiel returns a copy of a under référentiel id, the one the
// evaluation reads (Meta.Referentiel); "" keeps a's own. It is where a
// --referentiel flag, a case's référentiel or a test's sets it, once.
func (a Answers) WithReferentiel(id string) Answers {
	if id == "" {
		return a
	}
	b := a.Clone()
	b.Meta.Referentiel = id
	return b
}

// Clone returns a deep copy.
func (a Answers) Clone() Answers {
	b := NewAnswers(a.vals)
	b.Meta = a.Meta
	return b
}

// Equal reports whether two answer sets say the same.
func (a Answers) Equal(b Answers) bool {
	return a.Meta == b.Meta && maps.EqualFunc(a.vals, b.vals, slices.Equal[[]string])
}
