package runtime

import (
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"sync"
	"syscall"
)

// tailBuffer keeps the last few KiB written to it.
type tailBuffer struct {
	mu  sync.Mutex
	buf []byte
}

const tailSize = 16 << 10

func (t *tailBuffer) Write(b []byte) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, b...)
	if len(t.buf) > tailSize {
		t.buf = append([]byte(nil), t.buf[len(t.buf)-tailSize:]...)
	}
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.buf)
}

// deathReason explains in one line why the kernel process ended, from what the app knows: its
// own kill, an announced os.Exit, the Go runtime's last words on stderr, the exit status.
func (p *process) deathReason() string {
	if why, ok := p.killReason.Load().(string); ok {
		return why
	}
	if code := p.exitCode.Load(); code >= 0 {
		return fmt.Sprintf("kernel exited: the cell called os.Exit(%d)", code)
	}
	stderr := p.crash.crashReport()
	if stderr == "" {
		stderr = p.tail.String()
	}
	switch {
	case strings.Contains(stderr, "out of memory") || strings.Contains(stderr, "cannot allocate memory"):
		return "kernel ran out of memory" + limitNote(p.limit)
	case strings.Contains(stderr, "stack exceeds") || strings.Contains(stderr, "stack overflow"):
		return "kernel died: stack overflow (infinite recursion?)"
	}
	if line := lastLineWith(stderr, "panic: "); line != "" {
		return "kernel died: " + line + " (in a goroutine started by a cell; recover() there to keep the kernel alive)"
	}
	if line := lastLineWith(stderr, "fatal error: "); line != "" {
		return "kernel died: " + line
	}
	var ee *exec.ExitError
	if errors.As(p.waitErr, &ee) {
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			if ws.Signal() == syscall.SIGKILL {
				return "kernel was killed (SIGKILL; the system kills the largest process when memory runs out)"
			}
			return "kernel was killed by signal " + ws.Signal().String()
		}
		return fmt.Sprintf("kernel exited with status %d", ee.ExitCode())
	}
	if p.waitErr != nil {
		return "kernel died: " + p.waitErr.Error()
	}
	return "kernel exited"
}

// lastLineWith returns the first line of stderr's last report that starts with prefix.
func lastLineWith(s, prefix string) string {
	i := strings.LastIndex(s, "\n"+prefix)
	if i < 0 {
		if !strings.HasPrefix(s, prefix) {
			return ""
		}
	} else {
		s = s[i+1:]
	}
	line, _, _ := strings.Cut(s, "\n")
	if len(line) > 300 {
		line = line[:300] + "…"
	}
	return line
}

func limitNote(limit int64) string {
	if limit <= 0 {
		return ""
	}
	return " (limit " + FormatBytes(limit) + "; set kernel.memory_limit in the notebook's front matter)"
}

// FormatBytes writes a size the way people read it: 512 MiB, 3.5 GiB.
func FormatBytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	v, i := float64(n), -1
	for v >= unit && i < 4 {
		v /= unit
		i++
	}
	s := fmt.Sprintf("%.1f", v)
	s = strings.TrimSuffix(s, ".0")
	return s + " " + []string{"KiB", "MiB", "GiB", "TiB", "PiB"}[i]
}
