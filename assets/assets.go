// Package assets embeds conduite's content: the questions, the rule set, the
// référentiels, the tool catalog, the case studies, the sources cited and the
// report templates. The content is data: package questionnaire decodes and
// validates it at load, and a test loads these very files.
package assets

import "embed"

// FS holds the embedded content files.
//
//go:embed *.yaml templates texts
var FS embed.FS
