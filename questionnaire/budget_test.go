package questionnaire

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"
)

func scan(data string, b budget) *scanner {
	s := newScanner([]byte(data), b)
	s.run()
	return s
}

// The real files are far inside the budget: the limits keep a wide margin
// over what they need, so that no real file is ever refused.
func TestBudgetFitsRealFiles(t *testing.T) {
	cat, err := fs.ReadFile(os.DirFS("../assets"), FileCatalog)
	if err != nil {
		t.Fatal(err)
	}
	s := scan(string(cat), catalogBudget)
	if s.errMsg != nil {
		t.Fatalf("catalog.yaml refused: %s", s.errMsg)
	}
	t.Logf("catalog.yaml: %d bytes, depth %d, at most %d entries in one collection, %d in all", len(cat), s.seenDepth, s.seenItems, s.total)
	if s.seenDepth < 4 || s.seenDepth*2 > catalogBudget.maxDepth || s.total*5 > catalogBudget.maxTotal ||
		s.seenItems*8 > catalogBudget.maxItems || len(cat)*4 > catalogBudget.maxBytes {
		t.Errorf("the catalog budget %+v leaves too little margin (or counts wrong) over the shipped catalog", catalogBudget)
	}
	// A profile is the catalog one level down (catalog: tools: …): the
	// embedded catalog as its section fits too.
	profile, err := os.ReadFile("../docs/profil-academie.yaml")
	if err != nil {
		t.Fatal(err)
	}
	whole := string(profile) + "catalog:\n  " + strings.ReplaceAll(string(cat), "\n", "\n  ")
	if s := scan(whole, profileBudget); s.errMsg != nil || s.seenDepth*2 > profileBudget.maxDepth {
		t.Errorf("the example profile with the whole catalog as its section: depth %d: %s", s.seenDepth, s.errMsg)
	}
	paths, _ := filepath.Glob("../examples/*")
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		s := scan(string(data), answersBudget)
		if s.errMsg != nil || s.seenDepth > 3 || s.total*20 > answersBudget.maxTotal { // 3: JSON's « : » counts one more
			t.Errorf("%s: depth %d, %d entries: %s", p, s.seenDepth, s.total, s.errMsg)
		}
	}
}

// The scanner counts what the parser sees: levels of indentation, of « - »
// on one line and of brackets; keys and items; not what is inside quoted
// texts, comments or block texts.
func TestBudgetCounts(t *testing.T) {
	for _, tc := range []struct {
		doc          string
		depth, total int
	}{
		{"usage: visio\n", 1, 1},
		{"donnees: [identite, images]\n", 2, 3},
		{"donnees:\n  - identite\n  - images\n", 2, 3},
		{"donnees:\n- identite\n- images\nusage: visio\n", 2, 4},
		{`{"donnees": ["identite"], "usage": "visio"}`, 3, 5}, // a « : » in flow counts a level (flowColon)
		{"- - - - x\n", 4, 4},
		{"a:\n  b:\n    c:\n      d: x\n", 4, 4},
		{"tools:\n  - id: x\n    note: {fr: a, en: b}\n    alternative:\n      usages: [visio]\n", 5, 11},
		{"note: \"[[[[ {{ - a: b\"\nx: 'l''[outil: ['\n", 1, 2},
		{"note: |\n  - a: [[[[\n  - b:\n    - c\nx: y\n", 1, 2},
		{"- note: >-\n    a: [[\n  x: y\n", 2, 3},
		{"a: \"multi\n  - line: [\n  text\"\nb: c\n", 1, 2},
		{"# a: [[[[\nurl: https://x.fr/a:b\nn: voir [1] et l'outil\n", 1, 2},
		{"a: &x [1]\nb: !t {c: d}\n", 3, 5},
		{"---\na:\n  b: c\n---\nd: e\n", 2, 3},
	} {
		s := scan(tc.doc, catalogBudget)
		if s.errMsg != nil || s.seenDepth != tc.depth || s.total != tc.total {
			t.Errorf("%q: depth %d, total %d (%s); want %d, %d", tc.doc, s.seenDepth, s.total, s.errMsg, tc.depth, tc.total)
		}
	}
}

