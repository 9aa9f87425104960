package report_test

import (
	"slices"
	"testing"

	"github.com/conduite/conduite/report"
)

// The sets are read from the table, names and aliases parse in any case,
// extensions give their format and nothing else.
func TestFormatTable(t *testing.T) {
	for _, c := range []struct {
		set  report.Formats
		want []string
	}{
		{report.AllFormats, []string{"terminal", "markdown", "html", "json", "csv", "pdf"}},
		{report.ReportFormats, []string{"terminal", "markdown", "html", "json", "pdf"}},
		{report.FileFormats, []string{"markdown", "html", "json", "pdf"}},
		{report.SummaryFormats, []string{"terminal", "markdown", "json", "csv"}},
	} {
		if got := c.set.Names(); !slices.Equal(got, c.want) {
			t.Errorf("set %v; want %v", got, c.want)
		}
	}
	for in, want := range map[string]report.Format{"md": report.Markdown, " Markdown ": report.Markdown, "HTM": report.HTML, "json": report.JSON} {
		if got, err := report.FileFormats.Parse(in); err != nil || got != want {
			t.Errorf("Parse(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "docx", "csv", "terminal"} {
		if _, err := report.FileFormats.Parse(bad); err == nil {
			t.Errorf("Parse(%q) accepted", bad)
		}
	}
	for path, want := range map[string]report.Format{"r.md": report.Markdown, "R.MARKDOWN": report.Markdown, "a/b.htm": report.HTML, "x.json": report.JSON, "r.PDF": report.PDF} {
		if got, err := report.FileFormats.FromPath(path); err != nil || got != want {
			t.Errorf("FromPath(%q) = %q, %v; want %q", path, got, err, want)
		}
	}
	for _, bad := range []string{"r", "r.csv", "r.txt", ".md/x"} {
		if _, err := report.FileFormats.FromPath(bad); err == nil {
			t.Errorf("FromPath(%q) accepted", bad)
		}
	}
	if report.Markdown.Ext() != ".md" || report.Terminal.Ext() != "" {
		t.Error("Ext: not the usual extension")
	}
}
