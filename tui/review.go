package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/conduite/conduite/questionnaire"
)

// reviewModel shows every answer on one screen; choosing one edits it, and
// the verdict at the top follows each change at once.
type reviewModel struct {
	cursor int // in the steps; len(steps) is « voir la recommandation »
}

// reviewData is what the review shows of the run.
type reviewData struct {
	answers questionnaire.Answers
	steps   []*questionnaire.Question
	level   questionnaire.Level
	before  questionnaire.Level // the verdict last shown, to say what changed
	changed bool
	hidden  bool // presentation mode: the verdict waits for the vote
}

func reviewDataOf(e env) reviewData {
	return reviewData{answers: e.run.Answers(), steps: e.run.Steps(), level: e.run.Level(),
		before: e.run.shown, changed: e.run.Seen(), hidden: e.hidden()}
}

// newReview puts the cursor on the run's focus: the question just left,
// or « voir la recommandation ».
func newReview(run questionnaire.Run) reviewModel {
	ss := run.Steps()
	r := reviewModel{cursor: len(ss)}
	if i := stepIndex(ss, run.Focus()); i >= 0 {
		r.cursor = i
	}
	return r
}

func (r reviewModel) kind() state                   { return stateReview }
func (r reviewModel) setSize(env) (screen, tea.Cmd) { return r, nil }

func (r reviewModel) header(e env) stepInfo {
	return stepInfo{label: e.t("wiz_step_review"), k: 1, n: 1, inRun: true}
}

func (r reviewModel) keys(e env) helpKeys {
	k := e.keys
	k.only(&k.Up, &k.Down, &k.Select, &k.Result, &k.Back, &k.Help, &k.Quit, &k.Abort)
	return helpKeys{short: []key.Binding{k.Up, k.Select, k.Result, k.Back, k.Help, k.Quit},
		full: [][]key.Binding{{k.Up, k.Select, k.Result}, {k.Back, k.Quit, k.Abort, k.Help}}}
}

func (r reviewModel) update(msg tea.Msg, e env) (screen, tea.Msg, tea.Cmd) {
	r, in := r.press(msg, e)
	return r, in, nil
}

func (r reviewModel) press(msg tea.Msg, e env) (reviewModel, tea.Msg) {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return r, nil
	}
	d := reviewDataOf(e)
	n := len(d.steps) + 1
	r.cursor = min(r.cursor, n-1)
	if c, ok := moveCursor(km, e.keys, r.cursor, n); ok {
		r.cursor = c
		return r, nil
	}
	switch {
	case key.Matches(km, e.keys.Select):
		if r.cursor == len(d.steps) {
			return r, showResultMsg{}
		}
		return r, editMsg{id: d.steps[r.cursor].ID}
	case key.Matches(km, e.keys.Result):
		return r, showResultMsg{}
	case key.Matches(km, e.keys.Back):
		return r, reviewBackMsg{}
	}
	return r, nil
}

func (r reviewModel) view(e env) string {
	st := e.st
	d := reviewDataOf(e)
	var b strings.Builder
	verdict := st.Level(d.level).Render(d.level.Symbol() + " " + d.level.Label(e.lang))
	if d.hidden {
		verdict = st.Muted.Render(e.t("ws_review_hidden"))
	}
	line := st.Question.Render(e.t("wiz_review_verdict", "verdict", "")) + verdict
	if d.changed && d.before != d.level && !d.hidden {
		line += " " + st.Muted.Render(e.t("wiz_review_before", "verdict", d.before.Symbol()+" "+d.before.Label(e.lang)))
	}
	b.WriteString(line + "\n")
	b.WriteString(st.Muted.Render(e.wrap(e.t("wiz_review_intro"), 0)) + "\n\n")

	titleW := 0
	for _, q := range d.steps {
		titleW = max(titleW, lipgloss.Width(q.Title.In(e.lang)))
	}
	n := len(d.steps) + 1
	room := max(3, e.height-lipgloss.Height(b.String())-1)
	lo, hi := window(n, r.cursor, room)
	for i := lo; i < hi; i++ {
		if i == len(d.steps) {
			b.WriteString("\n" + reviewLink(e, i == r.cursor) + "\n")
			continue
		}
		q := d.steps[i]
		title := q.Title.In(e.lang)
		title += strings.Repeat(" ", titleW-lipgloss.Width(title))
		cur := "  "
		if i == r.cursor {
			cur = st.Cursor.Render("›") + " "
			title = st.Highlight.Render(title)
		} else {
			title = st.ReviewKey.Render(title)
		}
		answer, tag, warn := answerText(e, q)
		avail := e.width - titleW - 4
		val := truncate(answer, max(8, avail))
		row := cur + title + "  "
		if warn {
			row += st.Warning.Render(val)
		} else {
			row += st.Text.Render(val)
		}
		if tag != "" && lipgloss.Width(val)+lipgloss.Width(tag)+3 <= avail {
			row += st.Catalog.Render(" · " + tag)
		}
		b.WriteString(row + "\n")
	}
	return b.String()
}

func reviewLink(e env, on bool) string {
	label := "→ " + e.t("wiz_review_show")
	if on {
		return e.st.Cursor.Render("›") + " " + e.st.Highlight.Render(label)
	}
	return "  " + e.st.Link.Render(label)
}

// answerText says a question's answer as the run shows it: the label, a
// tag for where it comes from, and whether it is missing.
func answerText(e env, q *questionnaire.Question) (text, tag string, missing bool) {
	shown := e.run.Shown(q, e.lang)
	if shown.Origin == questionnaire.OriginCatalog {
		tag = e.t("wiz_catalog_short")
	}
	return shown.Text, tag, shown.Missing
}

// editMsg opens one question from the review screen.
type editMsg struct{ id string }

func (msg editMsg) apply(m Model) (Model, tea.Cmd) { return m.moved(m.run.Edit(msg.id)) }

// showResultMsg evaluates and shows the result.
type showResultMsg struct{}

func (showResultMsg) apply(m Model) (Model, tea.Cmd) { return m.moved(m.run.Finish()) }

// reviewBackMsg leaves the review for the last question.
type reviewBackMsg struct{}

func (reviewBackMsg) apply(m Model) (Model, tea.Cmd) { return m.moved(m.run.Back()) }
