package tui

import (
	"errors"
	"time"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
	"github.com/mattn/go-runewidth"

	"github.com/conduite/conduite/internal/resume"
	"github.com/conduite/conduite/questionnaire"
)

// ErrAborted is returned by Model.Err when the user left before the
// recommendation (the command line exits with status 130).
var ErrAborted = errors.New("wizard aborted")

// The smallest terminal the wizard draws in; below it, it asks for more room.
const (
	MinWidth  = 60
	MinHeight = 20
)

// Store keeps the answers of an unfinished run (package resume's Store).
type Store interface {
	Load(c *questionnaire.Content) (*resume.Session, error)
	Save(seq int, a questionnaire.Answers) error
	Discard(seq int) error
}

// Options configure a wizard. They are read, never changed, after New.
type Options struct {
	// Content is the loaded content. When nil, Load is called in a command
	// (the command line loads the content while the terminal starts: it is
	// there before the renderer's first frame) and the screen stays empty
	// until it comes.
	Content *questionnaire.Content
	Load    func() (*questionnaire.Content, error)

	Lang        questionnaire.Lang
	Referentiel string // référentiel id; "" for the default
	Version     string // conduite's version, for the report header
	Theme       Theme  // the starting theme
	FixedTheme  bool   // keep Theme: do not ask the terminal its background
	Store       Store  // where the run is saved after each step; nil: --no-save
	Dir         string // the folder where exports go
	// Export writes the report (DefaultExport, package export's); nil
	// turns export off (no « e » on the result).
	Export ExportFunc
	Now    func() time.Time

	// Presentation turns on presentation mode (a projector): high
	// contrast, centred content of a bounded width, the help hidden until
	// « ? », the verdict revealed on a key. The welcome screen's « mode
	// atelier » turns it on too.
	Presentation bool
	// Case opens the wizard on that case study (an id of Content.Cases):
	// its screen first, its answers pre-filled. A case run saves nothing.
	Case string
}

// state names a screen of the wizard. Registering a screen is adding its
// state here (and its name below).
type state int

const (
	stateWelcome state = iota
	stateTool
	stateQuestion
	stateReview
	stateResult
	stateCases // the list of case studies (« mode atelier »)
	stateCase  // one case: its story, then the questions for the room
	stateQuitConfirm
	stateTooSmall
)

var stateNames = [...]string{"welcome", "tool", "question", "review", "result", "cases", "case", "quit-confirm", "too-small"}

func (s state) String() string { return stateNames[s] }

// exitKind says how the wizard ended.
type exitKind int

const (
	exitNone    exitKind = iota
	exitDone             // a normal quit: nothing was lost (q on the welcome, the result)
	exitAborted          // ctrl+c, or quit with a run left unfinished
)

// Model is the wizard's root model: it owns the run, the size, the styles,
// the keys and the help, handles quitting, and passes every other message
// to the active screen.
type Model struct {
	opts   Options // as given to New (defaults filled in), never changed
	c      *questionnaire.Content
	texts  *questionnaire.Texts
	styles Styles // of the current theme; styles.Present: presentation mode
	keys   KeyMap
	help   help.Model
	cache  *renderCache

	width, height int
	active        screen // the screen shown (under the too-small notice)

	run     wizardRun
	save    saver
	pending tea.Msg // a start asked for before the content arrived
	gate    *InputGate
	exit    exitKind
}

// saver is where the run is saved: the store (nil once a case run starts),
// the saved session found at start, the order of the saves and the last
// failure.
type saver struct {
	store   Store
	session *resume.Session
	seq     int
	err     string
	// discarded: the session was deleted when this run's result first
	// showed (once is enough).
	discarded bool
}

// New returns a wizard. With opts.Content set it is ready at once (the
// saved session, if any, is read now); else Init loads the content.
func New(opts Options) Model {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Lang == "" {
		opts.Lang = questionnaire.FR
	}
	if opts.Dir == "" {
		opts.Dir = "."
	}
	m := Model{opts: opts, c: opts.Content, texts: &questionnaire.Texts{}, cache: &renderCache{},
		width: 80, height: 24, gate: &InputGate{}, save: saver{store: opts.Store}}
	m.active = welcomeModel{}
	if opts.Case != "" {
		m.active = caseModel{} // drawn once the content is there
		m.save.store = nil     // a case run saves nothing
	}
	if m.c != nil {
		m.texts = m.c.Texts
	}
	m.help = help.New()
	// The styles are built with the content (loaded): until then the screen
	// is empty, and building them here would delay Bubble Tea's start, and
	// so its first frame, by half a millisecond.
	m.styles = Styles{Theme: opts.Theme, Present: opts.Presentation}
	m.keys = NewKeyMap(m.t)
	if m.c != nil {
		m = m.loaded(contentMsg{c: m.c, session: nil}, true)
	}
	m.syncKeys()
	m.gate.follow(&m)
	return m
}

