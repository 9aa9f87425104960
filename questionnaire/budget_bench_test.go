package questionnaire

import (
	"io/fs"
	"os"
	"testing"
)

// BenchmarkBudgetScan: the pre-scan of conduite's whole catalog (71 KB).
func BenchmarkBudgetScan(b *testing.B) {
	data, err := fs.ReadFile(os.DirFS("../assets"), FileCatalog)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if err := checkBudget("catalog.yaml", data, catalogBudget); err != nil {
			b.Fatal(err)
		}
	}
}
