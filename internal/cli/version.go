package cli

import (
	"runtime/debug"
	"sync"
)

// Version is conduite's version, set at link time by the release build
// (.goreleaser.yaml: -ldflags "-X …/internal/cli.Version=1.2.3"). When it is
// not set, version() reads the build information the go command records.
var Version = ""

var buildVersion = sync.OnceValue(func() string {
	bi, _ := debug.ReadBuildInfo()
	return versionOf(Version, bi)
})

// version is conduite's version as --version and the reports show it.
func version() string { return buildVersion() }

// versionOf picks the version: the one set at link time; else the main
// module's version, which `go install github.com/conduite/conduite/cmd/conduite@v1.2.3`
// records (v1.2.3) whether or not the build stamps version control
// information, and a build in a checkout with version control stamping
// records as a pseudo-version; else, for a build in a checkout (devel),
// "dev" and the commit when it is recorded (dev+0123abcd, -dirty when the
// tree had changes); else "dev".
func versionOf(linked string, bi *debug.BuildInfo) string {
	if linked != "" {
		return linked
	}
	if bi == nil {
		return "dev"
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev string
	dirty := false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "dev"
	}
	v := "dev+" + rev[:min(len(rev), 12)]
	if dirty {
		v += "-dirty"
	}
	return v
}
