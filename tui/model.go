package tui

import (
	"errors"
	"time"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"

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

// Options configure a wizard.
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
	Export      ExportFunc
	Now         func() time.Time

	// Presentation turns on presentation mode (a projector): high
	// contrast, centred content of a bounded width, the help hidden until
	// « ? », the verdict revealed on a key. The welcome screen's « mode
	// atelier » turns it on too.
	Presentation bool
	// Case opens the wizard on that case study (an id of Content.Cases):
	// its screen first, its answers pre-filled. A case run saves nothing.
	Case string
}

// state is the screen the wizard shows.
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
	exitDone             // quit from the result
	exitAborted          // quit before the result, or ctrl+c
)

// Model is the wizard's root model: it owns the answers, the size, the
// styles, the keys and the help, handles quitting, and passes every other
// message to the screen of its state.
type Model struct {
	opts   Options
	c      *questionnaire.Content
	texts  *questionnaire.Texts
	styles Styles
	keys   KeyMap
	help   help.Model
	cache  *renderCache

	width, height int
	state, prev   state // prev: under the quit confirmation

	answers questionnaire.Answers
	ref     string
	level   questionnaire.Level // the verdict of the answers, kept current
	shown   questionnaire.Level // the verdict last shown on the result
	seenRes bool                // the result was shown in this run
	editing bool                // a question opened from the review
	current string              // the question on screen (stateQuestion)

	session *resume.Session
	saveSeq int
	saveErr string
	pending tea.Msg // a start asked for before the content arrived
	gate    *InputGate

	// Workshops (workshop.go, whatif.go).
	present  bool                // presentation mode is on
	kase     *questionnaire.Case // the case study of this run, if any
	revealed bool                // presentation mode: the verdict was revealed
	whatif   []whatIfStep        // the « et si ? » in force, oldest first
	startRef string              // the référentiel a new run starts with

	welcome  welcomeModel
	tool     toolModel
	question questionModel
	review   reviewModel
	result   resultModel
	cases    casesModel
	caseView caseModel

	exit exitKind
}

// New returns a wizard. With opts.Content set it is ready at once (the
// saved session, if any, is read now); else Init loads the content.
func New(opts Options) Model {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Export == nil {
		opts.Export = DefaultExport
	}
	if opts.Lang == "" {
		opts.Lang = questionnaire.FR
	}
	if opts.Dir == "" {
		opts.Dir = "."
	}
	m := Model{opts: opts, c: opts.Content, texts: &questionnaire.Texts{}, cache: &renderCache{}, ref: opts.Referentiel,
		width: 80, height: 24, present: opts.Presentation, gate: &InputGate{}}
	if opts.Case != "" {
		m.state = stateCase // drawn once the content is there
		m.opts.Store = nil  // a case run saves nothing
	}
	if m.c != nil {
		m.texts = m.c.Texts
	}
	m.help = help.New()
	m.setTheme(opts.Theme)
	if m.c != nil {
		m = m.loaded(contentMsg{c: m.c, session: nil}, true)
	}
	m.syncKeys()
	m.gate.follow(&m)
	return m
}

// Init asks the terminal for its background colour (the answer may never
// come: the default theme stays) and loads the content if needed.
func (m Model) Init() tea.Cmd {
	var cmds []tea.Cmd
	if !m.opts.FixedTheme {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	if m.c == nil && m.opts.Load != nil {
		load, store := m.opts.Load, m.opts.Store
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

// loaded takes the content (and the saved session found with it).
func (m Model) loaded(msg contentMsg, readSession bool) Model {
	m.c = msg.c
	m.texts = msg.c.Texts
	m.keys = NewKeyMap(m.env().t)
	if _, err := m.c.Referentiels.Lookup(m.ref); err != nil {
		m.ref = m.c.Referentiels.Default().ID
	}
	session, problem := msg.session, msg.problem
	if readSession && m.opts.Store != nil {
		session, problem = m.opts.Store.Load(m.c)
	}
	m.session = session
	var ce *resume.CorruptError
	switch {
	case errors.As(problem, &ce) && ce.AsideTo != "":
		m.welcome.note, m.welcome.bad = m.env().t("wiz_resume_corrupt", "path", ce.AsideTo), true
	case problem != nil:
		m.welcome.note, m.welcome.bad = m.env().t("wiz_resume_unreadable", "err", problem.Error()), true
	}
	m.answers.Meta.Referentiel = m.ref
	m.startRef = m.ref
	if m.opts.Case != "" {
		if k, ok := m.c.Cases.Get(m.opts.Case); ok {
			m = m.withCase(k)
		} else {
			m.state = stateCases
		}
	}
	return m
}

// setTheme builds the styles of a theme (in presentation mode, its
// presentation variant).
func (m *Model) setTheme(t Theme) {
	m.opts.Theme = t
	if m.present {
		m.styles = NewPresentationStyles(t)
	} else {
		m.styles = NewStyles(t)
	}
	m.help.Styles = m.styles.Help
	m.keys = NewKeyMap(m.env().t)
}

// env is what the screens get: the content, the texts, the styles, the keys
// and the size of the body.
func (m *Model) env() env {
	_, w := m.frame()
	return env{c: m.c, texts: m.texts, lang: m.opts.Lang, st: &m.styles, keys: &m.keys,
		width: max(10, w), height: max(3, m.height-m.chromeHeight()), compact: m.compact()}
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

// screen is the state to draw and to update: too small wins.
func (m Model) screen() state {
	if m.width < MinWidth || m.height < MinHeight {
		return stateTooSmall
	}
	return m.state
}

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
	return m.answers, !m.seenRes && m.hasAnswers()
}

// Summary is one line to print once the wizard has left the screen: the
// tool and the verdict, when a result was shown.
func (m Model) Summary() string {
	if !m.seenRes || m.state != stateResult || m.result.hidden {
		return ""
	}
	name := m.result.doc.Tool.Name
	if name == "" {
		name = m.env().t("report_no_tool")
	}
	lvl := m.result.rep.Level
	return m.env().t("wiz_summary", "tool", name, "verdict", lvl.Symbol()+" "+lvl.Label(m.opts.Lang))
}

// Answers returns the answers as they stand.
func (m Model) Answers() questionnaire.Answers { return m.answers }

// State names the screen shown (for tests and logs).
func (m Model) State() string { return m.screen().String() }

func (m Model) hasAnswers() bool {
	return m.answers.Len() > 0 || m.answers.Meta.ToolName != ""
}
