package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/conduite/conduite/questionnaire"
	"github.com/conduite/conduite/report"
)

// reviewModel shows every answer on one screen; choosing one edits it, and
// the verdict at the top follows each change at once.
type reviewModel struct {
	cursor int // in the steps; len(steps) is « voir la recommandation »
}

// reviewData is what the review shows that the root owns.
type reviewData struct {
	answers questionnaire.Answers
	steps   []*questionnaire.Question
	level   questionnaire.Level
	before  questionnaire.Level // the verdict last shown, to say what changed
	changed bool
	hidden  bool // presentation mode: the verdict waits for the vote
}

// focus puts the cursor on question id (or on « voir la recommandation »).
func (r reviewModel) focus(d reviewData, id string) reviewModel {
	r.cursor = len(d.steps)
	if i := stepIndex(d.steps, id); i >= 0 {
		r.cursor = i
	}
	return r
}

func (r reviewModel) update(msg tea.Msg, e env, d reviewData) (reviewModel, tea.Msg) {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return r, nil
	}
	n := len(d.steps) + 1
	r.cursor = min(r.cursor, n-1)
	switch {
	case key.Matches(km, e.keys.Up):
		r.cursor = (r.cursor + n - 1) % n
	case key.Matches(km, e.keys.Down):
		r.cursor = (r.cursor + 1) % n
	case key.Matches(km, e.keys.Select):
		if r.cursor == len(d.steps) {
			return r, showResultMsg{}
		}
		return r, editMsg{id: d.steps[r.cursor].ID}
	case key.Matches(km, e.keys.Result):
		return r, showResultMsg{}
	case key.Matches(km, e.keys.Back):
		return r, backMsg{}
	}
	return r, nil
}

func (r reviewModel) view(e env, d reviewData) string {
	st := e.st
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
		answer, tag, warn := answerText(e, d.answers, q)
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

// answerText says a question's answer for the review: the label, a tag
// for where it comes from, and whether it is missing.
func answerText(e env, a questionnaire.Answers, q *questionnaire.Question) (text, tag string, missing bool) {
	if q.Kind == questionnaire.KindTool {
		if t := toolOf(e.c, a); t != nil {
			return t.Name, "", false
		}
		if a.Meta.ToolName != "" {
			return a.Meta.ToolName, "", false
		}
		return e.t("wiz_no_tool"), "", false
	}
	if a.Has(q.ID) {
		return report.AnswerLabel(e.c, q, a.List(q.ID), e.lang), "", false
	}
	if v := e.c.FactsFor(a)[q.ID]; v != "" {
		return report.AnswerLabel(e.c, q, []string{v}, e.lang), e.t("wiz_catalog_short"), false
	}
	return e.t("wiz_not_answered"), "", true
}
