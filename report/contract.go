package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/conduite/conduite/questionnaire"
)

// ContractQuestion is one question of the answers-file contract, for JSON.
type ContractQuestion struct {
	ID        string             `json:"id"`
	Kind      questionnaire.Kind `json:"kind"`
	Title     questionnaire.Text `json:"title"`
	Text      questionnaire.Text `json:"text"`
	Why       questionnaire.Text `json:"why"`
	AskIf     string             `json:"ask_if,omitempty"`
	Otherwise string             `json:"otherwise,omitempty"`
	Unknown   string             `json:"unknown,omitempty"`
	Values    []ContractValue    `json:"values"`
	Sources   []string           `json:"sources"`
}

// ContractValue is one allowed value.
type ContractValue struct {
	Value string             `json:"value"`
	Label questionnaire.Text `json:"label"`
	Help  questionnaire.Text `json:"help"`
}

// ContractDoc is the whole contract: questions and the other keys.
type ContractDoc struct {
	Version   int                `json:"version"`
	Questions []ContractQuestion `json:"questions"`
	OtherKeys []string           `json:"other_keys"`
}

// Contract returns the answers-file contract.
func Contract(c *questionnaire.Content) ContractDoc {
	doc := ContractDoc{Version: c.Questions.Version, OtherKeys: questionnaire.MetaKeys}
	for _, q := range c.Questions.List {
		cq := ContractQuestion{ID: q.ID, Kind: q.Kind, Title: q.Title, Text: q.Text, Why: q.Why,
			AskIf: q.AskIf, Otherwise: q.Otherwise, Unknown: q.Unknown, Sources: q.Sources, Values: []ContractValue{}}
		if q.Kind != questionnaire.KindTool {
			for _, o := range q.Options {
				cq.Values = append(cq.Values, ContractValue{Value: o.Value, Label: o.Label, Help: o.Help})
			}
		} else {
			for _, t := range c.Catalog.Tools {
				cq.Values = append(cq.Values, ContractValue{Value: t.ID, Label: questionnaire.Text{FR: t.Name, EN: t.Name}})
			}
		}
		doc.Questions = append(doc.Questions, cq)
	}
	return doc
}

// WriteContract writes the contract as Markdown in lang.
func WriteContract(w io.Writer, c *questionnaire.Content, lang questionnaire.Lang) {
	fr := lang == questionnaire.FR
	pick := func(f, e string) string {
		if fr {
			return f
		}
		return e
	}
	fmt.Fprintf(w, "# %s\n\n", pick("Les questions de conduite", "conduite's questions"))
	fmt.Fprintln(w, pick(
		"Un fichier de réponses (YAML ou JSON) emploie ces clés et ces valeurs. Une question omise vaut « inconnu » : elle n'améliore jamais le verdict et le rapport la range sous « À vérifier ».",
		"An answers file (YAML or JSON) uses these keys and values. A question left out counts as unknown: it never improves the verdict and the report lists it under « To check »."))
	fmt.Fprintln(w)
	fmt.Fprintln(w, pick(
		"Pour partir d'un fichier à remplir, chaque question en commentaire et chaque réponse à `inconnu` : `conduite questions --template > demande.yaml` (`--lang en` pour l'anglais). Évalué tel quel, il range toutes les questions sous « À vérifier ».",
		"To start from a file to fill in, every question as a comment and every answer at `inconnu`: `conduite questions --template > request.yaml` (`--lang fr` for French). Evaluated unchanged, it lists every question under « To check »."))
	fmt.Fprintln(w)
	for _, q := range c.Questions.List {
		fmt.Fprintf(w, "## `%s` — %s\n\n%s\n\n", q.ID, q.Title.In(lang), q.Text.In(lang))
		if q.Kind == questionnaire.KindMulti {
			fmt.Fprintln(w, pick("Plusieurs valeurs : une liste, par exemple `[identite, images]`.", "Several values: a list, such as `[identite, images]`."))
			fmt.Fprintln(w)
		}
		if q.AskIf != "" {
			fmt.Fprintf(w, pick("Posée seulement si `%s` ; sinon `%s`.\n\n", "Asked only when `%s`; otherwise `%s`.\n\n"), q.AskIf, q.Otherwise)
		}
		if q.Kind == questionnaire.KindTool {
			ids := c.Catalog.IDs()
			fmt.Fprintf(w, pick("Valeurs : un identifiant du catalogue (`conduite tools`) : %s. Pour un outil hors catalogue, `nom_outil: \"…\"`.\n\n",
				"Values: a catalog id (`conduite tools`): %s. For a tool not in the catalog, `nom_outil: \"…\"`.\n\n"), "`"+strings.Join(ids, "`, `")+"`")
		} else {
			fmt.Fprintf(w, "| %s | %s | %s |\n|---|---|---|\n", pick("valeur", "value"), pick("libellé", "label"), pick("aide", "help"))
			for _, o := range q.Options {
				fmt.Fprintf(w, "| `%s` | %s | %s |\n", o.Value, o.Label.In(lang), o.Help.In(lang))
			}
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "%s %s\n\n", pick("Pourquoi :", "Why:"), q.Why.In(lang))
	}
	fmt.Fprintf(w, "## %s\n\n", pick("Autres clés", "Other keys"))
	fmt.Fprintln(w, pick(
		"- `nom_outil` : le nom d'un outil absent du catalogue\n- `referentiel` : `education-nationale` (par défaut), `collectivite` ou `suisse-romande`\n- `etablissement`, `auteur` : repris dans l'en-tête du rapport s'ils sont donnés",
		"- `nom_outil`: the name of a tool not in the catalog\n- `referentiel`: `education-nationale` (default), `collectivite` or `suisse-romande`\n- `etablissement`, `auteur`: shown in the report header when given"))
}
