package questionnaire

import "fmt"

// Texts are the interface and report strings, by key.
type Texts struct {
	Map map[string]Text `yaml:"texts"`
}

// T returns the text for key in lang. A missing key returns the key in
// brackets, so that a test rendering every screen and report catches it.
func (t *Texts) T(lang Lang, key string) string {
	if x, ok := t.Map[key]; ok {
		return x.In(lang)
	}
	return "[" + key + "]"
}

// Has reports whether the key exists.
func (t *Texts) Has(key string) bool {
	_, ok := t.Map[key]
	return ok
}

func (t *Texts) validate(d *yamlDoc) error {
	for _, k := range sortedKeys(t.Map) {
		if m := t.Map[k].missing(); len(m) > 0 {
			return d.errorf("texts."+k, "missing text in %v", m)
		}
	}
	if len(t.Map) == 0 {
		return d.errorf("texts", "no text")
	}
	return nil
}

// MustText is T for callers that must fail on a missing key (tests).
func (t *Texts) MustText(lang Lang, key string) (string, error) {
	if !t.Has(key) {
		return "", fmt.Errorf("missing text %q in texts.yaml", key)
	}
	return t.T(lang, key), nil
}
