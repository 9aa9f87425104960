package termbench

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/creack/pty"
)

// Size is a terminal size in character cells.
type Size struct {
	Cols, Rows int
}

// ParseSize parses "COLSxROWS", e.g. "80x24".
func ParseSize(s string) (Size, error) {
	c, r, ok := strings.Cut(strings.ToLower(s), "x")
	cols, err1 := strconv.Atoi(c)
	rows, err2 := strconv.Atoi(r)
	if !ok || err1 != nil || err2 != nil || cols < 1 || rows < 1 {
		return Size{}, fmt.Errorf("termbench: size %q is not COLSxROWS (e.g. 80x24)", s)
	}
	return Size{Cols: cols, Rows: rows}, nil
}

func (s Size) String() string { return fmt.Sprintf("%dx%d", s.Cols, s.Rows) }

func (s Size) winsize() *pty.Winsize {
	return &pty.Winsize{Cols: uint16(s.Cols), Rows: uint16(s.Rows)}
}

// namedKeys are the bytes a terminal in its default (normal cursor key) mode
// sends for a key.
var namedKeys = map[string]string{
	"enter": "\r", "tab": "\t", "esc": "\x1b", "escape": "\x1b",
	"space": " ", "backspace": "\x7f",
	"up": "\x1b[A", "down": "\x1b[B", "right": "\x1b[C", "left": "\x1b[D",
	"home": "\x1b[H", "end": "\x1b[F", "pgup": "\x1b[5~", "pgdown": "\x1b[6~",
	"delete": "\x1b[3~", "shift+tab": "\x1b[Z",
}

// ParseKeys turns a key description into the bytes a terminal would send:
// a name ("enter", "down", "esc", "shift+tab", ...), "ctrl+X" for a letter X,
// or else the text itself, in which Go escapes such as \r or \x1b[B are
// interpreted (so "j" is j and "\x1b[B" is the down arrow).
func ParseKeys(spec string) ([]byte, error) {
	name := strings.ToLower(spec)
	if k, ok := namedKeys[name]; ok {
		return []byte(k), nil
	}
	if l, ok := strings.CutPrefix(name, "ctrl+"); ok && len(l) == 1 && l[0] >= 'a' && l[0] <= 'z' {
		return []byte{l[0] - 'a' + 1}, nil
	}
	raw, err := strconv.Unquote(`"` + strings.ReplaceAll(spec, `"`, `\"`) + `"`)
	if err != nil || raw == "" {
		return nil, fmt.Errorf("termbench: cannot read key %q: not a key name nor text", spec)
	}
	return []byte(raw), nil
}
