package symbols

import (
	"bytes"
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/traefik/yaegi/interp"

	"github.com/cairn-notebook/cairn/kernel/eval"
)

// load wires i the way kernel/eval does: the compiled tables, then the source packages
// compiled over yaegi's own generic ones.
func load(i *interp.Interpreter) error {
	if err := i.Use(Exports()); err != nil {
		return err
	}
	return eval.LoadSource(i, Source())
}

// session is one interpreter wired the way the README tells the kernel to wire it.
type session struct {
	t   *testing.T
	i   *interp.Interpreter
	out *bytes.Buffer
}

func newSession(t *testing.T) *session {
	t.Helper()
	out := new(bytes.Buffer)
	i := interp.New(interp.Options{
		GoPath:               ".",
		SourcecodeFilesystem: Source(),
		Unrestricted:         true,
		Stdout:               out,
		Stderr:               out,
	})
	if err := load(i); err != nil {
		t.Fatalf("Load: %v", err)
	}
	return &session{t: t, i: i, out: out}
}

// try evaluates one cell. yaegi parses a cell that starts with a declaration as
// declarations only, so tests keep declarations and statements in separate cells.
func (s *session) try(src string) (reflect.Value, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	return s.i.EvalWithContext(ctx, src)
}

// run evaluates a cell that must succeed and returns its value as an interface.
func (s *session) run(src string) any {
	s.t.Helper()
	v, err := s.try(src)
	if err != nil {
		s.t.Fatalf("cell %q: %v", src, err)
	}
	if !v.IsValid() || !v.CanInterface() {
		return nil
	}
	return v.Interface()
}
