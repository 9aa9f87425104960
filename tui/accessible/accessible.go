// Package accessible is the wizard's plain mode for screen readers and
// braille displays (conduite --accessible, or ACCESSIBLE=1): it writes
// lines and reads lines, with numbered choices, no cursor movement, no
// colour and no alternate screen. It drives the same questionnaire.Run as
// the interactive wizard (the same questions in the same order, the same
// answers, the same verdict) and keeps no answers of its own; it ends on
// the verdict, followed by the Markdown report. It works through a pipe.
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
	// Case runs that case study: its story and questions for the room
	// first, then its answers pre-filled, from the question after its
	// tool. Its référentiel, when it names one, wins over Referentiel.
	Case *questionnaire.Case
}

// maxTools is how many catalog matches are offered at once.
const maxTools = 9

// Run asks the questions on in and out, then writes the verdict and the
// Markdown report to out.
func Run(in io.Reader, out io.Writer, c *questionnaire.Content, o Options) error {
	_, err := play(in, out, c, o)
	return err
}

// play is Run, returning the run as the user left it.
func play(in io.Reader, out io.Writer, c *questionnaire.Content, o Options) (questionnaire.Run, error) {
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
	return r.state, err
}

type run struct {
	in    *bufio.Scanner
	out   *bufio.Writer
	c     *questionnaire.Content
	o     Options
	state questionnaire.Run // everything the user said, and where they are
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
	r.state = questionnaire.NewRun(r.c, r.o.Referentiel)
	if k := r.o.Case; k != nil {
		r.state = r.state.WithCase(k)
	}
	if p := r.c.Profile; p != nil {
		r.say(r.t("wiz_profile", "org", p.Organisation))
	}
	r.say(r.t("acc_intro"), r.t("acc_referentiel", "name", r.state.Referentiel().Name.In(r.o.Lang)), "")
	if k := r.o.Case; k != nil {
		r.caseIntro(k)
		r.state = r.state.Next()
	} else {
		r.state = r.state.Start()
	}
	for {
		var err error
		switch r.state.Stage() {
		case questionnaire.StageIdle: // back from the first question
			r.say(r.t("acc_first_question"), "")
			r.state = r.state.Next()
		case questionnaire.StageQuestion:
			err = r.ask(r.state.Current())
		case questionnaire.StageReview:
			err = r.review()
		case questionnaire.StageResult:
			return r.result()
		}
		if err != nil {
			return err
		}
	}
}

// caseIntro tells a case study: its title, its story and the questions
// for the room.
func (r *run) caseIntro(k *questionnaire.Case) {
	r.say(r.t("acc_case", "title", k.Title.In(r.o.Lang)), k.Story.In(r.o.Lang), "", r.t("ws_discuss_title"))
	for i, q := range k.Questions {
		r.say(fmt.Sprintf("%d. %s", i+1, q.In(r.o.Lang)))
	}
	r.say("", r.t("acc_case_start"), "")
}

