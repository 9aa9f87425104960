// Package accessible is the wizard's plain mode for screen readers and
// braille displays (conduite --accessible, or ACCESSIBLE=1): it writes
// lines and reads lines, with numbered choices, no cursor movement, no
// colour and no alternate screen. It asks the same questions in the same
// order as the interactive wizard (package flow) and ends on the same
// verdict, followed by the Markdown report. It works through a pipe.
package accessible

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/conduite/conduite/internal/safetext"
	"github.com/conduite/conduite/questionnaire"
	"github.com/conduite/conduite/report"
	"github.com/conduite/conduite/tui/internal/flow"
)

// ErrAborted is returned when the user quits, or the input ends, before the
// recommendation.
var ErrAborted = errors.New("accessible wizard aborted")

// Options configure a run.
type Options struct {
	Lang        questionnaire.Lang
	Referentiel string // référentiel id; "" for the default
	Version     string // conduite's version, for the report header
	Now         func() time.Time
}

// maxTools is how many catalog matches are offered at once.
const maxTools = 9

// Run asks the questions on in and out, then writes the verdict and the
// Markdown report to out.
func Run(in io.Reader, out io.Writer, c *questionnaire.Content, o Options) error {
	if o.Lang == "" {
		o.Lang = questionnaire.FR
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 4096), 64*1024)
	r := &run{in: sc, out: bufio.NewWriter(out), c: c, o: o}
	err := r.run()
	if errors.Is(err, ErrAborted) {
		r.say(r.t("acc_aborted"))
	}
	if ferr := r.out.Flush(); err == nil {
		err = ferr
	}
	return err
}

type run struct {
	in  *bufio.Scanner
	out *bufio.Writer
	c   *questionnaire.Content
	o   Options
	a   questionnaire.Answers
}

// command is what a line says besides an answer.
type command int

const (
	cmdNone command = iota
	cmdBack
	cmdWhy
	cmdQuit
)

func parseCommand(s string) command {
	switch strings.ToLower(s) {
	case "r", "retour", "b", "back", "<":
		return cmdBack
	case "?", "pourquoi", "why", "aide", "help":
		return cmdWhy
	case "q", "quitter", "quit":
		return cmdQuit
	}
	return cmdNone
}

func (r *run) t(key string, kv ...string) string {
	s := r.c.Texts.T(r.o.Lang, key)
	for i := 0; i+1 < len(kv); i += 2 {
		s = strings.ReplaceAll(s, "{"+kv[i]+"}", kv[i+1])
	}
	return s
}

func (r *run) say(lines ...string) {
	for _, l := range lines {
		r.out.WriteString(l)
		r.out.WriteString("\n")
	}
}

// read flushes the output, then reads one line; false at the end of input.
func (r *run) read() (string, bool) {
	_ = r.out.Flush()
	if !r.in.Scan() {
		return "", false
	}
	// What is typed (or piped in from a file) is free text: cleaned here,
	// where it comes in (a tool name typed is echoed and reported).
	return strings.TrimSpace(safetext.Line(r.in.Text())), true
}

func (r *run) run() error {
	ref, _ := r.c.Referentiels.Get(r.o.Referentiel)
	if ref == nil {
		ref = r.c.Referentiels.Default()
	}
	r.a.Meta.Referentiel = ref.ID
	r.say(r.t("acc_intro"), r.t("acc_referentiel", "name", ref.Name.In(r.o.Lang)), "")

	id := questionnaire.QTool
	editing := false // a question chosen from the review
	for {
		if id == "" {
			next, done, err := r.review()
			if err != nil {
				return err
			}
			if done {
				return r.result()
			}
			id, editing = next, true
			continue
		}
		back, err := r.ask(id)
		if err != nil {
			return err
		}
		ss := flow.Steps(r.c, r.a)
		i := flow.Index(ss, id)
		switch {
		case editing && back:
			id = ""
		case editing:
			// A new question may apply after the change: ask it, then
			// come back to the review.
			id = flow.FirstUnanswered(r.c, r.a)
		case back && i <= 0:
			r.say(r.t("acc_first_question"), "")
		case back:
			id = ss[i-1].ID
		case i+1 < len(ss):
			id = ss[i+1].ID
		default:
			id = ""
		}
	}
}

