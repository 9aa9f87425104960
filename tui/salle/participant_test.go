package salle

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/conduite/conduite/internal/contenttest"
	"github.com/conduite/conduite/questionnaire"
	room "github.com/conduite/conduite/salle"
)

func ptRoom(t *testing.T) *room.Room {
	t.Helper()
	c := contenttest.Content(t)
	k, _ := c.Cases.Get("discord-classe")
	r, err := room.New(room.Config{Content: c, Case: k, Code: "4821", Max: 5})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func ptKey(s string) tea.KeyPressMsg {
	switch s {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	}
	return tea.KeyPressMsg{Code: rune(s[0]), Text: s}
}

func ptPress(t *testing.T, m tea.Model, keys ...string) (tea.Model, tea.Cmd) {
	t.Helper()
	var cmd tea.Cmd
	for _, k := range keys {
		m, cmd = m.Update(ptKey(k))
	}
	return m, cmd
}

func ptScreen(m tea.Model) string { return ansi.Strip(m.View().Content) }

func TestParticipantPromptsForTheCode(t *testing.T) {
	r := ptRoom(t)
	s := room.NewLocalSession(r, questionnaire.FR)
	m := NewParticipant(s)
	if !strings.Contains(ptScreen(m), "Code de la salle") {
		t.Fatalf("no prompt:\n%s", ptScreen(m))
	}
	m, _ = ptPress(t, m, "1", "1", "1", "1", "enter")
	if !strings.Contains(ptScreen(m), "code incorrect") || r.Snapshot().Participants != 0 {
		t.Errorf("wrong code:\n%s", ptScreen(m))
	}
	m, _ = ptPress(t, m, "4", "8", "2", "9", "backspace", "1", "enter")
	if s.Participant == "" || r.Snapshot().Participants != 1 {
		t.Fatalf("right code refused:\n%s", ptScreen(m))
	}
	if !strings.Contains(ptScreen(m), "Vous êtes dans la salle") {
		t.Errorf("lobby:\n%s", ptScreen(m))
	}
}

func TestParticipantVotesAndChanges(t *testing.T) {
	r := ptRoom(t)
	s := room.NewLocalSession(r, questionnaire.FR)
	if _, err := s.Join("4821"); err != nil {
		t.Fatal(err)
	}
	m := NewParticipant(s)
	m, _ = m.Update(tea.WindowSizeMsg{Width: 60, Height: 30})
	if err := r.OpenVote(0); err != nil {
		t.Fatal(err)
	}
	m, _ = m.Update(r.Snapshot())
	st := r.Snapshot().Steps[0]
	if !strings.Contains(ptScreen(m), "Question 1 sur") || !strings.Contains(ptScreen(m), "Vote ouvert") {
		t.Fatalf("the step:\n%s", ptScreen(m))
	}
	if w := m.View().WindowTitle; !strings.Contains(w, "Question 1 sur") {
		t.Errorf("title %q", w)
	}
	m, _ = ptPress(t, m, "down", "space", "enter")
	if got := r.Mine(s.Participant, 0); len(got) != 1 || got[0] != st.Values[1] {
		t.Fatalf("vote %v, want %s", got, st.Values[1])
	}
	if !strings.Contains(ptScreen(m), "Vote enregistré") || !strings.Contains(ptScreen(m), "Votre vote :") {
		t.Errorf("after the vote:\n%s", ptScreen(m))
	}
	m, _ = ptPress(t, m, "down", "enter") // a single choice: enter sends the highlighted value
	if !st.Multi {
		if got := r.Mine(s.Participant, 0); len(got) != 1 || got[0] != st.Values[2] {
			t.Errorf("changed vote %v, want %s", got, st.Values[2])
		}
	}
	if r.Snapshot().Voters != 1 {
		t.Errorf("%d voters", r.Snapshot().Voters)
	}
	if err := r.CloseVote(); err != nil {
		t.Fatal(err)
	}
	m, _ = m.Update(r.Snapshot())
	before := r.Mine(s.Participant, 0)
	m, _ = ptPress(t, m, "down", "space", "enter")
	if got := r.Mine(s.Participant, 0); strings.Join(got, ",") != strings.Join(before, ",") {
		t.Errorf("voted on a closed step: %v", got)
	}
	if !strings.Contains(ptScreen(m), "Vote clos") {
		t.Errorf("closed:\n%s", ptScreen(m))
	}
	m, _ = ptPress(t, m, "tab")
	if !strings.Contains(ptScreen(m), "Vote closed") || !strings.Contains(ptScreen(m), "Your vote:") {
		t.Errorf("in English:\n%s", ptScreen(m))
	}
	if err := r.Reveal(); err != nil {
		t.Fatal(err)
	}
	m, _ = m.Update(r.Snapshot())
	if !strings.Contains(ptScreen(m), "✔ the case's answer") {
		t.Errorf("revealed:\n%s", ptScreen(m))
	}
	for _, line := range strings.Split(ptScreen(m), "\n") {
		if w := ansi.StringWidth(line); w > 60 {
			t.Errorf("a line of %d cells at width 60: %q", w, line)
		}
	}
	if _, cmd := ptPress(t, m, "q"); cmd == nil {
		t.Error("q does not quit")
	}
}

func TestParticipantMultiVote(t *testing.T) {
	r := ptRoom(t)
	s := room.NewLocalSession(r, questionnaire.EN)
	if _, err := s.Join("4821"); err != nil {
		t.Fatal(err)
	}
	m := NewParticipant(s)
	for i, st := range r.Snapshot().Steps {
		if !st.Multi {
			continue
		}
		if err := r.OpenVote(i); err != nil {
			t.Fatal(err)
		}
		m, _ = m.Update(r.Snapshot())
		m, _ = ptPress(t, m, "space", "down", "space", "enter")
		got := r.Mine(s.Participant, i)
		if q, _ := r.Content().Questions.Get(st.Question); q.IsExclusive(st.Values[0]) || q.IsExclusive(st.Values[1]) {
			if len(got) != 0 || !strings.Contains(ptScreen(m), "not an answer") {
				t.Errorf("an exclusive value with another: %v\n%s", got, ptScreen(m))
			}
		} else if len(got) != 2 {
			t.Errorf("multi vote %v, want two values", got)
		}
		return
	}
	t.Skip("no multi step in the case")
}
