package questionnaire

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"maps"
	"slices"
	"sync"

	jsonv2 "github.com/go-json-experiment/json"
)

// FileSnapshot is the compiled form of the content: the YAML files decoded
// and validated by `go generate ./assets` (internal/gensnapshot, from
// assets/assets.go), so that a run decodes JSON instead of parsing the YAML.
// The YAML stays the source of truth; TestSnapshotIsCurrent fails when the
// snapshot is not what the validated YAML gives, so the snapshot is trusted
// at load: it is linked (indexes, levels, the catalog's tool ids), not
// validated again, and its conditions compile when first evaluated.
const FileSnapshot = "content.json"

// snapshot is what content.json holds.
type snapshot struct {
	Questions    *Questions
	Rules        *Ruleset
	Referentiels *Referentiels
	Catalog      *Catalog
	Cases        []snapCase
	Sources      *Sources
	Texts        *Texts
}

type snapCase struct {
	ID, Referentiel, ExpectedID string
	Title, Story                Text
	Questions                   []Text
	Sources                     []string
	Values                      map[string][]string
	Meta                        Meta
}

// Snapshot encodes the content for FileSnapshot.
func (c *Content) Snapshot() ([]byte, error) {
	s := snapshot{Questions: c.Questions, Rules: c.Rules, Referentiels: c.Referentiels, Catalog: c.Catalog,
		Sources: c.Sources, Texts: c.Texts}
	for _, k := range c.Cases.List {
		s.Cases = append(s.Cases, snapCase{ID: k.ID, Referentiel: k.Referentiel, ExpectedID: k.ExpectedID,
			Title: k.Title, Story: k.Story, Questions: k.Questions, Sources: k.Sources, Values: k.Answers.vals, Meta: k.Answers.Meta})
	}
	// The outil question's options are the catalog's ids, filled at
	// validation: store the question as written.
	qs := *c.Questions
	qs.List = slices.Clone(qs.List)
	for i := range qs.List {
		if qs.List[i].Kind == KindTool {
			qs.List[i].Options = nil
		}
	}
	s.Questions = &qs
	var b bytes.Buffer
	if err := json.NewEncoder(&b).Encode(&s); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// loadSnapshot decodes content.json and links it. It does not validate it
// again: the snapshot is what `go generate ./assets` wrote from the
// validated YAML, as TestSnapshotIsCurrent checks, and validating it again
// at every run (about as long as decoding it, conditions compiled) would
// check nothing new. TestSnapshotLinksAsValidated checks that linking gives
// the content validation gives.
func loadSnapshot(fsys fs.FS, data []byte) (*Content, error) {
	c, err := decodeSnapshot(fsys, data)
	if err != nil {
		return nil, err
	}
	c.link()
	return c, nil
}

// decodeSnapshot decodes content.json, neither linked nor validated.
//
// It decodes with encoding/json/v2 (the go-json-experiment module mirrors
// it until Go 1.27 makes it the standard library's): 2.4 times faster than
// encoding/json on this file, which was most of `conduite evaluate`'s own
// start-up. The file is written by encoding/json (Snapshot); the two
// decoders giving the same content is TestSnapshotDecodersAgree's.
func decodeSnapshot(fsys fs.FS, data []byte) (*Content, error) {
	return decodeSnapshotWith(fsys, data, func(data []byte, s *snapshot) error { return jsonv2.Unmarshal(data, s) })
}

func decodeSnapshotWith(fsys fs.FS, data []byte, unmarshal func([]byte, *snapshot) error) (*Content, error) {
	var s snapshot
	if err := unmarshal(data, &s); err != nil {
		return nil, posErr(FileSnapshot, 0, 0, "err_snapshot", "err", err)
	}
	if s.Questions == nil || s.Rules == nil || s.Referentiels == nil || s.Catalog == nil || s.Sources == nil || s.Texts == nil {
		return nil, posErr(FileSnapshot, 0, 0, "err_snapshot_incomplete")
	}
	c := &Content{FS: fsys, envs: &sync.Pool{}, Questions: s.Questions, Rules: s.Rules, Referentiels: s.Referentiels, Catalog: s.Catalog,
		Sources: s.Sources, Texts: s.Texts, Cases: &Cases{}}
	for _, k := range s.Cases {
		c.Cases.List = append(c.Cases.List, Case{ID: k.ID, Title: k.Title, Story: k.Story, Referentiel: k.Referentiel,
			Questions: k.Questions, ExpectedID: k.ExpectedID, Sources: k.Sources,
			Answers: Answers{vals: k.Values, Meta: k.Meta}})
	}
	return c, nil
}

// validateSnapshot runs on decoded snapshot content the validation of the
// YAML path (without line numbers, which only the YAML has): for tests.
func validateSnapshot(c *Content) error {
	d := func(name string) *yamlDoc { return &yamlDoc{name: name} }
	if err := c.validate(d); err != nil {
		return NewMsg("err_snapshot_disagrees", "err", err)
	}
	return nil
}

// link derives from decoded snapshot content what validation derives while
// it checks (Questions.validate, Sources.validate, Ruleset.validate,
// Cases.validate): the indexes by id, the outil question's values (the
// catalog's ids), each question's boxed values, the levels, and the
// conditions, to be compiled when first evaluated. A field that validation
// derives and link forgets fails TestSnapshotLinksAsValidated.
func (c *Content) link() {
	c.Sources.byID = make(map[string]*Source, len(c.Sources.List))
	for i := range c.Sources.List {
		c.Sources.byID[c.Sources.List[i].ID] = &c.Sources.List[i]
	}
	qs := c.Questions
	qs.byID = make(map[string]*Question, len(qs.List))
	tools := c.Catalog.IDs()
	for i := range c.Catalog.Tools {
		t := &c.Catalog.Tools[i]
		t.keys = t.nameKeys()
	}
	for i := range qs.List {
		q := &qs.List[i]
		qs.byID[q.ID] = q
		if q.Kind == KindTool {
			q.Options = make([]Option, 0, len(tools))
			for _, id := range tools {
				q.Options = append(q.Options, Option{Value: id})
			}
		}
		q.box = make(map[string]any, len(q.Options))
		for _, o := range q.Options {
			q.box[o.Value] = o.Value
		}
		if q.AskIf != "" { // only the questions asked before are variables
			q.askIf = lazyCondition(q.AskIf, newCondCompiler(qs.List[:i], false))
		}
	}
	rules := newCondCompiler(qs.List, true)
	for i := range c.Rules.Rules {
		r := &c.Rules.Rules[i]
		r.Level, _ = ParseLevel(r.LevelID)
		r.cond = lazyCondition(r.When, rules)
		for k := range r.Variants {
			if v := &r.Variants[k]; v.When != "" {
				v.cond = lazyCondition(v.When, rules)
			}
		}
	}
	for i := range c.Rules.Steps {
		if s := &c.Rules.Steps[i]; s.When != "" {
			s.cond = lazyCondition(s.When, rules)
		}
	}
	for i := range c.Cases.List {
		k := &c.Cases.List[i]
		k.Expected, _ = ParseLevel(k.ExpectedID)
		if k.Referentiel != "" {
			k.Answers.Meta.Referentiel = k.Referentiel
		}
	}
}

// checkAnswers validates answers that come already decoded (a snapshot's
// cases): the same rules as an answers file, without positions.
func (c *Content) checkAnswers(name string, a Answers) error {
	for _, id := range slices.Sorted(maps.Keys(a.vals)) {
		q, ok := c.Questions.Get(id)
		if !ok {
			ids := c.Questions.IDs()
			return posErr(name, 0, 0, "err_no_such_question", "q", quote(id), "hint", hint(id, ids), "allowed", quoteList(ids))
		}
		vals := a.vals[id]
		switch {
		case len(vals) == 0:
			return &PosError{File: name, Path: id, Text: NewMsg("err_empty_list", "allowed", quoteList(q.Values()))}
		case q.Kind != KindMulti && len(vals) > 1:
			return &PosError{File: name, Path: id, Text: NewMsg("err_expected_one", "found", NewMsg("kind_list"), "allowed", quoteList(q.Values()))}
		}
		for _, v := range vals {
			if _, ok := q.Option(v); !ok {
				return &PosError{File: name, Path: id, Text: NewMsg("err_invalid_value", "v", quote(v), "hint", hint(v, q.Values()), "allowed", quoteList(q.Values()))}
			}
		}
	}
	if r := a.Meta.Referentiel; r != "" {
		if _, err := c.Referentiels.Lookup(r); err != nil {
			return posErr(name, 0, 0, "err_plain", "err", err)
		}
	}
	return nil
}
