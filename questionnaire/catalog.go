package questionnaire

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/conduite/conduite/internal/lazyregexp"
)

// The questions whose answers a catalog entry may imply: facts about a tool,
// never about the context in which it is used.
var toolFactQuestions = []string{"hebergement", "contrat", "modele_economique", "inscription", "identification"}

// toolIDPattern is what a tool id looks like; yamlWords are the words YAML
// reads as something other than a text.
var (
	toolIDPattern = lazyregexp.New(`^[a-z][a-z0-9_-]*$`)
	yamlWords     = []string{"true", "false", "null", "yes", "no", "on", "off", "y", "n"}
)

// Tool is a catalog entry: what is known about a tool people meet.
type Tool struct {
	ID        string            `yaml:"id" json:"id"`
	Name      string            `yaml:"name" json:"name"`
	Aliases   []string          `yaml:"aliases" json:"aliases,omitempty"`
	Usages    []string          `yaml:"usages" json:"usages"`
	Publisher string            `yaml:"publisher" json:"publisher"`
	Country   string            `yaml:"country" json:"country"`
	Facts     map[string]string `yaml:"facts" json:"facts"`
	// Referentiels holds the facts that depend on the référentiel (a
	// tool's relation to the institution: Threema Education is provided by
	// a Swiss school, at best bought under contract by a French one), with
	// the sources that support them there. They complete Facts under that
	// référentiel; a fact may not be in both.
	Referentiels map[string]ToolReferentiel `yaml:"referentiels" json:"referentiels,omitempty"`
	// AsOf dates a fact that rests on a document of a given day (terms of
	// use since changed…): question id → YYYY, YYYY-MM or YYYY-MM-DD.
	AsOf map[string]string `yaml:"as_of" json:"as_of,omitempty"`
	// ExtraEULaw: the provider is subject to a non-EU law giving authorities
	// access to the data it holds (oui, non, inconnu).
	ExtraEULaw  string       `yaml:"extra_eu_law" json:"extra_eu_law"`
	MinAge      *int         `yaml:"min_age" json:"min_age,omitempty"`
	E2EE        string       `yaml:"e2ee" json:"e2ee"`
	Note        Text         `yaml:"note" json:"note"`
	Sources     []string     `yaml:"sources" json:"sources"`
	Checked     string       `yaml:"checked" json:"checked"`
	Alternative *Alternative `yaml:"alternative" json:"alternative,omitempty"`
	// FactSources names, for a fact the entry states (a question id of
	// toolFactQuestions, extra_eu_law, e2ee or min_age), the sources among
	// Sources that support it.
	FactSources map[string][]string `yaml:"fact_sources" json:"fact_sources,omitempty"`
	// Origin names the file the entry comes from (the embedded catalog or a
	// DPD's override).
	Origin string `yaml:"-" json:"origin"`

	// keys are the names' keys (names), derived at validation or link:
	// a batch matches a free name against every entry for every file.
	keys []string
}

// ToolReferentiel is what a catalog entry says of a tool under one
// référentiel only.
type ToolReferentiel struct {
	Facts   map[string]string `yaml:"facts" json:"facts"`
	Sources []string          `yaml:"sources" json:"sources"`
}

// Alternative says what an institutional tool is recommended for.
type Alternative struct {
	Usages    []string `yaml:"usages" json:"usages"`
	Audiences []string `yaml:"audiences" json:"audiences"`
	// Levels are the school levels (values of niveau) the alternative
	// serves; empty: every level (an alternative for staff only).
	Levels       []string `yaml:"levels" json:"levels,omitempty"`
	Referentiels []string `yaml:"referentiels" json:"referentiels"`
	Rank         int      `yaml:"rank" json:"rank"`
	For          Text     `yaml:"for" json:"for"`
	Limits       Text     `yaml:"limits" json:"limits"`
	// Legacy marks a service that was replaced: it is offered only after
	// a current alternative that fits, never first nor alone.
	Legacy *Legacy `yaml:"legacy" json:"legacy,omitempty"`
}

// Legacy says when a service was replaced, and by which catalog entry.
type Legacy struct {
	Since      string `yaml:"since" json:"since"`             // YYYY, YYYY-MM or YYYY-MM-DD
	ReplacedBy string `yaml:"replaced_by" json:"replaced_by"` // a catalog id
}

