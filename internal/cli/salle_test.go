package cli

import (
	"net"
	"strings"
	"testing"
)

// Bad flags of conduite salle: a message naming the flag and what is
// allowed, in the user's language, exit 2, and nothing opened.
func TestSalleBadFlags(t *testing.T) {
	for _, c := range []struct {
		args   []string
		fr, en string
	}{
		{[]string{"salle", "--ssh-port", "70000"}, "--ssh-port 70000 : un port va de 1 à 65535", "--ssh-port 70000: a port is from 1 to 65535"},
		{[]string{"salle", "--http-port", "-1"}, "--http-port -1 : un port", "--http-port -1: a port"},
		{[]string{"room", "--ssh-port", "9000", "--http-port", "9000"}, "tous deux 9000", "both 9000"},
		{[]string{"salle", "--code", "12a4"}, `--code "12a4" : le code est fait de 4 à 12 chiffres`, `--code "12a4": the code is 4 to 12 digits`},
		{[]string{"salle", "--max", "0"}, "--max 0 : de 1 à 10000 participants", "--max 0: from 1 to 10000 participants"},
		{[]string{"salle", "--listen", "localhost"}, `--listen "localhost" : il faut une adresse IP`, `--listen "localhost": an IP address of this machine is needed`},
		{[]string{"salle", "pas-un-cas"}, `étude de cas inconnue "pas-un-cas"`, `unknown case "pas-un-cas"`},
		{[]string{"salle", "a", "b"}, "", ""},
	} {
		for _, lang := range []string{"fr", "en"} {
			code, out, errs := runTerminal(t, nil, "", append([]string{"--lang", lang}, c.args...)...)
			want := c.fr
			if lang == "en" {
				want = c.en
			}
			if code != ExitBadInput || !strings.Contains(errs, want) || out != "" {
				t.Errorf("%v (%s): exit %d, stderr %q, want 2 and %q", c.args, lang, code, errs, want)
			}
		}
	}
}

// Without a terminal the room does not open: the wizard's kind of message.
func TestSalleNeedsTerminal(t *testing.T) {
	code, _, errs := run(t, "", false, "--lang", "en", "salle", "discord-classe", "--listen", "127.0.0.1", "--ssh-port", "0", "--http-port", "0")
	if code != ExitBadInput || !strings.Contains(errs, "the room needs a terminal") {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
}

func TestSalleCode(t *testing.T) {
	seen := map[string]bool{}
	for range 50 {
		c, err := newCode()
		if err != nil || len(c) != 4 || !validCode(c) {
			t.Fatalf("newCode: %q, %v", c, err)
		}
		seen[c] = true
	}
	if len(seen) < 40 {
		t.Errorf("50 codes drawn, only %d different", len(seen))
	}
	for _, bad := range []string{"", "123", "12345678901234", "12 4", "١٢٣٤"} {
		if validCode(bad) {
			t.Errorf("%q accepted", bad)
		}
	}
}

// The addresses given to participants: the listening address when it is
// one, else the interfaces' but loopback and link-local, else loopback.
func TestSalleHosts(t *testing.T) {
	none := func() ([]net.Interface, error) { return nil, nil }
	if got := roomHosts("127.0.0.1", none); len(got) != 1 || got[0] != "127.0.0.1" {
		t.Errorf("--listen 127.0.0.1: %v", got)
	}
	if got := roomHosts("", none); len(got) != 1 || got[0] != "127.0.0.1" {
		t.Errorf("no interface: %v", got)
	}
	for _, h := range roomHosts("", net.Interfaces) {
		ip := net.ParseIP(h)
		if ip == nil || (ip.IsLoopback() && h != "127.0.0.1") || ip.IsLinkLocalUnicast() {
			t.Errorf("a host to give participants: %q", h)
		}
	}
}
