package questionnaire

import (
	"fmt"
	"strings"

	"github.com/conduite/conduite/internal/lazyregexp"
)

var idPattern = lazyregexp.New(`^[a-z0-9][a-z0-9_-]*$`)

// sourceDatePattern is how a source is dated: a year, a month or a day
// (YYYY, YYYY-MM, YYYY-MM-DD), or DateUnknown when the document gives no date
// and none could be found.
var sourceDatePattern = lazyregexp.New(`^[12][0-9]{3}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$`)

// DateUnknown is the date of a source that does not date itself: the citation
// then says the date is to be checked.
const DateUnknown = "à vérifier"

// Source is a document conduite's content cites: a seed document, a law
// article, an institutional position or another public reference. A reader
// finds it by its author, title, date and URL (Citation); File, the seed
// document's name in the project, is an internal key that no report or
// screen shows.
type Source struct {
	ID     string `yaml:"id" json:"id"`
	Kind   string `yaml:"kind" json:"kind"` // seed, loi, institution, reference
	Author string `yaml:"author" json:"author,omitempty"`
	Title  string `yaml:"title" json:"title,omitempty"`
	// About says what the source establishes, for sources whose own title is
	// not known (a press article cited for one fact): it is never quoted as a
	// title.
	About string `yaml:"about" json:"about,omitempty"`
	Date  string `yaml:"date" json:"date,omitempty"` // YYYY, YYYY-MM, YYYY-MM-DD or « à vérifier »
	// Checked is the day a web page without a date of its own was read
	// (YYYY-MM-DD): the citation says « consulté le … ».
	Checked string `yaml:"checked" json:"checked,omitempty"`
	Short   string `yaml:"short" json:"short"`         // a short citation: « RGPD art. 28 »
	File    string `yaml:"file" json:"file,omitempty"` // seed file name: internal, never shown
	URL     string `yaml:"url" json:"url,omitempty"`
}

// Citation is how a reader finds the source, in lang: « Institution,
// « Titre », date — URL », the parts that are known. Month names and the
// unknown date come from the texts (cite_month_MM, cite_date_unknown).
func (s *Source) Citation(t *Texts, lang Lang) string {
	var parts []string
	if s.Author != "" {
		parts = append(parts, s.Author)
	}
	switch {
	case s.Title != "" && s.About != "":
		parts = append(parts, "« "+s.Title+" » ("+s.About+")")
	case s.Title != "":
		parts = append(parts, "« "+s.Title+" »")
	case s.About != "":
		parts = append(parts, s.About)
	}
	if d := s.DateLabel(t, lang); d != "" {
		parts = append(parts, d)
	}
	if s.Checked != "" {
		parts = append(parts, strings.ReplaceAll(t.T(lang, "cite_checked"), "{date}", FormatDate(s.Checked, t, lang)))
	}
	c := strings.Join(parts, ", ")
	if s.URL != "" {
		c += " — " + s.URL
	}
	return c
}

// DateLabel writes the source's date for people in lang: « 28 septembre
// 2016 », « mai 2020 », « 2020 », or the unknown-date text.
func (s *Source) DateLabel(t *Texts, lang Lang) string {
	switch {
	case s.Date == "":
		return ""
	case s.Date == DateUnknown:
		return t.T(lang, "cite_date_unknown")
	}
	return FormatDate(s.Date, t, lang)
}

// FormatDate writes a date of the content (YYYY, YYYY-MM or YYYY-MM-DD) for
// people in lang: « 28 septembre 2016 », « mai 2020 », « 2020 ».
//
// Deprecated: use Localizer.Date, where the plurals and dates of every
// language are written.
func FormatDate(date string, t *Texts, lang Lang) string { return t.For(lang).Date(date) }

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

// Files lists the internal file names of the seed sources: names no report
// or screen may show.
func (s *Sources) Files() []string {
	var out []string
	for i := range s.List {
		if s.List[i].File != "" {
			out = append(out, s.List[i].File)
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
		if err := src.validate(d, at); err != nil {
			return err
		}
		if _, dup := s.byID[src.ID]; dup {
			return d.errorKey(at+".id", "err_dup_source", "id", quote(src.ID))
		}
		s.byID[src.ID] = src
	}
	return nil
}

func (src *Source) validate(d *yamlDoc, at string) error {
	if !idPattern.MatchString(src.ID) {
		return d.errorKey(at+".id", "err_bad_id", "id", quote(src.ID))
	}
	switch src.Kind {
	case "seed":
		if src.File == "" {
			return d.errorKey(at, "err_seed_file")
		}
		// A seed is cited as a reader can find it, never by its file name.
		if src.Title == "" || src.Author == "" || src.Date == "" {
			return d.errorKey(at, "err_seed_fields", "unknown", quote(DateUnknown))
		}
	case "loi", "institution", "reference":
		if src.File != "" {
			return d.errorKey(at+".file", "err_file_not_seed")
		}
	default:
		return d.errorKey(at+".kind", "err_source_kind", "v", quote(src.Kind))
	}
	if (src.Title == "" && src.About == "") || src.Short == "" {
		return d.errorKey(at, "err_source_title")
	}
	if len([]rune(src.Short)) > 70 {
		return d.errorKey(at+".short", "err_source_short", "n", len([]rune(src.Short)))
	}
	if src.Date != "" && src.Date != DateUnknown && !sourceDatePattern.MatchString(src.Date) {
		return d.errorKey(at+".date", "err_source_date", "v", quote(src.Date), "unknown", quote(DateUnknown))
	}
	if src.Checked != "" && (len(src.Checked) != 10 || !sourceDatePattern.MatchString(src.Checked)) {
		return d.errorKey(at+".checked", "err_source_checked", "v", quote(src.Checked))
	}
	if src.URL != "" && !IsHTTPSURL(src.URL) {
		return d.errorKey(at+".url", "err_not_https", "v", quote(src.URL))
	}
	for name, v := range map[string]string{"author": src.Author, "title": src.Title, "about": src.About, "short": src.Short} {
		if strings.ContainsFunc(v, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
			return d.errorKey(at+"."+name, "err_source_control", "field", name)
		}
	}
	return nil
}

// check validates a list of source ids cited at path in doc d.
func (s *Sources) check(d *yamlDoc, path string, ids []string, required bool) error {
	if required && len(ids) == 0 {
		return d.errorKey(path, "err_source_required")
	}
	for i, id := range ids {
		if _, ok := s.byID[id]; !ok {
			return d.errorKey(fmt.Sprintf("%s[%d]", path, i), "err_unknown_source", "id", quote(id), "hint", hint(id, s.ids()))
		}
	}
	return nil
}
