package tui

import (
	"slices"
	"strings"
	"testing"

	"github.com/conduite/conduite/questionnaire"
)

func TestDiscordCaseReachesProscrit(t *testing.T) {
	m := newTestModel(t, testOptions(t))
	m = press(t, m, discordKeys...)
	if m.state != stateReview {
		t.Fatalf("after the Discord answers the state is %v, want review:\n%s", m.state, screen(m))
	}
	want := questionnaire.NewAnswers(map[string][]string{
		"outil": {"discord"}, "usage": {"classe_virtuelle"}, "audience": {"eleves"}, "niveau": {"college_4e_3e"}, "mineurs": {"oui_moins_15"},
		"donnees": {"identite", "images"}, "inscription": {"imposee"}, "appareil": {"personnel"},
	})
	want.Meta.Referentiel = "education-nationale"
	if !m.answers.Equal(want) {
		for _, id := range m.answers.IDs() {
			t.Logf("%s = %v (want %v)", id, m.answers.List(id), want.List(id))
		}
		t.Errorf("answers %v, want %v (catalog facts stay implied, not given)", m.answers.IDs(), want.IDs())
	}
	mustContain(t, screen(m), "Verdict : ✖ À proscrire", "Hébergement", "catalogue")
	m = press(t, m, "enter")
	if m.state != stateResult || m.result.rep.Level != questionnaire.Proscrit {
		t.Fatalf("state %v, level %v; want the result, proscrit", m.state, m.result.rep.Level)
	}
	s := screen(m)
	// At 80×24 the risk picture is folded to one line, and the reasons
	// (the report's first section, from the render commands) show at once.
	mustContain(t, s, "✖  À PROSCRIRE", "Discord", "Le risque, critère par critère : ✖ 3 · ▲ 3 · ◆ 2", "(c pour déplier)", "POURQUOI",
		"Service grand public sans contrat")
	m = press(t, m, "c")
	mustContain(t, screen(m), "Contrat           ▰▰▰▰ ✖")
	if got := m.Summary(); !strings.Contains(got, "À proscrire") {
		t.Errorf("summary %q", got)
	}
}

func TestBackAndForwardKeepEveryAnswer(t *testing.T) {
	m := newTestModel(t, testOptions(t))
	m = press(t, m, "enter")                        // welcome → tool
	m = press(t, m, "down", "down", "down", "down") // Discord is fifth with an empty filter
	m = press(t, m, "enter")
	m = press(t, m, "3", "enter", "1", "enter") // usage classe_virtuelle, audience agents
	if m.current != "donnees" {
		t.Fatalf("among agents, mineurs is skipped: current %q, want donnees", m.current)
	}
	m = press(t, m, "left") // back to audience
	if m.current != "audience" || !slices.Equal(m.question.chosen, []string{"agents"}) {
		t.Fatalf("back: current %q chosen %v", m.current, m.question.chosen)
	}
	m = press(t, m, "shift+tab", "esc") // back to usage, back to the tool
	if m.state != stateTool {
		t.Fatalf("state %v, want tool", m.state)
	}
	if m.tool.matches[m.tool.cursor].ID != "discord" {
		t.Errorf("the tool screen forgot the chosen tool")
	}
	m = press(t, m, "enter") // same tool
	if m.current != "usage" || m.question.cursor != 2 {
		t.Errorf("usage: current %q cursor %d, want usage on its third option", m.current, m.question.cursor)
	}
	m = press(t, m, "right", "right") // forward twice keeps the answers
	if m.current != "donnees" || m.answers.Get("usage") != "classe_virtuelle" || m.answers.Get("audience") != "agents" {
		t.Errorf("forward: current %q answers %v", m.current, m.answers.IDs())
	}
	if m.keys.Forward.Enabled() {
		t.Error("→ is offered on a question not answered yet")
	}
}

