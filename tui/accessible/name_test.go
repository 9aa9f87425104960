package accessible

import (
	"errors"
	"strconv"
	"strings"
	"testing"
)

// TestFreeNameRecognised: « autre outil » with a name that is one of a
// catalog tool's names uses that entry, and says so.
func TestFreeNameRecognised(t *testing.T) {
	name := "Google Workspace for Education"
	found := load(t).Catalog.Search(name)
	other := strconv.Itoa(len(found) + 1)
	out, err := runWith(t, name+"\n"+other+"\n", Options{})
	if !errors.Is(err, ErrAborted) {
		t.Fatalf("input ended before the end: err %v", err)
	}
	for _, want := range []string{"« Google Workspace for Education » est reconnu dans le catalogue : Google Workspace for Education (offre gratuite).",
		"Outil : Google Workspace for Education (offre gratuite).", "hébergement (Je ne sais pas)"} {
		if !strings.Contains(out, want) {
			t.Errorf("the line mode does not say %q:\n%s", want, out)
		}
	}
}
