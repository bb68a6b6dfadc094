package eval

import (
	"io"
	"regexp"
	"strings"
	"sync"
)

// stderrTrap is the interpreter's stderr writer. When a panic unwinds interpreted frames,
// yaegi prints one line per frame ("cell:1:5: panic: main.f(...)"). Their positions are wrong
// (measured: runCfg's deferred handler looks the node up with a nil exec, so it reports the
// function's first node), so the trap keeps only the function names, for Error.Stack, and
// prints nothing. Other writes (log, flag) pass straight through to out.
type stderrTrap struct {
	out    io.Writer
	mu     sync.Mutex
	frames []string
}

var panicFrame = regexp.MustCompile(`^(?:\S*:)?\d+:\d+: panic: (.*)\(\.\.\.\)\n$`)

func (t *stderrTrap) Write(p []byte) (int, error) {
	if m := panicFrame.FindSubmatch(p); m != nil {
		name := string(m[1])
		if name == "main" {
			name = "(cell)"
		}
		t.mu.Lock()
		t.frames = append(t.frames, strings.TrimPrefix(name, "main."))
		t.mu.Unlock()
		return len(p), nil
	}
	return t.out.Write(p)
}

// take returns and forgets the frames trapped so far.
func (t *stderrTrap) take() []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	f := t.frames
	t.frames = nil
	return f
}