func TestConditionalQuestionAppearsAndDisappears(t *testing.T) {
	c := testContent(t)
	m := newTestModel(t, testOptions(t))
	m = press(t, m, "enter", "enter") // WhatsApp, the first tool
	m = press(t, m, "1", "enter", "1", "enter")
	if slices.ContainsFunc(steps(c, m.answers), func(q *questionnaire.Question) bool { return q.ID == "mineurs" }) {
		t.Error("mineurs is a step among agents")
	}
	total := len(steps(c, m.answers))
	m = press(t, m, "left", "5", "enter") // audience: eleves
	if m.current != "niveau" {
		t.Fatalf("with pupils the next question is %q, want niveau", m.current)
	}
	if n := len(steps(c, m.answers)); n != total+2 {
		t.Errorf("%d steps with pupils, want %d (niveau and mineurs)", n, total+2)
	}
	mustContain(t, screen(m), "Étape 4 sur")
	m = press(t, m, "3", "enter") // niveau: college_4e_3e
	if m.current != "mineurs" {
		t.Fatalf("after the level the next question is %q, want mineurs", m.current)
	}
	// Back to agents: niveau and mineurs go, their answers are kept for if
	// they come back.
	m = press(t, m, "4", "enter") // mineurs: oui_moins_15
	m = press(t, m, "left", "left", "left", "1", "enter")
	if m.current != "donnees" || m.answers.Get("mineurs") != "oui_moins_15" || m.answers.Get("niveau") != "college_4e_3e" {
		t.Errorf("current %q, mineurs %q, niveau %q", m.current, m.answers.Get("mineurs"), m.answers.Get("niveau"))
	}
}

func TestMultiChoiceToggleAndExclusive(t *testing.T) {
	m := newTestModel(t, testOptions(t))
	m = press(t, m, "enter", "enter", "1", "enter", "1", "enter") // up to données
	if m.current != "donnees" {
		t.Fatalf("current %q", m.current)
	}
	m = press(t, m, "enter")
	if !m.question.mustTick || m.current != "donnees" {
		t.Fatal("enter with nothing ticked moved on")
	}
	mustContain(t, screen(m), "Cochez au moins une réponse")
	m = press(t, m, "2", "3") // a digit moves the cursor, it ticks nothing
	if len(m.question.chosen) != 0 || m.question.q.Options[m.question.cursor].Value != "images" {
		t.Fatalf("after 2 3: ticked %v, cursor on %d", m.question.chosen, m.question.cursor)
	}
	m = press(t, m, "2", "space", "3", "space") // identite, images
	if !slices.Equal(m.question.chosen, []string{"identite", "images"}) {
		t.Fatalf("ticked %v", m.question.chosen)
	}
	m = press(t, m, "space") // space on a ticked value unticks it
	if !slices.Equal(m.question.chosen, []string{"identite"}) {
		t.Fatalf("after space on images: %v", m.question.chosen)
	}
	m = press(t, m, "7", "space") // je ne sais pas stands alone
	if !slices.Equal(m.question.chosen, []string{"inconnu"}) {
		t.Fatalf("after « je ne sais pas »: %v", m.question.chosen)
	}
	m = press(t, m, "2", "space") // identite replaces it
	if !slices.Equal(m.question.chosen, []string{"identite"}) {
		t.Fatalf("after identite: %v", m.question.chosen)
	}
	m = press(t, m, "enter")
	if got := m.answers.List("donnees"); !slices.Equal(got, []string{"identite"}) {
		t.Errorf("donnees %v", got)
	}
}

func TestWhyToggles(t *testing.T) {
	m := newTestModel(t, testOptions(t))
	m = press(t, m, "enter", "enter")
	if strings.Contains(screen(m), "Pourquoi cette question") {
		t.Fatal("why shown before ?")
	}
	m = press(t, m, "?")
	mustContain(t, screen(m), "Pourquoi cette question ?", "Sources")
	m = press(t, m, "?")
	if strings.Contains(screen(m), "Pourquoi cette question") {
		t.Error("? did not hide why")
	}
}

func TestCatalogAnswersArePrefilledAndMarked(t *testing.T) {
	m := newTestModel(t, testOptions(t))
	m = press(t, m, discordKeys[:22]...) // up to hébergement
	if m.current != "hebergement" {
		t.Fatalf("current %q", m.current)
	}
	mustContain(t, screen(m), "(•) Hors UE", "d'après le catalogue — modifiable")
	m = press(t, m, "up", "enter") // « je ne sais pas » overrides the catalog
	if m.answers.Get("hebergement") != "inconnu" {
		t.Errorf("explicit answer %q", m.answers.Get("hebergement"))
	}
	m = press(t, m, "left", "down", "enter") // back to the catalog's value: implied again
	if m.answers.Has("hebergement") {
		t.Error("choosing the catalog's value should leave the answer implied")
	}
}