// Init asks the terminal for its background colour (the answer may never
// come: the default theme stays), loads the content if needed, and has the
// table of character widths built meanwhile (warmWidths).
func (m Model) Init() tea.Cmd {
	cmds := []tea.Cmd{warmWidths}
	if !m.opts.FixedTheme {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	if m.c == nil && m.opts.Load != nil {
		load, store := m.opts.Load, m.save.store
		cmds = append(cmds, func() tea.Msg {
			c, err := load()
			msg := contentMsg{c: c, err: err}
			if err == nil && store != nil {
				msg.session, msg.problem = store.Load(c)
			}
			return msg
		})
	}
	return tea.Batch(cmds...)
}

// warmWidths builds go-runewidth's table of character widths, in a command's
// goroutine while the content loads. Bubble Tea's renderer measures every
// cell it draws with it (on terminals that do not announce grapheme
// clustering, mode 2027), and the table (2 MB) is built on the first
// character above U+02FF: every screen of the wizard has one (« ✔ », « … »,
// a rule), so the first frame would build it on the renderer's tick, 1.5 ms
// on the way to the screen (BENCHMARKS.md « Start-up beside the floor »).
func warmWidths() tea.Msg {
	runewidth.RuneWidth('✔')
	return nil
}

// loaded takes the content (and the saved session found with it).
func (m Model) loaded(msg contentMsg, readSession bool) Model {
	m.c = msg.c
	m.texts = msg.c.Texts
	if !m.styles.built {
		m.setStyles(m.styles.Theme, m.styles.Present)
	}
	m.keys = NewKeyMap(m.t)
	m.run = wizardRun{Run: questionnaire.NewRun(m.c, m.opts.Referentiel)}
	session, problem := msg.session, msg.problem
	if readSession && m.save.store != nil {
		session, problem = m.save.store.Load(m.c)
	}
	m.save.session = session
	var ce *resume.CorruptError
	switch {
	case errors.As(problem, &ce) && ce.AsideTo != "":
		m.active = welcomeModel{note: m.t("wiz_resume_corrupt", "path", ce.AsideTo), bad: true}
	case problem != nil:
		m.active = welcomeModel{note: m.t("wiz_resume_unreadable", "err", m.texts.For(m.opts.Lang).Error(problem)), bad: true}
	}
	if m.opts.Case != "" {
		if k, ok := m.c.Cases.Get(m.opts.Case); ok {
			m = m.withCase(k)
		} else {
			m.active = casesModel{}
		}
	}
	return m
}

// setTheme builds the styles of a theme (in presentation mode, its
// presentation variant) and the keys, whose help they style.
func (m *Model) setTheme(t Theme, present bool) {
	m.setStyles(t, present)
	m.keys = NewKeyMap(m.t)
}

func (m *Model) setStyles(t Theme, present bool) {
	if present {
		m.styles = NewPresentationStyles(t)
	} else {
		m.styles = NewStyles(t)
	}
	m.help.Styles = m.styles.Help
}

// frame returns the left margin and the width of the content: the whole
// terminal but a column each side, or in presentation mode a centred
// column of at most Styles.MaxWidth with wider margins.
func (m Model) frame() (left, width int) {
	st := &m.styles
	if !st.Present {
		return 1, m.width - 2
	}
	marginX := st.MarginX
	if m.compact() {
		marginX = presCompactMarginX // the report needs the columns more than the frame
	}
	width = m.width - 2*marginX
	if st.MaxWidth > 0 {
		width = min(width, st.MaxWidth)
	}
	width = max(10, width)
	return max(0, (m.width-width)/2), width
}

// tooSmall says whether the terminal is below the smallest the wizard
// draws in.
func (m Model) tooSmall() bool { return m.width < MinWidth || m.height < MinHeight }

// kind is the state of the active screen.
func (m Model) kind() state { return m.active.kind() }

// Err returns ErrAborted when the user left before the recommendation.
func (m Model) Err() error {
	if m.exit == exitAborted {
		return ErrAborted
	}
	return nil
}

// Unfinished returns the answers of a run left before its result, for a
// last save (false when there is nothing to keep).
func (m Model) Unfinished() (questionnaire.Answers, bool) {
	return m.run.Answers(), !m.run.Seen() && m.run.HasAnswers()
}

// Summary is one line to print once the wizard has left the screen: the
// tool and the verdict, when a result was shown.
func (m Model) Summary() string {
	if !m.run.Seen() || m.kind() != stateResult || m.run.hidden(m.styles.Present) {
		return ""
	}
	name := m.run.Answers().Meta.ToolName
	if t := m.run.Tool(); t != nil {
		name = t.Name
	}
	if name == "" {
		name = m.t("report_no_tool")
	}
	return m.t("wiz_summary", "tool", name, "verdict", levelText(m.run.shown, m.opts.Lang))
}

// Answers returns the answers as they stand.
func (m Model) Answers() questionnaire.Answers { return m.run.Answers() }

// State names the screen shown (for tests and logs).
func (m Model) State() string {
	if m.tooSmall() {
		return stateTooSmall.String()
	}
	return m.kind().String()
}