// Files made to exhaust the parser are refused before it sees them, at the
// place where the limit is passed, with what is allowed.
func TestBudgetRefuses(t *testing.T) {
	c, err := Load(os.DirFS("../assets"))
	if err != nil {
		t.Fatal(err)
	}
	keys := func(n int, format string) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, format, i)
		}
		return b.String()
	}
	stair := func(n int) string {
		var b strings.Builder
		for i := range n {
			b.WriteString(strings.Repeat(" ", i) + "a:\n")
		}
		return b.String()
	}
	depthAnswers := `nested more than 8 levels deep; an answers file needs a few \(a question id, then its value or list of values\)$`
	depthCatalog := `nested more than 12 levels deep; a catalog file needs a few`
	for _, tc := range []struct {
		name, doc string
		catalog   bool
		want      string
	}{
		{"flow depth 50,000", "usage: " + strings.Repeat("[", 50000), false, `^f\.yaml:1:15: ` + depthAnswers},
		{"flow depth 50,000, closed", "usage: " + strings.Repeat("[", 50000) + strings.Repeat("]", 50000), false, `^f\.yaml: file too large \(100007 bytes\); the limit is 65536 bytes \(64 KiB\)$`},
		{"JSON depth", strings.Repeat(`{"a":`, 10000), false, `^f\.yaml:1:21: ` + depthAnswers},
		{"items depth", strings.Repeat("- ", 30000), false, `^f\.yaml:1:17: ` + depthAnswers},
		{"indentation depth", stair(100), false, `^f\.yaml:9:9: ` + depthAnswers},
		{"mapping in flow depth", "a: " + strings.Repeat("{b: ", 10000), false, `^f\.yaml:1:18: ` + depthAnswers},
		{"100,000 keys", keys(100000, "k%d: v\n"), false, `^f\.yaml: file too large \(\d+ bytes\); the limit is 65536 bytes \(64 KiB\)$`},
		{"65 keys", keys(65, "k%d: v\n"), false, `^f\.yaml:65:1: more than 64 keys in one mapping; an answers file holds far fewer`},
		{"a long list", "donnees: [" + strings.Repeat("identite, ", 300) + "]", false, `^f\.yaml:1:2569: more than 256 items in one list`},
		{"many short lists", keys(10, "k%d: ["+strings.Repeat("a,", 250)+"]\n"), false, `^f\.yaml:9:\d+: more than 2048 keys and list items; an answers file holds far fewer`},
		{"catalog depth 50,000", "tools:\n  - id: [" + strings.Repeat("[", 50000), true, `^f\.yaml:2:18: ` + depthCatalog},
		{"catalog, 100,000 keys", keys(100000, "k%x:\n"), true, `^f\.yaml: file too large`},
		{"catalog, 100,000 flow keys", "{" + strings.Repeat("a,", 100000), true, `^f\.yaml:1:\d+: more than 200 keys in one mapping; a catalog file holds far fewer \(tools, an entry, its facts or alternative, a list in it\)$`},
		{"catalog, 201 keys", keys(201, "k%d: v\n"), true, `^f\.yaml:201:1: more than 200 keys in one mapping`},
		{"catalog, 20,001 entries", "tools:\n" + strings.Repeat("  - a: ["+strings.Repeat("1,", 200)+"]\n", 120), true, `^f\.yaml:\d+:\d+: more than 20000 keys and list items`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var m0, m1 runtime.MemStats
			runtime.ReadMemStats(&m0)
			start := time.Now()
			if tc.catalog {
				_, err = c.WithCatalog("f.yaml", []byte(tc.doc))
			} else {
				_, err = c.ParseAnswers("f.yaml", []byte(tc.doc))
			}
			took := time.Since(start)
			runtime.ReadMemStats(&m1)
			if err == nil || !regexp.MustCompile(tc.want).MatchString(err.Error()) {
				t.Fatalf("got %v, want %s", err, tc.want)
			}
			if alloc := m1.TotalAlloc - m0.TotalAlloc; took > time.Second || alloc > 100<<20 {
				t.Errorf("refused in %v, %d MB allocated; want under 1 s and 100 MB", took, alloc>>20)
			}
		})
	}
}

// The worst files the budget lets through still parse fast: every mapping
// at its most keys, every list at its most items, up to the total.
// worstAccepted builds the largest catalog files the budget accepts: the
// most keys, the most list items, the deepest nesting.
func worstAccepted() map[string]string {
	var maps, lists strings.Builder
	for i := 0; maps.Len() == 0 || i < catalogBudget.maxTotal/catalogBudget.maxKeys-1; i++ {
		fmt.Fprintf(&maps, "m%d:\n", i)
		for k := range catalogBudget.maxKeys - 1 {
			fmt.Fprintf(&maps, "  k%d: v\n", k)
		}
	}
	for i := 0; i < catalogBudget.maxTotal/catalogBudget.maxItems-1; i++ {
		fmt.Fprintf(&lists, "l%d: [%s1]\n", i, strings.Repeat("1,", catalogBudget.maxItems-1))
	}
	deep := strings.Repeat("[", catalogBudget.maxDepth-1) + strings.Repeat("]", catalogBudget.maxDepth-1)
	return map[string]string{"keys": maps.String(), "items": lists.String(), "depth": "a: " + deep + "\n"}
}

func TestBudgetWorstAccepted(t *testing.T) {
	for name, doc := range worstAccepted() {
		data := []byte(doc)
		if err := checkBudget("f.yaml", data, catalogBudget); err != nil || len(data) > catalogBudget.maxBytes {
			t.Fatalf("%s: not at the limits but refused: %v (%d bytes)", name, err, len(data))
		}
		start := time.Now()
		if _, err := parseYAML("f.yaml", data); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		took := time.Since(start)
		t.Logf("%s: %d bytes parsed in %v", name, len(data), took)
		// A generous bound on a plain run; the race run (-short) is ten
		// times slower on this parser and only logs (BenchmarkBudgetWorstAccepted
		// gives the figure).
		if took > 2*time.Second && !testing.Short() {
			t.Errorf("%s: a file the budget accepts took %v to parse", name, took)
		}
	}
}

// BenchmarkBudgetWorstAccepted: what the parser costs on the largest files
// the budget lets through.
func BenchmarkBudgetWorstAccepted(b *testing.B) {
	for name, doc := range worstAccepted() {
		data := []byte(doc)
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := parseYAML("f.yaml", data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
