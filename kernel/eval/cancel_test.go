package eval

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// interrupt runs cell and cancels it after d; it returns the error and how long Eval took.
func interrupt(t *testing.T, e *Evaluator, cell string, d time.Duration) (*Error, time.Duration) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	start := time.Now()
	_, err := e.Eval(ctx, cell)
	var ee *Error
	if !errors.As(err, &ee) || ee.Kind != "interrupted" {
		t.Fatalf("cell %q: want an interrupted *Error, got %v", cell, err)
	}
	return ee, time.Since(start)
}

func TestInterruptInfiniteLoop(t *testing.T) {
	e := newEval(t)
	err, took := interrupt(t, e, "n := 0\nfor {\n\tn++\n}", 100*time.Millisecond)
	if took > 2*time.Second {
		t.Errorf("interrupting took %v", took)
	}
	if err.Line != 2 {
		t.Errorf("interrupted at line %d, want 2", err.Line)
	}
	want(t, show(t, e, "1 + 1"), "2") // usable afterwards
	// a loop inside a function, and in a goroutine-free select
	interrupt(t, e, "func spin() { for {} }\nspin()", 50*time.Millisecond)
	interrupt(t, e, "ch := make(chan int)\n<-ch", 50*time.Millisecond)
	want(t, show(t, e, "2 + 2"), "4")
}

// Measured in yaegi: a cell cancelled inside a compiled call (time.Sleep) resumes its
// remaining statements if another cell starts before the call returns. Eval must wait.
func TestInterruptWaitsForCompiledCallAndDoesNotResume(t *testing.T) {
	e := newEval(t)
	show(t, e, `import "time"`, "done := false")
	err, took := interrupt(t, e, "time.Sleep(2 * time.Second)\ndone = true", 100*time.Millisecond)
	if took < 1900*time.Millisecond {
		t.Errorf("Eval returned after %v, before the sleep ended", took)
	}
	if err.Line != 1 {
		t.Errorf("interrupted at line %d, want 1", err.Line)
	}
	// Were the cancelled cell still sleeping, this cell would let it resume and set done.
	want(t, show(t, e, "time.Sleep(2 * time.Second)\ndone"), "false")
}

// A cancel that lands while the run is starting must still stop it (yaegi's own
// ExecuteWithContext can lose it: its Execute resets the run id after the cancel).
func TestInterruptRightAtStart(t *testing.T) {
	e := newEval(t)
	for range 20 {
		ctx, cancel := context.WithCancel(context.Background())
		go cancel()
		_, err := e.Eval(ctx, "for {}")
		var ee *Error
		if !errors.As(err, &ee) || ee.Kind != "interrupted" {
			t.Fatalf("got %v", err)
		}
	}
}

func TestCancelledBeforeStart(t *testing.T) {
	e := newEval(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := e.Eval(ctx, "x := 1")
	var ee *Error
	if !errors.As(err, &ee) || ee.Kind != "interrupted" {
		t.Fatalf("got %v", err)
	}
	wantErr(t, fail(t, e, "x"), "compile", 1, 1, "undefined: x")
}

// os.Exit in a cell ends the process with its code (the kernel's parent reports it).
func TestOSExitExits(t *testing.T) {
	if os.Getenv("CAIRN_EVAL_EXIT") == "1" {
		e := newEval(t)
		show(t, e, "import \"os\"\nos.Exit(7)")
		return // not reached
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestOSExitExits$")
	cmd.Env = append(os.Environ(), "CAIRN_EVAL_EXIT=1")
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 7 {
		t.Fatalf("want exit code 7, got %v; output:\n%s", err, out)
	}
	if strings.Contains(string(out), "PASS") {
		t.Errorf("the test went on after os.Exit:\n%s", out)
	}
}