// ask asks question q and moves the run on: forward once answered, back
// on « r ».
func (r *run) ask(q *questionnaire.Question) error {
	k, n := r.state.Step()
	r.say(r.t("acc_question", "k", strconv.Itoa(k), "n", strconv.Itoa(n), "title", q.Title.In(r.o.Lang)),
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
	preset := r.state.Preset()
	label := r.c.AnswerLabel(q, preset.Values, r.o.Lang)
	for {
		switch {
		case preset.Origin == questionnaire.OriginCatalog:
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
			r.state = r.state.Back()
			return nil
		case actQuit:
			return ErrAborted
		case actAgain:
			continue
		case actLine:
		}
		if line == "" {
			r.state = r.state.AcceptPreset()
			r.say(r.t("acc_answer", "value", label), "")
			return nil
		}
		vals, msg := r.parseChoice(q, line)
		if msg != "" {
			r.say(msg)
			continue
		}
		r.state = r.state.Answer(vals...)
		r.say(r.t("acc_answer", "value", r.c.AnswerLabel(q, vals, r.o.Lang)), "")
		return nil
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
	if v, bad := q.Combined(vals); bad {
		o, _ := q.Option(v)
		return nil, r.t("acc_exclusive", "value", o.Label.In(r.o.Lang))
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
func (r *run) askTool(q *questionnaire.Question) error {
	for {
		r.say(r.t("acc_tool_prompt"))
		line, act := r.readAnswer(q)
		switch act {
		case actBack:
			r.state = r.state.Back()
			return nil
		case actQuit:
			return ErrAborted
		case actAgain:
			continue
		case actLine:
		}
		if line == "" {
			r.state, _ = r.state.NameTool("")
			r.state = r.state.Next()
			r.say(r.t("acc_tool_chosen", "name", r.t("wiz_no_tool")), "")
			return nil
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
			if !ok || parseCommand(choice) == cmdQuit {
				return ErrAborted
			}
			i, err := strconv.Atoi(choice)
			switch {
			case err != nil || i < 1 || i > again:
				r.say(r.t("acc_bad_choice", "n", strconv.Itoa(again)))
				continue
			case i == again:
			case i == other:
				var t *questionnaire.Tool
				if r.state, t = r.state.NameTool(line); t != nil {
					// The free name is one of a catalog tool's names: that
					// entry, its facts and its rules apply, and we say so.
					r.say(r.t("name_matched", "name", line, "tool", t.Name))
					r.toolChosen(t)
				} else {
					r.say(r.t("acc_tool_chosen", "name", line), "")
				}
				r.state = r.state.Next()
				return nil
			default:
				r.state = r.state.ChooseTool(found[i-1].ID)
				r.toolChosen(found[i-1])
				r.state = r.state.Next()
				return nil
			}
			break
		}
	}
}

// toolChosen says the catalog tool chosen and what the catalog knows of
// it under the run's référentiel.
func (r *run) toolChosen(t *questionnaire.Tool) {
	r.say(r.t("acc_tool_chosen", "name", t.Name))
	var parts []string
	for _, id := range questionnaire.ToolFactQuestions() {
		if v := r.state.Fact(id); v != "" {
			fq, _ := r.c.Questions.Get(id)
			parts = append(parts, strings.ToLower(fq.Title.In(r.o.Lang))+" ("+r.c.AnswerLabel(fq, []string{v}, r.o.Lang)+")")
		}
	}
	if len(parts) > 0 {
		r.say(r.t("wiz_tool_knows", "facts", strings.Join(parts, ", ")))
	}
	r.say("")
}

// review lists the answers; Enter (or the end of input) shows the result, a
// number asks that question again.
func (r *run) review() error {
	ss := r.state.Steps()
	r.say(r.t("acc_review"))
	for i, q := range ss {
		r.say(fmt.Sprintf("%d. %s : %s", i+1, q.Title.In(r.o.Lang), r.answerText(q)))
	}
	for {
		r.say(r.t("acc_review_prompt"))
		line, ok := r.read()
		if !ok || line == "" {
			r.state = r.state.Finish()
			return nil
		}
		switch parseCommand(line) {
		case cmdQuit:
			return ErrAborted
		case cmdBack:
			r.state = r.state.Back()
			return nil
		case cmdWhy, cmdNone:
		}
		i, err := strconv.Atoi(line)
		if err != nil || i < 1 || i > len(ss) {
			r.say(r.t("acc_bad_choice", "n", strconv.Itoa(len(ss))))
			continue
		}
		r.say("")
		r.state = r.state.Edit(ss[i-1].ID)
		return nil
	}
}

// answerText says a question's answer in the review, marked when it is the
// catalog's.
func (r *run) answerText(q *questionnaire.Question) string {
	s := r.state.Shown(q, r.o.Lang)
	if s.Origin == questionnaire.OriginCatalog {
		return s.Text + " (" + r.t("origin_catalog") + ")"
	}
	return s.Text
}

// result writes the verdict and the Markdown report.
func (r *run) result() error {
	rep := r.state.Report()
	doc := report.New(rep, report.Options{Lang: r.o.Lang, Version: r.o.Version, Now: r.o.Now()})
	r.say("", r.t("acc_verdict", "verdict", rep.Level.Symbol()+" "+rep.Level.Label(r.o.Lang)), r.t("acc_report"), "")
	return doc.WriteMarkdown(r.out)
}
