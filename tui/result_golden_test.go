package tui

import (
	"fmt"
	"image/color"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/vt"

	"github.com/conduite/conduite/questionnaire"
	"github.com/conduite/conduite/report"
)

// The result screen in each theme (testdata/TestResultThemes): the Discord
// run at 80×24 and 160×45, dark and light in true colour, no colour as
// NO_COLOR runs it (Ascii profile); and presentation mode's high contrast
// at 80×24, dark and light. Each golden holds the screen's text
// with its styles written in: « ⟦b fg=#A594F9⟧Pourquoi⟦⟧ » is « Pourquoi »
// in bold, in that colour; « ⟦⟧ » goes back to the terminal's default; a
// style lasts until the next mark, and every line starts in the default.
// Trailing spaces that show nothing are left out; « ⍽ » is a no-break
// space. Refresh with
// `go test ./tui -run TestResultThemes -update`, then read them.
func TestResultThemes(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping the golden screens in -short mode")
	}
	keys := append(append([]string{}, discordKeys...), "enter")
	for _, th := range []struct {
		theme   Theme
		profile colorprofile.Profile
	}{{ThemeDark, colorprofile.TrueColor}, {ThemeLight, colorprofile.TrueColor}, {ThemeNoColor, colorprofile.ASCII}} {
		for _, size := range [][2]int{{80, 24}, {160, 45}} {
			t.Run(fmt.Sprintf("%s-%dx%d", th.theme, size[0], size[1]), func(t *testing.T) {
				t.Parallel()
				o := testOptions(t)
				o.Theme = th.theme
				text, styled := runStyledScreen(t, o, th.profile, size[0], size[1], keys, "• ✖")
				if th.theme == ThemeNoColor {
					checkNoMarks(t, text)
					if strings.Contains(styled, "fg=") || strings.Contains(styled, "bg=") {
						t.Error("a colour on the no-colour screen")
					}
				}
				golden.RequireEqual(t, styled)
			})
		}
	}
	// Presentation mode's high contrast, on the Discord case revealed: its
	// questions, its eleven answers (the level among them), the review.
	toResult := append([]string{"enter", "enter"}, slices.Repeat([]string{"enter"}, 12)...)
	for _, th := range []Theme{ThemeDark, ThemeLight} {
		t.Run(fmt.Sprintf("presentation-%s-80x24", th), func(t *testing.T) {
			t.Parallel()
			o := caseOptions(t, "discord-classe", true)
			o.Theme = th
			_, styled := runStyledScreen(t, o, colorprofile.TrueColor, 80, 24, append(toResult, "space"), "• ✖")
			golden.RequireEqual(t, styled)
		})
	}
}

// runStyledScreen is runScreenWith under a colour profile: it returns the
// emulated screen's text and its styled dump.
func runStyledScreen(t *testing.T, o Options, p colorprofile.Profile, w, h int, keys []string, marker string) (string, string) {
	t.Helper()
	return runStyledPhases(t, o, p, w, h, [][]string{keys}, []string{marker})
}

// styledDump writes the emulator's screen as text with its styles marked
// where they change (see TestResultThemes).
func styledDump(emu *vt.Emulator) string {
	var b strings.Builder
	for y := range emu.Height() {
		var line strings.Builder
		cur, keep := "", 0 // keep: the length of line up to its last visible cell
		for x := 0; x < emu.Width(); {
			c := emu.CellAt(x, y)
			content, width, mark := " ", 1, ""
			if c != nil {
				if c.Content != "" {
					content = c.Content
				}
				width = max(1, c.Width)
				mark = styleMark(&c.Style)
			}
			if mark != cur {
				line.WriteString("⟦" + mark + "⟧")
				cur = mark
			}
			line.WriteString(content)
			if content != " " || c != nil && (c.Style.Bg != nil || c.Style.Attrs&uv.AttrReverse != 0 || c.Style.Underline != uv.UnderlineNone) {
				keep = line.Len() // a visible cell (a space shows only its background)
			}
			x += width
		}
		s := line.String()[:keep]
		b.WriteString(strings.ReplaceAll(s, "\u00a0", "⍽") + "\n")
	}
	return b.String()
}

// styleMark names a cell's style: b(old), f(aint), i(talic), u(nderline),
// r(everse), s(trikethrough), then its colours.
func styleMark(s *uv.Style) string {
	var parts []string
	for _, a := range []struct {
		bit  uint8
		name string
	}{{uv.AttrBold, "b"}, {uv.AttrFaint, "f"}, {uv.AttrItalic, "i"}, {uv.AttrReverse, "r"}, {uv.AttrStrikethrough, "s"}} {
		if s.Attrs&a.bit != 0 {
			parts = append(parts, a.name)
		}
	}
	if s.Underline != uv.UnderlineNone {
		parts = append(parts, "u")
	}
	if s.Fg != nil {
		parts = append(parts, "fg="+hexColour(s.Fg))
	}
	if s.Bg != nil {
		parts = append(parts, "bg="+hexColour(s.Bg))
	}
	return strings.Join(parts, " ")
}

