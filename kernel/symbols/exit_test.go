package symbols

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"testing"

	"github.com/traefik/yaegi/interp"
)

// exitChildEnv makes the test binary, re-executed by TestOsExitEndsTheProcess, run
// os.Exit(3) in interpreted code instead of the tests.
const exitChildEnv = "CAIRN_SYMBOLS_EXIT_CHILD"

func TestMain(m *testing.M) {
	if os.Getenv(exitChildEnv) == "1" {
		exitChild()
	}
	os.Exit(m.Run())
}

// exitChild interprets os.Exit(3); it exits 0 or 2 only if that did not end the process.
func exitChild() {
	i := interp.New(interp.Options{Unrestricted: true})
	if err := load(i); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	for _, cell := range []string{`import "os"`, `os.Exit(3)`} {
		if _, err := i.EvalWithContext(context.Background(), cell); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
	}
	os.Exit(0)
}

func TestOsExitEndsTheProcess(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), exitChildEnv+"=1")
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 3 {
		t.Fatalf("child ended with %v (output %q), want exit status 3", err, out)
	}
}
