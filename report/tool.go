package report

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/conduite/conduite/questionnaire"
)

// ToolDoc is one catalog entry presented in one language: what `conduite
// tools ID` prints and what the wizard shows of a tool. Its JSON form is
// documented in docs/catalog.md.
type ToolDoc struct {
	Lang      questionnaire.Lang `json:"lang"`
	ID        string             `json:"id"`
	Name      string             `json:"name"`
	Aliases   []string           `json:"aliases"`
	Publisher string             `json:"publisher"`
	Country   string             `json:"country"`
	Usages    []ToolValue        `json:"usages"`
	// Facts are the answers the catalog gives for the tool, in
	// questionnaire order; Asked are the tool-fact questions it leaves to
	// the user.
	Facts []ToolFact  `json:"facts"`
	Asked []ToolValue `json:"asked"`
	// ByReferentiel are the facts that hold under one référentiel only
	// (Threema Education is the school's tool in Suisse romande), with their
	// sources.
	ByReferentiel []ToolReferentielFacts `json:"by_referentiel"`
	Summary       string                 `json:"summary"` // the facts in a few words
	// MinAge is the minimum age in the tool's terms, nil when unknown
	// (MinAgeLabel then says « à vérifier »).
	MinAge      *int      `json:"min_age"`
	MinAgeLabel string    `json:"min_age_label"`
	E2EE        ToolValue `json:"e2ee"`
	ExtraEULaw  ToolValue `json:"extra_eu_law"`
	Note        string    `json:"note"`
	Sources     []Source  `json:"sources"`
	// FactSources gives, for a fact the entry names the sources of (a
	// question id, extra_eu_law, e2ee or min_age), their numbers in Sources
	// (from 1).
	FactSources map[string][]int `json:"fact_sources,omitempty"`
	Checked     string           `json:"checked"`
	// Origin is the file the entry comes from: catalog.yaml for conduite's
	// own catalog, else a DPD's override file (Local).
	Origin      string           `json:"origin"`
	Local       bool             `json:"local"`
	Alternative *ToolAlternative `json:"alternative"`
	// Referentiel is the référentiel the facts are given under (--referentiel,
	// else the default: the profile's, else conduite's).
	Referentiel Ref `json:"referentiel"`
	// Decision is the profile's decision about the tool, nil without one.
	Decision *ToolDecision `json:"decision,omitempty"`

	texts *questionnaire.Texts
}

// ToolDecision is an organisation's decision about a tool (its profile):
// valide or refuse, why, since when.
type ToolDecision struct {
	Decision     string `json:"decision"`
	Label        string `json:"label"` // « Refusé par … le … », in the language
	Reason       string `json:"reason"`
	Date         string `json:"date"`
	Organisation string `json:"organisation"`
	File         string `json:"file"`
}

// toolDecision is the profile's decision about tool id under ref, nil
// without one.
func toolDecision(c *questionnaire.Content, id, ref string, lang questionnaire.Lang) *ToolDecision {
	p := c.Profile
	if p == nil || p.Referentiel != ref {
		return nil
	}
	d, ok := p.Decision(id)
	if !ok {
		return nil
	}
	label := strings.NewReplacer("{org}", p.Organisation, "{date}", c.Texts.For(lang).Date(d.Date)).
		Replace(c.Texts.T(lang, "profile_decision_"+d.Decision))
	return &ToolDecision{Decision: d.Decision, Label: strings.TrimRight(label, " :\u00a0"), Reason: d.Reason.In(lang),
		Date: d.Date, Organisation: p.Organisation, File: p.File}
}

// ToolValue is an answer value, or a tri-state (oui, non, partiel, inconnu),
// with its label for people.
type ToolValue struct {
	Value string `json:"value"`
	Label string `json:"label"`
}

