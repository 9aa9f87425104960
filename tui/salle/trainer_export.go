package salle

import (
	"errors"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/conduite/conduite/export"
	"github.com/conduite/conduite/internal/safetext"
	"github.com/conduite/conduite/questionnaire"
)

// exportPrompt is `e`: the tally of every vote so far, counts only, as
// Markdown or HTML (from the extension), written atomically (export.WriteFile);
// an existing file is replaced only after a yes, as the wizard's export.
type exportPrompt struct {
	active  bool
	input   textinput.Model
	confirm string // the path that exists, waiting for yes or no
	busy    bool
	note    string
	bad     bool
}

// exportedMsg is the outcome of a write.
type exportedMsg struct {
	path   string
	exists bool
	err    error
}

func (m Trainer) openExport() (Trainer, tea.Cmd) {
	in := textinput.New()
	in.Prompt = m.loc.T("salle_t_export_prompt") + " "
	in.CharLimit = 1024
	in.SetWidth(max(10, m.inner()-lipgloss.Width(in.Prompt)-2))
	name := "salle"
	if m.kase != nil {
		name += "-" + m.kase.ID
	}
	in.SetValue(name + ".md")
	in.CursorEnd()
	m.export = exportPrompt{active: true, input: in}
	return m, m.export.input.Focus()
}

func (x exportPrompt) keys(k *keyMap) {
	if x.confirm != "" {
		k.only(&k.Yes, &k.No)
		return
	}
	k.only(&k.Select, &k.Back)
}

func (m Trainer) pressExport(km tea.KeyPressMsg) (Trainer, tea.Cmd) {
	x := &m.export
	if x.busy {
		return m, nil
	}
	if x.confirm != "" {
		switch {
		case key.Matches(km, m.keys.Yes):
			path := x.confirm
			x.confirm, x.busy = "", true
			return m, m.writeCmd(path, true)
		case key.Matches(km, m.keys.No):
			*x = exportPrompt{note: m.loc.T("wiz_export_kept", "path", x.confirm)}
		}
		return m, nil
	}
	switch {
	case key.Matches(km, m.keys.Select):
		name := strings.TrimSpace(x.input.Value())
		if name == "" {
			return m, nil
		}
		x.busy, x.note = true, ""
		return m, m.writeCmd(m.exportPath(name), false)
	case key.Matches(km, m.keys.Back):
		*x = exportPrompt{}
		return m, nil
	}
	var cmd tea.Cmd
	x.input, cmd = x.input.Update(km)
	return m, cmd
}

// exportPath: « ~/ » is the home folder, a relative name is in Options.Dir.
func (m Trainer) exportPath(name string) string {
	if strings.HasPrefix(name, "~/") {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, name[2:])
		}
	}
	if filepath.IsAbs(name) {
		return name
	}
	return filepath.Join(m.o.Dir, name)
}

func (m Trainer) writeCmd(path string, overwrite bool) tea.Cmd {
	write := m.o.Write
	var data []byte
	var err error
	switch strings.ToLower(filepath.Ext(path)) {
	case ".md", ".markdown":
		data = []byte(m.tallyMarkdown())
	case ".html", ".htm":
		data = []byte(m.tallyHTML())
	default:
		err = questionnaire.NewMsg("salle_t_export_ext", "v", strconv.Quote(filepath.Ext(path)))
	}
	return func() tea.Msg {
		if err != nil {
			return exportedMsg{path: path, err: err}
		}
		err := write(path, data, overwrite)
		if errors.Is(err, export.ErrExists) {
			return exportedMsg{path: path, exists: true}
		}
		return exportedMsg{path: path, err: err}
	}
}

func (m Trainer) exported(msg exportedMsg) Trainer {
	x := &m.export
	x.busy = false
	switch {
	case msg.exists:
		x.confirm = msg.path
	case msg.err != nil:
		x.note, x.bad = m.loc.T("wiz_export_failed", "err", m.loc.Error(msg.err)), true
	default:
		*x = exportPrompt{note: m.loc.T("wiz_export_done", "path", msg.path)}
	}
	return m
}

