// Package report presents an evaluation: it turns a questionnaire.Report into
// a document in one language (Doc), and writes that document as Markdown,
// JSON, HTML or terminal text. Every format is made from the same Doc, so
// they never say different things. It also writes the triage table of a
// batch (Summary), the case studies' list and hand-outs, the catalog's
// sheets and the answers files' contract. One table of formats
// (format.go) names the formats, their aliases, extensions and writers.
package report

import (
	"cmp"
	"io/fs"
	"slices"
	"strings"
	"time"

	"github.com/conduite/conduite/questionnaire"
)

// SchemaVersion is the version of the JSON report format (docs/report.schema.json).
const SchemaVersion = 1

// Options are what a report needs beyond the evaluation.
type Options struct {
	Lang    questionnaire.Lang
	Version string    // conduite's version
	Now     time.Time // the report's date; zero means time.Now()
}

// Doc is a report in one language, ready to be written in any format: it
// carries what its writers need from the content (texts and templates).
type Doc struct {
	Lang          questionnaire.Lang `json:"lang"`
	SchemaVersion int                `json:"schema_version"`
	Header        Header             `json:"header"`
	Tool          ToolRef            `json:"tool"`
	Verdict       Verdict            `json:"verdict"`
	Reasons       []Reason           `json:"reasons"`
	ToCheck       []string           `json:"to_check"`
	ToCheckItems  []Item             `json:"-"`
	Alternatives  []Alternative      `json:"alternatives"`
	Criteria      []Criterion        `json:"criteria"`
	Answers       map[string]any     `json:"answers"`
	AnswerItems   []Item             `json:"-"`
	FromCatalog   []string           `json:"from_catalog"`
	Referentiel   Ref                `json:"referentiel"`
	Ruleset       Ref                `json:"ruleset"`
	Sources       []Source           `json:"sources"`
	// Steps are what to do next, in order; empty for a use without
	// personal data.
	Steps []Step `json:"next_steps"`
	// Profile is the organisation's profile the report was made with, nil
	// without one.
	Profile *Profile `json:"profile,omitempty"`

	texts   *questionnaire.Texts
	fsys    fs.FS  // the content's files: the templates of the writers
	contact string // the référentiel's data-protection contact, for {dpd}
	usage   string // the resolved use, for the texts that depend on it
	noData  bool   // the answers say no personal data is processed
}

// Header is what every report says about itself.
type Header struct {
	Date          string `json:"date"`
	Version       string `json:"conduite_version"`
	Etablissement string `json:"etablissement,omitempty"`
	Auteur        string `json:"auteur,omitempty"`
}

// ToolRef names the tool assessed.
type ToolRef struct {
	ID   string `json:"id,omitempty"`   // catalog id
	Name string `json:"name,omitempty"` // catalog name or nom_outil
	// MatchedName is the free name (nom_outil) that was recognised as one
	// of the catalog tool's names: the entry's facts and rules applied.
	MatchedName string `json:"matched_name,omitempty"`
	// Matched says so in the report's language, for the writers.
	Matched string `json:"-"`
}

// Verdict is the level of the whole evaluation.
type Verdict struct {
	Level  string `json:"level"`
	Label  string `json:"label"`
	Symbol string `json:"symbol"`
	level  questionnaire.Level
}

// Severity returns the verdict's level.
func (v Verdict) Severity() questionnaire.Level { return v.level }

// Reason is one rule that matched.
type Reason struct {
	Rule       string   `json:"rule"`
	Level      string   `json:"level"`
	LevelLabel string   `json:"level_label"`
	Symbol     string   `json:"-"`
	Criterion  string   `json:"criterion"`
	Text       string   `json:"text"`
	Source     string   `json:"source"`
	Sources    []Source `json:"sources"`
}

