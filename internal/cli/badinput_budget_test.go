package cli

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// The files made to exhaust the YAML parser (goccy/go-yaml is quadratic in
// depth and in keys: depth 100,000 took more than 14 GB, 100,000 keys 49 s)
// are refused with exit 2 and a message, quickly and in little memory,
// whole command included (the content is loaded first: a few MB). The
// bounds are generous for a loaded machine under -race; BENCHMARKS.md has
// the figures of the binary.
func TestBadInputBudgetIsCheap(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	keys := badKeys(100000)
	bound := time.Second
	if raceEnabled {
		bound = 5 * time.Second // the race detector slows everything several times
	}
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"answers nested 50,000 deep", []string{"evaluate", write("deep.yaml", "usage: "+strings.Repeat("[", 50000))}},
		{"answers nested 100,000 deep, closed", []string{"evaluate", write("deep2.yaml", "usage: "+strings.Repeat("[", 100000)+strings.Repeat("]", 100000))}},
		{"answers with 100,000 keys", []string{"evaluate", write("keys.yaml", keys)}},
		{"answers with 100,000 keys on standard input", []string{"evaluate", "-"}},
		{"resume-sized answers nested deep in flow mappings", []string{"evaluate", write("map.yaml", "a: "+strings.Repeat("{b: ", 16000))}},
		{"catalog nested 50,000 deep", []string{"--catalog", write("cdeep.yaml", "tools:\n  - id: "+strings.Repeat("[", 50000)), "tools"}},
		{"catalog with 100,000 keys", []string{"--catalog", write("ckeys.yaml", "tools: {"+strings.Repeat("a,", 100000)+"}"), "tools"}},
		{"catalog with 100,000 block keys", []string{"--catalog", write("cblock.yaml", strings.ReplaceAll(keys, "visio", "1")), "tools"}},
		{"catalog of 100,000 list items, 512 KiB", []string{"--catalog", write("citems.yaml", "tools:\n"+strings.Repeat("- a\n", 100000)), "tools"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			stdin := ""
			if tc.args[len(tc.args)-1] == "-" {
				stdin = keys
			}
			runtime.GC()
			var m0, m1 runtime.MemStats
			runtime.ReadMemStats(&m0)
			start := time.Now()
			code, stdout, stderr := runBad(t, stdin, map[string]string{"LANG": "fr_FR.UTF-8"}, tc.args...)
			took := time.Since(start)
			runtime.ReadMemStats(&m1)
			alloc := m1.TotalAlloc - m0.TotalAlloc
			t.Logf("exit %d in %v, %.1f MB allocated: %s", code, took, float64(alloc)/1e6, strings.TrimSpace(stderr))
			if code != ExitBadInput || stdout != "" || !strings.HasPrefix(stderr, "conduite: ") {
				t.Errorf("exit %d, stdout %q, stderr %q; want 2, nothing, a message", code, badClip(stdout), stderr)
			}
			if !strings.Contains(stderr, "niveaux d'imbrication") && !strings.Contains(stderr, "fichier trop gros") && !strings.Contains(stderr, "plus de ") {
				t.Errorf("the message does not say what the limit is: %q", stderr)
			}
			if took > bound || alloc > 100<<20 {
				t.Errorf("refused in %v with %d MB allocated; want under %v and 100 MB", took, alloc>>20, bound)
			}
		})
	}
}
