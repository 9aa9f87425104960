package cli

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the test binary run as the conduite command in the
// testscript scripts of testdata/script.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"conduite": func() { os.Exit(Main(context.Background(), System(), os.Args[1:])) },
	})
}

// TestScript runs the command-line scripts of testdata/script/*.txtar: the
// command, its input files, the expected output and exit status. Each script
// gets a copy of examples/ in its work folder, and of the example profile
// in docs/.
//
// Beyond the standard commands, a script may use
//
//	status N cmd args...   run cmd and check that it exits with status N
//
// and the condition [root] (running as root: a read-only folder is
// writable anyway).
func TestScript(t *testing.T) {
	examples, err := filepath.Glob("../../examples/*")
	if err != nil || len(examples) == 0 {
		t.Fatalf("no examples: %v", err)
	}
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			dir := filepath.Join(env.WorkDir, "examples")
			if err := os.Mkdir(dir, 0o755); err != nil {
				return err
			}
			for _, p := range examples {
				data, err := os.ReadFile(p)
				if err != nil {
					return err
				}
				if err := os.WriteFile(filepath.Join(dir, filepath.Base(p)), data, 0o644); err != nil {
					return err
				}
			}
			// The example profile (docs/profil.md), as docs/ holds it.
			profile, err := os.ReadFile("../../docs/profil-academie.yaml")
			if err != nil {
				return err
			}
			if err := os.Mkdir(filepath.Join(env.WorkDir, "docs"), 0o755); err != nil {
				return err
			}
			if err := os.WriteFile(filepath.Join(env.WorkDir, "docs", "profil-academie.yaml"), profile, 0o644); err != nil {
				return err
			}
			env.Setenv("LANG", "fr_FR.UTF-8")
			return nil
		},
		Condition: func(cond string) (bool, error) {
			if cond == "root" {
				return os.Geteuid() == 0, nil
			}
			return false, errors.New("unknown condition " + cond)
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"status": cmdStatus,
		},
	})
}

// cmdStatus runs a command and checks its exit status.
func cmdStatus(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: status N command [args...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("status: %q is not an exit status", args[0])
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("status: %v", err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited with status %d; want %d", args[1], got, want)
	}
}
