package report

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// When the table fits, every column is there and fits, the verdict keeps
// its width, the reason has room and no word is broken but one wider than
// its column's cap; from 160 columns this row fits.
func TestFitColumns(t *testing.T) {
	headers := []string{"Fichier", "Outil", "Usage", "Public", "Verdict", "Première raison"}
	row := []string{"un/dossier/assez/long/fichier.yaml", "Zoom (version gratuite)", "Visioconférence, réunion",
		"Personnels avec parents ou élèves délégués", "◆ Possible sous conditions", strings.Repeat("raison ", 30)}
	for width := 40; width <= 240; width += 3 {
		widths, ok := fitColumns(headers, [][]string{row}, width)
		if !ok {
			if width >= 160 {
				t.Errorf("width %d: the table does not fit", width)
			}
			continue
		}
		total := int(numColumns) + 1 + 2*int(numColumns)
		for c, w := range widths {
			total += w
			for _, word := range strings.Fields(row[c]) {
				if ansi.StringWidth(word) > w && c != int(colFile) {
					t.Errorf("width %d: column %d (%d wide) breaks %q", width, c, w, word)
				}
			}
		}
		if total > width {
			t.Errorf("width %d: the table needs %d columns", width, total)
		}
		if widths[colVerdict] != ansi.StringWidth(row[colVerdict]) {
			t.Errorf("width %d: the verdict has %d columns", width, widths[colVerdict])
		}
		if widths[colReason] < reasonMin {
			t.Errorf("width %d: the reason has only %d columns", width, widths[colReason])
		}
	}
}

// Wrapping keeps words whole (a hyphen is no place to break an id),
// breaks a path after a slash, and cuts only what is wider than the line.
func TestWrapWords(t *testing.T) {
	for _, c := range []struct {
		in    string
		width int
		want  string
	}{
		{"whatsapp-classe-suisse et zoom-licence-conseil", 24, "whatsapp-classe-suisse\net zoom-licence-conseil"},
		{"ajoutez --presentation pour un vidéoprojecteur", 20, "ajoutez\n--presentation pour\nun vidéoprojecteur"},
		{"../../examples/discord-classe.yaml", 20, "../../examples/\ndiscord-classe.yaml"},
		{"abcdefghij", 4, "abcd\nefgh\nij"},
		{"un\ndeux trois", 5, "un\ndeux\ntrois"},
		{"fourni par l'institution : c'est", 24, "fourni par\nl'institution : c'est"},
	} {
		if got := wrapWords(c.in, c.width); got != c.want {
			t.Errorf("wrapWords(%q, %d) = %q; want %q", c.in, c.width, got, c.want)
		}
		for line := range strings.SplitSeq(wrapWords(c.in, c.width), "\n") {
			if ansi.StringWidth(line) > c.width {
				t.Errorf("wrapWords(%q, %d): %q is too wide", c.in, c.width, line)
			}
		}
	}
}
