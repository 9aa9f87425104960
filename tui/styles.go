package tui

import (
	"image/color"

	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"

	"github.com/conduite/conduite/questionnaire"
	"github.com/conduite/conduite/report"
)

// Theme is the look of the wizard, chosen from the terminal's background.
type Theme int

// The themes. Presentation mode (a projector) is not a theme of its own
// but a variant of each: see NewPresentationStyles.
const (
	ThemeDark    Theme = iota // light text on a dark background (the default)
	ThemeLight                // dark text on a light background
	ThemeNoColor              // NO_COLOR: bold, reverse and underline only
)

var themeNames = [...]string{"dark", "light", "no-color"}

func (t Theme) String() string { return themeNames[t] }

// ReportStyle is the glamour style of the report for these styles:
// conduite's own (report/termstyle.go), in the theme's colours, without
// colour under NO_COLOR, in high contrast in presentation mode. None of
// them prints Markdown marks (« ## », « ** »).
func (s *Styles) ReportStyle() report.Style {
	switch {
	case s.Theme == ThemeNoColor:
		return report.StyleNoColor
	case s.Present && s.Theme == ThemeLight:
		return report.StylePresentLight
	case s.Present:
		return report.StylePresentDark
	case s.Theme == ThemeLight:
		return report.StyleLight
	}
	return report.StyleDark
}

// ThemeFromEnv picks the starting theme without asking the terminal:
// NO_COLOR, then COLORFGBG (see report.StyleFromEnv), else dark. The answer
// to tea.RequestBackgroundColor may refine it later.
func ThemeFromEnv(getenv func(string) string) Theme {
	switch report.StyleFromEnv(getenv) {
	case report.StyleNoColor:
		return ThemeNoColor
	case report.StyleLight, report.StylePresentLight:
		return ThemeLight
	case report.StyleDark, report.StylePresentDark:
		return ThemeDark
	}
	return ThemeDark
}

// Styles are every style the wizard draws with, built once per theme and
// passed down: no view builds its own style.
type Styles struct {
	Theme Theme
	built bool // by NewStyles or NewPresentationStyles, not a zero value

	App        lipgloss.Style // the whole screen's margin
	Brand      lipgloss.Style // « conduite » in the header
	Subtitle   lipgloss.Style
	StepLabel  lipgloss.Style
	BarFull    lipgloss.Style
	BarEmpty   lipgloss.Style
	Title      lipgloss.Style // a question's short title
	Question   lipgloss.Style // the question itself
	Text       lipgloss.Style
	Muted      lipgloss.Style
	Cursor     lipgloss.Style // the « › » before the highlighted line
	Highlight  lipgloss.Style // the highlighted line
	Chosen     lipgloss.Style // the mark of a chosen answer
	OptionHelp lipgloss.Style // the highlighted option's one-line help
	Catalog    lipgloss.Style // « d'après le catalogue — modifiable »
	WhyTitle   lipgloss.Style
	Why        lipgloss.Style
	Warning    lipgloss.Style
	Error      lipgloss.Style
	Success    lipgloss.Style
	Input      lipgloss.Style
	ReviewKey  lipgloss.Style
	Link       lipgloss.Style // the « see the recommendation » line
	TooSmall   lipgloss.Style
	Help       help.Styles

	// Layout. Zero values mean the everyday wizard: the whole width, one
	// column of margin. Presentation mode sets them for a projector.
	Present  bool // presentation mode: the help hidden until asked, the verdict revealed on a key
	MaxWidth int  // the widest the content gets (0: the terminal's width)
	MarginX  int  // the least margin left and right
	MarginY  int  // blank lines above the header

	level  [questionnaire.Proscrit + 1]lipgloss.Style
	banner [questionnaire.Proscrit + 1]lipgloss.Style
}