func hexColour(c color.Color) string {
	r, g, b, _ := c.RGBA()
	return fmt.Sprintf("#%02X%02X%02X", r>>8, g>>8, b>>8)
}

var headingMarkRE = regexp.MustCompile(`(?m)^\s*#{1,6}\s`)

// checkNoMarks fails on a Markdown mark in a screen or a report: « ## »
// before a heading, « ** » or « __ » around bold text.
func checkNoMarks(t *testing.T, s string) {
	t.Helper()
	for i, l := range strings.Split(s, "\n") {
		if headingMarkRE.MatchString(l) || strings.Contains(l, "##") || strings.Contains(l, "**") || strings.Contains(l, "__") {
			t.Errorf("line %d shows Markdown marks: %q", i+1, l)
		}
	}
}

// Under NO_COLOR the result, the whole report scrolled through, shows no
// Markdown mark and no colour, at every size; the headings are in
// capitals and the bold stays.
func TestResultWithoutColourShowsNoMarks(t *testing.T) {
	for _, present := range []bool{false, true} {
		for _, size := range [][2]int{{80, 24}, {100, 30}, {160, 45}} {
			o := testOptions(t) // ThemeNoColor
			var m Model
			if present {
				m = send(t, New(caseOptions(t, "discord-classe", true)), tea.WindowSizeMsg{Width: size[0], Height: size[1]})
				m = press(t, throughCase(t, m), "enter", "space")
			} else {
				m = send(t, New(o), tea.WindowSizeMsg{Width: size[0], Height: size[1]})
				m = press(t, m, append(append([]string{}, discordKeys...), "enter")...)
			}
			if m.kind() != stateResult || !resultOf(m).report.ready {
				t.Fatalf("presentation %v, %v: not on a rendered result (state %v)", present, size, m.kind())
			}
			where := fmt.Sprintf("presentation %v, %dx%d", present, size[0], size[1])
			view := m.View().Content
			if hasColourSGR(view) {
				t.Errorf("%s: a colour on the screen", where)
			}
			body := resultOf(m).report.body
			if !strings.Contains(body, "\x1b[1m") {
				t.Errorf("%s: the report lost its bold", where)
			}
			checkNoMarks(t, screenText(m))
			checkNoMarks(t, plain(body))
			mustContain(t, plain(body), "POURQUOI", "À VÉRIFIER", "SOURCES")
		}
	}
}

// plain is a rendered text as a reader sees it.
func plain(s string) string {
	return strings.NewReplacer("\u00a0", " ", "\u2011", "-").Replace(ansi.Strip(s))
}

var sgrRE = regexp.MustCompile(`\x1b\[([0-9;:]*)m`)

// hasColourSGR finds a colour (foreground or background) in the escape
// codes of s.
func hasColourSGR(s string) bool {
	for _, m := range sgrRE.FindAllStringSubmatch(s, -1) {
		for p := range strings.SplitSeq(strings.ReplaceAll(m[1], ":", ";"), ";") {
			if n, err := strconv.Atoi(p); err == nil && (n >= 30 && n <= 49 || n >= 90 && n <= 107) {
				return true
			}
		}
	}
	return false
}

var urlRE = regexp.MustCompile(`https?://[^\s<>)]+`)

// Every URL of the report shows whole on one line of the result, or as
// its host, in every theme, at every width, in presentation mode too.
func TestResultURLsStayWhole(t *testing.T) {
	for _, th := range []Theme{ThemeDark, ThemeLight, ThemeNoColor} {
		for _, present := range []bool{false, true} {
			for _, size := range [][2]int{{60, 20}, {80, 24}, {120, 40}, {160, 45}} {
				where := fmt.Sprintf("%s, presentation %v, %dx%d", th, present, size[0], size[1])
				o := testOptions(t)
				o.Theme = th
				var m Model
				if present {
					o = caseOptions(t, "discord-classe", true)
					o.Theme = th
					m = send(t, New(o), tea.WindowSizeMsg{Width: size[0], Height: size[1]})
					m = press(t, throughCase(t, m), "enter", "space")
				} else {
					m = send(t, New(o), tea.WindowSizeMsg{Width: size[0], Height: size[1]})
					m = press(t, m, append(append([]string{}, discordKeys...), "enter")...)
				}
				if !resultOf(m).report.ready {
					t.Fatalf("%s: the report is not rendered", where)
				}
				var urls []string
				for _, s := range resultOf(m).doc.Sources {
					if s.URL != "" {
						urls = append(urls, s.URL)
					}
				}
				if len(urls) == 0 {
					t.Fatalf("%s: no URL in the report: the test tests nothing", where)
				}
				lines := strings.Split(plain(resultOf(m).report.body), "\n")
				for _, u := range urls {
					if !anyLineHas(lines, u) && !anyLineHas(lines, urlHost(u)) {
						t.Errorf("%s: %s is neither whole on a line nor shortened to its host", where, u)
					}
				}
				for i, l := range lines {
					for _, u := range urlRE.FindAllString(l, -1) {
						if !containsString(urls, u) {
							t.Errorf("%s, line %d: a piece of a URL, %q", where, i+1, u)
						}
					}
				}
			}
		}
	}
}

