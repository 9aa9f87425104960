package questionnaire

import (
	"io/fs"
	"sync"
)

// The content files, relative to the assets root.
const (
	FileQuestions    = "questions.yaml"
	FileRules        = "rules.yaml"
	FileReferentiels = "referentiels.yaml"
	FileCatalog      = "catalog.yaml"
	FileCases        = "cases.yaml"
	FileSources      = "sources.yaml"
	DirTexts         = "texts" // texts/*.yaml, merged: one file per area
)

// Content is everything conduite knows, loaded and validated: immutable once
// loaded, so one value can serve many sessions at once.
type Content struct {
	Questions    *Questions
	Rules        *Ruleset
	Referentiels *Referentiels
	Catalog      *Catalog
	Cases        *Cases
	Sources      *Sources
	Texts        *Texts
	FS           fs.FS // the assets, for templates
	// Profile is the organisation's profile the content was adapted by
	// (WithProfile), nil without one.
	Profile *Profile

	// envs pools evaluation environments (*env). A pointer, so that a copy
	// of Content (a catalog override) shares it: environments do not depend
	// on the catalog.
	envs *sync.Pool
}

// Load loads the content of fsys: from its compiled snapshot (content.json)
// when there is one, trusted as `go generate ./assets` wrote it from the
// validated YAML (see loadSnapshot), else from the YAML files, validated;
// errors from the YAML name the file, line and entry at fault.
func Load(fsys fs.FS) (*Content, error) {
	if data, err := fs.ReadFile(fsys, FileSnapshot); err == nil {
		return loadSnapshot(fsys, data)
	}
	return LoadYAML(fsys)
}

// LoadYAML decodes and validates every YAML content file of fsys.
func LoadYAML(fsys fs.FS) (*Content, error) {
	c := &Content{FS: fsys, envs: &sync.Pool{}, Questions: &Questions{}, Rules: &Ruleset{}, Referentiels: &Referentiels{},
		Catalog: &Catalog{}, Cases: &Cases{}, Sources: &Sources{}, Texts: &Texts{}}
	docs := map[string]*yamlDoc{}
	for name, v := range map[string]any{FileQuestions: c.Questions, FileRules: c.Rules, FileReferentiels: c.Referentiels,
		FileCatalog: c.Catalog, FileCases: c.Cases, FileSources: c.Sources} {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, NewMsg("err_reading_content", "err", err)
		}
		d, err := parseYAML(name, data)
		if err != nil {
			return nil, err
		}
		if err := d.decodeStrict(v); err != nil {
			return nil, err
		}
		docs[name] = d
	}
	if err := c.Texts.load(fsys); err != nil {
		return nil, err
	}
	for i := range c.Catalog.Tools {
		c.Catalog.Tools[i].Origin = FileCatalog
	}
	if err := c.validate(func(name string) *yamlDoc { return docs[name] }); err != nil {
		return nil, err
	}
	return c, nil
}

// validate checks the decoded content, in dependency order; doc gives the
// parsed file of each name for error positions.
func (c *Content) validate(doc func(name string) *yamlDoc) error {
	if err := c.Sources.validate(doc(FileSources)); err != nil {
		return err
	}
	if err := c.Referentiels.validate(doc(FileReferentiels), c.Sources); err != nil {
		return err
	}
	if err := c.Questions.validate(doc(FileQuestions), c.Sources, c.Catalog.IDs()); err != nil {
		return err
	}
	for _, id := range []string{QTool, QUsage, QAudience, QLevel} {
		if _, ok := c.Questions.Get(id); !ok {
			return doc(FileQuestions).errorKey("questions", "err_question_required", "q", quote(id))
		}
	}
	refs := c.Referentiels.IDs()
	if err := c.Catalog.validate(doc(FileCatalog), c.Questions, c.Sources, refs); err != nil {
		return err
	}
	if err := c.Rules.validate(doc(FileRules), c.Questions, c.Sources, refs); err != nil {
		return err
	}
	for _, k := range []string{TextToolUnnamed, TextAssumedAnswer} {
		if !c.Texts.Has(k) {
			return posErr(DirTexts, 0, 0, "err_text_required", "k", quote(k))
		}
	}
	return c.Cases.validate(doc(FileCases), c)
}
