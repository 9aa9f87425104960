package questionnaire

import (
	"fmt"
	"strings"
)

// Level is how strongly conduite advises against a use, from Recommande to
// Proscrit. The zero value, None, means no rule spoke (used for a criterion of
// the risk picture with nothing to say).
type Level int

// The levels, least severe first, so that a higher Level is more severe.
const (
	None Level = iota
	Recommande
	SousConditions
	Deconseille
	Proscrit
)

// Levels lists the verdict levels, most severe first.
var Levels = []Level{Proscrit, Deconseille, SousConditions, Recommande}

var levelIDs = [...]string{None: "aucun", Recommande: "recommande", SousConditions: "sous_conditions", Deconseille: "deconseille", Proscrit: "proscrit"}

var levelLabels = [...]Text{
	None:           {FR: "Rien à signaler", EN: "Nothing to report"},
	Recommande:     {FR: "Recommandé", EN: "Recommended"},
	SousConditions: {FR: "Possible sous conditions", EN: "Possible under conditions"},
	Deconseille:    {FR: "Déconseillé", EN: "Not advised"},
	Proscrit:       {FR: "À proscrire", EN: "Must not be used"},
}

// Symbols that say the level without colour: a verdict is never shown by
// colour alone.
var levelSymbols = [...]string{None: "·", Recommande: "✔", SousConditions: "◆", Deconseille: "▲", Proscrit: "✖"}

// String returns the level's id, as used in assets, JSON and flags.
func (l Level) String() string {
	if l < None || l > Proscrit {
		return fmt.Sprintf("Level(%d)", int(l))
	}
	return levelIDs[l]
}

// Label returns the level's name for people: « À proscrire »…
func (l Level) Label(lang Lang) string {
	if l < None || l > Proscrit {
		return l.String()
	}
	return levelLabels[l].In(lang)
}

// Symbol returns a one-cell symbol for the level.
func (l Level) Symbol() string {
	if l < None || l > Proscrit {
		return "?"
	}
	return levelSymbols[l]
}

// ParseLevel reads a level id (recommande, sous_conditions, deconseille,
// proscrit).
func ParseLevel(s string) (Level, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	for l := Recommande; l <= Proscrit; l++ {
		if levelIDs[l] == s {
			return l, nil
		}
	}
	return None, NewMsg("err_unknown_level", "v", quote(s), "allowed", "proscrit, deconseille, sous_conditions, recommande")
}

// UnmarshalText lets assets name levels by id.
func (l *Level) UnmarshalText(b []byte) error {
	v, err := ParseLevel(string(b))
	if err != nil {
		return err
	}
	*l = v
	return nil
}

// MarshalText writes the level's id.
func (l Level) MarshalText() ([]byte, error) { return []byte(l.String()), nil }
