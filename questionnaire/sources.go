package questionnaire

import (
	"fmt"
	"regexp"
)

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)

// Source is a document conduite's content cites: a seed document, a law
// article, an institutional position or another public reference.
type Source struct {
	ID    string `yaml:"id" json:"id"`
	Kind  string `yaml:"kind" json:"kind"` // seed, loi, institution, reference
	Title string `yaml:"title" json:"title"`
	// Author, About and Date follow the citation format « author, title,
	// date — URL »: who published it, what it establishes when the title
	// does not say it, and when (YYYY, YYYY-MM, YYYY-MM-DD or « à vérifier »).
	Author string `yaml:"author" json:"author,omitempty"`
	About  string `yaml:"about" json:"about,omitempty"`
	Date   string `yaml:"date" json:"date,omitempty"`
	Short  string `yaml:"short" json:"short"`         // a short citation: « RGPD art. 28 »
	File   string `yaml:"file" json:"file,omitempty"` // seed file name
	URL    string `yaml:"url" json:"url,omitempty"`
}

// Sources is the table of every source cited.
type Sources struct {
	List []Source `yaml:"sources"`
	byID map[string]*Source
}

// Get returns the source with that id.
func (s *Sources) Get(id string) (*Source, bool) {
	src, ok := s.byID[id]
	return src, ok
}

// Resolve returns the sources for ids, in order, skipping unknown ids (which
// validation has already refused).
func (s *Sources) Resolve(ids []string) []*Source {
	out := make([]*Source, 0, len(ids))
	for _, id := range ids {
		if src, ok := s.byID[id]; ok {
			out = append(out, src)
		}
	}
	return out
}

func (s *Sources) ids() []string {
	ids := make([]string, len(s.List))
	for i := range s.List {
		ids[i] = s.List[i].ID
	}
	return ids
}

func (s *Sources) validate(d *yamlDoc) error {
	s.byID = make(map[string]*Source, len(s.List))
	for i := range s.List {
		src := &s.List[i]
		at := fmt.Sprintf("sources[%d]", i)
		if !idPattern.MatchString(src.ID) {
			return d.errorf(at+".id", "id %q must be lowercase letters, digits, - or _", src.ID)
		}
		if _, dup := s.byID[src.ID]; dup {
			return d.errorf(at+".id", "duplicate source id %q", src.ID)
		}
		switch src.Kind {
		case "seed":
			if src.File == "" {
				return d.errorf(at, "a seed source names its file")
			}
		case "loi", "institution", "reference":
		default:
			return d.errorf(at+".kind", "unknown kind %q; allowed: seed, loi, institution, reference", src.Kind)
		}
		if (src.Title == "" && src.About == "") || src.Short == "" {
			return d.errorf(at, "a source needs a title (or, when its title is not known, about) and a short citation (short)")
		}
		if len([]rune(src.Short)) > 70 {
			return d.errorf(at+".short", "a short citation has at most 70 characters, this one %d", len([]rune(src.Short)))
		}
		s.byID[src.ID] = src
	}
	return nil
}

// check validates a list of source ids cited at path in doc d.
func (s *Sources) check(d *yamlDoc, path string, ids []string, required bool) error {
	if required && len(ids) == 0 {
		return d.errorf(path, "at least one source is required")
	}
	for i, id := range ids {
		if _, ok := s.byID[id]; !ok {
			return d.errorf(fmt.Sprintf("%s[%d]", path, i), "unknown source %q%s (sources are declared in sources.yaml)", id, suggest(id, s.ids()))
		}
	}
	return nil
}
