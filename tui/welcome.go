package tui

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/conduite/conduite/internal/resume"
	"github.com/conduite/conduite/questionnaire"
)

// welcomeItem is one line of the welcome menu.
type welcomeItem int

const (
	itemStart welcomeItem = iota
	itemResume
	itemDiscard
	itemReferentiel
	itemWorkshop
)

// welcomeModel is the first screen: what conduite does, then start, resume
// a saved session, or choose the référentiel.
type welcomeModel struct {
	cursor int
	note   string // a message: the saved session was set aside, discarded…
	bad    bool   // the note reports a problem
}

// welcomeData is what the welcome screen shows of the run.
type welcomeData struct {
	loaded  bool
	session *resume.Session
	ref     *questionnaire.Referentiel
	noSave  bool
	cases   bool   // there are case studies: offer « mode atelier »
	org     string // the profile's organisation, "" without one
}

func welcomeDataOf(e env) welcomeData {
	d := welcomeData{loaded: e.c != nil, session: e.save.session, noSave: e.save.store == nil}
	if e.c != nil {
		d.ref, _ = e.c.Referentiels.Get(e.run.ref())
		d.cases = len(e.c.Cases.List) > 0
		if p := e.c.Profile; p != nil {
			d.org = p.Organisation
		}
	}
	return d
}

func (w welcomeModel) kind() state                   { return stateWelcome }
func (w welcomeModel) header(env) stepInfo           { return stepInfo{} }
func (w welcomeModel) setSize(env) (screen, tea.Cmd) { return w, nil }
func (w welcomeModel) keys(e env) helpKeys {
	k := e.keys
	k.only(&k.Up, &k.Down, &k.Select, &k.Help, &k.Quit, &k.Abort)
	return helpKeys{short: []key.Binding{k.Up, k.Select, k.Help, k.Quit},
		full: [][]key.Binding{{k.Up, k.Select}, {k.Quit, k.Abort, k.Help}}}
}

func (d welcomeData) items() []welcomeItem {
	items := []welcomeItem{itemStart}
	if d.session != nil {
		items = append(items, itemResume, itemDiscard)
	}
	if d.loaded {
		items = append(items, itemReferentiel)
		if d.cases {
			items = append(items, itemWorkshop)
		}
	}
	return items
}

func (w welcomeModel) update(msg tea.Msg, e env) (screen, tea.Msg, tea.Cmd) {
	w, in := w.press(msg, e)
	return w, in, nil
}

func (w welcomeModel) press(msg tea.Msg, e env) (welcomeModel, tea.Msg) {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return w, nil
	}
	d := welcomeDataOf(e)
	items := d.items()
	w.cursor = min(w.cursor, len(items)-1)
	switch {
	case key.Matches(km, e.keys.Up):
		w.cursor = (w.cursor + len(items) - 1) % len(items)
	case key.Matches(km, e.keys.Down):
		w.cursor = (w.cursor + 1) % len(items)
	case key.Matches(km, e.keys.Select):
		switch items[w.cursor] {
		case itemStart:
			return w, startMsg{}
		case itemResume:
			return w, startMsg{resume: true}
		case itemDiscard:
			w.cursor = 0
			w.note, w.bad = e.t("wiz_discarded"), false
			return w, discardMsg{}
		case itemReferentiel:
			return w, referentielMsg{id: nextReferentiel(e.c, d.ref, 1)}
		case itemWorkshop:
			return w, casesMsg{}
		}
	case key.Matches(km, e.keys.Forward) && items[w.cursor] == itemReferentiel:
		return w, referentielMsg{id: nextReferentiel(e.c, d.ref, 1)}
	case key.Matches(km, e.keys.Back) && items[w.cursor] == itemReferentiel:
		return w, referentielMsg{id: nextReferentiel(e.c, d.ref, -1)}
	}
	return w, nil
}

// nextReferentiel returns the id of the référentiel after (or before) ref.
func nextReferentiel(c *questionnaire.Content, ref *questionnaire.Referentiel, step int) string {
	ids := c.Referentiels.IDs()
	i := 0
	for j, id := range ids {
		if ref != nil && id == ref.ID {
			i = j
		}
	}
	return ids[(i+step+len(ids))%len(ids)]
}

