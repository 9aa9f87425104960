//go:build !unix

package termbench

// killGroup does nothing where there are no process groups (Windows, where
// no pseudo-terminal can be opened either: Open fails first).
func killGroup(int) {}
