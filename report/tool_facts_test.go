package report_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/conduite/conduite/questionnaire"
	"github.com/conduite/conduite/report"
)

// TestToolFactSources: the entry of a tool that names the sources of its
// facts (fact_sources) numbers them after each fact, in both languages and
// in JSON, and every number points at a source of the list.
func TestToolFactSources(t *testing.T) {
	c := loadContent(t)
	tool, _ := c.Catalog.Tool("chatgpt")
	for _, lang := range questionnaire.Langs {
		d := report.NewTool(c, tool, lang)
		for fact, ids := range tool.FactSources {
			nums := d.FactSources[fact]
			if len(nums) != len(ids) {
				t.Errorf("%s %s: numbers %v for sources %v", lang, fact, nums, ids)
			}
			for _, n := range nums {
				if n < 1 || n > len(d.Sources) || !slices.Contains(ids, d.Sources[n-1].ID) {
					t.Errorf("%s %s: number %d is not one of %v", lang, fact, n, ids)
				}
			}
		}
		md := d.Markdown()
		host := strings.Index(md, "(`hors_ue`)")
		if host < 0 || !strings.Contains(md[host:host+200], "_(source 1)_") {
			t.Errorf("%s: hosting is not followed by its source number:\n%s", lang, md)
		}
	}
	// An entry without fact_sources prints no number.
	whatsapp, _ := c.Catalog.Tool("whatsapp")
	if md := report.NewTool(c, whatsapp, questionnaire.FR).Markdown(); strings.Contains(md, "_(source") {
		t.Errorf("whatsapp names no fact source but its entry prints one")
	}
}