func TestReviewEditReturnsToReviewAndReEvaluates(t *testing.T) {
	c := testContent(t)
	m := newTestModel(t, testOptions(t))
	// WhatsApp among staff: examples/whatsapp-agents.yaml.
	m = press(t, m, "enter")
	m = typeText(t, m, "whatsapp")
	m = press(t, m, "enter", "1", "enter", "1", "enter", "2", "space", "4", "space", "enter", // messagerie, agents, identite+scolaires
		"enter", "enter", "enter", // catalog: hébergement, contrat, modèle économique
		"4", "enter", "1", "enter", "2", "enter") // inscription deja_utilisateurs, identification oui, appareil personnel
	if m.state != stateReview {
		t.Fatalf("state %v:\n%s", m.state, screen(m))
	}
	m = press(t, m, "enter")
	if m.result.rep.Level != questionnaire.Proscrit {
		t.Fatalf("WhatsApp among staff: %v, want proscrit", m.result.rep.Level)
	}
	m = press(t, m, "m")
	if m.state != stateReview {
		t.Fatalf("m: state %v", m.state)
	}
	i := stepIndex(steps(c, m.answers), "contrat")
	for m.review.cursor != i {
		m = press(t, m, "up")
	}
	m = press(t, m, "enter")
	if m.state != stateQuestion || m.current != "contrat" || !m.editing {
		t.Fatalf("edit: state %v current %q", m.state, m.current)
	}
	m = press(t, m, "2", "enter") // contrat: oui, signed by the institution
	if m.state != stateReview || m.review.cursor != i {
		t.Fatalf("after the edit: state %v cursor %d, want the review on contrat", m.state, m.review.cursor)
	}
	s := screen(m)
	mustContain(t, s, "Verdict : ▲ Déconseillé", "(avant : ✖ À proscrire)")
	m = press(t, m, "r")
	if m.state != stateResult || m.result.rep.Level != questionnaire.Deconseille {
		t.Errorf("re-evaluated: state %v level %v, want déconseillé", m.state, m.result.rep.Level)
	}
	if m.result.rep.Fired("sans-contrat") {
		t.Error("the rule sans-contrat still fires with a signed contract")
	}
}

func TestEditMakingAQuestionApplyAsksIt(t *testing.T) {
	c := testContent(t)
	m := newTestModel(t, testOptions(t))
	m = press(t, m, "enter")
	m = typeText(t, m, "tchap")
	m = press(t, m, "enter", "1", "enter", "1", "enter", "2", "enter")
	m = answerRest(t, m)
	if m.state != stateReview {
		t.Fatalf("state %v current %q:\n%s", m.state, m.current, screen(m))
	}
	i := stepIndex(steps(c, m.answers), "audience")
	for m.review.cursor != i {
		m = press(t, m, "down")
	}
	m = press(t, m, "enter", "5", "enter") // audience: pupils → niveau and mineurs now apply
	if m.state != stateQuestion || m.current != "niveau" {
		t.Fatalf("after the edit: state %v current %q, want the new question niveau", m.state, m.current)
	}
	m = press(t, m, "2", "enter")
	if m.state != stateQuestion || m.current != "mineurs" {
		t.Fatalf("after the level: state %v current %q, want the new question mineurs", m.state, m.current)
	}
	m = press(t, m, "1", "enter")
	if m.state != stateReview {
		t.Errorf("state %v, want back to the review", m.state)
	}
}

func TestFreeToolName(t *testing.T) {
	m := newTestModel(t, testOptions(t))
	m = press(t, m, "enter")
	m = typeText(t, m, "zzz")
	if len(m.tool.matches) != 0 {
		t.Fatalf("matches for zzz: %d", len(m.tool.matches))
	}
	mustContain(t, screen(m), "Aucun outil du catalogue ne correspond", "Autre outil")
	m = press(t, m, "enter")
	if !m.tool.naming || m.tool.name.Value() != "zzz" {
		t.Fatalf("naming %v value %q", m.tool.naming, m.tool.name.Value())
	}
	m = typeText(t, m, " Chat")
	m = press(t, m, "enter")
	if m.answers.Meta.ToolName != "zzz Chat" || m.answers.Has("outil") || m.current != "usage" {
		t.Errorf("tool name %q, outil %q, current %q", m.answers.Meta.ToolName, m.answers.Get("outil"), m.current)
	}
	// Without a catalog tool every question is asked.
	if n := len(steps(testContent(t), m.answers)); n < 10 {
		t.Errorf("%d steps", n)
	}
}

