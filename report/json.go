package report

import (
	"encoding/json"
	"io"
)

// WriteJSON writes the document as indented JSON (docs/report.schema.json).
func (d *Doc) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(d)
}
