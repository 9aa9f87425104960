package salle

import (
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/conduite/conduite/internal/safetext"
	"github.com/conduite/conduite/questionnaire"
	room "github.com/conduite/conduite/salle"
	"github.com/conduite/conduite/tui"
)

// Participant is one SSH participant's screen: the join code when the SSH
// user name was not one, then the current step of the room, the values to
// tick, the participant's own vote and the phase. It reads the room through
// the snapshots the server sends it (room.Snapshot messages) and votes
// through the room's methods; it keeps nothing else.
type Participant struct {
	sess   *room.Session
	loc    questionnaire.Localizer
	st     *tui.Styles // shared by every session: read only
	keys   partKeys
	help   help.Model
	snap   room.Snapshot
	step   int      // the step ticked refers to
	ticked []string // the values ticked, not yet sent
	mine   []string // the vote the room holds
	cursor int      // the highlighted value
	code   string   // the code being typed, before joining
	err    string   // the last refusal, in words
	notice string   // « vote enregistré »
	width  int
	ending bool // refused: the screen says why, then the session ends

	// What was drawn: the current step in words (made again when the
	// step, its phase or the language change) and the last frame (drawn
	// again only after a change: a session's screen is redrawn at each
	// message, and hundreds of them share the laptop).
	words      room.StepView
	wordsKey   string
	frame      tea.View
	frameValid bool
}

// partKeys are the participant's keys; each screen enables those that work.
type partKeys struct {
	Up, Down, Tick, Send, Lang, Quit key.Binding
}

func newPartKeys(t func(string, ...any) string) partKeys {
	return partKeys{
		Up:   key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/↓", t("key_up_down"))),
		Down: key.NewBinding(key.WithKeys("down", "j")),
		Tick: key.NewBinding(key.WithKeys("space", "x"), key.WithHelp(t("key_toggle_label"), t("key_toggle"))),
		Send: key.NewBinding(key.WithKeys("enter"), key.WithHelp(t("key_select_label"), t("salle_p_key_send"))),
		Lang: key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", t("salle_p_key_lang"))),
		Quit: key.NewBinding(key.WithKeys("ctrl+c", "esc", "q"), key.WithHelp("q", t("key_quit"))),
	}
}

// ShortHelp and FullHelp make partKeys a help.KeyMap of the enabled keys.
func (k partKeys) ShortHelp() []key.Binding {
	var on []key.Binding
	for _, b := range []key.Binding{k.Up, k.Tick, k.Send, k.Lang, k.Quit} {
		if b.Enabled() {
			on = append(on, b)
		}
	}
	return on
}

// FullHelp is ShortHelp on one line.
func (k partKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// NewParticipant makes the model of one SSH session (a room.App).
func NewParticipant(s *room.Session) tea.Model {
	getenv := s.Getenv
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	m := &Participant{sess: s, st: partStyles(tui.ThemeFromEnv(getenv)), step: -1, width: 80}
	m.setLang(s.Lang)
	m.snap = s.Room.Snapshot()
	m.follow()
	return m
}

// partStyles are the wizard's styles of a theme, built once for every
// session (hundreds of them share the same few) and shared, not copied: a
// tui.Styles is about 26 KiB.
func partStyles(t tui.Theme) *tui.Styles {
	i := min(max(int(t), 0), len(partBuilt)-1)
	partOnce[i].Do(func() { partBuilt[i] = tui.NewStyles(t) })
	return &partBuilt[i]
}

// Zero until a session of that theme needs them (nothing is built at start).
var (
	partOnce  [3]sync.Once
	partBuilt [3]tui.Styles
)

func (m *Participant) setLang(l questionnaire.Lang) {
	m.loc = m.sess.Room.Content().Texts.For(l)
	m.keys = newPartKeys(m.loc.T)
	m.help = help.New()
	m.help.Styles = m.st.Help
}

// Init asks for nothing: the server sends the snapshots.
func (m *Participant) Init() tea.Cmd { return nil }

type partQuitMsg struct{}

// Update handles the room's snapshots, the window's size and the keys.
func (m *Participant) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg.(type) {
	case room.Snapshot, tea.WindowSizeMsg, tea.KeyPressMsg:
		m.frameValid = false
	}
	switch msg := msg.(type) {
	case room.Snapshot:
		m.snap = msg
		m.follow()
	case tea.WindowSizeMsg:
		m.width = msg.Width
		m.help.SetWidth(msg.Width)
	case partQuitMsg:
		return m, tea.Quit
	case tea.KeyPressMsg:
		return m, m.key(msg)
	}
	return m, nil
}

