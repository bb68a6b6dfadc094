package eval

import (
	"bytes"
	"context"
	"errors"
	"runtime"
	"strconv"
	"time"

	"github.com/traefik/yaegi/interp"
)

// execute runs p and returns only once p's code has stopped.
//
// yaegi's ExecuteWithContext runs the program in a goroutine it starts and, when ctx is done,
// bumps the interpreter's run id and returns at once; the goroutine stops at its next
// interpreted step, which can be long after a compiled call (time.Sleep, a big sort)
// returns. If another Execute starts meanwhile, it resets the global frame's run id and the old
// goroutine resumes the cancelled cell (measured). yaegi exposes neither the goroutine nor its
// end, so after a cancel we wait until no goroutine created by ExecuteWithContext from this
// goroutine exists any more, by polling runtime.Stack, which lists every goroutine with its
// creator ("created by ...ExecuteWithContext in goroutine N"). Goroutines started by the cell
// itself are created elsewhere and are not waited for. Polling costs ~100µs per look and only
// happens after an interrupt.
func execute(ctx context.Context, in *interp.Interpreter, p *interp.Program) (cancelled bool, err error) {
	_, err = in.ExecuteWithContext(ctx, p)
	if err == nil || ctx.Err() == nil || !errors.Is(err, ctx.Err()) {
		return false, err
	}
	drain(goroutineID())
	return true, err
}

// drain waits until the ExecuteWithContext goroutine started by goroutine creator has ended.
func drain(creator uint64) {
	mark := []byte("ExecuteWithContext in goroutine " + strconv.FormatUint(creator, 10) + "\n")
	buf := make([]byte, 64<<10)
	for wait := time.Millisecond; ; wait = min(2*wait, 10*time.Millisecond) {
		n := runtime.Stack(buf, true)
		if n == len(buf) {
			buf = make([]byte, 2*len(buf))
			continue
		}
		if !bytes.Contains(buf[:n], mark) {
			return
		}
		time.Sleep(wait)
	}
}

// goroutineID parses the current goroutine's id from the first line of its stack trace,
// "goroutine 18 [running]:".
func goroutineID() uint64 {
	var buf [64]byte
	b := buf[:runtime.Stack(buf[:], false)]
	b = bytes.TrimPrefix(b, []byte("goroutine "))
	if i := bytes.IndexByte(b, ' '); i > 0 {
		b = b[:i]
	}
	id, _ := strconv.ParseUint(string(b), 10, 64)
	return id
}