// Source is a cited document, as a reader finds it: Citation is « Institution,
// « Titre », date — URL » in the report's language. The project's internal
// name of a seed document is never part of it.
type Source struct {
	ID       string `json:"id"`
	Kind     string `json:"kind"`
	Title    string `json:"title"` // its title, or what it establishes when its title is not known
	Short    string `json:"short"`
	Author   string `json:"author,omitempty"` // author or institution
	Date     string `json:"date,omitempty"`   // YYYY, YYYY-MM, YYYY-MM-DD or « à vérifier »
	URL      string `json:"url,omitempty"`
	Citation string `json:"citation"`
}

// Alternative is an institutional tool to use instead.
type Alternative struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	For    string `json:"for"`
	Note   string `json:"note"`
	Limits string `json:"limits"`
	// URL and Local: a service of the profile's organisation (its ENT…),
	// offered before the national alternatives; Origin names the
	// organisation.
	URL    string `json:"url,omitempty"`
	Local  bool   `json:"local,omitempty"`
	Origin string `json:"origin,omitempty"`
}

// Step is one thing to do next, with its sources and the organisation's
// local procedure for it.
type Step struct {
	ID       string   `json:"id"`
	Title    string   `json:"title"`
	Text     string   `json:"text"`
	Sources  []Source `json:"sources"`
	Local    string   `json:"local,omitempty"`
	LocalURL string   `json:"local_url,omitempty"`
}

// Profile says which profile the report was made with, and whom to ask.
type Profile struct {
	Organisation string   `json:"organisation"`
	Title        string   `json:"title,omitempty"`
	Date         string   `json:"date"`
	File         string   `json:"file"`
	URL          string   `json:"url,omitempty"`
	Contact      *Contact `json:"contact,omitempty"`
	Footer       string   `json:"footer,omitempty"`
	// DateLabel is the date for people, Used the line « Profil : … » of
	// the header, in the report's language.
	DateLabel string `json:"-"`
	Used      string `json:"-"`
}

// Contact is the organisation's data-protection contact; Line says it on
// one line, for the writers.
type Contact struct {
	Name  string `json:"name,omitempty"`
	Email string `json:"email,omitempty"`
	URL   string `json:"url,omitempty"`
	Line  string `json:"-"`
}

// Criterion is one line of the risk picture.
type Criterion struct {
	ID     string   `json:"id"`
	Title  string   `json:"title"`
	Level  string   `json:"level"`
	Label  string   `json:"label"`
	Symbol string   `json:"-"`
	Rules  []string `json:"rules"`
	level  questionnaire.Level
}

// Severity returns the criterion's level.
func (c Criterion) Severity() questionnaire.Level { return c.level }

// Item is one question and its answer, for recaps.
type Item struct {
	ID       string
	Title    string
	Question string
	Answer   string
	Origin   string
	origin   questionnaire.Origin
}

// Ref is an id with a name or version.
type Ref struct {
	ID      string `json:"id"`
	Name    string `json:"name,omitempty"`
	Version string `json:"version,omitempty"`
}

// T returns an interface text in the document's language, « {dpd} » naming
// the référentiel's data-protection contact (DPD, préposé…).
func (d *Doc) T(key string) string {
	return strings.ReplaceAll(d.texts.T(d.Lang, key), "{"+questionnaire.PlaceholderContact+"}", d.contact)
}

// NoAlternative says what to do when no catalog alternative fits: the
// text of the use when it has one (no_alternative_<use>), else the general
// one.
func (d *Doc) NoAlternative() string {
	if key := "no_alternative_" + d.usage; d.usage != "" && d.texts.Has(key) {
		return d.T(key)
	}
	return d.T("no_alternative")
}

// NoSteps says why a report has no next step: no personal data is
// processed, or nothing in the answers calls for one.
func (d *Doc) NoSteps() string {
	if d.noData {
		return d.T("next_steps_none")
	}
	return d.T("next_steps_none_other")
}

