package questionnaire

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)

// sourceDatePattern is how a source is dated: a year, a month or a day
// (YYYY, YYYY-MM, YYYY-MM-DD), or DateUnknown when the document gives no date
// and none could be found.
var sourceDatePattern = regexp.MustCompile(`^[12][0-9]{3}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$`)

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
func FormatDate(date string, t *Texts, lang Lang) string {
	parts := strings.Split(date, "-")
	switch len(parts) {
	case 2:
		return t.T(lang, "cite_month_"+parts[1]) + " " + parts[0]
	case 3:
		day, _ := strconv.Atoi(parts[2])
		return strings.NewReplacer("{d}", strconv.Itoa(day), "{m}", t.T(lang, "cite_month_"+parts[1]), "{y}", parts[0]).
			Replace(t.T(lang, "cite_day"))
	}
	return date
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
			return d.errorf(at+".id", "duplicate source id %q", src.ID)
		}
		s.byID[src.ID] = src
	}
	return nil
}

func (src *Source) validate(d *yamlDoc, at string) error {
	if !idPattern.MatchString(src.ID) {
		return d.errorf(at+".id", "id %q must be lowercase letters, digits, - or _", src.ID)
	}
	switch src.Kind {
	case "seed":
		if src.File == "" {
			return d.errorf(at, "a seed source names its file (an internal key)")
		}
		// A seed is cited as a reader can find it, never by its file name.
		if src.Title == "" || src.Author == "" || src.Date == "" {
			return d.errorf(at, "a seed source needs a title, an author or institution (author) and a date (YYYY, YYYY-MM, YYYY-MM-DD or %q)", DateUnknown)
		}
	case "loi", "institution", "reference":
		if src.File != "" {
			return d.errorf(at+".file", "only a seed source names a file")
		}
	default:
		return d.errorf(at+".kind", "unknown kind %q; allowed: seed, loi, institution, reference", src.Kind)
	}
	if (src.Title == "" && src.About == "") || src.Short == "" {
		return d.errorf(at, "a source needs a title (or, when its title is not known, about) and a short citation (short)")
	}
	if len([]rune(src.Short)) > 70 {
		return d.errorf(at+".short", "a short citation has at most 70 characters, this one %d", len([]rune(src.Short)))
	}
	if src.Date != "" && src.Date != DateUnknown && !sourceDatePattern.MatchString(src.Date) {
		return d.errorf(at+".date", "%q is not a date; allowed: YYYY, YYYY-MM, YYYY-MM-DD or %q", src.Date, DateUnknown)
	}
	if src.Checked != "" && (len(src.Checked) != 10 || !sourceDatePattern.MatchString(src.Checked)) {
		return d.errorf(at+".checked", "%q is not a day; expected YYYY-MM-DD, the day the page was read", src.Checked)
	}
	if src.URL != "" && !IsHTTPSURL(src.URL) {
		return d.errorf(at+".url", "%q is not an https address; allowed: https://host/path, without spaces, quotes, <, > or backquotes", src.URL)
	}
	for name, v := range map[string]string{"author": src.Author, "title": src.Title, "about": src.About, "short": src.Short} {
		if strings.ContainsFunc(v, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
			return d.errorf(at+"."+name, "a control character is not allowed in a source's %s", name)
		}
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
