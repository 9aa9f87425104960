package questionnaire_test

import (
	"errors"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/conduite/conduite/questionnaire"
)

// exampleProfile is the example of docs/profil.md, applied to the content.
func exampleProfile(t testing.TB) *questionnaire.Content {
	t.Helper()
	data, err := os.ReadFile("../docs/profil-academie.yaml")
	if err != nil {
		t.Fatal(err)
	}
	c, err := content(t).WithProfile("profil-academie.yaml", data)
	if err != nil {
		t.Fatalf("the example profile: %v", err)
	}
	return c
}

func nextStepIDs(r *questionnaire.Report) []string {
	var ids []string
	for _, s := range r.Steps {
		ids = append(ids, s.Step.ID)
	}
	return ids
}

// The example profile loads, names its organisation and contact, and leaves
// the embedded content untouched.
func TestExampleProfile(t *testing.T) {
	c := exampleProfile(t)
	p := c.Profile
	if p == nil || !strings.Contains(p.Organisation, "Nantes") || p.Contact == nil || p.Contact.Email == "" {
		t.Fatalf("profile: %+v", p)
	}
	if content(t).Profile != nil {
		t.Error("WithProfile changed the shared content")
	}
	if c.Referentiels.Default().ID != "education-nationale" {
		t.Errorf("default référentiel %s", c.Referentiels.Default().ID)
	}
}

// Discord in class: the académie's ENT comes first among the alternatives,
// and its refusal is a reason sourced by the profile.
func TestProfileServicesAndDecisions(t *testing.T) {
	c := exampleProfile(t)
	data, err := os.ReadFile("../examples/discord-classe.yaml")
	if err != nil {
		t.Fatal(err)
	}
	a, err := c.ParseAnswers("discord-classe.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	r := c.Evaluate(a)
	if len(r.LocalAlternatives) == 0 || r.LocalAlternatives[0].ID != "e-lyco" {
		t.Fatalf("local alternatives: %v", r.LocalAlternatives)
	}
	if r.Reasons[0].Decision == nil || r.Reasons[0].Decision.Tool != "discord" {
		t.Fatalf("first reason: %s, want the profile's decision", r.Reasons[0].Rule.ID)
	}
	if got := r.Reasons[0].Text(questionnaire.FR); !strings.HasPrefix(got, "Refusé par Académie de Nantes") {
		t.Errorf("decision text: %q", got)
	}
	if src := r.Reasons[0].Sources[0]; src.Author != c.Profile.Organisation || src.Date != "2026-12-01" || src.URL == "" {
		t.Errorf("decision source: %+v", src)
	}
	if c.Level(a) != r.Level {
		t.Errorf("Level %v, Evaluate %v", c.Level(a), r.Level)
	}
	// Without the profile, no local alternative nor decision.
	plain := content(t).Evaluate(a)
	if len(plain.LocalAlternatives) != 0 || plain.Reasons[0].Decision != nil {
		t.Error("the embedded content has the profile's services or decisions")
	}
}

// A validated tool never lowers the verdict; at primary school the ENT of
// the second degree is not offered.
func TestProfileValidationNeverReassures(t *testing.T) {
	c := exampleProfile(t)
	for _, doc := range []string{
		"outil: tchap\nusage: messagerie\naudience: agents\n",
		"outil: tchap\nusage: messagerie\naudience: eleves\nniveau: ecole\n",
	} {
		a := parse(t, c, doc)
		with, without := c.Evaluate(a), content(t).Evaluate(a)
		if with.Level < without.Level {
			t.Errorf("%q: %v with the profile's validation, %v without", doc, with.Level, without.Level)
		}
	}
	r := c.Evaluate(parse(t, c, "usage: messagerie\naudience: eleves\nniveau: ecole\n"))
	for _, s := range r.LocalAlternatives {
		if s.ID == "e-lyco" {
			t.Error("e-lyco offered at primary school")
		}
	}
}

// Next steps: none without personal data; the DPD first for anything to
// check; the authorisation (head of school, or IEN at primary school) and
// the register for a tool under contract.
func TestNextSteps(t *testing.T) {
	c := content(t)
	data, err := os.ReadFile("../examples/ia-preparation-cours.yaml")
	if err != nil {
		t.Fatal(err)
	}
	lesson, err := c.ParseAnswers("ia-preparation-cours.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	if ids := nextStepIDs(c.Evaluate(lesson)); len(ids) != 0 {
		t.Errorf("a lesson prepared without personal data: steps %v", ids)
	}
	contract := "outil: tchap\nusage: messagerie\naudience: agents\ndonnees: [identite]\nappareil: professionnel\ninscription: compte_institutionnel\nidentification: oui\n"
	ids := nextStepIDs(c.Evaluate(parse(t, c, contract)))
	if !slices.Contains(ids, "autorisation") || !slices.Contains(ids, "registre") || slices.Contains(ids, "dpd") {
		t.Errorf("a tool under contract, all known: steps %v", ids)
	}
	school := nextStepIDs(c.Evaluate(parse(t, c, "outil: ent\nusage: messagerie\naudience: eleves\nniveau: ecole\ndonnees: [identite]\n")))
	if !slices.Contains(school, "autorisation-ien") || slices.Contains(school, "autorisation") {
		t.Errorf("at primary school: steps %v", school)
	}
	for _, doc := range []string{"outil: tchap\nusage: messagerie\n", "usage: visio\n", "outil: discord\n"} {
		r := c.Evaluate(parse(t, c, doc))
		if len(r.ToCheck) == 0 {
			t.Fatalf("%q: nothing to check", doc)
		}
		if ids := nextStepIDs(r); len(ids) == 0 || ids[0] != "dpd" {
			t.Errorf("%q, with things to check: steps %v, want the DPD first", doc, ids)
		}
	}
	if ids := nextStepIDs(c.Evaluate(parse(t, c, "outil: discord\nusage: classe_virtuelle\naudience: eleves\n"))); !slices.Contains(ids, "renoncer") || slices.Contains(ids, "registre") {
		t.Errorf("a tool to proscribe: steps %v", ids)
	}
	// In Suisse romande, the préposé first; no step of the French procedure.
	swiss := nextStepIDs(c.Evaluate(parse(t, c, "referentiel: suisse-romande\nusage: messagerie\naudience: eleves\n")))
	if len(swiss) == 0 || swiss[0] != "prepose" || slices.ContainsFunc(swiss, func(id string) bool {
		return id == "dpd" || id == "autorisation" || id == "registre" || id == "information-familles"
	}) {
		t.Errorf("in Suisse romande: steps %v", swiss)
	}
}

// The profile's local procedure is attached to its step.
func TestProfileProcedure(t *testing.T) {
	c := exampleProfile(t)
	r := c.Evaluate(parse(t, c, "usage: visio\n"))
	if len(r.Steps) == 0 || r.Steps[0].Local == nil || !strings.Contains(r.Steps[0].Local.Text.FR, "en joignant ce rapport") {
		t.Fatalf("steps: %+v", r.Steps)
	}
}

// Bad profiles are refused at their line, with what is allowed.
func TestBadProfiles(t *testing.T) {
	c := content(t)
	const ok = "organisation: Académie\ndate: 2026-01\n"
	for _, tc := range []struct{ doc, path, key string }{
		{"", "", "err_profile_empty"},
		{"date: 2026\n", "organisation", "err_profile_organisation"},
		{"organisation: A\ndate: hier\n", "date", "err_profile_date"},
		{ok + "url: http://ac.fr\n", "url", "err_not_https"},
		{ok + "referentiel: suise\n", "referentiel", "err_unknown_referentiel"},
		{ok + "contact: {}\n", "contact", "err_profile_contact_empty"},
		{ok + "contact: {email: pas-une-adresse}\n", "contact.email", "err_profile_email"},
		{ok + "contact: {url: 'javascript:alert(1)'}\n", "contact.url", "err_not_https"},
		{ok + "services:\n  - {id: ent, name: ENT, for: {fr: x}, usages: [messagerie], audiences: [eleve]}\n", "services[0].audiences[0]", "err_not_value_of"},
		{ok + "services:\n  - {id: ent, name: ENT, for: {fr: x}, usages: [messagerie], audiences: [eleves], levels: [inconnu]}\n", "services[0].levels", "err_alt_level_unknown"},
		{ok + "services:\n  - {id: ent, name: ENT, usages: [messagerie], audiences: [eleves]}\n", "services[0].for", "err_missing_text"},
		{ok + "decisions:\n  - {tool: discrod, decision: refuse, reason: {fr: x}, date: 2026}\n", "decisions[0].tool", "err_profile_tool"},
		{ok + "decisions:\n  - {tool: discord, decision: interdit, reason: {fr: x}, date: 2026}\n", "decisions[0].decision", "err_profile_decision"},
		{ok + "decisions:\n  - {tool: discord, decision: refuse, reason: {fr: x}}\n", "decisions[0].date", "err_not_date"},
		{ok + "procedure:\n  - {step: registr, text: {fr: x}}\n", "procedure[0].step", "err_profile_step"},
		{ok + "catalog:\n  tools:\n    - {id: Zoom}\n", "catalog.tools[0].id", "err_tool_id"},
	} {
		_, err := c.WithProfile("p.yaml", []byte(tc.doc))
		var pe *questionnaire.PosError
		if !errors.As(err, &pe) {
			t.Errorf("%q: %v, want a PosError", tc.doc, err)
			continue
		}
		if pe.Path != tc.path || pe.Text == nil || pe.Text.Key != tc.key {
			t.Errorf("%q: %v (path %q), want %s at %q", tc.doc, err, pe.Path, tc.key, tc.path)
		}
		if tc.doc != "" && pe.Line == 0 {
			t.Errorf("%q: %v has no line", tc.doc, err)
		}
	}
	if _, err := c.WithProfile("p.yaml", []byte(ok+"inconnue: 1\n")); err == nil || !strings.Contains(err.Error(), "inconnue") {
		t.Errorf("an unknown key: %v", err)
	}
}

// A profile's free text is cleaned where it enters: no control character
// reaches a report.
func TestProfileTextIsCleaned(t *testing.T) {
	c, err := content(t).WithProfile("p.yaml", []byte("organisation: \"Acad\\x1b]0;x\\x07émie\"\ndate: 2026\nfooter: {fr: \"a\\x1b[31mb\"}\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{c.Profile.Organisation, c.Profile.Footer.FR} {
		if strings.ContainsAny(s, "\x1b\x07") {
			t.Errorf("%q keeps control characters", s)
		}
	}
}