// ToolFact is one answer a catalog entry implies, with its meaning.
type ToolFact struct {
	Question string `json:"question"` // the question id
	Title    string `json:"title"`    // the question's short title
	Value    string `json:"value"`
	Label    string `json:"label"` // the value's label
	Help     string `json:"help"`  // the value's one-line help
	Short    string `json:"short"` // a few words, for lists
	// AsOf dates a fact resting on a document of that day (YYYY[-MM[-DD]]).
	AsOf string `json:"as_of,omitempty"`
	// Referentiel: the fact holds under the document's référentiel only
	// (the entry's block for it).
	Referentiel bool `json:"referentiel,omitempty"`
}

// ToolReferentielFacts are a tool's facts under one référentiel.
type ToolReferentielFacts struct {
	Referentiel Ref        `json:"referentiel"`
	Facts       []ToolFact `json:"facts"`
	Sources     []Source   `json:"sources"`
}

// ToolAlternative says for what the tool is proposed instead of another.
type ToolAlternative struct {
	Usages       []ToolValue `json:"usages"`
	Audiences    []ToolValue `json:"audiences"`
	Levels       []ToolValue `json:"levels"` // empty: every level
	Referentiels []Ref       `json:"referentiels"`
	Rank         int         `json:"rank"`
	For          string      `json:"for"`
	Limits       string      `json:"limits"`
	// ReplacedBy names the catalog entry that replaced a legacy service
	// (offered only after it), since LegacySince.
	ReplacedBy  string `json:"replaced_by,omitempty"`
	LegacySince string `json:"legacy_since,omitempty"`
}

// T returns an interface text in the document's language.
func (d *ToolDoc) T(key string) string { return d.texts.T(d.Lang, key) }

// NewTool presents the catalog entry t of content c in lang, under the
// default référentiel.
func NewTool(c *questionnaire.Content, t *questionnaire.Tool, lang questionnaire.Lang) *ToolDoc {
	return NewToolIn(c, t, lang, "")
}

