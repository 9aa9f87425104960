package questionnaire_test

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/conduite/conduite/questionnaire"
)

// issue14Tools are the entries issue 14 added (checked on 2026-12-01): each
// names the source of every fact it states (fact_sources).
var issue14Tools = []string{
	"chatgpt", "chatgpt-entreprise", "le-chat", "le-chat-entreprise", "copilot", "copilot-m365", "gemini",
	"klassroom", "classdojo", "dropbox", "wetransfer", "google-drive-perso", "gmail",
	"canva", "canva-education", "kahoot", "genially", "digipad", "quizlet", "webex", "moodle-institution",
}

// unbackedFacts lists the facts of a tool that are neither backed by a
// source other than a seed document (fact_sources) nor the unknown value
// with « à vérifier » (FR) and « to be checked » (EN) in the note. It covers
// the facts with a value list (facts, extra_eu_law, e2ee) and the minimum
// age.
func unbackedFacts(c *questionnaire.Content, t *questionnaire.Tool) []string {
	stated := map[string]string{}   // fact → value
	unknowns := map[string]string{} // fact → its unknown value
	for id, v := range t.Facts {
		q, _ := c.Questions.Get(id)
		stated[id], unknowns[id] = v, q.Unknown
	}
	stated["extra_eu_law"], unknowns["extra_eu_law"] = t.ExtraEULaw, "inconnu"
	stated["e2ee"], unknowns["e2ee"] = t.E2EE, "inconnu"
	if t.MinAge != nil {
		stated["min_age"] = strconv.Itoa(*t.MinAge)
	}
	var out []string
	for _, id := range slices.Sorted(maps.Keys(stated)) {
		v := stated[id]
		if v == unknowns[id] {
			if !strings.Contains(t.Note.FR, "à vérifier") || !strings.Contains(t.Note.EN, "to be checked") {
				out = append(out, fmt.Sprintf("%s is %q but the note does not say « à vérifier » / « to be checked »", id, v))
			}
			continue
		}
		backed := slices.ContainsFunc(t.FactSources[id], func(sid string) bool {
			src, ok := c.Sources.Get(sid)
			return ok && src.Kind != "seed"
		})
		if !backed {
			out = append(out, fmt.Sprintf("%s is %q with no source other than a seed in fact_sources", id, v))
		}
	}
	return out
}

// TestFactsBackedOrToCheck: every fact of the entries issue 14 added, and of
// any entry that names the sources of its facts, is backed by a source that
// is not a seed document (the seeds date from 2020 and do not speak of these
// tools), or is the unknown value and the note says it is to be checked.
func TestFactsBackedOrToCheck(t *testing.T) {
	c := content(t)
	for _, id := range issue14Tools {
		if _, ok := c.Catalog.Tool(id); !ok {
			t.Errorf("%s is not in the catalog", id)
		}
	}
	for i := range c.Catalog.Tools {
		tool := &c.Catalog.Tools[i]
		if !slices.Contains(issue14Tools, tool.ID) && len(tool.FactSources) == 0 {
			continue
		}
		if tool.Checked < "2026-12-01" && slices.Contains(issue14Tools, tool.ID) {
			t.Errorf("%s: checked %s, before the day its facts were sourced", tool.ID, tool.Checked)
		}
		for _, msg := range unbackedFacts(c, tool) {
			t.Errorf("%s: %s", tool.ID, msg)
		}
	}
}

// TestFactsBackedOrToCheckCatches: the checker reports a fact whose source
// is dropped or is only a seed, and an unknown the note does not flag.
func TestFactsBackedOrToCheckCatches(t *testing.T) {
	c := content(t)
	orig, _ := c.Catalog.Tool("chatgpt")
	for _, tc := range []struct {
		name string
		edit func(*questionnaire.Tool)
		want string
	}{
		{"source dropped", func(t *questionnaire.Tool) { delete(t.FactSources, "hebergement") }, `hebergement is "hors_ue" with no source other than a seed`},
		{"seed only", func(t *questionnaire.Tool) { t.FactSources["contrat"] = []string{"seed-000"} }, `contrat is "non" with no source other than a seed`},
		{"age unsourced", func(t *questionnaire.Tool) { age := 13; t.MinAge = &age }, `min_age is "13" with no source`},
		{"unknown unflagged", func(t *questionnaire.Tool) {
			t.Facts["hebergement"] = "inconnu"
			t.Note.FR = strings.ReplaceAll(t.Note.FR, "à vérifier", "")
		}, `hebergement is "inconnu" but the note does not say`},
	} {
		tool := *orig
		tool.Facts = maps.Clone(orig.Facts)
		tool.FactSources = maps.Clone(orig.FactSources)
		tc.edit(&tool)
		got := strings.Join(unbackedFacts(c, &tool), "\n")
		if !strings.Contains(got, tc.want) {
			t.Errorf("%s: the checker says %q, want %q", tc.name, got, tc.want)
		}
	}
	if got := unbackedFacts(c, orig); len(got) != 0 {
		t.Errorf("chatgpt as catalogued: %v", got)
	}
}

// TestCatalogHasSixtyTools: issue 14 asks for at least 60 tools.
func TestCatalogHasSixtyTools(t *testing.T) {
	if n := len(content(t).Catalog.Tools); n < 60 {
		t.Errorf("the catalog has %d tools, want at least 60", n)
	}
}

// TestGenericNamesOfTheNewTools: a free name that could be another tool
// than the entry (a teacher's own Moodle, any file-transfer service) is not
// one of the entry's names, so it never takes the entry's facts; the
// filter still finds the entry by its name.
func TestGenericNamesOfTheNewTools(t *testing.T) {
	c := content(t)
	for _, name := range []string{"Moodle", "transfert de fichiers", "cahier de liaison numérique", "Copilot Chat"} {
		if tool, ok := c.Catalog.Match(name); ok {
			t.Errorf("the free name %q is taken for %s", name, tool.ID)
		}
	}
	for name, id := range map[string]string{"ChatGPT": "chatgpt", "Le Chat": "le-chat", "Gmail": "gmail", "drive": "google-drive-perso", "Éléa": "moodle-institution", "Klassly": "klassroom"} {
		if tool, ok := c.Catalog.Match(name); !ok || tool.ID != id {
			t.Errorf("the free name %q is not %s", name, id)
		}
	}
	if found := c.Catalog.Search("moodle"); len(found) == 0 || found[0].ID != "moodle-institution" {
		t.Errorf("the filter does not find moodle-institution for « moodle »")
	}
}