func TestQuitConfirmsOnceAnswersExist(t *testing.T) {
	m := newTestModel(t, testOptions(t))
	if _, q := quits(t, m, "q"); !q {
		t.Error("q on the welcome screen with no answer should quit at once")
	}
	m = press(t, m, "enter", "enter", "1", "enter")
	m, q := quits(t, m, "q")
	if q || m.state != stateQuitConfirm {
		t.Fatalf("q with answers: quit %v state %v", q, m.state)
	}
	mustContain(t, screen(m), "Quitter conduite ?", "perdues")
	m = press(t, m, "n")
	if m.state != stateQuestion {
		t.Fatalf("n: state %v", m.state)
	}
	m = press(t, m, "ctrl+c")
	if m.state != stateQuitConfirm {
		t.Fatalf("ctrl+c: state %v", m.state)
	}
	m, q = quits(t, m, "y")
	if !q || m.Err() != ErrAborted {
		t.Errorf("y: quit %v err %v", q, m.Err())
	}
	if a, ok := m.Unfinished(); !ok || a.Get("usage") != "messagerie" {
		t.Errorf("unfinished answers %v %v", a.IDs(), ok)
	}
}

func TestQuitFromResultIsANormalEnd(t *testing.T) {
	m := newTestModel(t, testOptions(t))
	m = press(t, m, discordKeys...)
	m = press(t, m, "enter")
	m, q := quits(t, m, "q")
	if !q || m.Err() != nil {
		t.Errorf("q on the result: quit %v err %v", q, m.Err())
	}
	if _, ok := m.Unfinished(); ok {
		t.Error("a run that reached its result is not unfinished")
	}
}

func TestRestartStartsClean(t *testing.T) {
	m := newTestModel(t, testOptions(t))
	m = press(t, m, discordKeys...)
	m = press(t, m, "enter", "n")
	if m.state != stateWelcome || m.hasAnswers() {
		t.Errorf("restart: state %v answers %v", m.state, m.answers.IDs())
	}
}

func TestReferentielChoice(t *testing.T) {
	m := newTestModel(t, testOptions(t))
	mustContain(t, screen(m), "Référentiel : Éducation nationale")
	m = press(t, m, "down", "enter")
	if m.ref != "collectivite" {
		t.Fatalf("ref %q", m.ref)
	}
	mustContain(t, screen(m), "Référentiel : Collectivité")
	m = press(t, m, "up", "enter")
	if m.answers.Meta.Referentiel != "collectivite" {
		t.Errorf("the run's référentiel is %q", m.answers.Meta.Referentiel)
	}
}

func TestHelpShowsOnlyWorkingKeys(t *testing.T) {
	m := newTestModel(t, testOptions(t))
	m = press(t, m, "enter")
	s := screen(m)
	if strings.Contains(s, "q quitter") {
		t.Error("the tool screen types q into the filter: q must not be offered")
	}
	mustContain(t, s, "ctrl+c quitter", "esc retour")
	m = typeText(t, m, "q")
	if m.tool.filter.Value() != "q" {
		t.Errorf("filter %q", m.tool.filter.Value())
	}
	m = press(t, m, "esc", "?")
	if !m.help.ShowAll {
		t.Error("? on the welcome screen should open the full help")
	}
}

// The issue's own path: the Discord case, then « contrat » changed on the
// review screen, and the verdict leaves « À proscrire ».
func TestDiscordContractChangeOnReviewChangesTheVerdict(t *testing.T) {
	c := testContent(t)
	m := newTestModel(t, testOptions(t))
	m = press(t, m, discordKeys...)
	m = press(t, m, "enter")
	if m.result.rep.Level != questionnaire.Proscrit {
		t.Fatalf("Discord: %v, want proscrit", m.result.rep.Level)
	}
	m = press(t, m, "m")
	i := stepIndex(steps(c, m.answers), "contrat")
	for m.review.cursor != i {
		m = press(t, m, "up")
	}
	m = press(t, m, "enter", "2", "enter") // contrat: signed by the institution
	mustContain(t, screen(m), "Verdict : ▲ Déconseillé", "(avant : ✖ À proscrire)")
	m = press(t, m, "r")
	if m.state != stateResult || m.result.rep.Level != questionnaire.Deconseille {
		t.Fatalf("state %v level %v, want the result, déconseillé", m.state, m.result.rep.Level)
	}
	for _, id := range []string{"sans-contrat", "hors-ue-sans-garanties", "mineurs-moins-15", "inscription-imposee", "modele-donnees-eleves"} {
		if m.result.rep.Fired(id) {
			t.Errorf("rule %s still fires with a contract signed by the institution", id)
		}
	}
	mustContain(t, screen(m), "▲  DÉCONSEILLÉ")
}