// ask asks question id; back reports that the user asked to go back.
func (r *run) ask(id string) (back bool, err error) {
	q, _ := r.c.Questions.Get(id)
	ss := flow.Steps(r.c, r.a)
	r.say(r.t("acc_question", "k", strconv.Itoa(flow.Index(ss, id)+1), "n", strconv.Itoa(len(ss)), "title", q.Title.In(r.o.Lang)),
		q.Text.In(r.o.Lang))
	if q.Kind == questionnaire.KindTool {
		return r.askTool(q)
	}
	for i, o := range q.Options {
		r.say(fmt.Sprintf("%d. %s — %s", i+1, o.Label.In(r.o.Lang), o.Help.In(r.o.Lang)))
	}
	// Enter alone takes the preset, as the wizard's cursor starts on it:
	// the answer given, the catalog's, else « Je ne sais pas », never a
	// reassuring value the user did not give.
	preset := r.c.Preset(r.a, q)
	current := preset.Values
	fromCatalog := preset.Origin == questionnaire.OriginCatalog
	for {
		label := report.AnswerLabel(r.c, q, current, r.o.Lang)
		switch {
		case fromCatalog:
			r.say(r.t("acc_catalog_keep", "value", label))
		case !preset.Assumed():
			r.say(r.t("acc_current_keep", "value", label))
		case q.Kind == questionnaire.KindMulti:
			r.say(r.t("acc_choices_multi_unknown", "value", label))
		default:
			r.say(r.t("acc_choice_unknown", "n", strconv.Itoa(len(q.Options)), "value", label))
		}
		line, act := r.readAnswer(q)
		switch act {
		case actBack:
			return true, nil
		case actQuit:
			return false, ErrAborted
		case actAgain:
			continue
		case actLine:
		}
		if line == "" {
			if preset.Assumed() {
				r.a = r.a.Set(id, current...) // « Je ne sais pas », said
			}
			r.say(r.t("acc_answer", "value", label), "")
			return false, nil
		}
		vals, msg := r.parseChoice(q, line)
		if msg != "" {
			r.say(msg)
			continue
		}
		if q.Kind != questionnaire.KindMulti && fromCatalog && vals[0] == current[0] {
			r.a = r.a.Unset(id) // the catalog's answer: not an explicit one
		} else {
			r.a = r.a.Set(id, vals...)
		}
		r.say(r.t("acc_answer", "value", report.AnswerLabel(r.c, q, vals, r.o.Lang)), "")
		return false, nil
	}
}

// parseChoice reads one number (or several for a multi question); msg
// says what is wrong.
func (r *run) parseChoice(q *questionnaire.Question, line string) (vals []string, msg string) {
	n := len(q.Options)
	bad := r.t("acc_bad_choice", "n", strconv.Itoa(n))
	fields := strings.FieldsFunc(line, func(c rune) bool { return c == ' ' || c == ',' || c == ';' })
	if len(fields) == 0 || (q.Kind != questionnaire.KindMulti && len(fields) > 1) {
		return nil, bad
	}
	for _, f := range fields {
		i, err := strconv.Atoi(f)
		if err != nil || i < 1 || i > n {
			return nil, bad
		}
		if v := q.Options[i-1].Value; !slices.Contains(vals, v) {
			vals = append(vals, v)
		}
	}
	if len(vals) > 1 {
		for _, v := range vals {
			if q.IsExclusive(v) {
				o, _ := q.Option(v)
				return nil, r.t("acc_exclusive", "value", o.Label.In(r.o.Lang))
			}
		}
	}
	return vals, ""
}

func (r *run) why(q *questionnaire.Question) {
	var titles []string
	for _, s := range r.c.Sources.Resolve(q.Sources) {
		titles = append(titles, s.Citation(r.c.Texts, r.o.Lang))
	}
	r.say(r.t("wiz_why_title"), q.Why.In(r.o.Lang), r.t("wiz_sources", "list", strings.Join(titles, r.t("list_sep"))))
}

// action is what a line typed at a prompt asks for.
type action int

const (
	actLine  action = iota // an answer to read
	actBack                // « r »: the previous question
	actQuit                // « q », or the end of the input
	actAgain               // « ? » was answered: ask again
)

// readAnswer reads a line and handles the commands every prompt shares:
// back, quit, and « ? », whose explanation it prints.
func (r *run) readAnswer(q *questionnaire.Question) (string, action) {
	line, ok := r.read()
	if !ok {
		return "", actQuit
	}
	switch parseCommand(line) {
	case cmdBack:
		return line, actBack
	case cmdQuit:
		return line, actQuit
	case cmdWhy:
		r.why(q)
		return line, actAgain
	case cmdNone:
	}
	return line, actLine
}

