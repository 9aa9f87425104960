package questionnaire

import (
	"fmt"
	"io/fs"
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
}

// Load decodes and validates every content file of fsys. Errors name the
// file, line and entry at fault.
func Load(fsys fs.FS) (*Content, error) {
	c := &Content{FS: fsys, Questions: &Questions{}, Rules: &Ruleset{}, Referentiels: &Referentiels{},
		Catalog: &Catalog{}, Cases: &Cases{}, Sources: &Sources{}, Texts: &Texts{}}
	docs := map[string]*yamlDoc{}
	for name, v := range map[string]any{FileQuestions: c.Questions, FileRules: c.Rules, FileReferentiels: c.Referentiels,
		FileCatalog: c.Catalog, FileCases: c.Cases, FileSources: c.Sources} {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("reading content: %w", err)
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
	for i := range c.Catalog.Tools {
		c.Catalog.Tools[i].Origin = FileCatalog
	}
	if err := c.Texts.load(fsys); err != nil {
		return nil, err
	}
	if err := c.Sources.validate(docs[FileSources]); err != nil {
		return nil, err
	}
	if err := c.Referentiels.validate(docs[FileReferentiels], c.Sources); err != nil {
		return nil, err
	}
	if err := c.Questions.validate(docs[FileQuestions], c.Sources, c.Catalog.IDs()); err != nil {
		return nil, err
	}
	for _, id := range []string{QTool, QUsage, QAudience} {
		if _, ok := c.Questions.Get(id); !ok {
			return nil, docs[FileQuestions].errorf("questions", "the question %q is required", id)
		}
	}
	refs := c.Referentiels.IDs()
	if err := c.Catalog.validate(docs[FileCatalog], c.Questions, c.Sources, refs); err != nil {
		return nil, err
	}
	if err := c.Rules.validate(docs[FileRules], c.Questions, c.Sources, refs); err != nil {
		return nil, err
	}
	if err := c.Cases.validate(docs[FileCases], c); err != nil {
		return nil, err
	}
	return c, nil
}