// New builds the document for an evaluation.
func New(r *questionnaire.Report, o Options) *Doc {
	c, lang := r.Content, o.Lang
	if lang == "" {
		lang = questionnaire.FR
	}
	now := o.Now
	if now.IsZero() {
		now = time.Now()
	}
	d := &Doc{
		Lang:          lang,
		SchemaVersion: SchemaVersion,
		texts:         c.Texts,
		fsys:          c.FS,
		contact:       r.Referentiel.Contact.In(lang),
		usage:         r.Resolved.Answers.Get(questionnaire.QUsage),
		noData:        slices.Contains(r.Resolved.Answers.List(questionnaire.QData), questionnaire.NoPersonalData),
		Header: Header{Date: now.Format(time.DateOnly), Version: o.Version,
			Etablissement: r.Given.Meta.Etablissement, Auteur: r.Given.Meta.Auteur},
		Verdict:      Verdict{Level: r.Level.String(), Label: r.Level.Label(lang), Symbol: r.Level.Symbol(), level: r.Level},
		Referentiel:  Ref{ID: r.Referentiel.ID, Name: r.Referentiel.Name.In(lang)},
		Ruleset:      Ref{ID: r.Ruleset.ID, Version: r.Ruleset.Version},
		Answers:      map[string]any{},
		ToCheck:      []string{},
		FromCatalog:  []string{},
		Reasons:      []Reason{},
		Alternatives: []Alternative{},
		Sources:      []Source{},
	}
	if t := r.Resolved.Tool; t != nil {
		d.Tool = ToolRef{ID: t.ID, Name: t.Name}
		if r.Resolved.ByName {
			d.Tool.MatchedName = r.Given.Meta.ToolName
			d.Tool.Matched = strings.NewReplacer("{name}", r.Given.Meta.ToolName, "{tool}", t.Name).Replace(d.T("name_matched"))
		}
	} else if r.Given.Meta.ToolName != "" {
		d.Tool = ToolRef{Name: r.Given.Meta.ToolName}
	}
	seen := map[string]bool{}
	for _, reason := range r.Reasons {
		rr := Reason{Rule: reason.Rule.ID, Level: reason.Rule.Level.String(), LevelLabel: reason.Rule.Level.Label(lang),
			Symbol: reason.Rule.Level.Symbol(), Criterion: reason.Rule.Criterion, Text: reason.Text(lang)}
		var titles []string
		for _, s := range reason.Sources {
			src := sourceOf(s, c.Texts, lang)
			rr.Sources = append(rr.Sources, src)
			titles = append(titles, s.Short)
			if !seen[s.ID] {
				seen[s.ID] = true
				d.Sources = append(d.Sources, src)
			}
		}
		rr.Source = strings.Join(titles, d.T("list_sep"))
		d.Reasons = append(d.Reasons, rr)
	}
	for _, id := range r.ToCheck {
		q, _ := c.Questions.Get(id)
		d.ToCheck = append(d.ToCheck, id)
		d.ToCheckItems = append(d.ToCheckItems, Item{ID: id, Title: q.Title.In(lang), Question: q.Text.In(lang)})
	}
	d.Profile = profileOf(c, lang)
	for _, s := range r.LocalAlternatives {
		d.Alternatives = append(d.Alternatives, Alternative{ID: s.ID, Name: s.Name, For: s.For.In(lang), Limits: s.Limits.In(lang),
			URL: s.URL, Local: true, Origin: c.Profile.Organisation})
	}
	for _, t := range r.Alternatives {
		d.Alternatives = append(d.Alternatives, Alternative{ID: t.ID, Name: t.Name, For: t.Alternative.For.In(lang),
			Note: t.Note.In(lang), Limits: t.Alternative.Limits.In(lang)})
	}
	for _, cl := range r.Criteria {
		d.Criteria = append(d.Criteria, Criterion{ID: cl.Question.ID, Title: cl.Question.Title.In(lang),
			Level: cl.Level.String(), Label: cl.Level.Label(lang), Symbol: cl.Level.Symbol(), Rules: orEmpty(cl.Rules), level: cl.Level})
	}
	for i := range c.Questions.List {
		q := &c.Questions.List[i]
		origin := r.Resolved.Origins[q.ID]
		vals := r.Resolved.Answers.List(q.ID)
		if len(vals) == 0 {
			continue
		}
		if origin == questionnaire.OriginSkipped && len(vals) == 1 && vals[0] == q.Unknown {
			// Not asked, and nothing follows from it (the questions on
			// generative AI for another use, the level without pupils):
			// « je ne sais pas, sans objet » would say nothing.
			continue
		}
		if origin == questionnaire.OriginCatalog {
			d.FromCatalog = append(d.FromCatalog, q.ID)
		}
		if origin == questionnaire.OriginGiven || origin == questionnaire.OriginCatalog {
			if q.Kind == questionnaire.KindMulti {
				d.Answers[q.ID] = vals
			} else {
				d.Answers[q.ID] = vals[0]
			}
		}
		d.AnswerItems = append(d.AnswerItems, Item{ID: q.ID, Title: q.Title.In(lang), Question: q.Text.In(lang),
			Answer: AnswerLabel(c, q, vals, lang), Origin: d.T("origin_" + origin.String()), origin: origin})
	}
	if r.Given.Meta.ToolName != "" {
		d.Answers[questionnaire.KeyToolName] = r.Given.Meta.ToolName
	}
	d.Steps = []Step{}
	for _, n := range r.Steps {
		st := Step{ID: n.Step.ID, Title: n.Title(lang), Text: n.Text(lang), Sources: []Source{}}
		if n.Local != nil {
			st.Local, st.LocalURL = n.Local.Text.In(lang), n.Local.URL
		}
		for _, s := range n.Sources {
			src := sourceOf(s, c.Texts, lang)
			st.Sources = append(st.Sources, src)
			if !seen[s.ID] {
				seen[s.ID] = true
				d.Sources = append(d.Sources, src)
			}
		}
		d.Steps = append(d.Steps, st)
	}
	return d
}

