package report

import (
	"strings"

	"github.com/conduite/conduite/questionnaire"
)

// Text is the source's citation without its URL: « Institution, « Titre »,
// date ».
func (s Source) Text() string {
	if s.URL == "" {
		return s.Citation
	}
	return strings.TrimSuffix(s.Citation, " — "+s.URL)
}

// Markdown is the source's citation for Markdown: the text escaped, the URL
// as an autolink, kept whole.
func (s Source) Markdown() string {
	if s.URL == "" {
		return EscapeMarkdown(s.Citation)
	}
	return EscapeMarkdown(s.Text()) + " — " + MarkdownURL(s.URL)
}

// CitationMarkdown writes the citation of a content source for Markdown, in
// lang: « Institution, « Titre », date — <URL> ».
func CitationMarkdown(s *questionnaire.Source, t *questionnaire.Texts, lang questionnaire.Lang) string {
	return sourceOf(s, t, lang).Markdown()
}
