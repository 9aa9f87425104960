package tui

import (
	"errors"
	"os"
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/conduite/conduite/export"
	"github.com/conduite/conduite/report"
)

// exportModel is « exporter » on the result screen: a file name proposed in
// the current folder, editable; the format follows the extension; an
// existing file is replaced only after a yes. The files themselves are
// written by package export (atomically).
type exportModel struct {
	active  bool
	input   textinput.Model
	confirm string // the path that exists, waiting for yes or no
	name    string // that path as typed
	busy    bool
	note    string // the outcome of the last export
	bad     bool
}

// ExportFunc writes the report to path in the format of its extension; it
// returns export.ErrExists (wrapped) when the file exists and overwrite is
// false. The default, DefaultExport, is package export's.
type ExportFunc func(path string, doc *report.Doc, overwrite bool) error

// DefaultExport renders the report with package export and writes it
// atomically.
func DefaultExport(path string, doc *report.Doc, overwrite bool) error {
	f, err := export.FormatFromPath(path)
	if err != nil {
		return err
	}
	data, err := export.Render(doc, f)
	if err != nil {
		return err
	}
	return export.WriteFile(path, data, overwrite)
}

func (x exportModel) open(e env, doc *report.Doc) (exportModel, tea.Cmd) {
	x.active, x.confirm, x.note, x.bad, x.busy = true, "", "", false, false
	x.input = newInput(e, e.t("wiz_export_prompt"))
	x.input.CharLimit = pathLimit
	x.input.SetValue(export.SuggestName(doc, export.HTML))
	x.input.CursorEnd()
	return x, x.input.Focus()
}

// keys are the prompt's: enter and esc while the name is typed, yes or
// no under « replace? ».
func (x exportModel) keys(e env) helpKeys {
	k := e.keys
	if x.confirm != "" {
		k.only(&k.Yes, &k.No, &k.Abort)
		k.No.SetHelp("n/esc", e.t("key_cancel"))
	} else {
		k.only(&k.Select, &k.BackText, &k.Abort)
	}
	return helpKeys{short: []key.Binding{k.Select, k.BackText, k.Yes, k.No, k.Abort}}
}

// update handles a key while the prompt is open; done reports that it
// closed (the layout changes).
func (x exportModel) update(msg tea.Msg, e env, doc *report.Doc) (exportModel, tea.Cmd, bool) {
	o := e.opts
	if res, ok := msg.(exportedMsg); ok {
		x.busy = false
		switch {
		case res.exists:
			x.confirm, x.name = res.path, res.name
			return x, nil, false
		case res.err != nil:
			x.note, x.bad = e.t("wiz_export_failed", "err", e.texts.For(e.lang).Error(res.err)), true
			return x, nil, false
		}
		x.active, x.confirm = false, ""
		x.note, x.bad = e.t("wiz_export_done", "path", res.name), false
		return x, nil, true
	}
	if paste, ok := msg.(tea.PasteMsg); ok && x.confirm == "" && !x.busy {
		x.input, _ = x.input.Update(fitMsg(x.input, paste))
		return x, nil, false
	}
	km, isKey := msg.(tea.KeyPressMsg)
	if !isKey || x.busy {
		return x, nil, false
	}
	if x.confirm != "" {
		switch {
		case key.Matches(km, e.keys.Yes):
			path := x.confirm
			x.confirm, x.busy = "", true
			return x, exportCmd(o, path, x.name, doc, true), false
		case key.Matches(km, e.keys.No):
			// Back to the report, not to the name: the next q quits
			// rather than being typed into it; e proposes a name again.
			x.active, x.confirm = false, ""
			x.note, x.bad = e.t("wiz_export_kept", "path", x.name), false
			return x, nil, true
		}
		return x, nil, false
	}
	switch {
	case key.Matches(km, e.keys.Select):
		name := strings.TrimSpace(x.input.Value())
		if name == "" {
			return x, nil, false
		}
		path, err := exportPath(name, o.Dir)
		if err != nil {
			x.note, x.bad = e.t("wiz_export_failed", "err", e.texts.For(e.lang).Error(err)), true
			return x, nil, false
		}
		if path != filepath.Join(o.Dir, name) {
			name = path // say where « ~/… » went
		}
		x.busy, x.note = true, ""
		return x, exportCmd(o, path, name, doc, false), false
	case key.Matches(km, e.keys.BackText):
		x.active, x.note = false, ""
		return x, nil, true
	}
	var cmd tea.Cmd
	x.input, cmd = x.input.Update(fitMsg(x.input, msg))
	return x, cmd, false
}

