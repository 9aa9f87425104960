package questionnaire

import "fmt"

// Referentiel is a frame of reference: the same questionnaire serves a French
// school, a French local authority and a Swiss school, whose rules differ.
type Referentiel struct {
	ID                  string `yaml:"id" json:"id"`
	Default             bool   `yaml:"default" json:"default,omitempty"`
	Country             string `yaml:"country" json:"country"`
	Name                Text   `yaml:"name" json:"name"`
	Description         Text   `yaml:"description" json:"description"`
	DigitalMajority     *int   `yaml:"digital_majority" json:"digital_majority,omitempty"`
	DigitalMajorityNote Text   `yaml:"digital_majority_note" json:"digital_majority_note"`
	// Contact is who to ask about data protection, without its article
	// (« DPD », « préposé à la protection des données »): reasons and
	// reports say « auprès du {dpd} ».
	Contact Text     `yaml:"dpd" json:"dpd"`
	Sources []string `yaml:"sources" json:"sources"`
}

// Referentiels lists the référentiels.
type Referentiels struct {
	List []Referentiel `yaml:"referentiels"`
}

// Get returns the référentiel with that id.
func (r *Referentiels) Get(id string) (*Referentiel, bool) {
	for i := range r.List {
		if r.List[i].ID == id {
			return &r.List[i], true
		}
	}
	return nil, false
}

// Default returns the default référentiel.
func (r *Referentiels) Default() *Referentiel {
	for i := range r.List {
		if r.List[i].Default {
			return &r.List[i]
		}
	}
	return &r.List[0]
}

// IDs lists the référentiel ids.
func (r *Referentiels) IDs() []string {
	ids := make([]string, len(r.List))
	for i := range r.List {
		ids[i] = r.List[i].ID
	}
	return ids
}

// Lookup returns the référentiel with that id, or an error naming the
// allowed ones and the nearest.
func (r *Referentiels) Lookup(id string) (*Referentiel, error) {
	if ref, ok := r.Get(id); ok {
		return ref, nil
	}
	return nil, NewMsg("err_unknown_referentiel", "v", quote(id), "hint", hint(id, r.IDs()), "allowed", quoteList(r.IDs()))
}

func (r *Referentiels) validate(d *yamlDoc, sources *Sources) error {
	if len(r.List) == 0 {
		return d.errorKey("referentiels", "err_no_referentiel")
	}
	defaults := 0
	seen := map[string]bool{}
	for i := range r.List {
		ref := &r.List[i]
		at := fmt.Sprintf("referentiels[%d]", i)
		if !idPattern.MatchString(ref.ID) {
			return d.errorKey(at+".id", "err_bad_id", "id", quote(ref.ID))
		}
		if seen[ref.ID] {
			return d.errorKey(at+".id", "err_dup_referentiel", "id", quote(ref.ID))
		}
		seen[ref.ID] = true
		if ref.Default {
			defaults++
		}
		for name, t := range map[string]Text{"name": ref.Name, "description": ref.Description, "digital_majority_note": ref.DigitalMajorityNote, "dpd": ref.Contact} {
			if m := t.missing(); len(m) > 0 {
				return d.fieldKey(at, name, "err_missing_text", "langs", m)
			}
		}
		if err := sources.check(d, at+".sources", ref.Sources, true); err != nil {
			return err
		}
	}
	if defaults != 1 {
		return d.errorKey("referentiels", "err_one_default", "n", defaults)
	}
	return nil
}
