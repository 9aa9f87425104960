package questionnaire

import (
	"io/fs"
	"path"
)

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

// load reads every texts/*.yaml file; a key defined twice is an error.
func (t *Texts) load(fsys fs.FS) error {
	names, err := fs.Glob(fsys, path.Join(DirTexts, "*.yaml"))
	if err != nil || len(names) == 0 {
		return NewMsg("err_no_texts", "glob", path.Join(DirTexts, "*.yaml"))
	}
	t.Map = map[string]Text{}
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return NewMsg("err_reading_content", "err", err)
		}
		d, err := parseYAML(name, data)
		if err != nil {
			return err
		}
		var part Texts
		if err := d.decodeStrict(&part); err != nil {
			return err
		}
		for _, k := range sortedKeys(part.Map) {
			if _, dup := t.Map[k]; dup {
				return d.errorKey("texts."+k, "err_text_twice", "k", quote(k), "dir", DirTexts)
			}
			if m := part.Map[k].missing(); len(m) > 0 {
				return d.errorKey("texts."+k, "err_missing_text", "langs", m)
			}
			t.Map[k] = part.Map[k]
		}
	}
	return nil
}

// loadLenient reads what it can of texts/*.yaml, for the messages that
// report broken content: a file that does not parse is skipped, a key
// defined twice keeps its first text, a text missing a language is kept
// (Text.In falls back to French).
func (t *Texts) loadLenient(fsys fs.FS) {
	t.Map = map[string]Text{}
	names, _ := fs.Glob(fsys, path.Join(DirTexts, "*.yaml"))
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			continue
		}
		d, err := parseYAML(name, data)
		if err != nil {
			continue
		}
		var part Texts
		if d.decodeStrict(&part) != nil {
			continue
		}
		for k, x := range part.Map {
			if _, dup := t.Map[k]; !dup {
				t.Map[k] = x
			}
		}
	}
}