// NewStyles builds the styles of a theme.
func NewStyles(t Theme) Styles {
	if t == ThemeNoColor {
		return noColorStyles()
	}
	dark := t == ThemeDark
	ld := lipgloss.LightDark(dark)
	accent := ld(lipgloss.Color("#5A3FC0"), lipgloss.Color("#A594F9"))
	text := ld(lipgloss.Color("#1C1C1C"), lipgloss.Color("#E4E4E4"))
	muted := ld(lipgloss.Color("#6B6B6B"), lipgloss.Color("#9A9A9A"))
	faint := ld(lipgloss.Color("#C8C8C8"), lipgloss.Color("#4A4A4A"))
	catalog := ld(lipgloss.Color("#00677F"), lipgloss.Color("#5FD0E6"))
	warn := ld(lipgloss.Color("#A35200"), lipgloss.Color("#FFB86B"))
	bad := ld(lipgloss.Color("#C0152F"), lipgloss.Color("#FF6B7F"))
	good := ld(lipgloss.Color("#1E7B3A"), lipgloss.Color("#6BD68C"))

	s := Styles{
		Theme:      t,
		built:      true,
		App:        lipgloss.NewStyle().Padding(0, 1),
		Brand:      lipgloss.NewStyle().Bold(true).Foreground(accent),
		Subtitle:   lipgloss.NewStyle().Foreground(muted),
		StepLabel:  lipgloss.NewStyle().Foreground(muted),
		BarFull:    lipgloss.NewStyle().Foreground(accent),
		BarEmpty:   lipgloss.NewStyle().Foreground(faint),
		Title:      lipgloss.NewStyle().Foreground(accent).Bold(true),
		Question:   lipgloss.NewStyle().Foreground(text).Bold(true),
		Text:       lipgloss.NewStyle().Foreground(text),
		Muted:      lipgloss.NewStyle().Foreground(muted),
		Cursor:     lipgloss.NewStyle().Foreground(accent).Bold(true),
		Highlight:  lipgloss.NewStyle().Foreground(accent).Bold(true),
		Chosen:     lipgloss.NewStyle().Foreground(accent),
		OptionHelp: lipgloss.NewStyle().Foreground(muted).Italic(true),
		Catalog:    lipgloss.NewStyle().Foreground(catalog),
		WhyTitle:   lipgloss.NewStyle().Foreground(accent).Bold(true),
		Why:        lipgloss.NewStyle().Foreground(text).BorderStyle(lipgloss.NormalBorder()).BorderLeft(true).BorderForeground(faint).PaddingLeft(1),
		Warning:    lipgloss.NewStyle().Foreground(warn),
		Error:      lipgloss.NewStyle().Foreground(bad).Bold(true),
		Success:    lipgloss.NewStyle().Foreground(good),
		Input:      lipgloss.NewStyle().Foreground(text),
		ReviewKey:  lipgloss.NewStyle().Foreground(muted),
		Link:       lipgloss.NewStyle().Foreground(accent).Bold(true),
		TooSmall:   lipgloss.NewStyle().Foreground(warn).Bold(true),
		Help:       help.DefaultStyles(dark),
	}
	fg := [...]color.Color{
		questionnaire.None:           muted,
		questionnaire.Recommande:     good,
		questionnaire.SousConditions: ld(lipgloss.Color("#8A6A00"), lipgloss.Color("#F5D76E")),
		questionnaire.Deconseille:    warn,
		questionnaire.Proscrit:       bad,
	}
	bg := [...]color.Color{
		questionnaire.None:           ld(lipgloss.Color("#DDDDDD"), lipgloss.Color("#3A3A3A")),
		questionnaire.Recommande:     lipgloss.Color("#1E7B3A"),
		questionnaire.SousConditions: lipgloss.Color("#F2C94C"),
		questionnaire.Deconseille:    lipgloss.Color("#E8762B"),
		questionnaire.Proscrit:       lipgloss.Color("#C0152F"),
	}
	white, black := lipgloss.Color("#FFFFFF"), lipgloss.Color("#000000")
	on := [...]color.Color{
		questionnaire.None:           text,
		questionnaire.Recommande:     white,
		questionnaire.SousConditions: black,
		questionnaire.Deconseille:    black,
		questionnaire.Proscrit:       white,
	}
	band := lipgloss.NewStyle().Bold(true).Padding(0, 1)
	for l := questionnaire.None; l <= questionnaire.Proscrit; l++ {
		s.level[l] = lipgloss.NewStyle().Foreground(fg[l])
		s.banner[l] = band.Foreground(on[l]).Background(bg[l])
	}
	return s
}

func noColorStyles() Styles {
	plain := lipgloss.NewStyle()
	bold := plain.Bold(true)
	s := Styles{
		Theme:      ThemeNoColor,
		built:      true,
		App:        plain.Padding(0, 1),
		Brand:      bold,
		Subtitle:   plain,
		StepLabel:  plain,
		BarFull:    plain,
		BarEmpty:   plain,
		Title:      bold.Underline(true),
		Question:   bold,
		Text:       plain,
		Muted:      plain,
		Cursor:     bold,
		Highlight:  bold.Reverse(true),
		Chosen:     bold,
		OptionHelp: plain.Italic(true),
		Catalog:    plain.Italic(true),
		WhyTitle:   bold,
		Why:        plain.BorderStyle(lipgloss.NormalBorder()).BorderLeft(true).PaddingLeft(1),
		Warning:    bold,
		Error:      bold,
		Success:    bold,
		Input:      plain,
		ReviewKey:  plain,
		Link:       bold,
		TooSmall:   bold,
		Help: help.Styles{
			Ellipsis: plain, ShortKey: bold, ShortDesc: plain, ShortSeparator: plain,
			FullKey: bold, FullDesc: plain, FullSeparator: plain,
		},
	}
	for l := questionnaire.None; l <= questionnaire.Proscrit; l++ {
		s.level[l] = plain.Bold(l >= questionnaire.Deconseille)
		s.banner[l] = bold.Padding(0, 1).Reverse(true)
	}
	return s
}

// Level returns the style that says a level in text (its symbol, its bar).
func (s Styles) Level(l questionnaire.Level) lipgloss.Style {
	return s.level[clampLevel(l)]
}

