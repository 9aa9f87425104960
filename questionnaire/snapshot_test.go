package questionnaire

import (
	"encoding/json"
	"io/fs"
	"reflect"
	"testing"

	"github.com/conduite/conduite/assets"
)

// snapshotContents decodes the embedded snapshot twice: linked as Load
// does, and validated as the YAML path is.
func snapshotContents(t *testing.T) (linked, validated *Content) {
	t.Helper()
	data, err := fs.ReadFile(assets.FS, FileSnapshot)
	if err != nil {
		t.Fatal(err)
	}
	if linked, err = loadSnapshot(assets.FS, data); err != nil {
		t.Fatal(err)
	}
	if validated, err = decodeSnapshot(assets.FS, data); err != nil {
		t.Fatal(err)
	}
	if err := validateSnapshot(validated); err != nil {
		t.Fatalf("the embedded snapshot does not validate: %v", err)
	}
	return linked, validated
}

// conditions lists every condition of c, with where it is, and sets each
// field to nil (so that what is left compares with reflect.DeepEqual).
func takeConditions(c *Content) map[string]*condition {
	out := map[string]*condition{}
	for i := range c.Questions.List {
		q := &c.Questions.List[i]
		if q.askIf != nil {
			out["ask_if of "+q.ID] = q.askIf
			q.askIf = nil
		}
	}
	for i := range c.Rules.Rules {
		r := &c.Rules.Rules[i]
		out["rule "+r.ID] = r.cond
		r.cond = nil
		for k := range r.Variants {
			if v := &r.Variants[k]; v.cond != nil {
				out["rule "+r.ID+" variant "+v.When] = v.cond
				v.cond = nil
			}
		}
	}
	for i := range c.Rules.Steps {
		if s := &c.Rules.Steps[i]; s.cond != nil {
			out["step "+s.ID] = s.cond
			s.cond = nil
		}
	}
	return out
}

// Loading trusts the snapshot: linking it must give exactly what
// validating it gives (the indexes, the outil question's values, the boxed
// values, the levels, the cases' answers), and each condition, compiled
// when first evaluated, the program validation compiles.
func TestSnapshotLinksAsValidated(t *testing.T) {
	linked, validated := snapshotContents(t)
	lc, vc := takeConditions(linked), takeConditions(validated)
	if len(lc) != len(vc) || len(lc) < 20 {
		t.Fatalf("%d conditions linked, %d validated", len(lc), len(vc))
	}
	for at, v := range vc {
		l, ok := lc[at]
		if !ok {
			t.Errorf("%s: not linked", at)
			continue
		}
		if l.prog != nil {
			t.Errorf("%s: compiled at load; it should compile when first evaluated", at)
		}
		if l.src != v.src || l.program().Disassemble() != v.program().Disassemble() || !reflect.DeepEqual(l.multi, v.multi) {
			t.Errorf("%s: the linked condition %q differs from the validated one %q", at, l.src, v.src)
		}
	}
	linked.envs, validated.envs = nil, nil
	for name, pair := range map[string][2]any{
		"questions": {linked.Questions, validated.Questions}, "rules": {linked.Rules, validated.Rules},
		"référentiels": {linked.Referentiels, validated.Referentiels}, "catalog": {linked.Catalog, validated.Catalog},
		"cases": {linked.Cases, validated.Cases}, "sources": {linked.Sources, validated.Sources}, "texts": {linked.Texts, validated.Texts},
	} {
		if !reflect.DeepEqual(pair[0], pair[1]) {
			t.Errorf("the %s linked from the snapshot differ from the validated ones", name)
		}
	}
	if !reflect.DeepEqual(linked, validated) {
		t.Error("the content linked from the snapshot differs from the validated one")
	}
}

// The snapshot is written by encoding/json and read by encoding/json/v2,
// whose defaults differ (names matched exactly, invalid UTF-8 refused,
// duplicate names refused, Unmarshal methods called alike): both must give
// the same content.
func TestSnapshotDecodersAgree(t *testing.T) {
	data, err := fs.ReadFile(assets.FS, FileSnapshot)
	if err != nil {
		t.Fatal(err)
	}
	v2, err := decodeSnapshot(assets.FS, data)
	if err != nil {
		t.Fatal(err)
	}
	v1, err := decodeSnapshotWith(assets.FS, data, func(data []byte, s *snapshot) error { return json.Unmarshal(data, s) })
	if err != nil {
		t.Fatal(err)
	}
	v1.envs, v2.envs = nil, nil
	if !reflect.DeepEqual(v1, v2) {
		t.Error("encoding/json/v2 decodes the snapshot into another content than encoding/json")
	}
	v2.Catalog.Tools[0].Name = v2.Catalog.Tools[0].Name + "x"
	if reflect.DeepEqual(v1, v2) {
		t.Error("the comparison cannot fail")
	}
}

// The test above can fail: a content whose linking forgets what validation
// derives differs.
func TestSnapshotLinkCheckIsSensitive(t *testing.T) {
	linked, validated := snapshotContents(t)
	takeConditions(linked)
	takeConditions(validated)
	linked.envs, validated.envs = nil, nil
	linked.Questions.List[0].box = nil
	if reflect.DeepEqual(linked, validated) {
		t.Error("a question without its boxed values compares equal")
	}
}

// Every condition of the snapshot compiles, lazily, and concurrent first
// evaluations (sessions sharing one Content) compile each once.
func TestSnapshotConditionsCompile(t *testing.T) {
	linked, _ := snapshotContents(t)
	conds := takeConditions(linked)
	done := make(chan bool)
	for range 4 {
		go func() {
			for _, c := range conds {
				_ = c.program()
			}
			done <- true
		}()
	}
	for range 4 {
		<-done
	}
	for at, c := range conds {
		if c.prog == nil || c.lazy != nil {
			t.Errorf("%s: not compiled", at)
		}
	}
}
