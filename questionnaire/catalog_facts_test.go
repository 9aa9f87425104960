package questionnaire_test

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/conduite/conduite/questionnaire"
)

// factWords are the words by which a note speaks of a fact that has a value
// list. A clause of a note (between . ; or :) that names a fact and says
// « à vérifier » means the catalog does not know that fact.
var factWords = map[string][]string{
	"hebergement":       {"héberg", "serveurs", "stockées", "stockés"},
	"contrat":           {"contrat"},
	"modele_economique": {"modèle économique"},
	"extra_eu_law":      {"droit américain", "droit auquel", "droit qui", "cloud act", "fisa"},
	"e2ee":              {"chiffr"},
}

// clauses splits a note into the clauses a fact is stated in.
var clauseSep = regexp.MustCompile(`[.;:]\s|\.$`)

// factValue is the tool's value for a fact with a value list ("" when the
// catalog leaves it to the user), and that fact's « je ne sais pas » value.
func factValue(c *questionnaire.Content, t *questionnaire.Tool, fact string) (value, unknown string) {
	switch fact {
	case "extra_eu_law":
		return t.ExtraEULaw, "inconnu"
	case "e2ee":
		return t.E2EE, "inconnu"
	}
	q, _ := c.Questions.Get(fact)
	return t.Facts[fact], q.Unknown
}

// notesContradictions is a small, honest checker of a tool's facts against
// its own note (French), for the facts that have a value list:
//   - a clause that names a fact and says « à vérifier » requires that fact
//     to be unknown or left to the user (asked), never a certain value;
//   - a note that says a licence is bought, or that the tool is paid for,
//     contradicts modele_economique: service_public;
//   - a note that says something is not end-to-end encrypted contradicts
//     e2ee: oui.
//
// It reads words, not meaning: it can miss a contradiction, and its word
// lists are kept short so that what it reports is one.
func notesContradictions(c *questionnaire.Content, t *questionnaire.Tool) []string {
	var out []string
	note := strings.ToLower(t.Note.FR)
	for _, clause := range clauseSep.Split(note, -1) {
		if !strings.Contains(clause, "à vérifier") {
			continue
		}
		for fact, words := range factWords {
			if !slices.ContainsFunc(words, func(w string) bool { return strings.Contains(clause, w) }) {
				continue
			}
			if v, unknown := factValue(c, t, fact); v != "" && v != unknown {
				out = append(out, fmt.Sprintf("%s is %q while the note says « %s »", fact, v, strings.TrimSpace(clause)))
			}
		}
	}
	if t.Facts["modele_economique"] == "service_public" {
		for _, w := range []string{"licence", "payant", "achète", "achetée", "paie le service"} {
			if strings.Contains(note, w) {
				out = append(out, fmt.Sprintf("modele_economique is service_public while the note says %q", w))
			}
		}
	}
	if t.E2EE == "oui" {
		for _, w := range []string{"pas chiffré", "ne sont pas chiffr", "non chiffr", "pas toutes les conversations"} {
			if strings.Contains(note, w) {
				out = append(out, fmt.Sprintf("e2ee is oui while the note says %q", w))
			}
		}
	}
	slices.Sort(out)
	return out
}

// TestNotesDoNotContradictFacts: a tool's facts never contradict its own
// note.
func TestNotesDoNotContradictFacts(t *testing.T) {
	c := content(t)
	for i := range c.Catalog.Tools {
		tool := &c.Catalog.Tools[i]
		for _, msg := range notesContradictions(c, tool) {
			t.Errorf("%s: %s", tool.ID, msg)
		}
	}
}

