package accessible

import (
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/conduite/conduite/assets"
	"github.com/conduite/conduite/questionnaire"
)

func load(t *testing.T) *questionnaire.Content {
	t.Helper()
	c, err := questionnaire.Load(assets.FS)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// discordInput answers examples/discord-classe.yaml line by line: the tool
// searched and chosen, usage 3, audience 5, mineurs 4, données 2 and 3, the
// catalog kept for hébergement, contrat and modèle économique, inscription
// 6, the catalog kept for identification, appareil 2, then Enter at the
// review.
const discordInput = "discord\n1\n3\n5\n3\n4\n2 3\n\n\n\n6\n\n2\n\n"

func runWith(t *testing.T, input string, o Options) (string, error) {
	t.Helper()
	if o.Now == nil {
		o.Now = func() time.Time { return time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC) }
	}
	// Through a pipe, as a screen reader user's shell or a script would.
	pr, pw := io.Pipe()
	go func() {
		_, _ = io.WriteString(pw, input)
		_ = pw.Close()
	}()
	var out strings.Builder
	err := Run(pr, &out, load(t), o)
	return out.String(), err
}

func TestDiscordThroughAPipe(t *testing.T) {
	out, err := runWith(t, discordInput, Options{Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Question 1 sur 11 : Outil.", "1. Discord", "Question 4 sur 12 : Niveau.", "Question 12 sur 12 : Équipement.",
		"D'après le catalogue : Non : conditions d'un service grand public.",
		"8. Contrat : Non : conditions d'un service grand public (d'après le catalogue)",
		"Verdict : ✖ À proscrire.", "# Conduite à tenir", "## Que faire plutôt",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if strings.ContainsRune(out, '\x1b') {
		t.Error("the accessible mode wrote an escape sequence")
	}
}

func TestEnglishAndSameVerdictAsEvaluate(t *testing.T) {
	c := load(t)
	out, err := runWith(t, discordInput, Options{Lang: questionnaire.EN})
	if err != nil {
		t.Fatal(err)
	}
	a := questionnaire.NewAnswers(map[string][]string{
		"outil": {"discord"}, "usage": {"classe_virtuelle"}, "audience": {"eleves"}, "niveau": {"college_4e_3e"}, "mineurs": {"oui_moins_15"},
		"donnees": {"identite", "images"}, "inscription": {"imposee"}, "appareil": {"personnel"},
	})
	want := c.Evaluate(a).Level
	if !strings.Contains(out, "Verdict: "+want.Symbol()+" "+want.Label(questionnaire.EN)+".") {
		t.Errorf("English verdict is not %v:\n%s", want, out[max(0, len(out)-400):])
	}
}

func TestBackWhyBadInputAndChange(t *testing.T) {
	in := "discord\n1\n" + // tool
		"9\nabc\n?\n3\n" + // usage: out of range, not a number, why, then 3
		"r\n3\n" + // audience: back to usage, keep it... then 3 again
		"5\n3\n4\n2 7\n2 3\n\n\n" + // audience, niveau, mineurs, données: « je ne sais pas » with another refused, then 2 3; hébergement, contrat kept
		"\n6\n\n2\n" + // modèle économique kept, inscription, identification kept, appareil
		"8\n2\n\n" // review: change contrat (8th) to signed (2), then Enter
	out, err := runWith(t, in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Réponse non comprise : tapez un nombre de 1 à 8.",
		"Pourquoi cette question ?",
		"« Je ne sais pas » ne se combine pas avec d'autres réponses.",
		"8. Contrat : Contrat signé par l'institution",
		"Verdict : ▲ Déconseillé.", // Discord with a contract signed by the institution: no longer proscribed
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if strings.Contains(out, "Service grand public sans contrat") {
		t.Error("the rule on a missing contract still fires after the change")
	}
}

func TestFreeToolAndNoTool(t *testing.T) {
	out, err := runWith(t, "Outil Maison\n1\n", Options{})
	if !errors.Is(err, ErrAborted) {
		t.Fatalf("input ended before the end: err %v", err)
	}
	if !strings.Contains(out, "Outil : Outil Maison.") || !strings.Contains(out, "Interrompu") {
		t.Errorf("output:\n%s", out)
	}
	out, _ = runWith(t, "\n", Options{})
	if !strings.Contains(out, "Outil : non précisé.") {
		t.Errorf("no tool:\n%s", out)
	}
}

func TestQuit(t *testing.T) {
	_, err := runWith(t, "discord\n1\nq\n", Options{})
	if !errors.Is(err, ErrAborted) {
		t.Errorf("q: %v", err)
	}
}

func TestReferentiel(t *testing.T) {
	out, _ := runWith(t, "q\n", Options{Referentiel: "suisse-romande"})
	if !strings.Contains(out, "Référentiel : Écoles de Suisse romande.") {
		t.Errorf("output:\n%s", out)
	}
}

// Enter alone on every question, for a tool that is not in the catalog,
// is « Je ne sais pas » each time: the run ends at « Déconseillé » or
// worse, every answer to be checked, never on a reassuring default.
func TestEnterThroughIsNeverReassuring(t *testing.T) {
	for _, lang := range []questionnaire.Lang{questionnaire.FR, questionnaire.EN} {
		in := "Klassroomzz\n1\n" + strings.Repeat("\n", 20)
		out, err := runWith(t, in, Options{Lang: lang})
		if err != nil {
			t.Fatalf("%s: %v\n%s", lang, err, out)
		}
		c := load(t)
		unknown := map[questionnaire.Lang]string{questionnaire.FR: "Je ne sais pas", questionnaire.EN: "I don't know"}[lang]
		for _, want := range []string{
			map[questionnaire.Lang]string{questionnaire.FR: "Entrée seule pour « Je ne sais pas »", questionnaire.EN: "Enter alone for « I don't know »"}[lang],
			map[questionnaire.Lang]string{questionnaire.FR: "Verdict : ▲ Déconseillé.", questionnaire.EN: "Verdict: ▲ Not advised."}[lang],
		} {
			if !strings.Contains(out, want) {
				t.Errorf("%s: output lacks %q:\n%s", lang, want, out)
			}
		}
		answers := strings.Count(out, map[questionnaire.Lang]string{questionnaire.FR: "Réponse : ", questionnaire.EN: "Answer: "}[lang]+unknown+".")
		// Every question asked: those on generative AI and the school
		// level are not, for a use and an audience left unknown.
		if asked := len(c.Questions.List) - 4; answers != asked {
			t.Errorf("%s: %d answers « %s », want one per question (%d)", lang, answers, unknown, asked)
		}
	}
}
