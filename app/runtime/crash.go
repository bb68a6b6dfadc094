package runtime

import (
	"bytes"
	"sync"
	"time"
)

// crashHold is how long stderr text that looks like the start of a Go crash report is held
// back: if the kernel dies meanwhile, the report (often thousands of interpreter frames) is
// summarised in one line instead of flooding the cell's output.
const crashHold = time.Second

// crashStarts are line beginnings of the Go runtime's crash reports.
var crashStarts = [][]byte{[]byte("panic: "), []byte("fatal error: "), []byte("runtime: "), []byte("SIGSEGV"), []byte("unexpected fault address")}

// crashFilter sits on the kernel's stderr stream.
type crashFilter struct {
	mu     sync.Mutex
	emit   func(text string)
	atLine bool   // the last text emitted ended a line
	held   []byte // a possible crash report, not yet shown
	timer  *time.Timer
	exited bool
	report []byte // the head of the report of the crash that ended the process
}

const reportHead = 16 << 10

func newCrashFilter(emit func(string)) *crashFilter {
	return &crashFilter{emit: emit, atLine: true}
}

// write passes stderr text on, holding back from the start of what may be a crash report.
func (f *crashFilter) write(text []byte) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.held != nil {
		f.held = append(f.held, text...)
		return
	}
	if i := crashStart(text, f.atLine); i >= 0 {
		if i > 0 {
			f.emit(string(text[:i]))
		}
		f.held = append([]byte(nil), text[i:]...)
		f.timer = time.AfterFunc(crashHold, f.release)
		return
	}
	if len(text) > 0 {
		f.emit(string(text))
		f.atLine = text[len(text)-1] == '\n'
	}
}

// release shows held text after all: the kernel lived on, so it was not its crash.
func (f *crashFilter) release() {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.exited || f.held == nil {
		return
	}
	f.emit(string(f.held))
	f.atLine = bytes.HasSuffix(f.held, []byte("\n"))
	f.held = nil
}

// processExited keeps the held text as the crash report instead of showing it.
func (f *crashFilter) processExited() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.exited = true
	if f.timer != nil {
		f.timer.Stop()
	}
	f.report = f.held[:min(len(f.held), reportHead)]
	f.held = nil
}

// crashReport returns the start of the crash report that ended the process, if any.
func (f *crashFilter) crashReport() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return string(f.report)
}

// crashStart finds a line in text that begins like a crash report.
func crashStart(text []byte, atLine bool) int {
	for i := 0; i < len(text); {
		if i > 0 || atLine {
			for _, s := range crashStarts {
				if bytes.HasPrefix(text[i:], s) {
					return i
				}
			}
		}
		nl := bytes.IndexByte(text[i:], '\n')
		if nl < 0 {
			return -1
		}
		i += nl + 1
	}
	return -1
}
