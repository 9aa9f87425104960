package salle

import (
	"strings"
	"testing"
)

// The half-block drawing is the code's bitmap, module for module: read the
// lines back and compare.
func TestQRLinesRoundTrip(t *testing.T) {
	mods, err := qrModules("http://192.168.1.20:8023/?code=4821")
	if err != nil {
		t.Fatal(err)
	}
	n := len(mods)
	if n < 21 || (n-21)%4 != 0 {
		t.Fatalf("a QR code is 21+4k modules wide, got %d", n)
	}
	for _, scale := range []int{1, 2} {
		quiet := 4
		lines := qrLines(mods, quiet, scale)
		w, h := qrSize(n, quiet, scale)
		if len(lines) != h {
			t.Fatalf("scale %d: %d lines, want %d", scale, len(lines), h)
		}
		for y := 0; y < (n+2*quiet)*scale; y++ {
			row := []rune(lines[y/2])
			if len(row) != w {
				t.Fatalf("scale %d: line %d is %d wide, want %d", scale, y/2, len(row), w)
			}
			for x := 0; x < w; x++ {
				ch := row[x]
				got := ch == '█' || (y%2 == 0 && ch == '▀') || (y%2 == 1 && ch == '▄')
				my, mx := y/scale-quiet, x/scale-quiet
				want := my >= 0 && my < n && mx >= 0 && mx < n && mods[my][mx]
				if got != want {
					t.Fatalf("scale %d: module (%d,%d) drawn %v, is %v", scale, mx, my, got, want)
				}
			}
		}
		if strings.TrimSpace(lines[0]) != "" || strings.TrimSpace(lines[len(lines)-1]) != "" {
			t.Errorf("scale %d: the quiet zone is not blank", scale)
		}
	}
}