// NewToolIn presents the catalog entry t of content c in lang, its facts
// under référentiel ref ("" the default).
func NewToolIn(c *questionnaire.Content, t *questionnaire.Tool, lang questionnaire.Lang, ref string) *ToolDoc {
	if lang == "" {
		lang = questionnaire.FR
	}
	refs := c.Referentiels.Default()
	if r, ok := c.Referentiels.Get(ref); ok {
		refs = r
	}
	ref = refs.ID
	d := &ToolDoc{
		Lang: lang, ID: t.ID, Name: t.Name, Aliases: orEmpty(t.Aliases), Publisher: t.Publisher, Country: t.Country,
		Usages: []ToolValue{}, Facts: []ToolFact{}, Asked: []ToolValue{}, Sources: []Source{},
		MinAge: t.MinAge, Note: t.Note.In(lang), Checked: t.Checked,
		Origin: t.Origin, Local: t.Origin != questionnaire.FileCatalog,
		texts: c.Texts, Referentiel: Ref{ID: ref, Name: refs.Name.In(lang)},
		Decision: toolDecision(c, t.ID, ref, lang),
	}
	d.Usages = toolValues(c, questionnaire.QUsage, t.Usages, lang)
	facts := t.FactsIn(ref)
	for _, id := range questionnaire.ToolFactQuestions() {
		q, ok := c.Questions.Get(id)
		if !ok {
			continue
		}
		v, known := facts[id]
		if !known {
			d.Asked = append(d.Asked, ToolValue{Value: id, Label: q.Title.In(lang)})
			continue
		}
		f := toolFact(c, lang, q, v)
		f.AsOf = t.AsOf[id]
		_, f.Referentiel = t.Referentiels[ref].Facts[id]
		d.Facts = append(d.Facts, f)
	}
	d.ByReferentiel = []ToolReferentielFacts{}
	for _, other := range c.Referentiels.IDs() {
		rf, ok := t.Referentiels[other]
		if !ok || other == ref {
			continue // the document's référentiel: its facts are above
		}
		r := Ref{ID: other}
		if rr, ok := c.Referentiels.Get(other); ok {
			r.Name = rr.Name.In(lang)
		}
		trf := ToolReferentielFacts{Referentiel: r, Facts: []ToolFact{}, Sources: []Source{}}
		for _, id := range questionnaire.ToolFactQuestions() {
			if v, ok := rf.Facts[id]; ok {
				q, _ := c.Questions.Get(id)
				trf.Facts = append(trf.Facts, toolFact(c, lang, q, v))
			}
		}
		for _, s := range c.Sources.Resolve(rf.Sources) {
			trf.Sources = append(trf.Sources, sourceOf(s, c.Texts, lang))
		}
		d.ByReferentiel = append(d.ByReferentiel, trf)
	}
	d.Summary = toolSummary(d.Facts, d.T("catalog_no_fact"))
	if t.MinAge != nil {
		d.MinAgeLabel = strings.ReplaceAll(d.T("catalog_years"), "{n}", strconv.Itoa(*t.MinAge))
	} else {
		d.MinAgeLabel = d.T("catalog_inconnu")
	}
	d.E2EE = ToolValue{Value: t.E2EE, Label: d.T("catalog_" + t.E2EE)}
	d.ExtraEULaw = ToolValue{Value: t.ExtraEULaw, Label: d.T("catalog_" + t.ExtraEULaw)}
	for _, s := range c.Sources.Resolve(t.Sources) {
		d.Sources = append(d.Sources, sourceOf(s, c.Texts, lang))
	}
	for fact, ids := range t.FactSources {
		for _, id := range ids {
			if n := slices.IndexFunc(d.Sources, func(s Source) bool { return s.ID == id }); n >= 0 {
				if d.FactSources == nil {
					d.FactSources = map[string][]int{}
				}
				d.FactSources[fact] = append(d.FactSources[fact], n+1)
			}
		}
		slices.Sort(d.FactSources[fact])
	}
	if a := t.Alternative; a != nil {
		alt := &ToolAlternative{Usages: toolValues(c, questionnaire.QUsage, a.Usages, lang),
			Audiences:    toolValues(c, questionnaire.QAudience, a.Audiences, lang),
			Levels:       toolValues(c, questionnaire.QLevel, a.Levels, lang),
			Referentiels: []Ref{}, Rank: a.Rank, For: a.For.In(lang), Limits: a.Limits.In(lang)}
		if a.Legacy != nil {
			alt.ReplacedBy, alt.LegacySince = a.Legacy.ReplacedBy, a.Legacy.Since
		}
		for _, id := range a.Referentiels {
			r := Ref{ID: id}
			if ref, ok := c.Referentiels.Get(id); ok {
				r.Name = ref.Name.In(lang)
			}
			alt.Referentiels = append(alt.Referentiels, r)
		}
		d.Alternative = alt
	}
	return d
}

// toolFact is one fact of a tool, with its meaning.
func toolFact(c *questionnaire.Content, lang questionnaire.Lang, q *questionnaire.Question, v string) ToolFact {
	o, _ := q.Option(v)
	return ToolFact{Question: q.ID, Title: q.Title.In(lang), Value: v,
		Label: o.Label.In(lang), Help: o.Help.In(lang), Short: shortFact(c, lang, q, v)}
}

// values labels the values of a question.
func toolValues(c *questionnaire.Content, qid string, vs []string, lang questionnaire.Lang) []ToolValue {
	out := make([]ToolValue, 0, len(vs))
	q, _ := c.Questions.Get(qid)
	for _, v := range vs {
		label := v
		if q != nil {
			if o, ok := q.Option(v); ok {
				label = o.Label.In(lang)
			}
		}
		out = append(out, ToolValue{Value: v, Label: label})
	}
	return out
}

