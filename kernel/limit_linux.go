package kernel

import (
	"fmt"
	"runtime/debug"

	"golang.org/x/sys/unix"
)

// limitMemory caps the kernel's data segment (heap and anonymous mappings, not thread stacks or
// the binary) so that a runaway cell ends in "out of memory" instead of swapping the machine.
// The Go heap limit below it makes the GC work harder before that point.
func limitMemory(bytes int64) error {
	debug.SetMemoryLimit(bytes / 10 * 9)
	lim := &unix.Rlimit{Cur: uint64(bytes), Max: uint64(bytes)}
	if err := unix.Setrlimit(unix.RLIMIT_DATA, lim); err != nil {
		return fmt.Errorf("setting the memory limit to %d bytes: %w", bytes, err)
	}
	return nil
}
