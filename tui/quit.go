package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// quitModel asks before quitting a run that has answers; the screen it
// stands over keeps its place (and its renders) underneath.
type quitModel struct {
	under screen
}

func (q quitModel) kind() state { return stateQuitConfirm }

func (q quitModel) update(msg tea.Msg, e env) (screen, tea.Msg, tea.Cmd) {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		// Renders and exports in flight belong to the screen underneath.
		var cmd tea.Cmd
		q.under, _, cmd = q.under.update(msg, e)
		return q, nil, cmd
	}
	switch {
	case key.Matches(km, e.keys.Yes):
		return q, quitMsg{abort: true}, nil
	case key.Matches(km, e.keys.No):
		return q.under, resumeMsg{}, nil
	}
	return q, nil, nil
}

// resumeMsg comes back from the quit confirmation to the screen under it.
type resumeMsg struct{}

func (resumeMsg) apply(m Model) (Model, tea.Cmd) { return m.relayout() }

func (q quitModel) view(e env) string {
	st := e.st
	msg := e.t("wiz_quit_lost")
	if e.save.store != nil && e.save.err == "" && !e.run.Seen() {
		msg = e.t("wiz_quit_saved")
	}
	return st.Question.Render(e.t("wiz_quit_title")) + "\n\n" + st.Text.Render(e.wrap(msg, 0))
}

func (q quitModel) keys(e env) helpKeys {
	k := e.keys
	k.only(&k.Yes, &k.No, &k.Quit, &k.Abort)
	return helpKeys{short: []key.Binding{k.Yes, k.No}}
}

func (q quitModel) setSize(e env) (screen, tea.Cmd) {
	var cmd tea.Cmd
	q.under, cmd = q.under.setSize(e)
	return q, cmd
}

func (q quitModel) header(e env) stepInfo { return q.under.header(e) }
