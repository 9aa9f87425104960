package export_test

import (
	"strings"
	"testing"

	"github.com/conduite/conduite/export"
	"github.com/conduite/conduite/report"
)

func TestFormatFromPath(t *testing.T) {
	for path, want := range map[string]export.Format{
		"a.md": export.Markdown, "dir/b.MARKDOWN": export.Markdown, "c.html": export.HTML,
		"d.HTM": export.HTML, "e.json": export.JSON, "conduite.v2.Json": export.JSON,
	} {
		got, err := export.FormatFromPath(path)
		if err != nil || got != want {
			t.Errorf("FormatFromPath(%q) = %q, %v; want %q", path, got, err, want)
		}
	}
	for _, path := range []string{"report.docx", "report", "report.", ".md/x"} {
		_, err := export.FormatFromPath(path)
		if err == nil || !strings.Contains(err.Error(), ".md, .markdown, .html, .htm, .json, .pdf") {
			t.Errorf("FormatFromPath(%q) = %v; want an error naming the allowed extensions", path, err)
		}
	}
}

func TestParseFormat(t *testing.T) {
	for in, want := range map[string]export.Format{"markdown": export.Markdown, "MD": export.Markdown, "html": export.HTML, " json ": export.JSON} {
		if got, err := export.ParseFormat(in); err != nil || got != want {
			t.Errorf("ParseFormat(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := export.ParseFormat("docx"); err == nil || !strings.Contains(err.Error(), "markdown, html, json, pdf") {
		t.Errorf("ParseFormat(docx) = %v; want the allowed formats", err)
	}
}

func TestSuggestName(t *testing.T) {
	cases := []struct {
		tool report.ToolRef
		date string
		f    export.Format
		want string
	}{
		{report.ToolRef{ID: "discord", Name: "Discord"}, "2026-11-23", export.HTML, "conduite-discord-2026-11-23.html"},
		{report.ToolRef{Name: "Le Réseau « Élèves & Cœur » !"}, "2026-11-23", export.Markdown, "conduite-le-reseau-eleves-coeur-2026-11-23.md"},
		{report.ToolRef{}, "2026-11-23", export.JSON, "conduite-2026-11-23.json"},
		{report.ToolRef{Name: "../../etc/passwd"}, "2026-11-23", export.JSON, "conduite-etc-passwd-2026-11-23.json"},
		{report.ToolRef{Name: "日本語"}, "2026-11-23", export.HTML, "conduite-2026-11-23.html"},
	}
	for _, c := range cases {
		doc := &report.Doc{Tool: c.tool, Header: report.Header{Date: c.date}}
		if got := export.SuggestName(doc, c.f); got != c.want {
			t.Errorf("SuggestName(%+v) = %q; want %q", c.tool, got, c.want)
		}
	}
}

func TestSlugLength(t *testing.T) {
	s := export.Slug(strings.Repeat("très long nom ", 20))
	if len(s) > 40 || strings.HasSuffix(s, "-") {
		t.Errorf("Slug = %q (%d bytes); want at most 40, no final hyphen", s, len(s))
	}
}
