// Package e2e holds end-to-end tests: the real conduite binary, built once
// (build_test.go), driven in a real terminal (tmux) or through pipes, and
// checked on what a person would see. The tmux helper of tmux_test.go
// (NewTmux: a shell in a session of its own, Keys, Type, WaitFor, Format)
// is there for every test of the package; the tests skip with a message
// where tmux is missing.
package e2e