func anyLineHas(lines []string, s string) bool {
	for _, l := range lines {
		if strings.Contains(l, s) {
			return true
		}
	}
	return false
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// urlHost is a URL's host as the terminal report shows it.
func urlHost(u string) string {
	h := strings.TrimPrefix(strings.TrimPrefix(u, "https://"), "http://")
	h, _, _ = strings.Cut(h, "/")
	return strings.TrimPrefix(h, "www.")
}

// In presentation mode at 80×24 the result keeps its verdict in view and
// gives the report most of the screen: at least 14 lines of its text,
// where the header and the three-line banner left about five.
func TestPresentationResultKeepsTheReportReadable(t *testing.T) {
	for _, lang := range []questionnaire.Lang{questionnaire.FR, questionnaire.EN} {
		for _, size := range [][2]int{{80, 24}, {60, 20}, {100, 30}} {
			o := caseOptions(t, "discord-classe", true)
			o.Lang = lang
			m := send(t, New(o), tea.WindowSizeMsg{Width: size[0], Height: size[1]})
			m = press(t, throughCase(t, m), "enter", "space")
			s := screenText(m)
			lines := strings.Split(s, "\n")
			where := fmt.Sprintf("%s %dx%d", lang, size[0], size[1])
			if len(lines) > size[1] {
				t.Errorf("%s: %d lines", where, len(lines))
			}
			verdict := strings.ToUpper(resultOf(m).rep.Level.Label(lang))
			if !strings.Contains(lines[0], verdict) {
				t.Errorf("%s: the first line is %q, not the verdict", where, lines[0])
			}
			// The report's lines: those of the viewport that hold text.
			vp := strings.Split(ansi.Strip(resultOf(m).report.vp.View()), "\n")
			n := 0
			for _, l := range vp {
				if strings.TrimSpace(l) != "" && !strings.Contains(l, resultOf(m).doc.T("risk_picture")) {
					n++
				}
			}
			if want := 14 * size[1] / 24; size[0] >= 80 && n < want {
				t.Errorf("%s: %d lines of the report in view, want %d at least:\n%s", where, n, want, s)
			}
			if strings.Contains(s, "████") {
				t.Errorf("%s: the progress bar takes a line the report needs:\n%s", where, s)
			}
		}
	}
	// A tall screen keeps the whole frame.
	m := send(t, New(caseOptions(t, "discord-classe", true)), tea.WindowSizeMsg{Width: 160, Height: 45})
	m = press(t, throughCase(t, m), "enter", "space")
	mustContain(t, screenText(m), "conduite · Discord comme classe virtuelle", "████")
}

// Glamour renderers are made once per render command (the first screen,
// then two halves in parallel), only when the width or the style changes:
// never for a size or a theme already rendered (the cache), never for a
// new height alone.
func TestRenderersOnlyOnWidthOrStyleChange(t *testing.T) {
	var made atomic.Int32
	newRenderer = func(w int, st report.Style) (*report.TerminalRenderer, error) {
		made.Add(1)
		return report.NewTerminalRenderer(w, st)
	}
	defer func() { newRenderer = report.NewTerminalRenderer }()
	o := testOptions(t)
	o.Theme, o.FixedTheme = ThemeDark, false
	m := newTestModel(t, o)
	m = press(t, m, discordKeys...)
	step := func(where string, msg tea.Msg, most int) {
		t.Helper()
		made.Store(0)
		m = send(t, m, msg)
		if !resultOf(m).report.ready {
			t.Fatalf("%s: the report is not rendered", where)
		}
		if n := int(made.Load()); n > most || (most > 0 && n == 0) {
			t.Errorf("%s: %d renderers made, want %d at most (and some when a render is due)", where, n, most)
		}
	}
	step("the result", keyMsg("enter"), 3)
	step("a new height", tea.WindowSizeMsg{Width: 80, Height: 30}, 0)
	step("a new width", tea.WindowSizeMsg{Width: 100, Height: 30}, 3)
	step("back to a known width", tea.WindowSizeMsg{Width: 80, Height: 24}, 0)
	step("a light background", tea.BackgroundColorMsg{Color: lipgloss.Color("#FFFFFF")}, 3)
	if resultOf(m).report.style != report.StyleLight {
		t.Errorf("the report's style is %s after a light background", resultOf(m).report.style)
	}
	step("a dark one again", tea.BackgroundColorMsg{Color: lipgloss.Color("#000000")}, 0)
}
