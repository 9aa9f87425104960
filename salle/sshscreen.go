package salle

import (
	"bytes"
	"io"
	"strings"
	"sync"

	tea "charm.land/bubbletea/v2"
	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"
)

// An SSH participant's program runs without Bubble Tea's renderer and
// input reader: with hundreds of sessions on the trainer's laptop, the
// renderer's two cell buffers (about 110 bytes a cell, 80×24 cells each)
// and the input reader's key table (about 140 KiB, built for each program)
// were four fifths of a session's memory. The participant's screen is a
// short inline frame that changes at a key or a step: it is drawn whole
// (inlineScreen), and its keys are decoded without a table (readKeys).

// inlineScreen draws a program's frames inline: each new frame replaces the
// last one (cursor up over it, erase below, the new lines), the terminal's
// title follows the view's. It keeps the last frame and nothing the size of
// the screen.
type inlineScreen struct {
	w             io.Writer // the session, through its colour profile
	width, height int       // the terminal's
	lines         int       // lines of the last frame on the terminal
	frame, title  string
	clear         bool // the width changed: clear the screen before the next frame
}

// frameBufs are the buffers frames are written through, shared by the
// sessions: a session holds one only while it writes a frame.
var frameBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func newInlineScreen(w io.Writer, width, height int) *inlineScreen {
	s := &inlineScreen{w: w, width: width, height: height}
	_, _ = io.WriteString(w, ansi.HideCursor)
	return s
}

// resize takes the terminal's new size: a new width rewraps what the
// terminal shows, so the next frame starts on a cleared screen.
func (s *inlineScreen) resize(width, height int) {
	if width != s.width {
		s.clear = true
	}
	s.width, s.height, s.frame = width, height, ""
}

// draw writes the view when it changed.
func (s *inlineScreen) draw(v tea.View) {
	if v.Content == s.frame && v.WindowTitle == s.title && !s.clear {
		return
	}
	buf := frameBufs.Get().(*bytes.Buffer)
	defer frameBufs.Put(buf)
	buf.Reset()
	switch {
	case s.clear:
		buf.WriteString(ansi.EraseEntireScreen + ansi.CursorHomePosition)
	case s.lines > 1:
		buf.WriteString("\r" + ansi.CursorUp(s.lines-1) + ansi.EraseScreenBelow)
	case s.lines == 1:
		buf.WriteString("\r" + ansi.EraseScreenBelow)
	}
	lines := strings.Split(strings.TrimSuffix(v.Content, "\n"), "\n")
	if s.height > 0 && len(lines) > s.height { // the top scrolls away, as in Bubble Tea
		lines = lines[len(lines)-s.height:]
	}
	for i, l := range lines {
		if i > 0 {
			buf.WriteString("\r\n")
		}
		buf.WriteString(ansi.Truncate(l, max(s.width, 1), "") + ansi.ResetStyle)
	}
	if v.WindowTitle != s.title {
		buf.WriteString(ansi.SetWindowTitle(v.WindowTitle))
	}
	s.frame, s.title, s.lines, s.clear = v.Content, v.WindowTitle, len(lines), false
	_, _ = s.w.Write(buf.Bytes())
}

// close leaves the last frame on the terminal, the cursor below it.
func (s *inlineScreen) close() {
	_, _ = io.WriteString(s.w, "\r\n"+ansi.ShowCursor)
}

// screenModel draws its model's views on an inlineScreen; Bubble Tea
// calls View after each message, on the program's own goroutine.
type screenModel struct {
	m   tea.Model
	scr *inlineScreen
}

func (s *screenModel) Init() tea.Cmd { return s.m.Init() }

func (s *screenModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if w, ok := msg.(tea.WindowSizeMsg); ok {
		s.scr.resize(w.Width, w.Height)
	}
	var cmd tea.Cmd
	s.m, cmd = s.m.Update(msg)
	return s, cmd
}

func (s *screenModel) View() tea.View {
	v := s.m.View()
	s.scr.draw(v)
	return v
}

// readKeys decodes the session's input into key presses for the program,
// until the input ends. The decoder knows the sequences of xterm, the
// Linux console, Windows' OpenSSH client and macOS' terminals without a
// table.
func readKeys(r io.Reader, send func(tea.Msg)) error {
	var d uv.EventDecoder
	buf := make([]byte, 512)
	for {
		n, err := r.Read(buf)
		for b := buf[:n]; len(b) > 0; {
			k, ev := d.Decode(b)
			if k <= 0 {
				break
			}
			b = b[k:]
			keyEvents(ev, send)
		}
		if err != nil {
			return err
		}
	}
}

func keyEvents(ev uv.Event, send func(tea.Msg)) {
	switch e := ev.(type) {
	case uv.KeyPressEvent:
		send(tea.KeyPressMsg(e))
	case uv.MultiEvent:
		for _, x := range e {
			keyEvents(x, send)
		}
	}
}
