package report_test

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"os"
	"slices"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/conduite/conduite/questionnaire"
	"github.com/conduite/conduite/report"
)

const schemaPath = "../docs/report.schema.json"

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	s, err := c.Compile(schemaPath)
	if err != nil {
		t.Fatalf("%s: %v", schemaPath, err)
	}
	return s
}

// validate writes the document as JSON and checks it against the schema.
func validate(t *testing.T, s *jsonschema.Schema, name string, doc *report.Doc) {
	t.Helper()
	var b bytes.Buffer
	if err := doc.WriteJSON(&b); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	inst, err := jsonschema.UnmarshalJSON(&b)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if err := s.Validate(inst); err != nil {
		t.Errorf("%s: the JSON report does not follow %s:\n%v", name, schemaPath, err)
	}
}

// Every example, every case study, in both languages, follows the schema.
func TestSchemaValidatesExamples(t *testing.T) {
	s := compileSchema(t)
	c := loadContent(t)
	for _, lang := range questionnaire.Langs {
		for _, ex := range examples(t, c) {
			validate(t, s, ex.name+"/"+string(lang), report.New(c.Evaluate(ex.answers), fixedOptions(lang)))
		}
		for _, k := range c.Cases.List {
			validate(t, s, "case "+k.ID+"/"+string(lang), report.New(c.Evaluate(k.Answers.WithReferentiel(k.Referentiel)), fixedOptions(lang)))
		}
	}
}

// The optional header fields, a tool outside the catalog, no tool and
// nothing known at all follow the schema too.
func TestSchemaValidatesEdges(t *testing.T) {
	s := compileSchema(t)
	c := loadContent(t)
	for name, src := range map[string]string{
		"header":    "outil: whatsapp\netablissement: \"Collège <Jean-Zay>\"\nauteur: \"M. « Dupont » & co\"\n",
		"nom_outil": "nom_outil: \"Mon outil \\\"maison\\\"\"\nusage: autre\n",
		"nothing":   "usage:\n",
		"suisse":    "outil: whatsapp\nreferentiel: suisse-romande\naudience: eleves\n",
	} {
		a, err := c.ParseAnswers(name+".yaml", []byte(src))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		validate(t, s, name, report.New(c.Evaluate(a), fixedOptions(questionnaire.FR)))
	}
}

// A random sample of the answer space, in every référentiel, follows the
// schema: the schema describes what the code can produce, not only the
// examples.
func TestSchemaValidatesRandomAnswers(t *testing.T) {
	s := compileSchema(t)
	c := loadContent(t)
	rng := rand.New(rand.NewPCG(5, 2026))
	refs := c.Referentiels.IDs()
	n := 300
	if testing.Short() {
		n = 60
	}
	for i := range n {
		vals := map[string][]string{}
		for _, q := range c.Questions.List {
			if rng.IntN(4) == 0 {
				continue // left out
			}
			opts := q.Values()
			if len(opts) == 0 {
				continue
			}
			if q.Kind == questionnaire.KindMulti {
				var pick []string
				for _, v := range opts {
					if !q.IsExclusive(v) && rng.IntN(3) == 0 {
						pick = append(pick, v)
					}
				}
				if len(pick) == 0 {
					pick = []string{opts[rng.IntN(len(opts))]}
				}
				vals[q.ID] = pick
				continue
			}
			vals[q.ID] = []string{opts[rng.IntN(len(opts))]}
		}
		a := questionnaire.NewAnswers(vals)
		doc := report.New(c.Evaluate(a.WithReferentiel(refs[i%len(refs)])), fixedOptions(questionnaire.Langs[i%2]))
		validate(t, s, "random", doc)
		if t.Failed() {
			t.Logf("answers: %v", vals)
			return
		}
	}
}

// The schema's lists of ids and values are those of the content: a new
// question, value, référentiel or source kind must be added to it.
func TestSchemaMatchesContent(t *testing.T) {
	c := loadContent(t)
	data, err := os.ReadFile(schemaPath)
	if err != nil {
		t.Fatal(err)
	}
	var sch struct {
		Properties struct {
			Answers struct {
				Properties map[string]struct {
					Enum  []string `json:"enum"`
					Items struct {
						Enum []string `json:"enum"`
					} `json:"items"`
				} `json:"properties"`
			} `json:"answers"`
			Referentiel struct {
				Properties struct {
					ID struct {
						Enum []string `json:"enum"`
					} `json:"id"`
				} `json:"properties"`
			} `json:"referentiel"`
		} `json:"properties"`
		Defs struct {
			QuestionID   struct{ Enum []string } `json:"questionId"`
			VerdictLevel struct{ Enum []string } `json:"verdictLevel"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(data, &sch); err != nil {
		t.Fatal(err)
	}
	sorted := func(s []string) []string { s = slices.Clone(s); slices.Sort(s); return s }
	if got, want := sorted(sch.Defs.QuestionID.Enum), sorted(c.Questions.IDs()); !slices.Equal(got, want) {
		t.Errorf("$defs.questionId = %v; questions.yaml has %v", got, want)
	}
	var levels []string
	for _, l := range questionnaire.Levels {
		levels = append(levels, l.String())
	}
	if got := sch.Defs.VerdictLevel.Enum; !slices.Equal(sorted(got), sorted(levels)) {
		t.Errorf("$defs.verdictLevel = %v; want %v", got, levels)
	}
	if got, want := sorted(sch.Properties.Referentiel.Properties.ID.Enum), sorted(c.Referentiels.IDs()); !slices.Equal(got, want) {
		t.Errorf("referentiel.id = %v; referentiels.yaml has %v", got, want)
	}
	props := sch.Properties.Answers.Properties
	for _, q := range c.Questions.List {
		p, ok := props[q.ID]
		if !ok {
			t.Errorf("answers.%s is missing from the schema", q.ID)
			continue
		}
		enum := p.Enum
		if q.Kind == questionnaire.KindMulti {
			enum = p.Items.Enum
		}
		if q.Kind == questionnaire.KindTool {
			continue // a catalog id, checked by pattern
		}
		if got, want := sorted(enum), sorted(q.Values()); !slices.Equal(got, want) {
			t.Errorf("answers.%s allows %v; questions.yaml has %v", q.ID, got, want)
		}
	}
	for _, k := range questionnaire.MetaKeys {
		if _, ok := props[k]; !ok && k == questionnaire.KeyToolName {
			t.Errorf("answers.%s is missing from the schema", k)
		}
	}
}
