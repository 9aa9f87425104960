package salle

import (
	"strings"

	qrcode "github.com/skip2/go-qrcode"
)

// qrModules encodes text as a QR code (error correction M: a smudged
// projector still reads) and returns its modules, true for dark, without
// the quiet zone (qrLines adds it).
func qrModules(text string) ([][]bool, error) {
	q, err := qrcode.New(text, qrcode.Medium)
	if err != nil {
		return nil, err
	}
	q.DisableBorder = true
	return q.Bitmap(), nil
}

// qrLines draws modules with half blocks, two modules a character high
// (a character cell is about twice as high as wide, so each module is
// square), surrounded by quiet modules on every side; scale 2 draws each
// module two columns wide and two halves high. Light is a space, dark a
// block: the caller paints the lines dark on light (a QR code is read as
// dark on light whatever the terminal's theme).
func qrLines(mods [][]bool, quiet, scale int) []string {
	n := len(mods)
	size := n + 2*quiet
	dark := func(y, x int) bool {
		y, x = y-quiet, x-quiet
		return y >= 0 && y < n && x >= 0 && x < n && mods[y][x]
	}
	scale = max(1, scale)
	rows := size * scale // half-character rows
	var out []string
	for r := 0; r < rows; r += 2 {
		var b strings.Builder
		for c := 0; c < size*scale; c++ {
			top := dark(r/scale, c/scale)
			bottom := r+1 < rows && dark((r+1)/scale, c/scale)
			switch {
			case top && bottom:
				b.WriteString("█")
			case top:
				b.WriteString("▀")
			case bottom:
				b.WriteString("▄")
			default:
				b.WriteString(" ")
			}
		}
		out = append(out, b.String())
	}
	return out
}

// qrSize is the width in columns and the height in lines of qrLines.
func qrSize(n, quiet, scale int) (w, h int) {
	side := (n + 2*quiet) * max(1, scale)
	return side, (side + 1) / 2
}