// shortFact says a fact in a few words (catalog_short_<question>_<value>),
// falling back to the value's label.
func shortFact(c *questionnaire.Content, lang questionnaire.Lang, q *questionnaire.Question, v string) string {
	if key := "catalog_short_" + q.ID + "_" + v; c.Texts.Has(key) {
		return c.Texts.T(lang, key)
	}
	if o, ok := q.Option(v); ok {
		return o.Label.In(lang)
	}
	return v
}

func toolSummary(facts []ToolFact, none string) string {
	if len(facts) == 0 {
		return none
	}
	words := make([]string, len(facts))
	for i, f := range facts {
		words[i] = f.Short
	}
	return strings.Join(words, ", ")
}

// WriteJSON writes the entry as indented JSON.
func (d *ToolDoc) WriteJSON(w io.Writer) error { return writeToolJSON(w, d) }

// WriteMarkdown writes the whole entry as Markdown: what the tool is, the
// answers the catalog gives for it and what they mean, the other facts, the
// note, what it is an alternative for, the sources and where it comes from.
func (d *ToolDoc) WriteMarkdown(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s (`%s`)\n\n", EscapeMarkdown(d.Name), d.ID)
	fmt.Fprintf(&b, "- **%s** : %s\n", d.T("catalog_publisher"), EscapeMarkdown(d.Publisher))
	fmt.Fprintf(&b, "- **%s** : %s\n", d.T("catalog_country"), EscapeMarkdown(d.Country))
	fmt.Fprintf(&b, "- **%s** : %s\n", d.T("catalog_usages"), toolLabels(d.Usages))
	if len(d.Aliases) > 0 {
		fmt.Fprintf(&b, "- **%s** : %s\n", d.T("catalog_aliases"), EscapeMarkdown(strings.Join(d.Aliases, ", ")))
	}
	fmt.Fprintf(&b, "- **%s** : %s\n", d.T("catalog_referentiel"), EscapeMarkdown(cmp.Or(d.Referentiel.Name, d.Referentiel.ID)))
	if dc := d.Decision; dc != nil {
		fmt.Fprintf(&b, "\n## %s\n\n**%s %s** : %s _(%s %s)_\n", d.T("profile_decision_title"), decisionSymbol(dc.Decision),
			EscapeMarkdown(dc.Label), EscapeMarkdown(dc.Reason), d.T("catalog_origin_profile"), MarkdownCode(dc.File))
	}
	fmt.Fprintf(&b, "\n## %s\n\n", d.T("catalog_facts"))
	if len(d.Facts) == 0 {
		fmt.Fprintf(&b, "%s\n", d.T("catalog_facts_none"))
	} else {
		fmt.Fprintf(&b, "%s\n\n", d.T("catalog_facts_intro"))
		for _, f := range d.Facts {
			fmt.Fprintf(&b, "- **%s** : %s (`%s`) — %s", f.Title, f.Label, f.Value, f.Help)
			if f.AsOf != "" {
				fmt.Fprintf(&b, " _(%s)_", strings.ReplaceAll(d.T("catalog_as_of"), "{date}", d.texts.For(d.Lang).Date(f.AsOf)))
			}
			if f.Referentiel {
				fmt.Fprintf(&b, " _(%s)_", strings.ReplaceAll(d.T("catalog_fact_referentiel"), "{referentiel}", cmp.Or(d.Referentiel.Name, d.Referentiel.ID)))
			}
			if d.Local {
				fmt.Fprintf(&b, " _(%s %s)_", d.T("catalog_origin_local"), MarkdownCode(d.Origin))
			}
			b.WriteString(d.factSourcesNote(f.Question) + "\n")
		}
	}
	for _, rf := range d.ByReferentiel {
		fmt.Fprintf(&b, "\n%s\n\n", strings.ReplaceAll(d.T("catalog_by_referentiel"), "{referentiel}", cmp.Or(rf.Referentiel.Name, rf.Referentiel.ID)))
		for _, f := range rf.Facts {
			fmt.Fprintf(&b, "- **%s** : %s (`%s`) — %s\n", f.Title, f.Label, f.Value, f.Help)
		}
		for _, s := range rf.Sources {
			fmt.Fprintf(&b, "- %s\n", s.Markdown())
		}
	}
	if len(d.Asked) > 0 {
		fmt.Fprintf(&b, "\n%s %s.\n", d.T("catalog_facts_asked"), toolLabels(d.Asked))
	}
	fmt.Fprintf(&b, "\n## %s\n\n", d.T("catalog_more"))
	fmt.Fprintf(&b, "- **%s** : %s%s\n", d.T("catalog_min_age"), d.MinAgeLabel, d.factSourcesNote("min_age"))
	fmt.Fprintf(&b, "- **%s** : %s%s\n", d.T("catalog_e2ee"), d.E2EE.Label, d.factSourcesNote("e2ee"))
	fmt.Fprintf(&b, "- **%s** : %s%s\n", d.T("catalog_extra_eu_law"), d.ExtraEULaw.Label, d.factSourcesNote("extra_eu_law"))
	fmt.Fprintf(&b, "\n## %s\n\n%s\n", d.T("catalog_note"), EscapeMarkdown(d.Note))
	fmt.Fprintf(&b, "\n## %s\n\n", d.T("catalog_alternative"))
	if a := d.Alternative; a == nil {
		fmt.Fprintf(&b, "%s\n", d.T("catalog_not_alternative"))
	} else {
		refs := make([]string, len(a.Referentiels))
		for i, r := range a.Referentiels {
			refs[i] = cmp.Or(r.Name, r.ID) + " (`" + r.ID + "`)"
		}
		fmt.Fprintf(&b, "- **%s** : %s\n", d.T("catalog_alt_for"), EscapeMarkdown(a.For))
		fmt.Fprintf(&b, "- **%s** : %s\n", d.T("catalog_alt_usages"), toolLabels(a.Usages))
		fmt.Fprintf(&b, "- **%s** : %s\n", d.T("catalog_alt_audiences"), toolLabels(a.Audiences))
		if len(a.Levels) > 0 {
			fmt.Fprintf(&b, "- **%s** : %s\n", d.T("catalog_alt_levels"), toolLabels(a.Levels))
		}
		fmt.Fprintf(&b, "- **%s** : %s\n", d.T("catalog_alt_referentiels"), strings.Join(refs, ", "))
		fmt.Fprintf(&b, "- **%s** : %s\n", d.T("catalog_alt_limits"), EscapeMarkdown(a.Limits))
		if a.ReplacedBy != "" {
			fmt.Fprintf(&b, "- %s\n", strings.NewReplacer("{tool}", "`"+a.ReplacedBy+"`", "{date}", d.texts.For(d.Lang).Date(a.LegacySince)).Replace(d.T("catalog_legacy")))
		}
	}
	fmt.Fprintf(&b, "\n## %s\n\n", d.T("catalog_sources"))
	for i, s := range d.Sources {
		fmt.Fprintf(&b, "%d. %s\n", i+1, s.Markdown())
	}
	fmt.Fprintf(&b, "\n%s %s · %s : %s\n", d.T("catalog_checked"), d.Checked, d.T("catalog_origin"), d.originLabel())
	_, err := io.WriteString(w, b.String())
	return err
}

