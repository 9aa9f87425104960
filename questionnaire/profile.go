package questionnaire

import (
	"fmt"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/conduite/conduite/internal/safetext"
)

// MaxProfileSize is the largest profile file conduite reads: a profile is
// a few dozen lines and may carry a catalog section as large as a catalog
// override file.
const MaxProfileSize = MaxCatalogSize

// A profile is a catalog file with a few more sections around its catalog
// (depth one more: catalog, tools, an entry…): the catalog's limits, two
// levels deeper (the margin of twice the depth the file needs).
var profileBudget = budget{
	what: "budget_profile", maxBytes: MaxProfileSize, maxDepth: 14, maxKeys: 200, maxItems: 2000, maxTotal: 20000,
	needs: "budget_profile_needs",
}

// Profile adapts conduite to an organisation (an académie, a school): its
// name, its data-protection officer's contact, its own services offered
// before the national alternatives, its decisions about catalog tools, its
// local procedure and its report footer. docs/profil.md documents it.
type Profile struct {
	Organisation string `yaml:"organisation" json:"organisation"`
	Title        string `yaml:"title" json:"title,omitempty"`
	Date         string `yaml:"date" json:"date"` // YYYY, YYYY-MM or YYYY-MM-DD
	URL          string `yaml:"url" json:"url,omitempty"`
	// Referentiel is the default référentiel under the profile; its
	// services and decisions hold under it only.
	Referentiel string      `yaml:"referentiel" json:"referentiel,omitempty"`
	Contact     *Contact    `yaml:"contact" json:"contact,omitempty"`
	Footer      Text        `yaml:"footer" json:"footer"`
	Services    []Service   `yaml:"services" json:"services,omitempty"`
	Decisions   []Decision  `yaml:"decisions" json:"decisions,omitempty"`
	Procedure   []LocalStep `yaml:"procedure" json:"procedure,omitempty"`
	// Catalog is a catalog override inside the profile (as --catalog).
	Catalog *CatalogSection `yaml:"catalog" json:"-"`
	// File is the profile's file name, as the user gave it.
	File string `yaml:"-" json:"file"`
}

// CatalogSection is a catalog override file's content (see
// Content.WithCatalog), as a section of a profile.
type CatalogSection = catalogOverride

// Contact is whom to ask: a person or a service, an e-mail address, a page.
type Contact struct {
	Name  string `yaml:"name" json:"name,omitempty"`
	Email string `yaml:"email" json:"email,omitempty"`
	URL   string `yaml:"url" json:"url,omitempty"`
}

// Service is a local service (the académie's ENT…) offered as an
// alternative before the national ones, for the uses, audiences and levels
// it serves (the model of a catalog alternative).
type Service struct {
	ID        string   `yaml:"id" json:"id"`
	Name      string   `yaml:"name" json:"name"`
	URL       string   `yaml:"url" json:"url,omitempty"`
	For       Text     `yaml:"for" json:"for"`
	Limits    Text     `yaml:"limits" json:"limits"`
	Usages    []string `yaml:"usages" json:"usages"`
	Audiences []string `yaml:"audiences" json:"audiences"`
	Levels    []string `yaml:"levels" json:"levels,omitempty"` // empty: every level
}

// Alternative is the service as a catalog alternative under référentiel ref.
func (s *Service) Alternative(ref string) *Alternative {
	return &Alternative{Usages: s.Usages, Audiences: s.Audiences, Levels: s.Levels, Referentiels: []string{ref}, For: s.For, Limits: s.Limits}
}

// The decisions a profile may take about a catalog tool.
const (
	DecisionValidated = "valide"
	DecisionRefused   = "refuse"
)

// Decision is the organisation's decision about a catalog tool: validated
// or refused, why, since when.
type Decision struct {
	Tool     string `yaml:"tool" json:"tool"`
	Decision string `yaml:"decision" json:"decision"` // valide or refuse
	Reason   Text   `yaml:"reason" json:"reason"`
	Date     string `yaml:"date" json:"date"`
	URL      string `yaml:"url" json:"url,omitempty"`
}

// Level is the verdict level the decision sets at least: a refusal makes
// the use « à proscrire »; a validation is recommended, and never lowers
// what the rules say.
func (d *Decision) Level() Level {
	if d.Decision == DecisionRefused {
		return Proscrit
	}
	return Recommande
}

// LocalStep is the organisation's own word on a next step of the rules
// (its local procedure, a form, whom to ask).
type LocalStep struct {
	Step string `yaml:"step" json:"step"`
	Text Text   `yaml:"text" json:"text"`
	URL  string `yaml:"url" json:"url,omitempty"`
}

