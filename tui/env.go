package tui

import (
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/conduite/conduite/questionnaire"
)

// env is what every screen needs to draw and to react: handed down by the
// root for each Update and View, never kept by a screen.
type env struct {
	c      *questionnaire.Content // nil while the content loads (welcome only)
	texts  *questionnaire.Texts
	lang   questionnaire.Lang
	st     *Styles
	keys   *KeyMap
	width  int // the body's width, margins excluded
	height int // the body's height, header and help excluded
	// compact: presentation mode's result on a small terminal (see
	// Model.compact): no header, a one-line banner.
	compact bool
	run     *wizardRun   // the run, read only (intents change it)
	opts    *Options     // the wizard's options, read only
	save    *saver       // the saved session and the store, read only
	cache   *renderCache // the report renders of this session
}

// hidden says whether the verdict waits for the room's vote.
func (e env) hidden() bool { return e.run.hidden(e.st.Present) }

// t returns the interface text for key, its {marks} replaced by the values
// of the key/value pairs kv: t("wiz_step", "k", "3", "n", "11").
func (e env) t(key string, kv ...string) string {
	return fill(e.texts.T(e.lang, key), kv...)
}

// count writes « 1 raison », « 3 raisons » (questionnaire.Localizer.Count,
// where the plural rules of every language are).
func (e env) count(key string, n int) string {
	return e.texts.For(e.lang).Count(key, n)
}

func fill(s string, kv ...string) string {
	for i := 0; i+1 < len(kv); i += 2 {
		s = strings.ReplaceAll(s, "{"+kv[i]+"}", kv[i+1])
	}
	return s
}

// wrap wraps text to the body's width (or w when smaller and positive).
func (e env) wrap(s string, w int) string {
	if w <= 0 || w > e.width {
		w = e.width
	}
	return lipgloss.Wrap(s, max(w, 10), " ")
}

// clip keeps the first n lines of s, the last one replaced by « … » when
// lines were cut, so that nothing ever overflows the screen.
func clip(s string, n int) string {
	if n <= 0 {
		return ""
	}
	lines := strings.Split(s, "\n")
	if len(lines) <= n {
		return s
	}
	lines = lines[:n]
	lines[n-1] = "…"
	return strings.Join(lines, "\n")
}

// window returns the range [lo, hi) of at most size items around cursor,
// for lists longer than the room they have.
func window(n, cursor, size int) (lo, hi int) {
	if size <= 0 {
		return 0, 0
	}
	if n <= size {
		return 0, n
	}
	lo = max(0, min(cursor-size/2, n-size))
	return lo, lo + size
}
