package tui

import (
	"strings"
	"testing"
)

// TestFreeNameRecognisedInTheWizard: typing a catalog tool's name as a free
// name says it is recognised, and choosing it takes the catalog entry.
func TestFreeNameRecognisedInTheWizard(t *testing.T) {
	m := newTestModel(t, testOptions(t))
	m = press(t, m, "enter")
	m = typeText(t, m, "zzz")
	m = press(t, m, "enter")
	if !m.tool.naming {
		t.Fatal("not naming")
	}
	for range len("zzz") {
		m = press(t, m, "backspace")
	}
	m = typeText(t, m, "Google Workspace for Education")
	mustContain(t, screen(m), "reconnu dans le catalogue : Google Workspace for Education (offre gratuite)")
	m = press(t, m, "enter")
	if m.answers.Get("outil") != "google-workspace" || m.answers.Meta.ToolName != "" {
		t.Errorf("outil %q, nom_outil %q: the catalog entry is not used", m.answers.Get("outil"), m.answers.Meta.ToolName)
	}
	// A name that is none of the catalog's stays a free name, silently.
	m = newTestModel(t, testOptions(t))
	m = press(t, m, "enter")
	m = typeText(t, m, "zzz")
	m = press(t, m, "enter")
	if s := screen(m); strings.Contains(s, "reconnu dans le catalogue") {
		t.Errorf("zzz is said to be recognised:\n%s", s)
	}
}

// TestFreeNameIsCleaned: a typed or pasted free name goes into reports; a
// bidi override or any other control in it never reaches the answers.
func TestFreeNameIsCleaned(t *testing.T) {
	m := newTestModel(t, testOptions(t))
	m = press(t, m, "enter")
	m = typeText(t, m, "zzz")
	m = press(t, m, "enter")
	for range len("zzz") {
		m = press(t, m, "backspace")
	}
	m = typeText(t, m, "Outil\u202egpj.exe\u2066 local")
	m = press(t, m, "enter")
	if got := m.answers.Meta.ToolName; got != "Outilgpj.exe local" {
		t.Errorf("nom_outil %q keeps a control (%+q)", got, got)
	}
}