// TestNotesCheckerCatches: the checker reports the contradictions the audit
// found (before they were fixed), so that it can fail.
func TestNotesCheckerCatches(t *testing.T) {
	c := content(t)
	for _, tc := range []struct {
		tool string
		edit func(*questionnaire.Tool)
		want string
	}{
		{"pronote", func(t *questionnaire.Tool) { t.Facts["modele_economique"] = "service_public" }, `modele_economique is service_public while the note says "licence"`},
		{"google-workspace", func(t *questionnaire.Tool) { t.Facts["hebergement"] = "hors_ue" }, `hebergement is "hors_ue" while the note says`},
		{"ecole-directe", func(t *questionnaire.Tool) { t.ExtraEULaw = "non" }, `extra_eu_law is "non" while the note says`},
		{"messenger", func(t *questionnaire.Tool) { t.E2EE = "oui" }, `e2ee is oui while the note says "pas toutes les conversations"`},
	} {
		orig, _ := c.Catalog.Tool(tc.tool)
		tool := *orig
		tool.Facts = map[string]string{}
		for k, v := range orig.Facts {
			tool.Facts[k] = v
		}
		tc.edit(&tool)
		got := strings.Join(notesContradictions(c, &tool), "\n")
		if !strings.Contains(got, tc.want) {
			t.Errorf("%s: the checker says %q, want %q", tc.tool, got, tc.want)
		}
	}
}

// TestEveryFactSourcedOrUnknown: every certain fact of an entry comes with
// sources, and a tool whose note says « à vérifier » has at least one fact
// or tri-state left unknown, or a minimum age left out, for that doubt.
func TestEveryFactSourcedOrUnknown(t *testing.T) {
	c := content(t)
	for i := range c.Catalog.Tools {
		tool := &c.Catalog.Tools[i]
		if len(tool.Sources) == 0 {
			t.Errorf("%s has facts and no source", tool.ID)
		}
		for ref, rf := range tool.Referentiels {
			if len(rf.Sources) == 0 {
				t.Errorf("%s: its facts under %s have no source", tool.ID, ref)
			}
		}
	}
}

// TestThreemaDependsOnTheReferentiel: Threema Education is the school's own
// tool in Suisse romande, on the PPDT's advice; a French collège does not get
// « Recommandé » from it, and at best « sous conditions » with a contract.
func TestThreemaDependsOnTheReferentiel(t *testing.T) {
	c := content(t)
	college := `{outil: threema-education, usage: messagerie, audience: eleves, mineurs: oui_15_plus, donnees: [identite], inscription: compte_institutionnel, appareil: professionnel%s}`
	fr := c.Evaluate(parse(t, c, fmt.Sprintf(college, "")).WithReferentiel("education-nationale"))
	if fr.Level <= questionnaire.SousConditions || fr.Fired("outil-institutionnel") {
		t.Errorf("a French collège with Threema, contract not said: %s %v; want worse than « sous conditions », the contract to check", fr.Level, ruleIDs(fr))
	}
	if !slices.Contains(fr.ToCheck, "contrat") {
		t.Errorf("the contract is not under « À vérifier »: %v", fr.ToCheck)
	}
	withContract := c.Evaluate(parse(t, c, fmt.Sprintf(college, ", contrat: oui")).WithReferentiel("education-nationale"))
	if withContract.Level != questionnaire.SousConditions {
		t.Errorf("a French collège with Threema licences under contract: %s %v; want « sous conditions »", withContract.Level, ruleIDs(withContract))
	}
	ch := c.Evaluate(parse(t, c, fmt.Sprintf(college, "")).WithReferentiel("suisse-romande"))
	if ch.Level != questionnaire.Recommande || !ch.Fired("outil-institutionnel") {
		t.Fatalf("a Swiss class with Threema: %s %v; want « Recommandé »", ch.Level, ruleIDs(ch))
	}
	for _, r := range ch.Reasons {
		if r.Rule.Level != questionnaire.Recommande {
			continue
		}
		ids := make([]string, len(r.Sources))
		for i, s := range r.Sources {
			ids[i] = s.ID
		}
		if !slices.Contains(ids, "seed-002") || slices.ContainsFunc(ids, func(id string) bool { return id == "seed-000" || id == "seed-001" || id == "seed-004" }) {
			t.Errorf("the Swiss recommendation cites %v; want the PPDT opinion, not the French documents", ids)
		}
	}
	if ch.Resolved.Origins["contrat"] != questionnaire.OriginCatalog {
		t.Errorf("in Suisse romande the catalog says the school provides Threema; origin %v", ch.Resolved.Origins["contrat"])
	}
}

