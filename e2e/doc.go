// Package e2e holds end-to-end tests of the built conduite binary: no
// network ever (under strace), the terminal restored on every exit (in
// tmux), the wizard driven as a person would. It has no code of its own; the
// tests skip with a message where a tool they need (strace, tmux, a
// pseudo-terminal) is missing.
package e2e