// factSourcesNote is « (sources 1, 9) » after a fact whose sources the
// entry names, else nothing.
func (d *ToolDoc) factSourcesNote(fact string) string {
	nums := d.FactSources[fact]
	if len(nums) == 0 {
		return ""
	}
	words := make([]string, len(nums))
	for i, n := range nums {
		words[i] = strconv.Itoa(n)
	}
	key := "catalog_fact_sources"
	if len(nums) == 1 {
		key = "catalog_fact_source"
	}
	return " _(" + strings.ReplaceAll(d.T(key), "{n}", strings.Join(words, ", ")) + ")_"
}

// Markdown returns the entry as Markdown.
func (d *ToolDoc) Markdown() string {
	var b strings.Builder
	_ = d.WriteMarkdown(&b)
	return b.String()
}

func (d *ToolDoc) originLabel() string {
	if d.Local {
		return d.T("catalog_origin_local") + " " + MarkdownCode(d.Origin)
	}
	return d.T("catalog_origin_embedded") + " (" + MarkdownCode(d.Origin) + ")"
}

// ToolsDoc is the catalog's list in one language: what `conduite tools`
// prints.
type ToolsDoc struct {
	Lang    questionnaire.Lang `json:"lang"`
	Version string             `json:"version"` // the day the catalog was reviewed
	// LocalFiles are the override files entries come from, in order.
	LocalFiles []string      `json:"local_files"`
	Tools      []ToolSummary `json:"tools"`
	// Referentiel is the référentiel the facts are given under.
	Referentiel Ref `json:"referentiel"`
	// Profile names the organisation's profile in use, "" without one;
	// Services are its local services.
	Profile  string        `json:"profile,omitempty"`
	Services []Alternative `json:"services,omitempty"`

	texts *questionnaire.Texts
}

