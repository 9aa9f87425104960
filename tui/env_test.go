package tui

import (
	"testing"

	"github.com/conduite/conduite/questionnaire"
)

func TestCountAgreesInNumber(t *testing.T) {
	c := testContent(t)
	for _, tc := range []struct {
		lang questionnaire.Lang
		n    int
		want string
	}{
		{questionnaire.FR, 0, "0 raison"}, {questionnaire.FR, 1, "1 raison"}, {questionnaire.FR, 9, "9 raisons"},
		{questionnaire.EN, 0, "0 reasons"}, {questionnaire.EN, 1, "1 reason"}, {questionnaire.EN, 2, "2 reasons"},
	} {
		e := env{c: c, texts: c.Texts, lang: tc.lang}
		if got := e.count("wiz_n_reasons", tc.n); got != tc.want {
			t.Errorf("%s %d: %q, want %q", tc.lang, tc.n, got, tc.want)
		}
	}
}
