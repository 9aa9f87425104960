package tui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/conduite/conduite/report"
)

// reportView shows the glamour-rendered report in a scrollable viewport.
//
// Rendering a report of a few kilobytes costs about ten milliseconds, so it
// never happens in View and never twice for the same text, width and style:
//   - the Markdown is cut into chunks at its sections (long lists at their
//     items), which glamour renders independently;
//   - the chunks that fill the visible part are rendered first, in one
//     command, and shown as soon as they are ready; the rest follows in two
//     parallel commands;
//   - a finished render is kept in a small cache (renderCache), so that going
//     back to a size or a style already seen costs nothing.
//
// Each render carries a generation number: the answer of a render that a
// newer resize made obsolete is dropped.
type reportView struct {
	vp     viewport.Model
	top    string // drawn above the report, in the viewport (the risk picture)
	chunks []string
	width  int
	style  report.Style
	gen    int
	parts  []string // rendered chunks of this generation ("" until rendered)
	done   []bool
	body   string // what the viewport shows below top
	wait   string // shown while nothing is rendered yet
	ready  bool   // the whole report of this generation is in body
	err    error
	follow bool // End was pressed before the whole report was there: stay at the end
}

// renderCache keeps the last few complete renders. It belongs to one root
// model (one session) and is only touched from Update.
type renderCache struct {
	entries []cacheEntry
}

type cacheEntry struct {
	key renderKey
	out string
}

type renderKey struct {
	md    string
	width int
	style report.Style
}

const cacheSize = 6

func (c *renderCache) get(k renderKey) (string, bool) {
	for _, e := range c.entries {
		if e.key == k {
			return e.out, true
		}
	}
	return "", false
}

func (c *renderCache) put(k renderKey, out string) {
	if _, ok := c.get(k); ok {
		return
	}
	c.entries = append(c.entries, cacheEntry{k, out})
	if len(c.entries) > cacheSize {
		c.entries = c.entries[1:]
	}
}

// chunkMarkdown cuts a report into independently renderable pieces: one per
// section, and a long list cut between its items. Sections whose heading is
// in drop are left out.
func chunkMarkdown(md string, drop ...string) []string {
	var out []string
	for i, sec := range strings.Split(md, "\n## ") {
		if i > 0 {
			sec = "## " + sec
		}
		if skipSection(sec, drop) {
			continue
		}
		out = append(out, splitList(sec, 1200)...)
	}
	return out
}

func skipSection(sec string, drop []string) bool {
	for _, d := range drop {
		if d != "" && strings.HasPrefix(sec, "## "+d+"\n") {
			return true
		}
	}
	return false
}

// splitList cuts a section longer than size between the items of a loose
// list (blank line, then « - »).
func splitList(sec string, size int) []string {
	if len(sec) <= size {
		return []string{sec}
	}
	var out []string
	cur := ""
	for i, item := range strings.Split(sec, "\n\n- ") {
		if i > 0 {
			item = "- " + item
		}
		if cur != "" && len(cur)+len(item) > size {
			out = append(out, cur)
			cur = ""
		}
		if cur == "" {
			cur = item
		} else {
			cur += "\n\n" + item
		}
	}
	return append(out, cur)
}

// newRenderer makes a glamour renderer (a variable, for the test that
// counts them).
var newRenderer = report.NewTerminalRenderer

// renderChunks renders chunks with glamour, in conduite's style.
func renderChunks(gen, from int, chunks []string, width int, style report.Style) tea.Cmd {
	return func() tea.Msg {
		// One renderer for the command's chunks: a command runs in its own
		// goroutine, and a renderer serves one at a time.
		r, err := newRenderer(width, style)
		if err != nil {
			return renderedMsg{gen: gen, from: from, err: err}
		}
		out := make([]string, len(chunks))
		for i, c := range chunks {
			s, err := r.Render(c)
			if err != nil {
				return renderedMsg{gen: gen, from: from, err: err}
			}
			out[i] = trimBlankLines(s)
		}
		return renderedMsg{gen: gen, from: from, chunks: out}
	}
}

