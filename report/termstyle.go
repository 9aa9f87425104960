package report

import (
	"strings"
	"sync"

	"charm.land/glamour/v2/ansi"
)

// conduite's own glamour styles. Glamour's standard ones print Markdown
// marks where they have no colour to show (« ## Pourquoi », « **…** » in
// notty and ascii) and set H2 to H6 with their « ## » prefix in every
// style; these never do: headings stand out by colour and weight (by
// weight and capitals without colour), emphasis is bold or italic, never a
// mark. Their colours are the wizard's (tui/styles.go): keep them in step.

// palette is the few colours a style is made of. The greys are xterm-256
// indices (the wizard's greys, or within a few units), which cost glamour
// fewer allocations than RGB colours; the accents are the wizard's own.
type palette struct {
	text, muted, faint string // xterm-256 indices; text only on a projector (colourStyle)
	accent, link       string
	onAccent           string // text on an accent background (the title)
}

var (
	// #E4E4E4, #9A9A9A, #4A4A4A.
	darkPalette = palette{text: "254", muted: "247", faint: "239", accent: "#A594F9", link: "#5FD0E6", onAccent: "234"}
	// #1C1C1C, #6B6B6B, #C8C8C8.
	lightPalette = palette{text: "234", muted: "242", faint: "251", accent: "#5A3FC0", link: "#00677F", onAccent: "231"}
	// Presentation mode (a projector): pure white or black text, a
	// saturated accent, nothing grey: #FFFFFF, #E4E4E4 / #000000, #262626.
	presentDarkPalette  = palette{text: "231", muted: "254", faint: "254", accent: "#FFD75F", link: "#87D7FF", onAccent: "16"}
	presentLightPalette = palette{text: "16", muted: "235", faint: "235", accent: "#002D9C", link: "#005F87", onAccent: "231"}
)

// styleConfigs are the styles, built once, when a report is first drawn
// (glamour copies what it is given and never writes through its pointers,
// as with its own styles).
var styleConfigs = sync.OnceValue(func() map[Style]ansi.StyleConfig {
	return map[Style]ansi.StyleConfig{
		StyleDark:         colourStyle(darkPalette, false),
		StyleLight:        colourStyle(lightPalette, false),
		StyleNoColor:      plainStyle(),
		StylePresentDark:  colourStyle(presentDarkPalette, true),
		StylePresentLight: colourStyle(presentLightPalette, true),
	}
})

// styleConfig returns the glamour configuration of a style; an unknown
// style is the dark one.
func (s Style) styleConfig() ansi.StyleConfig {
	if c, ok := styleConfigs()[s]; ok {
		return c
	}
	return styleConfigs()[StyleDark]
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
	if present {
		// On a projector the text is pure white or black. Elsewhere it is
		// the terminal's own foreground, chosen for its background: glamour
		// writes a block's colour on every padding cell of every line, and
		// the report costs half the allocations without it.
		c.Document.Color = strp(p.text)
	}
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
