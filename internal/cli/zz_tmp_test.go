package cli

import (
	"testing"

	"github.com/conduite/conduite/tui"
)

func BenchmarkTmpRoot(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		a := &app{io: &IOStreams{}}
		_ = a.rootCmd()
	}
}

func BenchmarkTmpTuiNew(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = tui.New(tui.Options{Lang: "fr", Version: "x", FixedTheme: true})
	}
}
