// Package questionnaire is conduite's domain: the questions, the rule set, the
// tool catalog, the référentiels and the case studies, all loaded from data and
// validated at load, and the evaluation that turns a set of answers into a
// report model (verdict, sourced reasons, what to check, alternatives).
//
// A Run is one pass through the questionnaire (the answers, the current
// question, the edit, the « et si ? » stack) with a method for each thing a
// user does; every front end drives one and keeps no answers of its own.
//
// It knows nothing of terminals: the wizard, the command line and the report
// writers only present what it computes.
package questionnaire
