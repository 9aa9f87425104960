package questionnaire

// Preset is the answer a front end offers first when it asks a question:
// the answer already given, else the fact the catalog sources for the tool
// named, else the question's « je ne sais pas » value. It is where the
// wizard puts its cursor, what the line mode takes on an empty line and
// where « et si ? » starts, so that no front end ever proposes a reassuring
// value the user did not give. Accepting an assumed preset tells the
// evaluation exactly what leaving the question out does.
type Preset struct {
	Values []string // nil for the tool question when no tool is named
	Origin Origin   // OriginGiven, OriginCatalog or OriginAssumed
}

// Assumed reports whether the preset is the « je ne sais pas » value, taken
// because neither the user nor the catalog said anything.
func (p Preset) Assumed() bool { return p.Origin == OriginAssumed }

// Preset returns the preset of question q given the answers so far.
func (c *Content) Preset(a Answers, q *Question) Preset {
	if a.Has(q.ID) {
		return Preset{Values: a.List(q.ID), Origin: OriginGiven}
	}
	if q.Kind != KindTool {
		if v := c.FactsFor(a)[q.ID]; v != "" {
			return Preset{Values: []string{v}, Origin: OriginCatalog}
		}
	}
	if q.Kind == KindTool {
		return Preset{Origin: OriginAssumed}
	}
	return Preset{Values: []string{q.Assumed()}, Origin: OriginAssumed}
}