func (x exportPrompt) view(m Trainer, w int) string {
	st := m.st
	var lines []string
	switch {
	case x.confirm != "":
		lines = append(lines, st.Warning.Render(wrap(m.loc.T("wiz_export_exists", "path", safetext.Visible(x.confirm)), w)))
	case x.active:
		lines = append(lines, x.input.View(), st.Muted.Render(wrap(m.loc.T("salle_t_export_hint"), w)))
	}
	if x.note != "" {
		style := st.Success
		if x.bad {
			style = st.Warning
		}
		lines = append(lines, style.Render(wrap(safetext.Visible(x.note), w)))
	}
	return strings.Join(lines, "\n")
}

// exportRow is one value of one step in the export.
type exportRow struct {
	label  string
	n, pct int
	answer bool
}

// exportSteps are the steps voted so far, in order, with their rows.
func (m Trainer) exportSteps(yield func(title string, voters int, rows []exportRow)) {
	for i, step := range m.snap.Steps {
		t, ok := m.tallies[i]
		if !ok {
			continue
		}
		var rows []exportRow
		for _, v := range step.Values {
			r := exportRow{label: m.valueLabel(step, v), n: t.tally[v], answer: slices.Contains(step.Answer, v)}
			if t.voters > 0 {
				r.pct = (r.n*100 + t.voters/2) / t.voters
			}
			rows = append(rows, r)
		}
		yield(m.stepLabel(i, m.snap.Steps)+" — "+m.stepTitle(step), t.voters, rows)
	}
}

func (m Trainer) exportTitle() string {
	title := m.loc.T("salle_t_export_title")
	if m.kase != nil {
		title += " — " + m.kase.Title.In(m.o.Lang)
	}
	return title
}

// tallyMarkdown is the export in Markdown: counts only, never who.
func (m Trainer) tallyMarkdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n%s\n", mdEscape(m.exportTitle()), mdEscape(m.loc.T("salle_t_export_note")))
	m.exportSteps(func(title string, voters int, rows []exportRow) {
		fmt.Fprintf(&b, "\n## %s\n\n| %s | %s | %s |\n|---|---:|---:|\n", mdEscape(title),
			m.loc.T("salle_t_export_col_value"), m.loc.T("salle_t_export_col_votes"), "%")
		for _, r := range rows {
			label := mdEscape(r.label)
			if r.answer {
				label = "**" + label + "** ←"
			}
			fmt.Fprintf(&b, "| %s | %d | %s |\n", label, r.n, m.loc.T("salle_t_pct", "n", strconv.Itoa(r.pct)))
		}
		fmt.Fprintf(&b, "\n%s\n", mdEscape(m.loc.Count("salle_t_export_voters", voters)))
	})
	return b.String()
}

// tallyHTML is the export as a page of its own: no script, no external
// resource.
func (m Trainer) tallyHTML() string {
	var b strings.Builder
	e := html.EscapeString
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n<title>%s</title>\n", m.o.Lang, e(m.exportTitle()))
	b.WriteString("<style>body{font-family:sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse}td,th{border:1px solid #999;padding:.2rem .6rem}td.n{text-align:right}</style>\n</head>\n<body>\n")
	fmt.Fprintf(&b, "<h1>%s</h1>\n<p>%s</p>\n", e(m.exportTitle()), e(m.loc.T("salle_t_export_note")))
	m.exportSteps(func(title string, voters int, rows []exportRow) {
		fmt.Fprintf(&b, "<h2>%s</h2>\n<table>\n<tr><th>%s</th><th>%s</th><th>%%</th></tr>\n", e(title),
			e(m.loc.T("salle_t_export_col_value")), e(m.loc.T("salle_t_export_col_votes")))
		for _, r := range rows {
			label := e(r.label)
			if r.answer {
				label = "<strong>" + label + "</strong> ←"
			}
			fmt.Fprintf(&b, "<tr><td>%s</td><td class=\"n\">%d</td><td class=\"n\">%s</td></tr>\n", label, r.n, e(m.loc.T("salle_t_pct", "n", strconv.Itoa(r.pct))))
		}
		fmt.Fprintf(&b, "</table>\n<p>%s</p>\n", e(m.loc.Count("salle_t_export_voters", voters)))
	})
	b.WriteString("</body>\n</html>\n")
	return b.String()
}

// mdEscape keeps a label from being read as Markdown (a table's « | »).
func mdEscape(s string) string {
	return strings.NewReplacer("|", `\|`, "*", `\*`, "_", `\_`, "<", "&lt;", "`", "\\`").Replace(s)
}
