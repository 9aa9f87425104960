package tui

import "testing"

// q where nothing is lost (the welcome screen, the result) is a normal
// end: no ErrAborted, so the command exits 0; ctrl+c stays an abort (130)
// everywhere, and so does quitting a run left unfinished.
func TestQuitExitsNormallyWhereNothingIsLost(t *testing.T) {
	m := newTestModel(t, testOptions(t))
	if m, q := quits(t, m, "q"); !q || m.Err() != nil {
		t.Errorf("q on the welcome screen: quit %v, err %v; want a normal end", q, m.Err())
	}
	if m, q := quits(t, m, "ctrl+c"); !q || m.Err() != ErrAborted {
		t.Errorf("ctrl+c on the welcome screen: quit %v, err %v; want ErrAborted", q, m.Err())
	}
	r := press(t, m, append(append([]string{}, discordKeys...), "enter")...)
	if r, q := quits(t, r, "q"); !q || r.Err() != nil {
		t.Errorf("q on the result: quit %v, err %v; want a normal end", q, r.Err())
	}
	if r, q := quits(t, r, "ctrl+c"); !q || r.Err() != ErrAborted {
		t.Errorf("ctrl+c on the result: quit %v, err %v; want ErrAborted", q, r.Err())
	}
	u := press(t, m, "enter", "enter", "1", "enter", "q")
	if u, q := quits(t, u, "y"); !q || u.Err() != ErrAborted {
		t.Errorf("y to quit a run half-way: quit %v, err %v; want ErrAborted", q, u.Err())
	}
}