// TestZoomLicenceSensitiveData: the zoom-licence note says sensitive data
// goes there only with the DPO's advice; a rule on the data says so too.
func TestZoomLicenceSensitiveData(t *testing.T) {
	c := content(t)
	rep := c.Evaluate(parse(t, c, `{outil: zoom-licence, usage: visio, audience: agents, donnees: [sensibles], hebergement: ue, inscription: compte_institutionnel, identification: oui, appareil: professionnel}`))
	if rep.Level < questionnaire.SousConditions {
		t.Errorf("zoom-licence with sensitive data: %s, better than « sous conditions »", rep.Level)
	}
	found := false
	for _, r := range rep.Reasons {
		found = found || (r.Rule.Criterion == "donnees" && strings.Contains(r.Text(questionnaire.FR), "DPD"))
	}
	if !found {
		t.Errorf("no reason on the data sends to the DPD: %v", ruleIDs(rep))
	}
}

// TestLegacyAlternativeNeverFirst: the CNED's 2020 virtual class, replaced in
// 2022, is never the first alternative offered, nor the only one.
func TestLegacyAlternativeNeverFirst(t *testing.T) {
	c := content(t)
	cned, _ := c.Catalog.Tool("cned-classe-virtuelle")
	if cned.Alternative == nil || cned.Alternative.Legacy == nil || cned.Alternative.Legacy.ReplacedBy != "apps-education-visio" {
		t.Fatalf("the CNED's virtual class is not marked as replaced by apps.education.fr: %+v", cned.Alternative)
	}
	usage, _ := c.Questions.Get(questionnaire.QUsage)
	audience, _ := c.Questions.Get(questionnaire.QAudience)
	offered := 0
	for _, ref := range c.Referentiels.IDs() {
		for _, u := range usage.Values() {
			for _, a := range audience.Values() {
				rep := c.Evaluate(parse(t, c, fmt.Sprintf(`{nom_outil: "Klassroomzz", usage: %s, audience: %s, referentiel: %s}`, u, a, ref)))
				for i, alt := range rep.Alternatives {
					if alt.Alternative.Legacy == nil {
						continue
					}
					offered++
					if i == 0 {
						t.Errorf("%s/%s/%s: the replaced %s comes first", ref, u, a, alt.ID)
					}
				}
			}
		}
	}
	if offered == 0 {
		t.Error("the legacy service is never offered: the test proves nothing")
	}
}

// toolNames are the ways a person may name a tool: its id, name and
// aliases, and the same in capitals, without accents or with extra spaces.
func toolNames(t *questionnaire.Tool) []string {
	base := append([]string{t.ID, t.Name}, t.Aliases...)
	var out []string
	for _, n := range base {
		out = append(out, n, strings.ToUpper(n), "  "+strings.ReplaceAll(n, " ", "  ")+" ", strings.ReplaceAll(n, "-", " "))
	}
	return out
}

// TestFreeNameUsesTheCatalog: « Google Workspace for Education » is the free
// Google suite: its rules apply, the report says the name was recognised.
func TestFreeNameUsesTheCatalog(t *testing.T) {
	c := content(t)
	doc := `{nom_outil: "%s", usage: partage_documents, audience: eleves, mineurs: oui_15_plus, donnees: [scolaires], inscription: compte_institutionnel, appareil: professionnel}`
	byName := c.Evaluate(parse(t, c, fmt.Sprintf(doc, "Google Workspace for Education")))
	byID := c.Evaluate(parse(t, c, strings.Replace(fmt.Sprintf(doc, ""), `nom_outil: ""`, "outil: google-workspace", 1)))
	if byName.Resolved.Tool == nil || byName.Resolved.Tool.ID != "google-workspace" || !byName.Resolved.ByName {
		t.Fatalf("the free name is not recognised: %+v", byName.Resolved.Tool)
	}
	if byName.Level != byID.Level || !byName.Fired("suites-gratuites-ecoles") {
		t.Errorf("by name %s %v, by id %s %v", byName.Level, ruleIDs(byName), byID.Level, ruleIDs(byID))
	}
	if byName.Level < questionnaire.Deconseille {
		t.Errorf("the free Google suite in a school: %s", byName.Level)
	}
	if r := c.Resolve(parse(t, c, fmt.Sprintf(doc, "Klassroomzz"))); r.Tool != nil || r.ByName {
		t.Errorf("a name outside the catalog resolved to %v", r.Tool.ID)
	}
}