// askTool searches the catalog by name.
func (r *run) askTool(q *questionnaire.Question) (bool, error) {
	for {
		r.say(r.t("acc_tool_prompt"))
		line, act := r.readAnswer(q)
		switch act {
		case actBack:
			return true, nil
		case actQuit:
			return false, ErrAborted
		case actAgain:
			continue
		case actLine:
		}
		if line == "" {
			r.a = r.a.Unset(questionnaire.QTool)
			r.a.Meta.ToolName = ""
			r.say(r.t("acc_tool_chosen", "name", r.t("wiz_no_tool")), "")
			return false, nil
		}
		found := r.c.Catalog.Search(line)
		if len(found) > maxTools {
			found = found[:maxTools]
		}
		if len(found) == 0 {
			r.say(r.t("wiz_tool_none"))
		} else {
			r.say(r.t("acc_tool_found"))
		}
		for i, t := range found {
			r.say(fmt.Sprintf("%d. %s", i+1, t.Name))
		}
		other, again := len(found)+1, len(found)+2
		r.say(fmt.Sprintf("%d. %s", other, r.t("acc_tool_other", "name", line)))
		r.say(fmt.Sprintf("%d. %s", again, r.t("acc_tool_search_again")))
		for {
			r.say(r.t("acc_choice", "n", strconv.Itoa(again)))
			choice, ok := r.read()
			if !ok {
				return false, ErrAborted
			}
			if parseCommand(choice) == cmdQuit {
				return false, ErrAborted
			}
			i, err := strconv.Atoi(choice)
			switch {
			case err != nil || i < 1 || i > again:
				r.say(r.t("acc_bad_choice", "n", strconv.Itoa(again)))
				continue
			case i == again:
			case i == other:
				if t, ok := r.c.Catalog.Match(line); ok {
					// The free name is one of a catalog tool's names: that
					// entry, its facts and its rules apply, and we say so.
					r.say(r.t("name_matched", "name", line, "tool", t.Name))
					r.chooseTool(t)
					return false, nil
				}
				r.a = r.a.Unset(questionnaire.QTool)
				r.a.Meta.ToolName = line
				r.say(r.t("acc_tool_chosen", "name", line), "")
				return false, nil
			default:
				r.chooseTool(found[i-1])
				return false, nil
			}
			break
		}
	}
}

// chooseTool sets the catalog tool and says what the catalog knows of it
// under the run's référentiel.
func (r *run) chooseTool(t *questionnaire.Tool) {
	r.a = r.a.Set(questionnaire.QTool, t.ID)
	r.a.Meta.ToolName = ""
	r.say(r.t("acc_tool_chosen", "name", t.Name))
	facts := r.c.FactsFor(r.a)
	var parts []string
	for _, id := range questionnaire.ToolFactQuestions() {
		if v := facts[id]; v != "" {
			fq, _ := r.c.Questions.Get(id)
			parts = append(parts, strings.ToLower(fq.Title.In(r.o.Lang))+" ("+report.AnswerLabel(r.c, fq, []string{v}, r.o.Lang)+")")
		}
	}
	if len(parts) > 0 {
		r.say(r.t("wiz_tool_knows", "facts", strings.Join(parts, ", ")))
	}
	r.say("")
}

// review lists the answers; Enter (or the end of input) shows the result, a
// number asks that question again.
func (r *run) review() (next string, done bool, err error) {
	ss := flow.Steps(r.c, r.a)
	r.say(r.t("acc_review"))
	for i, q := range ss {
		r.say(fmt.Sprintf("%d. %s : %s", i+1, q.Title.In(r.o.Lang), r.answerText(q)))
	}
	for {
		r.say(r.t("acc_review_prompt"))
		line, ok := r.read()
		if !ok || line == "" {
			return "", true, nil
		}
		switch parseCommand(line) {
		case cmdQuit:
			return "", false, ErrAborted
		case cmdBack:
			return ss[len(ss)-1].ID, false, nil
		case cmdWhy, cmdNone:
		}
		i, err := strconv.Atoi(line)
		if err != nil || i < 1 || i > len(ss) {
			r.say(r.t("acc_bad_choice", "n", strconv.Itoa(len(ss))))
			continue
		}
		r.say("")
		return ss[i-1].ID, false, nil
	}
}

func (r *run) answerText(q *questionnaire.Question) string {
	if q.Kind == questionnaire.KindTool {
		if t := flow.Tool(r.c, r.a); t != nil {
			return t.Name
		}
		if r.a.Meta.ToolName != "" {
			return r.a.Meta.ToolName
		}
		return r.t("wiz_no_tool")
	}
	if r.a.Has(q.ID) {
		return report.AnswerLabel(r.c, q, r.a.List(q.ID), r.o.Lang)
	}
	if f := flow.Fact(r.c, r.a, q.ID); f != "" {
		return report.AnswerLabel(r.c, q, []string{f}, r.o.Lang) + " (" + r.t("origin_catalog") + ")"
	}
	return r.t("wiz_not_answered")
}

// result writes the verdict and the Markdown report.
func (r *run) result() error {
	rep := r.c.Evaluate(r.a, "")
	doc := report.New(rep, report.Options{Lang: r.o.Lang, Version: r.o.Version, Now: r.o.Now()})
	r.say("", r.t("acc_verdict", "verdict", rep.Level.Symbol()+" "+rep.Level.Label(r.o.Lang)), r.t("acc_report"), "")
	return doc.WriteMarkdown(r.out)
}