// set gives the view its content and size; it returns the commands that
// render what the cache does not hold.
func (v reportView) set(chunks []string, top, wait string, width, height int, style report.Style, cache *renderCache) (reportView, tea.Cmd) {
	v.vp.SetWidth(width)
	v.vp.SetHeight(height)
	v.top, v.wait = top, wait
	if !slices.Equal(v.chunks, chunks) {
		v.body = "" // never show the report of other answers
	}
	same := v.width == width && v.style == style && slices.Equal(v.chunks, chunks)
	v.chunks, v.width, v.style = chunks, width, style
	if same && (v.ready || v.parts != nil) {
		v.show()
		return v, nil
	}
	k := renderKey{md: strings.Join(chunks, "\x00"), width: width, style: style}
	if out, ok := cache.get(k); ok {
		v.gen++
		v.parts, v.done = nil, nil
		v.body, v.ready, v.err = out, true, nil
		v.show()
		return v, nil
	}
	v.gen++
	v.parts = make([]string, len(chunks))
	v.done = make([]bool, len(chunks))
	v.ready = false
	// The first command renders what fills the screen: chunks until their
	// estimated height covers the viewport.
	need := height - strings.Count(top, "\n")
	first, lines := 0, 0
	for first < len(chunks) && lines < need {
		lines += estimateLines(chunks[first], width)
		first++
	}
	first = max(first, 1)
	v.show()
	return v, renderChunks(v.gen, 0, chunks[:first], width, style)
}

// received takes rendered chunks; it returns the commands for the rest
// after the first part, and stores the complete render in the cache.
func (v reportView) received(msg renderedMsg, cache *renderCache) (reportView, tea.Cmd) {
	if msg.gen != v.gen || v.parts == nil {
		return v, nil
	}
	if msg.err != nil {
		v.err = msg.err
		v.show()
		return v, nil
	}
	for i, s := range msg.chunks {
		v.parts[msg.from+i] = s
		v.done[msg.from+i] = true
	}
	var cmd tea.Cmd
	if msg.from == 0 {
		rest := len(msg.chunks)
		if rest < len(v.chunks) {
			// Two halves of about equal size, rendered in parallel.
			total := 0
			for _, c := range v.chunks[rest:] {
				total += len(c)
			}
			mid, acc := rest, 0
			for mid < len(v.chunks)-1 && acc+len(v.chunks[mid]) <= total/2 {
				acc += len(v.chunks[mid])
				mid++
			}
			mid = max(mid, rest+1)
			cmds := []tea.Cmd{renderChunks(v.gen, rest, v.chunks[rest:mid], v.width, v.style)}
			if mid < len(v.chunks) {
				cmds = append(cmds, renderChunks(v.gen, mid, v.chunks[mid:], v.width, v.style))
			}
			cmd = tea.Batch(cmds...)
		}
	}
	prefix := 0
	for prefix < len(v.done) && v.done[prefix] {
		prefix++
	}
	v.body = joinChunks(v.chunks[:prefix], v.parts[:prefix])
	if prefix == len(v.parts) {
		v.ready = true
		cache.put(renderKey{md: strings.Join(v.chunks, "\x00"), width: v.width, style: v.style}, v.body)
		v.parts, v.done = nil, nil
	}
	v.show()
	if v.follow {
		v.vp.GotoBottom()
		v.follow = !v.ready
	}
	return v, cmd
}

// trimBlankLines drops the blank lines (spaces only, and the colour codes
// a coloured style puts even there) around a rendered chunk, and the
// trailing spaces of its last line.
func trimBlankLines(s string) string {
	lines := strings.Split(s, "\n")
	blank := func(l string) bool { return strings.TrimSpace(ansi.Strip(l)) == "" }
	for len(lines) > 0 && blank(lines[0]) {
		lines = lines[1:]
	}
	for len(lines) > 0 && blank(lines[len(lines)-1]) {
		lines = lines[:len(lines)-1]
	}
	return strings.TrimRight(strings.Join(lines, "\n"), " ")
}

// joinChunks puts rendered chunks together: a blank line between sections,
// none inside a list cut in two.
func joinChunks(md, parts []string) string {
	var b strings.Builder
	for i, p := range parts {
		if i > 0 {
			if strings.HasPrefix(md[i], "- ") {
				b.WriteString("\n")
			} else {
				b.WriteString("\n\n")
			}
		}
		b.WriteString(p)
	}
	return b.String()
}

// show puts top and body into the viewport.
func (v *reportView) show() {
	content := v.top
	switch {
	case v.err != nil:
		content += "\n" + v.err.Error()
	case v.body != "":
		content += "\n\n" + v.body
	default:
		content += "\n\n  " + v.wait
	}
	v.vp.SetContent(content)
}

// estimateLines guesses how many lines glamour makes of a chunk.
func estimateLines(md string, width int) int {
	w := max(10, width-4)
	n := 1
	for _, l := range strings.Split(md, "\n") {
		n += 1 + len([]rune(l))/w
	}
	return n
}
