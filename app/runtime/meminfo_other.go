//go:build !linux

package runtime

func totalMemory() int64 { return 0 }
