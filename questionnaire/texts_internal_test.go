package questionnaire

import (
	"testing"
	"testing/fstest"
)

// The texts that render the messages of broken content are read from what
// still parses: the message saying a texts file is broken needs them.
func TestLenientTextsKeepWhatParses(t *testing.T) {
	fsys := fstest.MapFS{
		"texts/a.yaml": {Data: []byte("texts:\n  k1: {fr: \"un\", en: \"one\"}\n")},
		"texts/b.yaml": {Data: []byte("texts:\n  k3: {fr: \"trois\"\n")}, // does not parse
		"texts/c.yaml": {Data: []byte("texts:\n  k1: {fr: \"autre\", en: \"other\"}\n  k2: {fr: \"deux\"}\n")},
	}
	var strict Texts
	if err := strict.load(fsys); err == nil {
		t.Fatal("the strict load took broken texts")
	}
	var tx Texts
	tx.loadLenient(fsys)
	for key, want := range map[string]string{"k1": "one", "k2": "deux", "k3": "[k3]"} {
		if got := tx.T(EN, key); got != want {
			t.Errorf("%s = %q, want %q", key, got, want)
		}
	}
}

// Marks are filled in one pass: a value holding a mark's name (a file's
// text quoted in the message) is not read again.
func TestMarksAreFilledOnce(t *testing.T) {
	tx := &Texts{Map: map[string]Text{"t": {FR: "{a} puis {b}", EN: "{a} then {b}"}, "u": {FR: "{{n}} {x", EN: "{{n}} {x"}}}
	if got := tx.For(EN).T("t", "a", "{b}", "b", "x"); got != "{b} then x" {
		t.Errorf("got %q", got)
	}
	if got := tx.For(FR).T("u", "n", 3); got != "{3} {x" {
		t.Errorf("got %q", got)
	}
}
