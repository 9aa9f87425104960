package questionnaire

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
)

// referenceKey is searchKey written plainly: fold by the book, punctuation
// to spaces, spaces collapsed. searchKey's one-pass table must agree.
func referenceKey(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return ' '
	}, foldSlow(s))
	return strings.Join(strings.Fields(s), " ")
}

func TestSearchKeyAgreesWithTheBook(t *testing.T) {
	for _, s := range []string{"Éléa", "Kahoot!", "genial.ly", "  Le   Chat ", "ÇA", "Œuvre", "straße", "İstanbul", "e\u0301le\u0300ve", "日本語 テスト", "ǅ", "ﬁ", "Ａｐｐｓ"} {
		if got, want := searchKey(s), referenceKey(s); got != want {
			t.Errorf("searchKey(%q) = %q, want %q", s, got, want)
		}
	}
	rnd := rand.New(rand.NewPCG(14, 60))
	alphabet := []rune("aZé É-.!'’ ÀÿĀžƒǄǅǆȳɐ\u0301\u0308ΑωЖж日ﬁ９\t")
	for range 20000 {
		r := make([]rune, rnd.IntN(12))
		for i := range r {
			if rnd.IntN(8) == 0 {
				r[i] = rune(rnd.IntN(0x3000))
			} else {
				r[i] = alphabet[rnd.IntN(len(alphabet))]
			}
		}
		if got, want := searchKey(string(r)), referenceKey(string(r)); got != want {
			t.Fatalf("searchKey(%q) = %q, want %q", string(r), got, want)
		}
	}
}
