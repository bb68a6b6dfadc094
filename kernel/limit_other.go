//go:build !linux

package kernel

import "runtime/debug"

// limitMemory sets only the Go heap's soft limit where rlimits are not available.
func limitMemory(bytes int64) error {
	debug.SetMemoryLimit(bytes)
	return nil
}
