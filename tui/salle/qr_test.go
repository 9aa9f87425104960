package salle

import (
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
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

// The code as the trainer's screen draws it — the half blocks of
// qrLines, dark on light, the quiet zone included — read back by a real
// decoder (zbarimg, of zbar-tools): the lines are painted into an image,
// a character cell 8×16 pixels, its upper half from the top module and its
// lower half from the bottom one, as a terminal shows them.
func TestQRLinesDecode(t *testing.T) {
	zbar, err := exec.LookPath("zbarimg")
	if err != nil {
		t.Skip("skipping: zbarimg is not installed (apt-get install zbar-tools); the QR code's decoding test needs it")
	}
	for _, c := range []struct {
		url          string
		quiet, scale int
	}{
		{"http://192.168.1.20:8023/?code=4821", 4, 1},
		{"http://192.168.1.20:8023/?code=4821", 2, 1},
		{"http://[2001:db8::12]:8023/?code=482193", 4, 2},
	} {
		mods, err := qrModules(c.url)
		if err != nil {
			t.Fatal(err)
		}
		lines := qrLines(mods, c.quiet, c.scale)
		const cw, ch = 8, 16
		w := len([]rune(lines[0]))
		img := image.NewGray(image.Rect(0, 0, w*cw, len(lines)*ch))
		for y, line := range lines {
			for x, r := range []rune(line) {
				top := r == '█' || r == '▀'
				bottom := r == '█' || r == '▄'
				for py := 0; py < ch; py++ {
					dark := (py < ch/2 && top) || (py >= ch/2 && bottom)
					v := uint8(255)
					if dark {
						v = 0
					}
					for px := 0; px < cw; px++ {
						img.SetGray(x*cw+px, y*ch+py, color.Gray{Y: v})
					}
				}
			}
		}
		path := filepath.Join(t.TempDir(), "qr.png")
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := png.Encode(f, img); err != nil {
			t.Fatal(err)
		}
		f.Close()
		out, err := exec.Command(zbar, "--quiet", "--raw", path).Output()
		if got := strings.TrimSpace(string(out)); err != nil || got != c.url {
			t.Errorf("quiet %d, scale %d: zbarimg read %q (%v), want %q", c.quiet, c.scale, got, err, c.url)
		}
	}
}
