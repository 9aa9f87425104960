package report

import (
	"strconv"
	"strings"

	"charm.land/glamour/v2"
)

// Style is the look of terminal output: one of conduite's glamour styles
// (termstyle.go), never one that prints Markdown marks.
type Style string

// The terminal styles.
const (
	StyleDark    Style = "dark"
	StyleLight   Style = "light"
	StyleNoColor Style = "no-color" // no colour, no mark: bold, italics, capitals
	// Presentation mode's high contrast, on a dark or a light background.
	StylePresentDark  Style = "presentation-dark"
	StylePresentLight Style = "presentation-light"
)

// StyleFromEnv picks the style without asking the terminal anything: no
// colour when NO_COLOR is set, light when COLORFGBG says the background is
// light, dark otherwise.
func StyleFromEnv(getenv func(string) string) Style {
	if getenv("NO_COLOR") != "" {
		return StyleNoColor
	}
	if fgbg := getenv("COLORFGBG"); fgbg != "" {
		parts := strings.Split(fgbg, ";")
		if bg, err := strconv.Atoi(parts[len(parts)-1]); err == nil && (bg == 7 || bg >= 9 && bg != 8) {
			return StyleLight
		}
	}
	return StyleDark
}

// RenderTerminal renders Markdown for a terminal of the given width (see
// TerminalRenderer). Rendering is not cheap: callers cache the result and
// render again only when the width, style or content change.
func RenderTerminal(markdown string, width int, style Style) (string, error) {
	r, err := NewTerminalRenderer(width, style)
	if err != nil {
		return "", err
	}
	return r.Render(markdown)
}

// TerminalRenderer renders Markdown at one width in one style: make one per
// width or style change (it costs tens of microseconds) and render with it
// any number of texts, from one goroutine at a time.
type TerminalRenderer struct {
	r     *glamour.TermRenderer
	width int
}

// NewTerminalRenderer makes a renderer; a width below 20 counts as 20.
func NewTerminalRenderer(width int, style Style) (*TerminalRenderer, error) {
	width = max(width, 20)
	r, err := glamour.NewTermRenderer(glamour.WithStyles(style.styleConfig()), glamour.WithWordWrap(width))
	if err != nil {
		return nil, err
	}
	return &TerminalRenderer{r: r, width: width}, nil
}

// Render renders Markdown, its links first laid out so that no URL is cut
// (see TerminalLinks).
func (t *TerminalRenderer) Render(markdown string) (string, error) {
	return t.r.Render(TerminalLinks(markdown, t.width))
}