// ToolSummary is one line of the list.
type ToolSummary struct {
	ID        string            `json:"id"`
	Name      string            `json:"name"`
	Publisher string            `json:"publisher"`
	Country   string            `json:"country"`
	Usages    []string          `json:"usages"`
	Facts     map[string]string `json:"facts"` // question id → value
	Summary   string            `json:"summary"`
	// AlternativeIn lists the référentiels where the tool is proposed as an
	// institutional alternative; empty when it is none.
	AlternativeIn []string `json:"alternative_in"`
	Origin        string   `json:"origin"`
	Local         bool     `json:"local"`
	// Decision is the profile's decision about the tool, nil without one.
	Decision *ToolDecision `json:"decision,omitempty"`
}

// T returns an interface text in the document's language.
func (d *ToolsDoc) T(key string) string { return d.texts.T(d.Lang, key) }

// NewTools presents the catalog of c in lang, in catalog order, under the
// default référentiel.
func NewTools(c *questionnaire.Content, lang questionnaire.Lang) *ToolsDoc {
	return NewToolsIn(c, lang, "")
}

// NewToolsIn presents the catalog of c in lang, in catalog order, the facts
// under référentiel ref ("" the default), with the profile's services and
// decisions.
func NewToolsIn(c *questionnaire.Content, lang questionnaire.Lang, ref string) *ToolsDoc {
	if lang == "" {
		lang = questionnaire.FR
	}
	d := &ToolsDoc{Lang: lang, Version: c.Catalog.Version, LocalFiles: []string{}, Tools: []ToolSummary{}, texts: c.Texts}
	if p := c.Profile; p != nil {
		d.Profile = p.Organisation
		for i := range p.Services {
			s := &p.Services[i]
			d.Services = append(d.Services, Alternative{ID: s.ID, Name: s.Name, For: s.For.In(lang), Limits: s.Limits.In(lang),
				URL: s.URL, Local: true, Origin: p.Organisation})
		}
	}
	for i := range c.Catalog.Tools {
		t := &c.Catalog.Tools[i]
		td := NewToolIn(c, t, lang, ref)
		d.Referentiel = td.Referentiel
		s := ToolSummary{ID: t.ID, Name: t.Name, Publisher: t.Publisher, Country: t.Country, Usages: orEmpty(t.Usages),
			Facts: map[string]string{}, Summary: td.Summary, AlternativeIn: []string{}, Origin: t.Origin, Local: td.Local,
			Decision: td.Decision}
		for _, f := range td.Facts {
			s.Facts[f.Question] = f.Value
		}
		if t.Alternative != nil {
			s.AlternativeIn = orEmpty(t.Alternative.Referentiels)
		}
		if s.Local && !slices.Contains(d.LocalFiles, t.Origin) {
			d.LocalFiles = append(d.LocalFiles, t.Origin)
		}
		d.Tools = append(d.Tools, s)
	}
	return d
}

