package tui

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
)

// KeyMap holds every key of the wizard, declared once with its help text.
// The root enables, for each screen, only the bindings that work there
// (Model.syncKeys), so the help line never lists a key that does nothing and
// a disabled binding never matches.
type KeyMap struct {
	Up, Down key.Binding
	Jump     key.Binding // 1–9: go to a choice
	Toggle   key.Binding // space: tick a multi-choice answer
	Select   key.Binding // enter
	Back     key.Binding // ←, shift+tab, esc
	BackText key.Binding // shift+tab, esc: back where ← edits text
	Forward  key.Binding // →, tab: next, keeping the answer
	Why      key.Binding // ?: « pourquoi cette question ? »
	Help     key.Binding // ?: full help, where ? is free
	Quit     key.Binding // q
	Abort    key.Binding // ctrl+c
	Suspend  key.Binding // ctrl+z: back to the shell (fg to come back); always on
	Result   key.Binding // r: see the recommendation (review)
	Change   key.Binding // m: change an answer (result → review)
	Export   key.Binding // e: export the report
	Restart  key.Binding // n: a new assessment
	Reveal   key.Binding // space: reveal the verdict (presentation mode)
	WhatIf   key.Binding // s: « et si ? », change one answer on the result
	Undo     key.Binding // u: undo the last « et si ? »
	Risk     key.Binding // c: fold or unfold the risk picture
	Next     key.Binding // enter, →: the next page of a case
	PageUp   key.Binding
	PageDown key.Binding
	HalfUp   key.Binding
	HalfDown key.Binding
	Top      key.Binding
	Bottom   key.Binding
	Yes      key.Binding
	No       key.Binding
}

// NewKeyMap builds the key map with help texts from t (a text lookup in the
// interface language).
func NewKeyMap(t func(string, ...string) string) KeyMap {
	enter, space := t("key_select_label"), t("key_toggle_label")
	return KeyMap{
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/↓", t("key_up_down"))),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", t("key_up_down"))),
		Jump:     key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6", "7", "8", "9"), key.WithHelp("1-9", t("key_jump"))),
		Toggle:   key.NewBinding(key.WithKeys("space"), key.WithHelp(space, t("key_toggle"))),
		Select:   key.NewBinding(key.WithKeys("enter"), key.WithHelp(enter, t("key_select"))),
		Back:     key.NewBinding(key.WithKeys("left", "shift+tab", "esc"), key.WithHelp("←/esc", t("key_back"))),
		BackText: key.NewBinding(key.WithKeys("shift+tab", "esc"), key.WithHelp("esc", t("key_back"))),
		Forward:  key.NewBinding(key.WithKeys("right", "tab"), key.WithHelp("→", t("key_forward"))),
		Why:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", t("key_why"))),
		Help:     key.NewBinding(key.WithKeys("?"), key.WithHelp("?", t("key_help"))),
		Quit:     key.NewBinding(key.WithKeys("q"), key.WithHelp("q", t("key_quit"))),
		Abort:    key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", t("key_quit"))),
		Suspend:  key.NewBinding(key.WithKeys("ctrl+z"), key.WithHelp("ctrl+z", t("key_suspend"))),
		Result:   key.NewBinding(key.WithKeys("r"), key.WithHelp("r", t("key_result"))),
		Change:   key.NewBinding(key.WithKeys("m"), key.WithHelp("m", t("key_change"))),
		Export:   key.NewBinding(key.WithKeys("e"), key.WithHelp("e", t("key_export"))),
		Restart:  key.NewBinding(key.WithKeys("n"), key.WithHelp("n", t("key_restart"))),
		Reveal:   key.NewBinding(key.WithKeys("space"), key.WithHelp(space, t("key_reveal"))),
		WhatIf:   key.NewBinding(key.WithKeys("s"), key.WithHelp("s", t("key_whatif"))),
		Undo:     key.NewBinding(key.WithKeys("u"), key.WithHelp("u", t("key_undo"))),
		Risk:     key.NewBinding(key.WithKeys("c"), key.WithHelp("c", t("key_risk"))),
		Next:     key.NewBinding(key.WithKeys("enter", "right", "tab"), key.WithHelp(enter, t("key_case_next"))),
		PageUp:   key.NewBinding(key.WithKeys("pgup", "b"), key.WithHelp("pgup/b", t("key_page"))),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "space", "f"), key.WithHelp("pgdn/"+space, t("key_page"))),
		HalfUp:   key.NewBinding(key.WithKeys("ctrl+u"), key.WithHelp("ctrl+u/d", t("key_half"))), // u is undo
		HalfDown: key.NewBinding(key.WithKeys("d", "ctrl+d"), key.WithHelp("d", t("key_half"))),
		Top:      key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g/G", t("key_top_bottom"))),
		Bottom:   key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G", t("key_top_bottom"))),
		Yes:      key.NewBinding(key.WithKeys("y", "o"), key.WithHelp("o/y", t("key_yes"))),
		No:       key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n/esc", t("key_no"))),
	}
}

