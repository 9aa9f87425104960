package questionnaire

import (
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/conduite/conduite/internal/safetext"
)

// MaxCatalogSize is the largest catalog override file conduite reads:
// 512 KiB, seven times conduite's whole catalog (71 KB).
const MaxCatalogSize = 512 << 10

// catalogOverride is a DPD's catalog file: entries in the format of
// catalog.yaml, and optionally the sources they cite that sources.yaml does
// not declare (a local agreement, a contract, a DPD's own note).
type catalogOverride struct {
	Version string   `yaml:"version"`
	Sources []Source `yaml:"sources"`
	Tools   []Tool   `yaml:"tools"`
}

// WithCatalog returns a new Content whose catalog is c's with the entries of
// an override file added: an entry whose id is already in the catalog
// replaces it (in place), a new id is added at the end. The file (name is
// how errors and Tool.Origin name it) has the format of catalog.yaml, may
// declare its own sources beside the tools, and is validated exactly like
// the embedded catalog; errors are PosErrors at the file, line and entry.
//
// c is left untouched: Content is shared and immutable. What depends on the
// catalog (the values of the outil question) is rebuilt.
func (c *Content) WithCatalog(name string, data []byte) (*Content, error) {
	d, err := parseUserFile(name, data, catalogBudget, "err_catalog_empty")
	if err != nil {
		return nil, err
	}
	var o catalogOverride
	if err := d.decodeStrict(&o); err != nil {
		return nil, err
	}
	return c.withOverride(d, o, name)
}

// parseUserFile parses a file a user gives (a catalog, a profile) within
// its budget: a JSON file's syntax checked first (its errors say where), an
// empty file refused with the message emptyKey.
func parseUserFile(name string, data []byte, b budget, emptyKey string) (*yamlDoc, error) {
	data, err := prepare(name, data, b)
	if err != nil {
		return nil, err
	}
	if strings.HasSuffix(strings.ToLower(name), ".json") {
		if err := checkJSONSyntax(name, data); err != nil {
			return nil, err
		}
	}
	d, err := parseYAML(name, data)
	if err != nil {
		return nil, err
	}
	if isEmptyNode(d.body()) {
		return nil, posErr(name, 0, 0, emptyKey)
	}
	return d, nil
}

// withOverride applies a decoded catalog override (positions in d), its
// entries' origin being origin (a file name).
func (c *Content) withOverride(d *yamlDoc, o catalogOverride, origin string) (*Content, error) {
	// A catalog file is shared between colleagues: its texts are untrusted.
	// Every text is cleaned here, once, before anything shows it.
	cleanStrings(reflect.ValueOf(&o).Elem(), false)
	if len(o.Tools) == 0 {
		return nil, d.errorKey("tools", "err_catalog_no_tool")
	}
	sources, err := c.Sources.with(d, o.Sources)
	if err != nil {
		return nil, err
	}
	local := &Catalog{Tools: o.Tools}
	if err := local.validate(d, c.Questions, sources, c.Referentiels.IDs()); err != nil {
		return nil, err
	}

	merged := &Catalog{Version: c.Catalog.Version, Tools: slices.Clone(c.Catalog.Tools)}
	for _, t := range o.Tools {
		t.Origin = safetext.Visible(origin)
		if i := slices.IndexFunc(merged.Tools, func(x Tool) bool { return x.ID == t.ID }); i >= 0 {
			merged.Tools[i] = t
		} else {
			merged.Tools = append(merged.Tools, t)
		}
	}
	nc := *c
	nc.Catalog = merged
	nc.Sources = sources
	nc.Questions = c.Questions.withTools(merged.IDs())
	return &nc, nil
}

// with returns the sources with extra ones declared by an override file
// (validated like sources.yaml, positions in d); s itself is unchanged.
// An id already declared is an error: a file adds sources, it does not
// rewrite those the rules cite.
func (s *Sources) with(d *yamlDoc, extra []Source) (*Sources, error) {
	if len(extra) == 0 {
		return s, nil
	}
	add := &Sources{List: extra}
	if err := add.validate(d); err != nil {
		return nil, err
	}
	if err := checkSourceURLs(d, extra); err != nil {
		return nil, err
	}
	for i, src := range extra {
		if _, dup := s.byID[src.ID]; dup {
			return nil, d.errorKey(fmt.Sprintf("sources[%d].id", i), "err_source_redeclared", "id", quote(src.ID))
		}
	}
	out := &Sources{List: append(slices.Clone(s.List), extra...), byID: make(map[string]*Source, len(s.List)+len(extra))}
	for i := range out.List {
		out.byID[out.List[i].ID] = &out.List[i]
	}
	return out, nil
}

// withTools returns a copy of the questions whose tool question takes the
// given catalog ids as its values.
func (qs *Questions) withTools(ids []string) *Questions {
	out := &Questions{Version: qs.Version, List: slices.Clone(qs.List), byID: make(map[string]*Question, len(qs.List))}
	for i := range out.List {
		q := &out.List[i]
		if q.Kind == KindTool {
			q.Options = make([]Option, len(ids))
			for j, id := range ids {
				q.Options[j] = Option{Value: id}
			}
		}
		out.byID[q.ID] = q
	}
	return out
}

// ToolFactQuestions lists, in questionnaire order, the questions a catalog
// entry may answer: facts about a tool, never about the context of its use.
func ToolFactQuestions() []string { return slices.Clone(toolFactQuestions) }

// textType is the type of the texts that may span lines (a note, what an
// alternative is for): every other string of a catalog entry is one line.
var textType = reflect.TypeFor[Text]()

// cleanStrings cleans every string reachable from v (struct fields, list
// items, map keys and values) with safetext: Text where multiline, else
// Line. Walking the values rather than naming the fields means a field
// added to Tool or Source is cleaned too.
func cleanStrings(v reflect.Value, multiline bool) {
	switch v.Kind() {
	case reflect.String:
		clean := safetext.Line
		if multiline {
			clean = safetext.Text
		}
		if c := clean(v.String()); c != v.String() {
			v.SetString(c)
		}
	case reflect.Pointer:
		if !v.IsNil() {
			cleanStrings(v.Elem(), multiline)
		}
	case reflect.Struct:
		ml := multiline || v.Type() == textType
		for i := range v.NumField() {
			if f := v.Field(i); f.CanSet() {
				cleanStrings(f, ml)
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			cleanStrings(v.Index(i), multiline)
		}
	case reflect.Map:
		if v.IsNil() || v.Type().Key().Kind() != reflect.String || v.Type().Elem().Kind() != reflect.String {
			return // no such field today; the walk says so in its test
		}
		out := reflect.MakeMapWithSize(v.Type(), v.Len())
		for it := v.MapRange(); it.Next(); {
			out.SetMapIndex(reflect.ValueOf(safetext.Line(it.Key().String())).Convert(v.Type().Key()),
				reflect.ValueOf(safetext.Line(it.Value().String())).Convert(v.Type().Elem()))
		}
		v.Set(out)
	}
}
