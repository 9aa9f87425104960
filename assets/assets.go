// Package assets embeds conduite's content: the questions, the rule set, the
// référentiels, the tool catalog, the case studies, the sources cited, the
// interface texts and the report templates. The content is data: package
// questionnaire decodes and validates the YAML files, and a test loads these
// very files.
//
// The YAML files are the source of truth. content.json is their compiled
// snapshot, written from the validated YAML, which the program loads
// without validating it again (TestSnapshotIsCurrent fails when it is
// stale); regenerate it after any change to a YAML file:
//
//	go generate ./assets
package assets

import "embed"

//go:generate go run ../internal/gensnapshot

// FS holds the embedded content files.
//
//go:embed *.yaml templates texts content.json
var FS embed.FS

// Fonts holds the fonts embedded in PDF reports (fonts/README.md: DejaVu
// Sans, subset to the characters a report uses, with its licence).
//
//go:embed fonts/*.ttf
var Fonts embed.FS
