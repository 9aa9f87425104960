package questionnaire_test

import (
	"math/rand/v2"
	"testing"

	"github.com/conduite/conduite/questionnaire"
)

// benchAnswers draws a fixed sample of the answer space.
func benchAnswers(b *testing.B) (*questionnaire.Content, []questionnaire.Answers, []string) {
	c := content(b)
	g := gen{c: c, rnd: rand.New(rand.NewPCG(1, 2))}
	as := make([]questionnaire.Answers, 1024)
	refs := make([]string, len(as))
	for i := range as {
		as[i], refs[i] = g.answers()
	}
	return c, as, refs
}

// BenchmarkLevel is the verdict only: the figure for « answer sets a second ».
func BenchmarkLevel(b *testing.B) {
	c, as, refs := benchAnswers(b)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		c.Level(as[i%len(as)].WithReferentiel(refs[i%len(refs)]))
		i++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "sets/s")
}

// BenchmarkEvaluate is the whole report model: reasons, to check, criteria,
// alternatives.
func BenchmarkEvaluate(b *testing.B) {
	c, as, refs := benchAnswers(b)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		c.Evaluate(as[i%len(as)].WithReferentiel(refs[i%len(refs)]))
		i++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "sets/s")
}

func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := questionnaire.Load(assetsFS()); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseAnswers(b *testing.B) {
	c := content(b)
	doc := []byte("outil: discord\nusage: classe_virtuelle\naudience: eleves\nmineurs: oui_moins_15\ndonnees: [identite, images]\nappareil: personnel\ninscription: imposee\nidentification: non\n")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.ParseAnswers("b.yaml", doc); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSearch is the tool filter of the wizard, run on every key: the
// queries a user types, letter by letter.
func BenchmarkSearch(b *testing.B) {
	c := content(b)
	var queries []string
	for _, q := range []string{"drive", "gmail", "le chat", "Éléa", "classe virtuelle", "zoom"} {
		for i := range len([]rune(q)) + 1 {
			queries = append(queries, string([]rune(q)[:i]))
		}
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		c.Catalog.Search(queries[i%len(queries)])
		i++
	}
}