// all returns pointers to every binding, to enable or disable them at once
// (but Suspend, which works on every screen).
func (k *KeyMap) all() [29]*key.Binding {
	return [...]*key.Binding{&k.Up, &k.Down, &k.Jump, &k.Toggle, &k.Select, &k.Back, &k.BackText, &k.Forward,
		&k.Why, &k.Help, &k.Quit, &k.Abort, &k.Result, &k.Change, &k.Export, &k.Restart,
		&k.Reveal, &k.WhatIf, &k.Undo, &k.Risk, &k.Next,
		&k.PageUp, &k.PageDown, &k.HalfUp, &k.HalfDown, &k.Top, &k.Bottom, &k.Yes, &k.No}
}

// only enables the given bindings and disables every other one.
func (k *KeyMap) only(on ...*key.Binding) {
	for _, b := range k.all() {
		b.SetEnabled(false)
	}
	for _, b := range on {
		b.SetEnabled(true)
	}
}

// viewport returns the scrolling keys of the report, for the viewport.
func (k KeyMap) viewport() viewport.KeyMap {
	off := key.NewBinding(key.WithDisabled())
	return viewport.KeyMap{
		PageDown: k.PageDown, PageUp: k.PageUp, HalfPageUp: k.HalfUp, HalfPageDown: k.HalfDown,
		Up: k.Up, Down: k.Down, Left: off, Right: off,
	}
}

// helpKeys is the help of one screen: a short line and full columns.
type helpKeys struct {
	short []key.Binding
	full  [][]key.Binding
}

// syncKeys enables the keys of the current screen and nothing else.
func (m *Model) syncKeys() {
	k := &m.keys
	t := m.env().t
	k.Up.SetKeys("up", "k")
	k.Down.SetKeys("down", "j")
	k.Up.SetHelp("↑/↓", t("key_up_down"))
	switch m.screen() {
	case stateTooSmall:
		k.only(&k.Quit, &k.Abort)
	case stateQuitConfirm:
		k.only(&k.Yes, &k.No, &k.Quit, &k.Abort)
		k.No.SetHelp("n/esc", t("key_no"))
	case stateWelcome:
		k.only(&k.Up, &k.Down, &k.Select, &k.Help, &k.Quit, &k.Abort)
	case stateTool:
		// Letters go to the filter: no q, no j/k, no ?; ← moves in the text.
		k.Up.SetKeys("up")
		k.Down.SetKeys("down")
		if m.tool.naming {
			k.only(&k.Select, &k.BackText, &k.Abort)
		} else {
			k.only(&k.Up, &k.Down, &k.Select, &k.BackText, &k.Abort)
		}
	case stateQuestion:
		on := []*key.Binding{&k.Up, &k.Down, &k.Jump, &k.Select, &k.Back, &k.Why, &k.Quit, &k.Abort}
		if m.question.q != nil && m.question.q.Kind == "multi" {
			on = append(on, &k.Toggle)
		}
		if m.question.answeredNow() {
			on = append(on, &k.Forward)
		}
		k.only(on...)
	case stateReview:
		k.only(&k.Up, &k.Down, &k.Select, &k.Result, &k.Back, &k.Help, &k.Quit, &k.Abort)
	case stateResult:
		x := m.result.export
		switch {
		case x.active && x.confirm != "":
			k.only(&k.Yes, &k.No, &k.Abort)
			k.No.SetHelp("n/esc", t("key_cancel"))
		case x.active:
			k.only(&k.Select, &k.BackText, &k.Abort)
		case m.result.hidden:
			k.only(&k.Reveal, &k.Change, &k.Back, &k.Restart, &k.Help, &k.Quit, &k.Abort)
		case m.result.picker.open:
			on := []*key.Binding{&k.Up, &k.Down, &k.Select, &k.Back, &k.Help, &k.Quit, &k.Abort}
			if m.result.picker.q != nil {
				on = append(on, &k.Jump)
			}
			if m.result.picker.multi() {
				on = append(on, &k.Toggle)
			}
			k.only(on...)
		default:
			k.only(&k.Up, &k.Down, &k.PageUp, &k.PageDown, &k.HalfUp, &k.HalfDown, &k.Top, &k.Bottom,
				&k.WhatIf, &k.Risk, &k.Change, &k.Back, &k.Export, &k.Restart, &k.Help, &k.Quit, &k.Abort)
			k.Up.SetHelp("↑/↓", t("key_scroll"))
			if len(m.whatif) > 0 {
				k.Undo.SetEnabled(true)
			}
			if m.opts.Export == nil {
				k.Export.SetEnabled(false)
			}
		}
	case stateCases:
		k.only(&k.Up, &k.Down, &k.Jump, &k.Select, &k.Back, &k.Help, &k.Quit, &k.Abort)
	case stateCase:
		k.only(&k.Next, &k.Back, &k.Help, &k.Quit, &k.Abort)
	}
}