// exportPath is where a typed name goes: a leading « ~ » or « ~/ » is the
// home folder, as in a shell (« ~user » is not expanded: it is a name like
// any other); a relative name is in dir.
func exportPath(name, dir string) (string, error) {
	if name == "~" || strings.HasPrefix(name, "~/") || (filepath.Separator != '/' && strings.HasPrefix(name, `~\`)) {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		return filepath.Join(home, name[1:]), nil
	}
	if filepath.IsAbs(name) {
		return name, nil
	}
	return filepath.Join(dir, name), nil
}

// exportExts are the usual extensions of the export formats, for the hint.
func exportExts() string {
	exts := make([]string, len(export.Formats))
	for i, f := range export.Formats {
		exts[i] = f.Ext()
	}
	return strings.Join(exts, ", ")
}

func exportCmd(o *Options, path, name string, doc *report.Doc, overwrite bool) tea.Cmd {
	write := o.Export
	return func() tea.Msg {
		err := write(path, doc, overwrite)
		if errors.Is(err, export.ErrExists) {
			return exportedMsg{path: path, name: name, exists: true}
		}
		return exportedMsg{path: path, name: name, err: err}
	}
}

func (x exportModel) view(e env) string {
	st := e.st
	if !x.active {
		note := clip(e.wrap(x.note, 0), 2)
		if x.bad {
			return st.Warning.Render(note)
		}
		return st.Success.Render(note)
	}
	var lines []string
	if x.confirm != "" {
		lines = append(lines, st.Warning.Render(truncate(e.t("wiz_export_exists", "path", x.name), e.width)))
	} else {
		lines = append(lines, x.input.View())
	}
	if x.note != "" {
		lines = append(lines, st.Warning.Render(truncate(x.note, e.width)))
	} else {
		// The folder whole, or cut in its middle: its end says which it is.
		hint := e.wrap(strings.TrimSpace(e.t("wiz_export_hint", "exts", exportExts(), "dir", "")), 0)
		dir := homeTilde(e.opts.Dir)
		if lipgloss.Width(lastLine(hint))+1+lipgloss.Width(dir) <= e.width {
			hint += " " + dir
		} else {
			hint += "\n" + shortenPath(dir, e.width)
		}
		lines = append(lines, st.Muted.Render(hint))
	}
	return strings.Join(lines, "\n")
}

// homeTilde writes a folder under the home folder as « ~/… ».
func homeTilde(dir string) string {
	home, err := os.UserHomeDir()
	if abs, aerr := filepath.Abs(dir); aerr == nil {
		dir = abs
	}
	if err != nil || home == "" || home == "/" {
		return dir
	}
	if rel, err := filepath.Rel(home, dir); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return filepath.Join("~", rel)
	}
	return dir
}

// shortenPath cuts a path longer than w cells in its middle (« /tmp/…/dir »).
func shortenPath(p string, w int) string {
	if lipgloss.Width(p) <= w {
		return p
	}
	r := []rune(p)
	keep := max(1, w-1)
	head := keep / 3
	tail := keep - head
	return string(r[:head]) + "…" + string(r[len(r)-tail:])
}

func lastLine(s string) string {
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		return s[i+1:]
	}
	return s
}