// follow takes the room's current step: a new step starts from the vote
// the participant gave it, if any.
func (m *Participant) follow() {
	p := m.sess.Participant
	if p == "" || m.snap.Current < 0 {
		return
	}
	m.mine = m.sess.Room.Mine(p, m.snap.Current)
	if m.snap.Current != m.step {
		m.step, m.ticked, m.cursor, m.notice, m.err = m.snap.Current, slices.Clone(m.mine), 0, "", ""
	}
}

func (m *Participant) key(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Quit):
		return tea.Quit
	case m.ending:
		return nil
	case key.Matches(msg, m.keys.Lang):
		m.setLang(otherPartLang(m.loc.Lang()))
		return nil
	case m.sess.Participant == "":
		return m.typeCode(msg)
	}
	n := len(m.options())
	switch {
	case key.Matches(msg, m.keys.Up):
		m.cursor = (m.cursor + n - 1) % max(n, 1)
	case key.Matches(msg, m.keys.Down):
		m.cursor = (m.cursor + 1) % max(n, 1)
	case key.Matches(msg, m.keys.Tick):
		m.tick()
	case key.Matches(msg, m.keys.Send):
		m.send()
	}
	return nil
}

func otherPartLang(l questionnaire.Lang) questionnaire.Lang {
	if l == questionnaire.FR {
		return questionnaire.EN
	}
	return questionnaire.FR
}

// typeCode edits the join code; enter tries it.
func (m *Participant) typeCode(msg tea.KeyPressMsg) tea.Cmd {
	switch s := msg.String(); {
	case s == "enter":
		_, err := m.sess.Join(m.code)
		m.code = ""
		if err != nil {
			m.err = safetext.Line(m.loc.Error(err))
			if room.Refused(err) {
				m.ending = true
				return tea.Tick(3*time.Second, func(time.Time) tea.Msg { return partQuitMsg{} })
			}
			return nil
		}
		m.err = ""
		m.follow()
	case s == "backspace" && m.code != "":
		m.code = m.code[:len(m.code)-1]
	case len(msg.Text) == 1 && msg.Text[0] >= '0' && msg.Text[0] <= '9' && len(m.code) < 12:
		m.code += msg.Text
	}
	return nil
}

func (m *Participant) options() []room.OptionView {
	if m.snap.Current < 0 {
		return nil
	}
	return m.stepWords().Options
}

// stepWords is the current step in words, made once per step, phase and
// language.
func (m *Participant) stepWords() room.StepView {
	k := string(m.loc.Lang()) + "-" + strconv.Itoa(m.snap.Current) + "-" + strconv.Itoa(int(m.snap.Phase)) + "-" + strconv.Itoa(len(m.snap.Steps))
	if k != m.wordsKey {
		m.words, m.wordsKey = room.Describe(m.sess.Room.Content(), m.loc, m.snap, m.snap.Current), k
	}
	return m.words
}

func (m *Participant) open() bool {
	return m.snap.Phase == room.Voting && m.sess.Participant != "" && m.snap.Current >= 0
}

// tick ticks or unticks the highlighted value; a single choice keeps one.
func (m *Participant) tick() {
	opts := m.options()
	if !m.open() || m.cursor >= len(opts) {
		return
	}
	v := opts[m.cursor].Value
	multi := m.snap.Steps[m.snap.Current].Multi
	switch {
	case slices.Contains(m.ticked, v):
		m.ticked = slices.DeleteFunc(m.ticked, func(x string) bool { return x == v })
	case multi:
		m.ticked = append(m.ticked, v)
	default:
		m.ticked = []string{v}
	}
	m.notice = ""
}

// send gives the ticked values as the vote; a single choice sends the
// highlighted value.
func (m *Participant) send() {
	if !m.open() {
		return
	}
	if opts := m.options(); !m.snap.Steps[m.snap.Current].Multi && m.cursor < len(opts) {
		m.ticked = []string{opts[m.cursor].Value}
	}
	err := m.sess.Room.Vote(m.sess.Participant, m.snap.Current, m.ticked)
	if err != nil {
		m.err, m.notice = safetext.Line(m.loc.Error(err)), ""
		return
	}
	m.mine = m.sess.Room.Mine(m.sess.Participant, m.snap.Current)
	m.ticked = slices.Clone(m.mine)
	m.err, m.notice = "", m.loc.T("salle_p_sent")
}