// WriteJSON writes the list as indented JSON.
func (d *ToolsDoc) WriteJSON(w io.Writer) error { return writeToolJSON(w, d) }

// WriteMarkdown writes the list as Markdown, one item a tool: its name and id,
// publisher and country, the facts in a few words, and where it is an
// institutional alternative.
func (d *ToolsDoc) WriteMarkdown(w io.Writer) error {
	var b strings.Builder
	intro := strings.NewReplacer("{n}", strconv.Itoa(len(d.Tools)), "{date}", d.Version).Replace(d.T("catalog_intro"))
	fmt.Fprintf(&b, "# %s\n\n%s %s\n\n", d.T("catalog_title"), intro, d.T("catalog_legend"))
	fmt.Fprintf(&b, "%s : %s\n\n", d.T("catalog_referentiel"), EscapeMarkdown(cmp.Or(d.Referentiel.Name, d.Referentiel.ID)))
	if len(d.Services) > 0 {
		fmt.Fprintf(&b, "## %s\n\n", strings.ReplaceAll(d.T("catalog_services"), "{org}", EscapeMarkdown(d.Profile)))
		for _, s := range d.Services {
			fmt.Fprintf(&b, "- **%s** `%s` — %s", EscapeMarkdown(s.Name), s.ID, EscapeMarkdown(s.For))
			if s.URL != "" {
				fmt.Fprintf(&b, " %s", MarkdownURL(s.URL))
			}
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "\n## %s\n\n", d.T("catalog_title"))
	}
	if len(d.LocalFiles) > 0 {
		files := make([]string, len(d.LocalFiles))
		for i, f := range d.LocalFiles {
			files[i] = MarkdownCode(f)
		}
		fmt.Fprintf(&b, "%s %s\n\n", d.T("catalog_local_files"), strings.Join(files, ", "))
	}
	for _, t := range d.Tools {
		fmt.Fprintf(&b, "- **%s** `%s` — %s, %s", EscapeMarkdown(t.Name), t.ID,
			EscapeMarkdown(shortPublisher(t.Publisher)), EscapeMarkdown(t.Country))
		if t.Local {
			fmt.Fprintf(&b, " _(%s)_", d.T("catalog_local_mark"))
		}
		fmt.Fprintf(&b, "  \n  %s", EscapeMarkdown(t.Summary))
		if len(t.AlternativeIn) > 0 {
			fmt.Fprintf(&b, " · **✔ %s** : %s", d.T("catalog_col_alternative"), strings.Join(t.AlternativeIn, ", "))
		}
		if dc := t.Decision; dc != nil {
			fmt.Fprintf(&b, " · **%s %s**", decisionSymbol(dc.Decision), EscapeMarkdown(dc.Label))
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// Markdown returns the list as Markdown.
func (d *ToolsDoc) Markdown() string {
	var b strings.Builder
	_ = d.WriteMarkdown(&b)
	return b.String()
}

// decisionSymbol says a decision without colour.
func decisionSymbol(decision string) string {
	if decision == questionnaire.DecisionRefused {
		return questionnaire.Proscrit.Symbol()
	}
	return questionnaire.Recommande.Symbol()
}

// shortPublisher keeps the publisher's name before any precision in
// parentheses or after a semicolon, for the list; the entry gives it whole.
func shortPublisher(p string) string {
	if i := strings.IndexAny(p, "(;,"); i > 0 {
		p = p[:i]
	}
	return strings.TrimSpace(p)
}

func toolLabels(vs []ToolValue) string {
	ls := make([]string, len(vs))
	for i, v := range vs {
		ls[i] = v.Label
	}
	return strings.Join(ls, ", ")
}

func writeToolJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