// Banner returns the style of the verdict banner: a coloured band with the
// symbol and the word, reversed when there is no colour.
func (s Styles) Banner(l questionnaire.Level) lipgloss.Style {
	return s.banner[clampLevel(l)]
}

// The layout of presentation mode: content never wider than presMaxWidth
// columns, centred, with presMarginX columns at least on each side and a
// blank line on top.
const (
	presMaxWidth = 96
	presMarginX  = 4
	presMarginY  = 1
	// On a terminal lower than presCompactHeight, the result (see
	// Model.compact) keeps the lines and columns for the report: two
	// columns each side, enough for a projector's overscan.
	presCompactMarginX = 2
)

// NewPresentationStyles builds the styles of presentation mode on a theme:
// high contrast (pure white or black text, saturated level colours, bold
// where the everyday theme is grey or italic), a three-line verdict band,
// and the projector's layout. Without colour it keeps NO_COLOR's bold and
// reverse.
func NewPresentationStyles(t Theme) Styles {
	s := NewStyles(t)
	s.Present, s.MaxWidth, s.MarginX, s.MarginY = true, presMaxWidth, presMarginX, presMarginY
	s.App = lipgloss.NewStyle()
	if t == ThemeNoColor {
		for l := questionnaire.None; l <= questionnaire.Proscrit; l++ {
			s.banner[l] = s.banner[l].Padding(1, 2)
		}
		s.OptionHelp = lipgloss.NewStyle()
		return s
	}
	dark := t == ThemeDark
	ld := lipgloss.LightDark(dark)
	accent := ld(lipgloss.Color("#002D9C"), lipgloss.Color("#FFD75F"))
	text := ld(lipgloss.Color("#000000"), lipgloss.Color("#FFFFFF"))
	soft := ld(lipgloss.Color("#262626"), lipgloss.Color("#E4E4E4")) // never grey small print
	onAccent := ld(lipgloss.Color("#FFFFFF"), lipgloss.Color("#000000"))
	catalog := ld(lipgloss.Color("#005F87"), lipgloss.Color("#87D7FF"))
	warn := ld(lipgloss.Color("#8A3B00"), lipgloss.Color("#FFAF5F"))
	bad := ld(lipgloss.Color("#A8001C"), lipgloss.Color("#FF6B6B"))
	good := ld(lipgloss.Color("#005F1E"), lipgloss.Color("#5FFF87"))
	bold := lipgloss.NewStyle().Bold(true)
	s.Brand = bold.Foreground(accent)
	s.Subtitle = bold.Foreground(text)
	s.StepLabel = bold.Foreground(text)
	s.BarFull = lipgloss.NewStyle().Foreground(accent)
	s.BarEmpty = lipgloss.NewStyle().Foreground(soft)
	s.Title = bold.Foreground(accent)
	s.Question = bold.Foreground(text)
	s.Text = lipgloss.NewStyle().Foreground(text)
	s.Muted = lipgloss.NewStyle().Foreground(soft)
	s.Cursor = bold.Foreground(accent)
	s.Highlight = bold.Foreground(onAccent).Background(accent)
	s.Chosen = bold.Foreground(accent)
	s.OptionHelp = lipgloss.NewStyle().Foreground(soft)
	s.Catalog = bold.Foreground(catalog)
	s.WhyTitle = bold.Foreground(accent)
	s.Why = lipgloss.NewStyle().Foreground(text).BorderStyle(lipgloss.ThickBorder()).BorderLeft(true).BorderForeground(accent).PaddingLeft(1)
	s.Warning = bold.Foreground(warn)
	s.Error = bold.Foreground(bad)
	s.Success = bold.Foreground(good)
	s.Input = lipgloss.NewStyle().Foreground(text)
	s.ReviewKey = lipgloss.NewStyle().Foreground(text)
	s.Link = bold.Foreground(accent)
	s.TooSmall = bold.Foreground(warn)
	s.Help = help.Styles{
		Ellipsis:       lipgloss.NewStyle().Foreground(soft),
		ShortKey:       bold.Foreground(accent),
		ShortDesc:      lipgloss.NewStyle().Foreground(text),
		ShortSeparator: lipgloss.NewStyle().Foreground(soft),
		FullKey:        bold.Foreground(accent),
		FullDesc:       lipgloss.NewStyle().Foreground(text),
		FullSeparator:  lipgloss.NewStyle().Foreground(soft),
	}
	fg := [...]color.Color{
		questionnaire.None:           soft,
		questionnaire.Recommande:     good,
		questionnaire.SousConditions: ld(lipgloss.Color("#6B5200"), lipgloss.Color("#FFE066")),
		questionnaire.Deconseille:    warn,
		questionnaire.Proscrit:       bad,
	}
	for l := questionnaire.None; l <= questionnaire.Proscrit; l++ {
		s.level[l] = bold.Foreground(fg[l])
		s.banner[l] = s.banner[l].Padding(1, 2)
	}
	return s
}

func clampLevel(l questionnaire.Level) questionnaire.Level {
	return min(max(l, questionnaire.None), questionnaire.Proscrit)
}