func (w welcomeModel) view(e env) string {
	st := e.st
	d := welcomeDataOf(e)
	var b strings.Builder
	if d.org != "" {
		b.WriteString(st.Title.Render(e.wrap(e.t("wiz_profile", "org", d.org), 0)))
		b.WriteString("\n\n")
	}
	b.WriteString(st.Text.Render(e.wrap(e.t("wiz_intro"), 0)))
	b.WriteString("\n\n")
	for _, k := range []string{"wiz_point_time", "wiz_point_local", "wiz_point_result"} {
		b.WriteString(st.Text.Render(e.wrap("• "+e.t(k), 0)))
		b.WriteString("\n")
	}
	b.WriteString("\n")
	items := d.items()
	cursor := min(w.cursor, len(items)-1)
	for i, it := range items {
		var label string
		switch it {
		case itemStart:
			label = e.t("wiz_start")
		case itemResume:
			label = e.t("wiz_resume", "n", strconv.Itoa(answerCount(d.session.Answers)), "date", formatDate(d.session, e.lang))
		case itemDiscard:
			label = e.t("wiz_discard")
		case itemReferentiel:
			label = e.t("wiz_referentiel", "name", d.ref.Name.In(e.lang))
		case itemWorkshop:
			label = e.t("ws_welcome_item")
		}
		line := menuLine(e, label, i == cursor)
		b.WriteString(line)
		hint := ""
		switch {
		case it == itemReferentiel && i == cursor:
			hint = " " + st.Muted.Render(e.t("wiz_referentiel_hint"))
		case it == itemWorkshop && i == cursor:
			hint = " " + st.Muted.Render(e.t("ws_welcome_hint"))
		}
		if hint != "" && lipgloss.Width(line)+lipgloss.Width(hint) <= e.width {
			b.WriteString(hint) // only where it fits
		}
		b.WriteString("\n")
		if it == itemReferentiel {
			desc := clip(e.wrap(d.ref.Description.In(e.lang), e.width-4), 2)
			b.WriteString(st.Muted.Render(indent(desc, "    ")))
			b.WriteString("\n")
		}
	}
	if !d.loaded {
		b.WriteString(st.Muted.Render("  " + e.t("wiz_loading")))
		b.WriteString("\n")
	}
	switch {
	case w.note != "" && w.bad:
		b.WriteString("\n" + st.Warning.Render(e.wrap("⚠ "+w.note, 0)) + "\n")
	case w.note != "":
		b.WriteString("\n" + st.Muted.Render(e.wrap(w.note, 0)) + "\n")
	case d.noSave:
		b.WriteString("\n" + st.Muted.Render(e.wrap(e.t("wiz_no_save"), 0)) + "\n")
	}
	return b.String()
}

// menuLine draws one line of a menu, with the cursor when highlighted.
func menuLine(e env, label string, on bool) string {
	if on {
		return e.st.Cursor.Render("›") + " " + e.st.Highlight.Render(label)
	}
	return "  " + e.st.Text.Render(label)
}

func indent(s, prefix string) string {
	return prefix + strings.ReplaceAll(s, "\n", "\n"+prefix)
}

// answerCount counts the answers of a session, a free tool name included.
func answerCount(a questionnaire.Answers) int {
	n := a.Len()
	if a.Meta.ToolName != "" && !a.Has(questionnaire.QTool) {
		n++
	}
	return n
}

func formatDate(s *resume.Session, lang questionnaire.Lang) string {
	if s.Saved.IsZero() {
		return "?"
	}
	if lang == questionnaire.EN {
		return s.Saved.Format("2006-01-02 15:04")
	}
	return s.Saved.Format("02/01/2006 15:04")
}

// startMsg leaves the welcome screen: a new run, or the saved one.
type startMsg struct{ resume bool }

func (msg startMsg) apply(m Model) (Model, tea.Cmd) {
	if msg.resume && m.save.session != nil {
		return m.moved(m.run.Resume(m.save.session.Answers))
	}
	return m.moved(m.run.Start())
}

// discardMsg deletes the saved session (welcome screen).
type discardMsg struct{}

func (discardMsg) apply(m Model) (Model, tea.Cmd) {
	m.save.session = nil
	return m, m.discardCmd()
}

// referentielMsg switches the référentiel (welcome screen).
type referentielMsg struct{ id string }

func (msg referentielMsg) apply(m Model) (Model, tea.Cmd) {
	m.run.Run, _ = m.run.WithReferentiel(msg.id)
	return m, nil
}