// helpKeys lists, for the current screen, the keys of the help line and the
// columns of the full help. Disabled bindings are left out by help itself.
func (m Model) helpKeys() helpKeys {
	k := m.keys
	switch m.screen() {
	case stateTooSmall:
		return helpKeys{short: []key.Binding{k.Quit, k.Abort}}
	case stateQuitConfirm:
		return helpKeys{short: []key.Binding{k.Yes, k.No}}
	case stateWelcome:
		return helpKeys{short: []key.Binding{k.Up, k.Select, k.Help, k.Quit},
			full: [][]key.Binding{{k.Up, k.Select}, {k.Quit, k.Abort, k.Help}}}
	case stateTool:
		return helpKeys{short: []key.Binding{k.Up, k.Select, k.BackText, k.Abort}}
	case stateQuestion:
		return helpKeys{short: []key.Binding{k.Up, k.Toggle, k.Select, k.Back, k.Why, k.Quit, k.Forward}}
	case stateReview:
		return helpKeys{short: []key.Binding{k.Up, k.Select, k.Result, k.Back, k.Help, k.Quit},
			full: [][]key.Binding{{k.Up, k.Select, k.Result}, {k.Back, k.Quit, k.Abort, k.Help}}}
	case stateResult:
		switch {
		case m.result.export.active:
			return helpKeys{short: []key.Binding{k.Select, k.BackText, k.Yes, k.No, k.Abort}}
		case m.result.hidden:
			return helpKeys{short: []key.Binding{k.Reveal, k.Change, k.Restart, k.Help, k.Quit}}
		case m.result.picker.open:
			return helpKeys{short: []key.Binding{k.Up, k.Toggle, k.Select, k.Back, k.Help, k.Quit}}
		}
		return helpKeys{short: []key.Binding{k.Up, k.WhatIf, k.Undo, k.Change, k.Export, k.Restart, k.Help, k.Quit},
			full: [][]key.Binding{{k.Up, k.PageUp, k.PageDown, k.HalfUp, k.Top}, {k.WhatIf, k.Undo, k.Risk, k.Change, k.Export, k.Restart}, {k.Quit, k.Abort, k.Help}}}
	case stateCases:
		return helpKeys{short: []key.Binding{k.Up, k.Select, k.Back, k.Help, k.Quit},
			full: [][]key.Binding{{k.Up, k.Jump, k.Select}, {k.Back, k.Quit, k.Abort, k.Help}}}
	case stateCase:
		return helpKeys{short: []key.Binding{k.Next, k.Back, k.Help, k.Quit},
			full: [][]key.Binding{{k.Next, k.Back}, {k.Quit, k.Abort, k.Help}}}
	}
	return helpKeys{}
}
