package eval

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/traefik/yaegi/interp"
)

// Why not ExecuteWithContext: when ctx is done it bumps the interpreter's run id (running
// interpreted code stops at its next step) and returns at once, while the goroutine it
// started may still be inside a compiled call (time.Sleep, a big sort). If another Execute
// starts meanwhile, it resets the global frame's run id and the old goroutine resumes the
// cancelled cell (measured). It also writes its results from both goroutines (a data race
// the race detector reports). And a cancel that lands before that goroutine's Execute has
// reset the frame's run id is lost.
//
// So the evaluator runs Execute in a goroutine of its own and, to stop it, does what yaegi's
// unexported stop() does: add 1 to the run id and close the channel that interpreted channel
// operations select on. It repeats the increment until the goroutine has returned (so a
// cancel that came too early still lands) and returns only then. These fields are
// reached with reflect and unsafe; New fails if a yaegi version lacks them (go.mod pins
// v0.16.1).
type canceller struct {
	id         *uint64        // interp.id: the current run id
	done       *chan struct{} // interp.done: closed by a cancel
	cancelChan *bool          // interp.cancelChan: channel operations also select on done
	mu         *sync.RWMutex  // interp.mutex: guards done
}

func newCanceller(in *interp.Interpreter) (*canceller, error) {
	v := reflect.ValueOf(in).Elem()
	addr := func(name string, t reflect.Type) (unsafe.Pointer, error) {
		f := v.FieldByName(name)
		if !f.IsValid() || f.Type() != t {
			return nil, fmt.Errorf("yaegi's Interpreter has no field %s %s: unsupported yaegi version", name, t)
		}
		return unsafe.Pointer(f.UnsafeAddr()), nil
	}
	id, err1 := addr("id", reflect.TypeFor[uint64]())
	done, err2 := addr("done", reflect.TypeFor[chan struct{}]())
	cancelChan, err3 := addr("cancelChan", reflect.TypeFor[bool]())
	mu, err4 := addr("mutex", reflect.TypeFor[sync.RWMutex]())
	if err := errors.Join(err1, err2, err3, err4); err != nil {
		return nil, err
	}
	return &canceller{id: (*uint64)(id), done: (*chan struct{})(done),
		cancelChan: (*bool)(cancelChan), mu: (*sync.RWMutex)(mu)}, nil
}

// execute runs p and returns only once p's code has stopped. cancelled reports that ctx
// ended it.
func (c *canceller) execute(ctx context.Context, in *interp.Interpreter, p *interp.Program) (cancelled bool, err error) {
	c.mu.Lock()
	*c.done = make(chan struct{})
	*c.cancelChan = true
	c.mu.Unlock()
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		_, err = in.Execute(p)
	}()
	select {
	case <-finished:
		return false, err
	case <-ctx.Done():
	}
	c.mu.Lock()
	close(*c.done)
	c.mu.Unlock()
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for {
		atomic.AddUint64(c.id, 1)
		select {
		case <-finished:
			return true, err
		case <-tick.C:
		}
	}
}