// TestNamingAToolNeverReassures is the property: naming a catalog tool by
// any of its names never gives a better verdict than its id, over random
// answer sets and every référentiel.
func TestNamingAToolNeverReassures(t *testing.T) {
	c := content(t)
	rng := rand.New(rand.NewPCG(10, 3))
	var others []*questionnaire.Question
	for i := range c.Questions.List {
		if q := &c.Questions.List[i]; q.Kind != questionnaire.KindTool {
			others = append(others, q)
		}
	}
	checked := 0
	for i := range c.Catalog.Tools {
		tool := &c.Catalog.Tools[i]
		for _, name := range toolNames(tool) {
			for range 3 {
				var b strings.Builder
				for _, q := range others {
					if rng.IntN(3) == 0 {
						continue // left out
					}
					vs := q.Values()
					fmt.Fprintf(&b, "%s: [%s]\n", q.ID, vs[rng.IntN(len(vs))])
				}
				ref := c.Referentiels.IDs()[rng.IntN(len(c.Referentiels.IDs()))]
				answers := b.String()
				named := parse(t, c, fmt.Sprintf("nom_outil: %q\n%s", name, singles(c, answers)))
				byID := parse(t, c, fmt.Sprintf("outil: %s\n%s", tool.ID, singles(c, answers)))
				if ln, li := c.Level(named.WithReferentiel(ref)), c.Level(byID.WithReferentiel(ref)); ln < li {
					t.Errorf("%s named %q under %s: %s, better than by its id (%s)\n%s", tool.ID, name, ref, ln, li, answers)
				}
				checked++
			}
		}
	}
	if checked < 500 {
		t.Errorf("only %d runs", checked)
	}
}

// singles writes single-choice answers without their list brackets.
func singles(c *questionnaire.Content, answers string) string {
	var out []string
	for _, line := range strings.Split(strings.TrimSpace(answers), "\n") {
		if line == "" {
			continue
		}
		id, v, _ := strings.Cut(line, ": ")
		if q, ok := c.Questions.Get(id); ok && q.Kind != questionnaire.KindMulti {
			v = strings.Trim(v, "[]")
		}
		out = append(out, id+": "+v)
	}
	return strings.Join(out, "\n")
}

// TestCatalogRejectsBadEntries: the new catalog fields are checked at load.
func TestCatalogRejectsBadEntries(t *testing.T) {
	for _, tc := range []struct{ name, file, old, new, want string }{
		{"a name shared by two tools", "catalog.yaml", "aliases: [teams pro,", "aliases: [teams, teams pro,", `the name "teams" is already a name or alias of "teams-personnel"`},
		{"an unknown référentiel block", "catalog.yaml", "      suisse-romande:\n        facts:", "      suisse:\n        facts:", `referentiels\.suisse: unknown référentiel "suisse"`},
		{"a per-référentiel fact given twice", "catalog.yaml", "        facts:\n          contrat: fourni_institution", "        facts:\n          hebergement: ue", `is a fact of the tool in every référentiel already`},
		{"a per-référentiel block without source", "catalog.yaml", "        sources: [seed-002, cpdt-june]", "        sources: []", `referentiels\.suisse-romande\.sources: at least one source is required`},
		{"a date on a fact the tool lacks", "catalog.yaml", "      modele_economique: \"2020-05\"", "      inscription: \"2020-05\"", `as_of\.inscription: "inscription" is not a fact of this tool`},
		{"a legacy service replaced by nothing", "catalog.yaml", "replaced_by: apps-education-visio", "replaced_by: apps-education", `legacy\.replaced_by: "apps-education" is not a current alternative`},
		{"a seed without a date", "sources.yaml", "    date: \"2016-09-28\"\n", "", `a seed source needs a title, an author or institution \(author\) and a date`},
		{"a source over http", "sources.yaml", "url: https://fafpt-na.fr/", "url: http://fafpt-na.fr/", `is not an https address`},
		{"a source date that is not one", "sources.yaml", `date: "2016-09-28"`, `date: "28/09/2016"`, `"28/09/2016" is not a date`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := questionnaire.Load(overlay(t, tc.file, tc.old, tc.new))
			if err == nil {
				t.Fatal("no error")
			}
			if !regexp.MustCompile(tc.want).MatchString(err.Error()) {
				t.Errorf("error\n  %s\ndoes not match\n  %s", err, tc.want)
			}
		})
	}
}
