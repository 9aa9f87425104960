package cli

import (
	"runtime/debug"
	"strings"
	"testing"
)

func TestVersionOf(t *testing.T) {
	vcs := []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: "0123456789abcdef0123"}, {Key: "vcs.modified", Value: "false"}}
	dirty := []debug.BuildSetting{{Key: "vcs.revision", Value: "0123456789abcdef0123"}, {Key: "vcs.modified", Value: "true"}}
	bi := func(v string, s []debug.BuildSetting) *debug.BuildInfo {
		return &debug.BuildInfo{Main: debug.Module{Path: "github.com/conduite/conduite", Version: v}, Settings: s}
	}
	for _, tc := range []struct {
		name, linked string
		bi           *debug.BuildInfo
		want         string
	}{
		{"release build: the version set at link time first", "1.4.0", bi("v1.3.0", vcs), "1.4.0"},
		{"go install …@v1.3.0, no version control stamping", "", bi("v1.3.0", nil), "v1.3.0"},
		{"a checkout stamped by the go command", "", bi("v1.3.1-0.20261201101010-0123456789ab", vcs), "v1.3.1-0.20261201101010-0123456789ab"},
		{"a checkout, stamping on, no tag: the commit", "", bi("(devel)", vcs), "dev+0123456789ab"},
		{"a checkout with changes", "", bi("(devel)", dirty), "dev+0123456789ab-dirty"},
		{"-buildvcs=false in a checkout", "", bi("(devel)", nil), "dev"},
		{"no build information", "", nil, "dev"},
	} {
		if got := versionOf(tc.linked, tc.bi); got != tc.want {
			t.Errorf("%s: versionOf = %q, want %q", tc.name, got, tc.want)
		}
	}
}

// The binary's --version and the report's « Établi … par conduite VERSION »
// show the same version.
func TestVersionInReport(t *testing.T) {
	_, out, _ := run(t, "", false, "--version")
	if want := "conduite " + version() + "\n"; out != want {
		t.Errorf("--version printed %q, want %q", out, want)
	}
	code, rep, errs := run(t, "", false, "evaluate", "../../examples/discord-classe.yaml")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if want := "par conduite " + version(); !strings.Contains(rep, want) {
		t.Errorf("the report does not say %q", want)
	}
}
