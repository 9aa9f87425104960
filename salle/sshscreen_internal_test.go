package salle

import (
	"bytes"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

func TestInlineScreenRedrawsOverTheLastFrame(t *testing.T) {
	var out bytes.Buffer
	s := newInlineScreen(&out, 10, 4)
	if out.String() != ansi.HideCursor {
		t.Fatalf("start: %q", out.String())
	}
	out.Reset()
	v := tea.NewView("one\ntwo\nthree")
	v.WindowTitle = "T1"
	s.draw(v)
	if got, want := out.String(), "one"+ansi.ResetStyle+"\r\ntwo"+ansi.ResetStyle+"\r\nthree"+ansi.ResetStyle+ansi.SetWindowTitle("T1"); got != want {
		t.Fatalf("first frame %q, want %q", got, want)
	}
	out.Reset()
	s.draw(v)
	if out.Len() != 0 {
		t.Fatalf("the same frame drawn again: %q", out.String())
	}
	v.Content = "a very long line\nb"
	s.draw(v)
	got := out.String()
	if want := "\r" + ansi.CursorUp(2) + ansi.EraseScreenBelow + "a very lon" + ansi.ResetStyle + "\r\nb" + ansi.ResetStyle; got != want {
		t.Fatalf("second frame %q, want %q (up over the 3 lines, truncated to 10 columns, the title unchanged)", got, want)
	}
	out.Reset()
	s.draw(tea.NewView("1\n2\n3\n4\n5\n6"))
	if got := out.String(); !strings.HasPrefix(got, "\r"+ansi.CursorUp(1)+ansi.EraseScreenBelow) || strings.Contains(got, "2"+ansi.ResetStyle) || !strings.Contains(got, "3"+ansi.ResetStyle) || !strings.Contains(got, ansi.SetWindowTitle("")) {
		t.Fatalf("a frame taller than the terminal: %q (the top lines go, the title is cleared)", got)
	}
	out.Reset()
	s.resize(20, 4)
	s.draw(tea.NewView("1\n2\n3\n4\n5\n6"))
	if got := out.String(); !strings.HasPrefix(got, ansi.EraseEntireScreen+ansi.CursorHomePosition+"3") {
		t.Fatalf("after a new width: %q, want a cleared screen and the frame again", got)
	}
	out.Reset()
	s.close()
	if out.String() != "\r\n"+ansi.ShowCursor {
		t.Fatalf("close: %q", out.String())
	}
}

func TestReadKeysDecodesTheParticipantsKeys(t *testing.T) {
	var got []string
	err := readKeys(strings.NewReader("\x1b[B\x1bOA \r\t4\x7f\x03q"), func(m tea.Msg) {
		if k, ok := m.(tea.KeyPressMsg); ok {
			got = append(got, k.String())
		}
	})
	if err == nil {
		t.Fatal("no error at the end of the input")
	}
	if want := "down up space enter tab 4 backspace ctrl+c q"; strings.Join(got, " ") != want {
		t.Fatalf("keys %q, want %q", strings.Join(got, " "), want)
	}
}