// Decision returns the profile's decision about a tool, if any.
func (p *Profile) Decision(toolID string) (*Decision, bool) {
	if p == nil {
		return nil, false
	}
	for i := range p.Decisions {
		if p.Decisions[i].Tool == toolID {
			return &p.Decisions[i], true
		}
	}
	return nil, false
}

// Local returns the profile's word on a next step, if any.
func (p *Profile) Local(step string) (*LocalStep, bool) {
	if p == nil {
		return nil, false
	}
	for i := range p.Procedure {
		if p.Procedure[i].Step == step {
			return &p.Procedure[i], true
		}
	}
	return nil, false
}

// Source is the profile as the source of a decision: the organisation,
// the profile's title, its date and address (the decision's own date and
// address when it gives them).
func (p *Profile) Source(d *Decision) *Source {
	s := &Source{ID: "profil", Kind: "institution", Author: p.Organisation, Title: p.Title, Date: p.Date, URL: p.URL,
		Short: p.Organisation}
	if d != nil {
		s.ID = "profil-" + d.Tool
		if d.Date != "" {
			s.Date = d.Date
		}
		if d.URL != "" {
			s.URL = d.URL
		}
	}
	return s
}

// emailPattern is what an e-mail address looks like: CommonMark's grammar
// of an e-mail autolink, so that a report can write it as a mailto: link,
// and nothing else (no space, quote, < or >). Compiled when first needed:
// its repetitions make it the largest allocation of a start (89 KB).
var emailPattern = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[a-zA-Z0-9.!#$%&'*+/=?^_{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+$`)
})

// IsProfileFile says whether a file found in a folder of answers files is,
// by its name, a profile (profil*.yaml, profile*.yml…): the batch leaves it
// out and says so, as the examples folder holds one beside the answers.
func IsProfileFile(name string) bool {
	base := strings.ToLower(filepath.Base(name))
	ext := filepath.Ext(base)
	return strings.HasPrefix(base, "profil") && (ext == ".yaml" || ext == ".yml")
}

// IsEmail reports whether s is an e-mail address a report may link to.
func IsEmail(s string) bool { return emailPattern().MatchString(s) }

// WithProfile returns a new Content adapted by a profile file (name is how
// errors and reports name it): its catalog section applied as a catalog
// override, its default référentiel made the default, the profile kept for
// the evaluation and the reports. The file is validated whole; errors are
// PosErrors at the file, line and entry. c is left untouched.
func (c *Content) WithProfile(name string, data []byte) (*Content, error) {
	d, err := parseUserFile(name, data, profileBudget, "err_profile_empty")
	if err != nil {
		return nil, err
	}
	var p Profile
	if err := d.decodeStrict(&p); err != nil {
		return nil, err
	}
	// A profile is handed to every school: its texts are untrusted, cleaned
	// here, once.
	cleanStrings(reflect.ValueOf(&p).Elem(), false)
	p.File = safetext.Visible(name)
	nc := c
	if p.Catalog != nil {
		if nc, err = c.withOverride(d.sub("catalog"), *p.Catalog, name); err != nil {
			return nil, err
		}
		p.Catalog = nil // applied: the content holds it now
	}
	if err := p.validate(d, nc); err != nil {
		return nil, err
	}
	out := *nc
	out.Profile = &p
	if p.Referentiel != "" {
		out.Referentiels = nc.Referentiels.withDefault(p.Referentiel)
	} else {
		p.Referentiel = nc.Referentiels.Default().ID
	}
	return &out, nil
}

// withDefault returns a copy of the référentiels whose default is id.
func (r *Referentiels) withDefault(id string) *Referentiels {
	out := &Referentiels{List: slices.Clone(r.List)}
	for i := range out.List {
		out.List[i].Default = out.List[i].ID == id
	}
	return out
}

