package salle

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// wrap wraps s at w cells, on spaces.
func wrap(s string, w int) string {
	return lipgloss.Wrap(s, max(10, w), " ")
}

// hardWrap wraps s at w cells anywhere (a URL, a command line).
func hardWrap(s string, w int) string {
	return ansi.Hardwrap(s, max(10, w), false)
}

// truncate cuts s to w cells, with « … ».
func truncate(s string, w int) string {
	return ansi.Truncate(s, max(1, w), "…")
}

// pad fills s with spaces to w cells.
func pad(s string, w int) string {
	return s + strings.Repeat(" ", max(0, w-lipgloss.Width(s)))
}

// clipLines keeps the first h lines of s.
func clipLines(s string, h int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:max(1, h)]
	}
	return strings.Join(lines, "\n")
}

// portOf is the port of a listener's address.
func portOf(a interface{ String() string }) int {
	s := a.String()
	i := strings.LastIndexByte(s, ':')
	n := 0
	for _, c := range s[i+1:] {
		if c < '0' || c > '9' {
			return 0
		}
		n = n*10 + int(c-'0')
	}
	return n
}
