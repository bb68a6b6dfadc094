// Package runtime starts kernel processes and talks to them: it runs cells, streams their
// output, interrupts them, and turns a kernel's death into one clear line. A Kernel is the app's
// only handle on a kernel process.
package runtime

import (
	"time"

	"github.com/cairn-notebook/cairn/kernel/protocol"
)

// Options configure a kernel process.
type Options struct {
	Exe            string        // the cairn binary to start as `Exe kernel`; default: this executable
	Dir            string        // the kernel's working directory (the notebook's folder)
	MemoryLimit    int64         // bytes; 0 picks DefaultMemoryLimit
	Env            []string      // extra environment variables (KEY=VALUE)
	InterruptGrace time.Duration // how long an interrupted cell may take to stop; default 3s
	StartTimeout   time.Duration // how long the kernel may take to get ready; default 30s
}

// Event is one piece of a cell's output, delivered as it happens.
type Event struct {
	Kind      string            // stream, display, update_display, result
	Name      string            // stream name: stdout or stderr
	Text      string            // stream text
	Data      map[string]string // MIME bundle for display, update_display, result
	DisplayID string
}

// Status says how a cell ended.
type Status string

const (
	OK          Status = "ok"
	Failed      Status = "error"       // the cell's code failed; Err says why
	Interrupted Status = "interrupted" // stopped on request (or by a deadline)
	Died        Status = "died"        // the kernel process ended; Reason says why; restart it
)

// Result is how a cell ended.
type Result struct {
	Status   Status
	Err      *protocol.Error // for Failed and Interrupted
	Reason   string          // for Died: one line, e.g. "kernel ran out of memory (limit 2 GiB)"
	Duration time.Duration
}

// DefaultMemoryLimit is the kernel's memory limit when none is set: three quarters of the
// machine's memory, so a runaway cell cannot take the app and the desktop down with it.
func DefaultMemoryLimit() int64 {
	total := totalMemory()
	if total <= 0 {
		return 0
	}
	return total / 4 * 3
}