func (p *Profile) validate(d *yamlDoc, c *Content) error {
	if strings.TrimSpace(p.Organisation) == "" {
		return d.fieldKey("", "organisation", "err_profile_organisation")
	}
	if !sourceDatePattern.MatchString(p.Date) {
		return d.fieldKey("", "date", "err_profile_date", "v", quote(p.Date))
	}
	if err := checkURL(d, "url", p.URL); err != nil {
		return err
	}
	refs := c.Referentiels.IDs()
	if p.Referentiel != "" && !slices.Contains(refs, p.Referentiel) {
		return d.errorKey("referentiel", "err_unknown_referentiel", "v", quote(p.Referentiel), "hint", hint(p.Referentiel, refs), "allowed", quoteList(refs))
	}
	if ct := p.Contact; ct != nil {
		if ct.Name == "" && ct.Email == "" && ct.URL == "" {
			return d.errorKey("contact", "err_profile_contact_empty")
		}
		if ct.Email != "" && !IsEmail(ct.Email) {
			return d.errorKey("contact.email", "err_profile_email", "v", quote(ct.Email))
		}
		if err := checkURL(d, "contact.url", ct.URL); err != nil {
			return err
		}
	}
	if err := p.validateServices(d, c.Questions); err != nil {
		return err
	}
	seen := map[string]bool{}
	for i := range p.Decisions {
		dc := &p.Decisions[i]
		at := fmt.Sprintf("decisions[%d]", i)
		if _, ok := c.Catalog.Tool(dc.Tool); !ok {
			return d.fieldKey(at, "tool", "err_profile_tool", "v", quote(dc.Tool), "hint", hint(dc.Tool, c.Catalog.IDs()))
		}
		if seen[dc.Tool] {
			return d.errorKey(at+".tool", "err_profile_dup_decision", "v", quote(dc.Tool))
		}
		seen[dc.Tool] = true
		if dc.Decision != DecisionValidated && dc.Decision != DecisionRefused {
			return d.fieldKey(at, "decision", "err_profile_decision", "v", quote(dc.Decision), "allowed", quoteList([]string{DecisionValidated, DecisionRefused}))
		}
		if strings.TrimSpace(dc.Reason.FR) == "" {
			return d.fieldKey(at, "reason", "err_missing_text", "langs", []string{"fr"})
		}
		if !sourceDatePattern.MatchString(dc.Date) {
			return d.fieldKey(at, "date", "err_not_date", "v", quote(dc.Date))
		}
		if err := checkURL(d, at+".url", dc.URL); err != nil {
			return err
		}
	}
	steps := c.Rules.StepIDs()
	for i := range p.Procedure {
		ls := &p.Procedure[i]
		at := fmt.Sprintf("procedure[%d]", i)
		if !slices.Contains(steps, ls.Step) {
			return d.fieldKey(at, "step", "err_profile_step", "v", quote(ls.Step), "hint", hint(ls.Step, steps), "allowed", quoteList(steps))
		}
		if strings.TrimSpace(ls.Text.FR) == "" {
			return d.fieldKey(at, "text", "err_missing_text", "langs", []string{"fr"})
		}
		if err := checkURL(d, at+".url", ls.URL); err != nil {
			return err
		}
	}
	return nil
}

func (p *Profile) validateServices(d *yamlDoc, qs *Questions) error {
	usage, _ := qs.Get(QUsage)
	audience, _ := qs.Get(QAudience)
	niveau, _ := qs.Get(QLevel)
	seen := map[string]bool{}
	for i := range p.Services {
		s := &p.Services[i]
		at := fmt.Sprintf("services[%d]", i)
		if !toolIDPattern.MatchString(s.ID) || slices.Contains(yamlWords, s.ID) {
			return d.fieldKey(at, "id", "err_tool_id", "id", quote(s.ID), "words", quoteList(yamlWords))
		}
		if seen[s.ID] {
			return d.errorKey(at+".id", "err_profile_dup_service", "v", quote(s.ID))
		}
		seen[s.ID] = true
		if strings.TrimSpace(s.Name) == "" {
			return d.errorKey(at, "err_missing_name")
		}
		if err := checkURL(d, at+".url", s.URL); err != nil {
			return err
		}
		if strings.TrimSpace(s.For.FR) == "" {
			return d.fieldKey(at, "for", "err_missing_text", "langs", []string{"fr"})
		}
		if err := checkValues(d, at+".usages", s.Usages, usage); err != nil {
			return err
		}
		if err := checkValues(d, at+".audiences", s.Audiences, audience); err != nil {
			return err
		}
		if len(s.Levels) > 0 {
			if err := checkValues(d, at+".levels", s.Levels, niveau); err != nil {
				return err
			}
			if slices.Contains(s.Levels, niveau.Unknown) {
				return d.errorKey(at+".levels", "err_alt_level_unknown", "v", quote(niveau.Unknown))
			}
		}
	}
	return nil
}

// checkURL refuses an address that is not https (an empty one is none).
func checkURL(d *yamlDoc, at, u string) error {
	if u != "" && !IsHTTPSURL(u) {
		return d.errorKey(at, "err_not_https", "v", quote(u))
	}
	return nil
}

// localAlternatives are the profile's services that fit the use, audience
// and level, in the profile's order.
func (c *Content) localAlternatives(usage, audience, level, ref string) []*Service {
	p := c.Profile
	if p == nil {
		return nil
	}
	var out []*Service
	for i := range p.Services {
		s := &p.Services[i]
		a := s.Alternative(p.Referentiel)
		if a.Fits(usage, audience, ref) && a.FitsLevel(level) {
			out = append(out, s)
		}
	}
	return out
}