// View draws the screen inline, not in the alternate screen: over SSH the
// room draws it whole over the last frame (salle/sshscreen.go), and the
// last screen stays in the participant's terminal after the session.
func (m *Participant) View() tea.View {
	if !m.frameValid {
		m.frame, m.frameValid = m.draw(), true
	}
	return m.frame
}

func (m *Participant) draw() tea.View {
	w := max(20, m.width-2)
	var b strings.Builder
	b.WriteString(m.st.Brand.Render("conduite") + m.st.Subtitle.Render(" · "+m.loc.T("salle_p_subtitle")) + "\n\n")
	switch {
	case m.sess.Participant == "":
		m.viewCode(&b)
	case m.snap.Current < 0:
		b.WriteString(m.st.StepLabel.Render(room.PhaseLabel(m.loc, room.Lobby)) + "\n\n")
		b.WriteString(m.st.Text.Render(lipgloss.Wrap(m.loc.T("salle_web_lobby"), w, " ")) + "\n")
	default:
		m.viewStep(&b, w)
	}
	if m.err != "" {
		b.WriteString("\n" + m.st.Error.Render(lipgloss.Wrap(m.err, w, " ")) + "\n")
	}
	if m.notice != "" {
		b.WriteString("\n" + m.st.Success.Render(lipgloss.Wrap(m.notice, w, " ")) + "\n")
	}
	m.syncKeys()
	b.WriteString("\n" + m.help.View(m.keys) + "\n")
	v := tea.NewView(m.st.App.Render(b.String()))
	v.WindowTitle = m.title()
	return v
}

// title is the terminal's title: « conduite · Question 2 sur 7 · Vote
// ouvert », so the step and its phase show even in a tab.
func (m *Participant) title() string {
	t := "conduite · " + m.loc.T("salle_p_subtitle")
	if m.sess.Participant != "" && m.snap.Current >= 0 {
		v := m.stepWords()
		t = "conduite · " + v.Counter + " · " + v.Phase
	}
	return t
}

func (m *Participant) syncKeys() {
	joined, open := m.sess.Participant != "", m.open()
	m.keys.Up.SetEnabled(open)
	m.keys.Down.SetEnabled(open)
	m.keys.Tick.SetEnabled(open)
	m.keys.Send.SetEnabled(open || (!joined && !m.ending))
	m.keys.Lang.SetEnabled(!m.ending)
}

func (m *Participant) viewCode(b *strings.Builder) {
	b.WriteString(m.st.Question.Render(m.loc.T("salle_web_join_code")) + "\n\n")
	b.WriteString(m.st.Input.Render(m.code+"▏") + "\n\n")
	b.WriteString(m.st.Muted.Render(m.loc.T("salle_web_join_help")) + "\n")
}

func (m *Participant) viewStep(b *strings.Builder, w int) {
	v := m.stepWords()
	b.WriteString(m.st.StepLabel.Render(v.Counter+" · "+v.Phase) + "\n\n")
	if v.Title != "" {
		b.WriteString(m.st.Title.Render(v.Title) + "\n")
	}
	b.WriteString(m.st.Question.Render(lipgloss.Wrap(v.Prompt, w, " ")) + "\n")
	if v.Context != "" {
		b.WriteString(m.st.Muted.Render(lipgloss.Wrap(v.Context, w, " ")) + "\n")
	}
	hint := "salle_web_single"
	if v.Multi {
		hint = "salle_web_multi"
	}
	b.WriteString(m.st.Muted.Render(m.loc.T(hint)) + "\n\n")
	open := m.open()
	for i, o := range v.Options {
		b.WriteString(m.optionLine(o, i == m.cursor && open, v.Multi, w) + "\n")
	}
	b.WriteString("\n" + m.st.Text.Render(lipgloss.Wrap(v.MineLabel(m.loc, m.mine), w, " ")) + "\n")
}

func (m *Participant) optionLine(o room.OptionView, here, multi bool, w int) string {
	mark := "( )"
	if multi {
		mark = "[ ]"
	}
	if slices.Contains(m.ticked, o.Value) {
		mark = "(•)"
		if multi {
			mark = "[x]"
		}
	}
	cursor, style := "  ", m.st.Text
	if here {
		cursor, style = m.st.Cursor.Render("› "), m.st.Highlight
	}
	line := cursor + m.st.Chosen.Render(mark) + " " + style.Render(lipgloss.Wrap(o.Label, max(10, w-6), " "))
	if m.snap.Phase == room.Revealed && o.Answer {
		line += " " + m.st.Success.Render("✔ "+m.loc.T("salle_web_answer_mark"))
	}
	return line
}
