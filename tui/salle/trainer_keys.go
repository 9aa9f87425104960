package salle

import (
	"charm.land/bubbles/v2/key"
)

// keyMap holds the trainer's keys, as presentation mode has them: enter
// (or →) moves on, space reveals, s asks « et si ? », e exports, ? shows
// every key, q quits (after a yes). Each stage enables only the bindings
// that work there (trainer.syncKeys), so the help never lists a key that
// does nothing.
type keyMap struct {
	Up, Down key.Binding
	Select   key.Binding // enter, in a list
	Next     key.Binding // enter, →: the next action on the room
	Reveal   key.Binding // space: show the answer of the closed vote
	Join     key.Binding // tab: the join panel, shown or hidden
	WhatIf   key.Binding // s: put an « et si ? » to the vote
	Export   key.Binding // e: export the tally
	Back     key.Binding // esc: close a list or the prompt
	Help     key.Binding // ?: every key
	Quit     key.Binding // q, ctrl+c: close the room (asks first)
	Yes, No  key.Binding

	quitRoom, quitApp string // q's help: close the room, or quit before it opens
}

func newKeyMap(t func(string, ...any) string) keyMap {
	return keyMap{
		Up:     key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/↓", t("key_up_down"))),
		Down:   key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓", t("key_up_down"))),
		Select: key.NewBinding(key.WithKeys("enter"), key.WithHelp(t("key_select_label"), t("key_select"))),
		Next:   key.NewBinding(key.WithKeys("enter", "right"), key.WithHelp(t("key_select_label"), t("salle_t_key_next"))),
		Reveal: key.NewBinding(key.WithKeys("space"), key.WithHelp(t("key_toggle_label"), t("salle_t_key_reveal"))),
		Join:   key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", t("salle_t_key_join"))),
		WhatIf: key.NewBinding(key.WithKeys("s"), key.WithHelp("s", t("key_whatif"))),
		Export: key.NewBinding(key.WithKeys("e"), key.WithHelp("e", t("salle_t_key_export"))),
		Back:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", t("key_back"))),
		Help:   key.NewBinding(key.WithKeys("?"), key.WithHelp("?", t("key_help"))),
		Quit:   key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", t("salle_t_key_quit"))),
		Yes:    key.NewBinding(key.WithKeys("y", "o"), key.WithHelp("o/y", t("key_yes"))),
		No:     key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n/esc", t("key_no"))),

		quitRoom: t("salle_t_key_quit"), quitApp: t("key_quit"),
	}
}

func (k *keyMap) all() []*key.Binding {
	return []*key.Binding{&k.Up, &k.Down, &k.Select, &k.Next, &k.Reveal, &k.Join, &k.WhatIf, &k.Export,
		&k.Back, &k.Help, &k.Quit, &k.Yes, &k.No}
}

// only enables the given bindings and disables every other one.
func (k *keyMap) only(on ...*key.Binding) {
	for _, b := range k.all() {
		b.SetEnabled(false)
	}
	for _, b := range on {
		b.SetEnabled(true)
	}
}

// ShortHelp and FullHelp make keyMap a help.KeyMap: the enabled bindings.
func (k keyMap) ShortHelp() []key.Binding {
	var out []key.Binding
	for _, b := range []key.Binding{k.Up, k.Select, k.Next, k.Reveal, k.WhatIf, k.Yes, k.No, k.Back, k.Quit, k.Join, k.Export, k.Help} {
		if b.Enabled() {
			out = append(out, b)
		}
	}
	return out
}

func (k keyMap) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }
