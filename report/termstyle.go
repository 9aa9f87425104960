package report

import (
	"strings"

	"charm.land/glamour/v2/ansi"
)

// conduite's own glamour styles. Glamour's standard ones print Markdown
// marks where they have no colour to show (« ## Pourquoi », « **…** » in
// notty and ascii) and set H2 to H6 with their « ## » prefix in every
// style; these never do: headings stand out by colour and weight (by
// weight and capitals without colour), emphasis is bold or italic, never a
// mark. Their colours are the wizard's (tui/styles.go): keep them in step.

// palette is the few colours a style is made of.
type palette struct {
	text, accent, muted, faint, link string
	onAccent                         string // text on an accent background (the title)
}

var (
	darkPalette  = palette{text: "#E4E4E4", accent: "#A594F9", muted: "#9A9A9A", faint: "#4A4A4A", link: "#5FD0E6", onAccent: "#1C1C1C"}
	lightPalette = palette{text: "#1C1C1C", accent: "#5A3FC0", muted: "#6B6B6B", faint: "#C8C8C8", link: "#00677F", onAccent: "#FFFFFF"}
	// Presentation mode (a projector): pure white or black text, a
	// saturated accent, nothing grey.
	presentDarkPalette  = palette{text: "#FFFFFF", accent: "#FFD75F", muted: "#E4E4E4", faint: "#E4E4E4", link: "#87D7FF", onAccent: "#000000"}
	presentLightPalette = palette{text: "#000000", accent: "#002D9C", muted: "#262626", faint: "#262626", link: "#005F87", onAccent: "#FFFFFF"}
)

// styleConfig returns the glamour configuration of a style; an unknown
// style is the dark one.
func (s Style) styleConfig() ansi.StyleConfig {
	switch s {
	case StyleLight:
		return colourStyle(lightPalette, false)
	case StyleNoColor:
		return plainStyle()
	case StylePresentDark:
		return colourStyle(presentDarkPalette, true)
	case StylePresentLight:
		return colourStyle(presentLightPalette, true)
	}
	return colourStyle(darkPalette, false)
}

func strp(s string) *string { return &s }
func boolp(b bool) *bool    { return &b }
func uintp(u uint) *uint    { return &u }

const (
	termMargin      = 2
	termLevelIndent = 2
	termItem        = "• "
	termEnumeration = ". "
)

var termRule = "\n" + strings.Repeat("─", 8) + "\n"

// base is what every style shares: the layout, the bullets, no marks.
func base() ansi.StyleConfig {
	return ansi.StyleConfig{
		Document: ansi.StyleBlock{
			StylePrimitive: ansi.StylePrimitive{BlockPrefix: "\n", BlockSuffix: "\n"},
			Margin:         uintp(termMargin),
		},
		BlockQuote:     ansi.StyleBlock{Indent: uintp(1), IndentToken: strp("│ ")},
		List:           ansi.StyleList{LevelIndent: termLevelIndent},
		Heading:        ansi.StyleBlock{StylePrimitive: ansi.StylePrimitive{BlockSuffix: "\n", Bold: boolp(true)}},
		Strong:         ansi.StylePrimitive{Bold: boolp(true)},
		Emph:           ansi.StylePrimitive{Italic: boolp(true)},
		Strikethrough:  ansi.StylePrimitive{CrossedOut: boolp(true)},
		HorizontalRule: ansi.StylePrimitive{Format: termRule},
		Item:           ansi.StylePrimitive{BlockPrefix: termItem},
		Enumeration:    ansi.StylePrimitive{BlockPrefix: termEnumeration},
		Task:           ansi.StyleTask{Ticked: "[✓] ", Unticked: "[ ] "},
		Link:           ansi.StylePrimitive{Underline: boolp(true)},
		ImageText:      ansi.StylePrimitive{Format: "{{.text}}"},
		// A no-break space around inline code, as glamour's own styles,
		// and no backquotes.
		Code:                  ansi.StyleBlock{StylePrimitive: ansi.StylePrimitive{Prefix: "\u00a0", Suffix: "\u00a0"}},
		CodeBlock:             ansi.StyleCodeBlock{StyleBlock: ansi.StyleBlock{Margin: uintp(termMargin)}},
		DefinitionDescription: ansi.StylePrimitive{BlockPrefix: "\n→ "},
	}
}

// colourStyle is a style on a dark or light background. On a projector
// (present) nothing is italic or grey: emphasis is the text's colour.
func colourStyle(p palette, present bool) ansi.StyleConfig {
	c := base()
	c.Document.Color = strp(p.text)
	c.Heading.Color = strp(p.accent)
	c.H1 = ansi.StyleBlock{StylePrimitive: ansi.StylePrimitive{
		Prefix: " ", Suffix: " ", Color: strp(p.onAccent), BackgroundColor: strp(p.accent),
	}}
	c.H3 = ansi.StyleBlock{StylePrimitive: ansi.StylePrimitive{Color: strp(p.text)}}
	c.H4, c.H5, c.H6 = c.H3, c.H3, c.H3
	c.Emph = ansi.StylePrimitive{Italic: boolp(!present), Color: strp(p.muted)}
	c.BlockQuote.Color = strp(p.muted)
	c.HorizontalRule.Color = strp(p.faint)
	c.Link = ansi.StylePrimitive{Color: strp(p.link), Underline: boolp(true)}
	c.LinkText = ansi.StylePrimitive{Color: strp(p.link), Bold: boolp(true)}
	c.Code.Color = strp(p.link)
	c.CodeBlock.Color = strp(p.muted)
	c.Table.Color = strp(p.text)
	return c
}

// plainStyle is the style without colour (NO_COLOR): headings in bold
// capitals, bold and italics as the terminal shows them, no mark at all
// (a terminal that shows no attribute still reads plain text).
func plainStyle() ansi.StyleConfig {
	c := base()
	c.H1 = ansi.StyleBlock{StylePrimitive: ansi.StylePrimitive{Upper: boolp(true), Underline: boolp(true)}}
	c.H2 = ansi.StyleBlock{StylePrimitive: ansi.StylePrimitive{Upper: boolp(true)}}
	return c
}