// profileOf presents the content's profile, nil without one.
func profileOf(c *questionnaire.Content, lang questionnaire.Lang) *Profile {
	p := c.Profile
	if p == nil {
		return nil
	}
	l := c.Texts.For(lang)
	out := &Profile{Organisation: p.Organisation, Title: p.Title, Date: p.Date, File: p.File, URL: p.URL,
		Footer: p.Footer.In(lang), DateLabel: l.Date(p.Date)}
	out.Used = strings.NewReplacer("{org}", p.Organisation, "{date}", out.DateLabel).Replace(c.Texts.T(lang, "profile_used"))
	if ct := p.Contact; ct != nil {
		out.Contact = &Contact{Name: ct.Name, Email: ct.Email, URL: ct.URL}
		var parts []string
		for _, s := range []string{ct.Name, ct.Email, ct.URL} {
			if s != "" {
				parts = append(parts, s)
			}
		}
		out.Contact.Line = strings.Join(parts, " — ")
	}
	return out
}

// AnswerLabel writes the values of a question for people.
func AnswerLabel(c *questionnaire.Content, q *questionnaire.Question, vals []string, lang questionnaire.Lang) string {
	return c.AnswerLabel(q, vals, lang)
}

func sourceOf(s *questionnaire.Source, t *questionnaire.Texts, lang questionnaire.Lang) Source {
	return Source{ID: s.ID, Kind: s.Kind, Title: cmp.Or(s.Title, s.About), Short: s.Short, Author: s.Author,
		Date: s.Date, URL: s.URL, Citation: s.Citation(t, lang)}
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return slices.Clone(s)
}

// Markdown writes the contact on one line for Markdown: the texts escaped,
// the address as an autolink.
func (c *Contact) Markdown() string {
	var parts []string
	if c.Name != "" {
		parts = append(parts, EscapeMarkdown(c.Name))
	}
	switch {
	case questionnaire.IsEmail(c.Email): // validated: an autolink
		parts = append(parts, "<"+c.Email+">")
	case c.Email != "":
		parts = append(parts, EscapeMarkdown(c.Email))
	}
	if c.URL != "" {
		parts = append(parts, MarkdownURL(c.URL))
	}
	return strings.Join(parts, " — ")
}
