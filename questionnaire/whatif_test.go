package questionnaire_test

import (
	"testing"

	"github.com/conduite/conduite/questionnaire"
)

// « Et si ? » on the Discord case: changing its answers one by one to those
// of Tchap, the verdict leaves « À proscrire » exactly at the step where the
// last proscrit rule stops matching, and Compare names that rule.
func TestWhatIfDiscordTowardsTchap(t *testing.T) {
	c := content(t)
	k, ok := c.Cases.Get("discord-classe")
	if !ok {
		t.Fatal("case discord-classe missing")
	}
	// Walk the effective answers (the tool's catalog facts made explicit),
	// question by question: that is what the room sees change.
	explicit := func(a questionnaire.Answers) questionnaire.Answers {
		r := c.Resolve(a)
		out := questionnaire.Answers{}
		for _, q := range c.Questions.List {
			if q.ID != questionnaire.QTool && r.Answers.Has(q.ID) {
				out = out.Set(q.ID, r.Answers.List(q.ID)...)
			}
		}
		return out
	}
	cur := explicit(k.Answers)
	target := explicit(parse(t, c, `{outil: tchap, usage: messagerie, audience: agents, donnees: [identite],
		inscription: compte_institutionnel, identification: oui, appareil: professionnel}`))
	rep := c.Evaluate(cur.WithReferentiel(k.Referentiel))
	if rep.Level != questionnaire.Proscrit {
		t.Fatalf("the Discord case starts at %s", rep.Level)
	}
	left := false
	for _, q := range c.Questions.List {
		next := cur.Unset(q.ID)
		if target.Has(q.ID) {
			next = next.Set(q.ID, target.List(q.ID)...)
		}
		if next.Equal(cur) {
			continue
		}
		after := c.Evaluate(next.WithReferentiel(k.Referentiel))
		ch := questionnaire.Compare(rep, after)
		proscritLeft := 0
		for _, r := range after.Reasons {
			if r.Rule.Level == questionnaire.Proscrit {
				proscritLeft++
			}
		}
		switch {
		case !left && after.Level < questionnaire.Proscrit:
			left = true
			if len(ch.Decisive) == 0 {
				t.Fatalf("step %s: the verdict left À proscrire but no decisive rule is named", q.ID)
			}
			for _, r := range ch.Decisive {
				if r.Level != questionnaire.Proscrit || after.Fired(r.ID) || !rep.Fired(r.ID) {
					t.Errorf("step %s: decisive rule %s must be a proscrit rule that stopped matching", q.ID, r.ID)
				}
			}
			t.Logf("the verdict leaves À proscrire when %s changes; decisive: %s", q.ID, ch.Decisive[0].ID)
		case !left && proscritLeft == 0:
			t.Fatalf("step %s: no proscrit rule left but the verdict is still %s", q.ID, after.Level)
		case left && after.Level == questionnaire.Proscrit:
			t.Errorf("step %s: back to À proscrire while moving towards Tchap", q.ID)
		}
		if !ch.Changed() && len(ch.Decisive) > 0 {
			t.Errorf("step %s: decisive rules without a change of verdict", q.ID)
		}
		cur, rep = next, after
	}
	if !left {
		t.Fatal("the verdict never left À proscrire")
	}
	if rep.Level != questionnaire.Recommande {
		t.Errorf("with all of Tchap's answers the verdict is %s, want recommande", rep.Level)
	}
}

func TestCompareUpwards(t *testing.T) {
	c := content(t)
	a := c.Evaluate(parse(t, c, `{outil: tchap, usage: messagerie, audience: agents, donnees: [identite], appareil: professionnel}`))
	b := c.Evaluate(parse(t, c, `{outil: tchap, usage: messagerie, audience: agents, donnees: [sensibles], appareil: professionnel}`))
	ch := questionnaire.Compare(a, b)
	if !ch.Changed() || ch.After != questionnaire.SousConditions || len(ch.Decisive) != 1 || ch.Decisive[0].ID != "donnees-sensibles-outil-maitrise" {
		t.Errorf("Compare = %+v", ch)
	}
}
