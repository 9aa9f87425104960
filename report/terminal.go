package report

import (
	"strconv"
	"strings"

	"charm.land/glamour/v2"
	"charm.land/glamour/v2/styles"
)

// Style is the look of terminal output.
type Style string

// The terminal styles.
const (
	StyleDark    Style = styles.DarkStyle
	StyleLight   Style = styles.LightStyle
	StyleNoColor Style = styles.NoTTYStyle
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

// RenderTerminal renders Markdown for a terminal of the given width. Making a
// renderer is cheap; rendering is not: callers cache the result and render
// again only when the width, style or content change.
func RenderTerminal(markdown string, width int, style Style) (string, error) {
	if width < 20 {
		width = 20
	}
	r, err := glamour.NewTermRenderer(glamour.WithStandardStyle(string(style)), glamour.WithWordWrap(width))
	if err != nil {
		return "", err
	}
	return r.Render(markdown)
}