// Fits reports whether the alternative serves that usage and audience under
// the référentiel. An empty usage or audience fits any.
func (a *Alternative) Fits(usage, audience, ref string) bool {
	if a == nil || !slices.Contains(a.Referentiels, ref) {
		return false
	}
	if usage != "" && usage != "autre" && !slices.Contains(a.Usages, usage) {
		return false
	}
	return audience == "" || slices.Contains(a.Audiences, audience)
}

// FitsLevel reports whether the alternative serves pupils of that school
// level (a value of niveau). An empty level, an unknown one or one not asked,
// fits any; so does an alternative that names no level.
func (a *Alternative) FitsLevel(level string) bool {
	return a != nil && (level == "" || len(a.Levels) == 0 || slices.Contains(a.Levels, level))
}

// FactIDs lists the question ids the tool gives an answer for in every
// référentiel, in questionnaire order.
func (t *Tool) FactIDs() []string {
	var ids []string
	for _, q := range toolFactQuestions {
		if _, ok := t.Facts[q]; ok {
			ids = append(ids, q)
		}
	}
	return ids
}

// FactsIn returns the facts the tool implies under référentiel ref: its
// facts, completed by those of that référentiel.
func (t *Tool) FactsIn(ref string) map[string]string {
	rf, ok := t.Referentiels[ref]
	if !ok || len(rf.Facts) == 0 {
		return t.Facts
	}
	out := make(map[string]string, len(t.Facts)+len(rf.Facts))
	for k, v := range t.Facts {
		out[k] = v
	}
	for k, v := range rf.Facts {
		out[k] = v
	}
	return out
}

// FactIDsIn lists the question ids the tool answers under ref, in
// questionnaire order.
func (t *Tool) FactIDsIn(ref string) []string {
	facts := t.FactsIn(ref)
	var ids []string
	for _, q := range toolFactQuestions {
		if _, ok := facts[q]; ok {
			ids = append(ids, q)
		}
	}
	return ids
}

// SourcesIn lists the tool's sources under ref: those of the référentiel
// first, then its own.
func (t *Tool) SourcesIn(ref string) []string {
	rf, ok := t.Referentiels[ref]
	if !ok {
		return t.Sources
	}
	out := slices.Clone(rf.Sources)
	for _, id := range t.Sources {
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// names are the keys by which a free name finds the tool: its id, its name
// and its aliases, normalised (nameKey).
func (t *Tool) names() []string {
	if t.keys != nil {
		return t.keys
	}
	return t.nameKeys()
}

// nameKeys computes the keys of the entry's id, name and aliases.
func (t *Tool) nameKeys() []string {
	out := []string{nameKey(t.ID), nameKey(t.Name)}
	for _, a := range t.Aliases {
		out = append(out, nameKey(a))
	}
	return out
}

// nameKey normalises a tool's name for matching: case and accents ignored,
// punctuation read as a space, spaces trimmed and collapsed.
func nameKey(s string) string { return searchKey(s) }

// Match returns the entry a free name designates: the tool one of whose id,
// name or aliases it is, ignoring case, accents, punctuation and spacing.
// Validation makes sure no two tools share a name. A generic name (« Jitsi
// », « Nextcloud ») is the alias of the entry whose verdict is the more
// prudent, or of none.
func (c *Catalog) Match(name string) (*Tool, bool) {
	key := nameKey(name)
	if key == "" {
		return nil, false
	}
	for i := range c.Tools {
		if slices.Contains(c.Tools[i].names(), key) {
			return &c.Tools[i], true
		}
	}
	return nil, false
}

// Catalog is the list of known tools.
type Catalog struct {
	Version string `yaml:"version" json:"version"`
	Tools   []Tool `yaml:"tools" json:"tools"`
}

// Tool returns the entry with that id.
func (c *Catalog) Tool(id string) (*Tool, bool) {
	for i := range c.Tools {
		if c.Tools[i].ID == id {
			return &c.Tools[i], true
		}
	}
	return nil, false
}

// IDs lists the tool ids in catalog order.
func (c *Catalog) IDs() []string {
	ids := make([]string, len(c.Tools))
	for i := range c.Tools {
		ids[i] = c.Tools[i].ID
	}
	return ids
}

// Search returns the tools whose id, name or aliases contain every word of
// the query, ignoring case, accents and punctuation, best matches first: an
// id, name or alias that is the query, then one that starts with it, then one
// with a word that starts with it, then the others; catalog order within
// each. An empty query returns the whole catalog in order.
func (c *Catalog) Search(query string) []*Tool {
	q := searchKey(query)
	words := strings.Fields(q)
	var tiers [4][]*Tool
	keys := make([]string, 0, 8)
	for i := range c.Tools {
		t := &c.Tools[i]
		keys = append(keys[:0], searchKey(t.ID), searchKey(t.Name))
		for _, a := range t.Aliases {
			keys = append(keys, searchKey(a))
		}
		hay := strings.Join(keys, " | ")
		ok := true
		for _, w := range words {
			if !strings.Contains(hay, w) {
				ok = false
				break
			}
		}
		if ok {
			tier := searchTier(keys, q)
			tiers[tier] = append(tiers[tier], t)
		}
	}
	out := tiers[0]
	for _, t := range tiers[1:] {
		out = append(out, t...)
	}
	return out
}

// searchTier ranks a tool's keys against the query: 0 when one is the query,
// 1 when one starts with it, 2 when a word of one starts with it, 3 else.
func searchTier(keys []string, q string) int {
	if q == "" {
		return 3
	}
	tier := 3
	for _, k := range keys {
		switch {
		case k == q:
			return 0
		case strings.HasPrefix(k, q):
			tier = min(tier, 1)
		case strings.Contains(k, " "+q):
			tier = min(tier, 2)
		}
	}
	return tier
}

// searchKey is a text as the tool filter compares it: folded (foldSlow), with
// punctuation read as a space, spaces trimmed and collapsed. It folds in one
// pass: the filter runs it on every name at every key typed.
func searchKey(s string) string {
	buf := make([]byte, 0, len(s))
	space := false
	add := func(r rune) {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			space = len(buf) > 0
			return
		}
		if space {
			buf = append(buf, ' ')
			space = false
		}
		buf = utf8.AppendRune(buf, r)
	}
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			add(r)
		case r < foldTableLen:
			for _, f := range foldTable()[r] {
				add(f)
			}
		default:
			for _, f := range foldSlow(string(r)) {
				add(f)
			}
		}
	}
	return string(buf)
}

// foldTable holds foldSlow's result for the Latin runes, where the accents
// people type are: the tool filter folds every name on every key. It is
// built when first needed, not at every start (592 normalisations).
var foldTable = sync.OnceValue(func() *[foldTableLen]string {
	var t [foldTableLen]string
	for r := range rune(len(t)) {
		t[r] = foldSlow(string(r))
	}
	return &t
})

const foldTableLen = 0x250

// foldSlow folds a text by the book: lowercase, decompose, drop the
// accents (combining marks).
func foldSlow(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// validate checks every entry against the questions, the sources and the
// référentiels.
func (c *Catalog) validate(d *yamlDoc, qs *Questions, sources *Sources, refs []string) error {
	seen := map[string]bool{}
	names := map[string]string{} // name key → tool id
	for i := range c.Tools {
		t := &c.Tools[i]
		at := fmt.Sprintf("tools[%d]", i)
		if err := t.validate(d, at, qs, sources, refs); err != nil {
			return err
		}
		if seen[t.ID] {
			return d.errorKey(at+".id", "err_dup_tool", "id", quote(t.ID))
		}
		seen[t.ID] = true
		// A free name designates one tool only: « microsoft teams » cannot
		// be the personal and the institutional Teams at once.
		t.keys = t.nameKeys()
		for _, k := range t.keys {
			if other, ok := names[k]; ok && other != t.ID {
				return d.errorKey(at+".aliases", "err_name_taken", "name", quote(k), "other", quote(other))
			}
			names[k] = t.ID
		}
	}
	for i := range c.Tools {
		a := c.Tools[i].Alternative
		if a == nil || a.Legacy == nil {
			continue
		}
		at := fmt.Sprintf("tools[%d].alternative.legacy", i)
		r, ok := c.Tool(a.Legacy.ReplacedBy)
		if !ok || r.Alternative == nil || r.Alternative.Legacy != nil {
			return d.errorKey(at+".replaced_by", "err_not_alternative", "v", quote(a.Legacy.ReplacedBy))
		}
		if !sourceDatePattern.MatchString(a.Legacy.Since) {
			return d.errorKey(at+".since", "err_not_date", "v", quote(a.Legacy.Since))
		}
	}
	return nil
}

func (t *Tool) validate(d *yamlDoc, at string, qs *Questions, sources *Sources, refs []string) error {
	if !toolIDPattern.MatchString(t.ID) || slices.Contains(yamlWords, t.ID) {
		// A tool id is written unquoted in answers files (« outil: zoom »):
		// it must read as a text there, not as a number, null or a boolean
		// (found by FuzzWithCatalog: an id « 0 » could never be answered).
		return d.errorKey(at+".id", "err_tool_id", "id", quote(t.ID), "words", quoteList(yamlWords))
	}
	if strings.TrimSpace(t.Name) == "" {
		return d.errorKey(at, "err_missing_name")
	}
	usage, _ := qs.Get(QUsage)
	audience, _ := qs.Get(QAudience)
	if err := checkValues(d, at+".usages", t.Usages, usage); err != nil {
		return err
	}
	for _, id := range sortedKeys(t.Facts) {
		v := t.Facts[id]
		if !slices.Contains(toolFactQuestions, id) {
			return d.errorKey(at+".facts."+id, "err_not_fact", "id", quote(id), "allowed", quoteList(toolFactQuestions))
		}
		q, _ := qs.Get(id)
		if _, ok := q.Option(v); !ok {
			return d.errorKey(at+".facts."+id, "err_not_value_of", "v", quote(v), "q", id, "hint", hint(v, q.Values()), "allowed", quoteList(q.Values()))
		}
	}
	for _, ref := range sortedKeys(t.Referentiels) {
		rat := at + ".referentiels." + ref
		if !slices.Contains(refs, ref) {
			return d.errorKey(rat, "err_unknown_referentiel", "v", quote(ref), "hint", hint(ref, refs), "allowed", quoteList(refs))
		}
		rf := t.Referentiels[ref]
		if len(rf.Facts) == 0 {
			return d.errorKey(rat+".facts", "err_ref_block_empty")
		}
		for _, id := range sortedKeys(rf.Facts) {
			v := rf.Facts[id]
			if !slices.Contains(toolFactQuestions, id) {
				return d.errorKey(rat+".facts."+id, "err_not_fact", "id", quote(id), "allowed", quoteList(toolFactQuestions))
			}
			if _, both := t.Facts[id]; both {
				return d.errorKey(rat+".facts."+id, "err_fact_everywhere", "id", quote(id))
			}
			q, _ := qs.Get(id)
			if _, ok := q.Option(v); !ok {
				return d.errorKey(rat+".facts."+id, "err_not_value_of", "v", quote(v), "q", id, "hint", hint(v, q.Values()), "allowed", quoteList(q.Values()))
			}
		}
		if err := sources.check(d, rat+".sources", rf.Sources, true); err != nil {
			return err
		}
	}
	for _, id := range sortedKeys(t.AsOf) {
		if _, ok := t.Facts[id]; !ok {
			return d.errorKey(at+".as_of."+id, "err_as_of_not_fact", "id", quote(id))
		}
		if !sourceDatePattern.MatchString(t.AsOf[id]) {
			return d.errorKey(at+".as_of."+id, "err_not_date", "v", quote(t.AsOf[id]))
		}
	}
	tri := []string{"oui", "non", "inconnu"}
	if !slices.Contains(tri, t.ExtraEULaw) {
		return d.errorKey(at+".extra_eu_law", "err_tristate", "v", quote(t.ExtraEULaw), "allowed", "oui, non, inconnu")
	}
	if !slices.Contains([]string{"oui", "non", "partiel", "inconnu"}, t.E2EE) {
		return d.errorKey(at+".e2ee", "err_tristate", "v", quote(t.E2EE), "allowed", "oui, non, partiel, inconnu")
	}
	if t.MinAge != nil && (*t.MinAge < 0 || *t.MinAge > 21) {
		return d.errorKey(at+".min_age", "err_min_age", "v", *t.MinAge)
	}
	if m := t.Note.missing(); len(m) > 0 {
		return d.errorKey(at+".note", "err_missing_text", "langs", m)
	}
	if err := sources.check(d, at+".sources", t.Sources, true); err != nil {
		return err
	}
	if err := t.validateFactSources(d, at, sources); err != nil {
		return err
	}
	if _, err := time.Parse(time.DateOnly, t.Checked); err != nil {
		return d.errorKey(at+".checked", "err_checked", "v", quote(t.Checked))
	}
	if a := t.Alternative; a != nil {
		aat := at + ".alternative"
		if err := checkValues(d, aat+".usages", a.Usages, usage); err != nil {
			return err
		}
		if err := checkValues(d, aat+".audiences", a.Audiences, audience); err != nil {
			return err
		}
		if len(a.Levels) > 0 {
			niveau, _ := qs.Get(QLevel)
			if err := checkValues(d, aat+".levels", a.Levels, niveau); err != nil {
				return err
			}
			if slices.Contains(a.Levels, niveau.Unknown) {
				return d.errorKey(aat+".levels", "err_alt_level_unknown", "v", quote(niveau.Unknown))
			}
		}
		if len(a.Referentiels) == 0 {
			return d.errorKey(aat+".referentiels", "err_alt_refs", "allowed", quoteList(refs))
		}
		for k, r := range a.Referentiels {
			if !slices.Contains(refs, r) {
				return d.errorKey(fmt.Sprintf("%s.referentiels[%d]", aat, k), "err_unknown_referentiel", "v", quote(r), "hint", hint(r, refs), "allowed", quoteList(refs))
			}
		}
		if m := a.For.missing(); len(m) > 0 {
			return d.errorKey(aat+".for", "err_missing_text", "langs", m)
		}
		if m := a.Limits.missing(); len(m) > 0 {
			return d.errorKey(aat+".limits", "err_missing_text", "langs", m)
		}
	}
	return nil
}

// factSourceKeys are the facts fact_sources may name: the questions a
// catalog entry answers, and the entry's own tri-states and minimum age.
var factSourceKeys = append(slices.Clone(toolFactQuestions), "extra_eu_law", "e2ee", "min_age")

// validateFactSources checks that fact_sources names facts the entry
// states, each with at least one of the entry's own sources.
func (t *Tool) validateFactSources(d *yamlDoc, at string, sources *Sources) error {
	for _, id := range sortedKeys(t.FactSources) {
		fat := at + ".fact_sources." + id
		if !slices.Contains(factSourceKeys, id) {
			return d.errorKey(fat, "err_not_entry_fact", "id", quote(id), "allowed", quoteList(factSourceKeys))
		}
		_, stated := t.Facts[id]
		switch id {
		case "extra_eu_law", "e2ee":
			stated = true
		case "min_age":
			stated = t.MinAge != nil
		}
		if !stated {
			return d.errorKey(fat, "err_fact_not_stated", "id", id)
		}
		ids := t.FactSources[id]
		if err := sources.check(d, fat, ids, true); err != nil {
			return err
		}
		for k, src := range ids {
			if !slices.Contains(t.Sources, src) {
				return d.errorKey(fmt.Sprintf("%s[%d]", fat, k), "err_fact_source_not_cited", "id", quote(src))
			}
		}
	}
	return nil
}

// IsHTTPSURL reports whether u is an address a report may link to: an
// https URL with a host, and nothing a reader's software could take for the
// end of the link or for markup (spaces, controls, ", <, >, \, `).
// A javascript:, data: or http: address never becomes a link.
func IsHTTPSURL(u string) bool {
	if !strings.HasPrefix(u, "https://") || strings.ContainsAny(u, " <>\"\\`") {
		return false
	}
	for _, r := range u {
		if unicode.IsControl(r) || unicode.IsSpace(r) {
			return false
		}
	}
	p, err := url.Parse(u)
	return err == nil && p.Scheme == "https" && p.Host != "" && p.User == nil
}

// checkSourceURLs refuses, in a catalog file, a source whose address is
// not https: a file shared between colleagues must not put a link to
// anything else in their reports.
func checkSourceURLs(d *yamlDoc, list []Source) error {
	for i, src := range list {
		if src.URL != "" && !IsHTTPSURL(src.URL) {
			return d.errorKey(fmt.Sprintf("sources[%d].url", i), "err_not_https", "v", quote(src.URL))
		}
	}
	return nil
}

// checkValues checks that every value is an option of q.
func checkValues(d *yamlDoc, path string, vs []string, q *Question) error {
	if len(vs) == 0 {
		return d.errorKey(path, "err_value_required", "q", q.ID, "allowed", quoteList(q.Values()))
	}
	for k, v := range vs {
		if _, ok := q.Option(v); !ok {
			return d.errorKey(fmt.Sprintf("%s[%d]", path, k), "err_not_value_of", "v", quote(v), "q", q.ID, "hint", hint(v, q.Values()), "allowed", quoteList(q.Values()))
		}
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
