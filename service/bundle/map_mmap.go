//go:build linux || darwin

package bundle

import (
	"os"
	"syscall"
)

// mapBundle maps the bundle of f (size bytes) read-only. The mapping outlives f and is never
// removed: the service reads its bundle once and the pages are the page cache's own. A system
// that refuses the mapping gets a plain read.
func mapBundle(f *os.File, size int64) ([]byte, error) {
	off, n, sum, err := locate(f, size)
	if err != nil {
		return nil, err
	}
	if n == 0 {
		return []byte{}, verify(nil, sum)
	}
	skip := off % int64(os.Getpagesize()) // a mapping starts on a page
	m, err := syscall.Mmap(int(f.Fd()), off-skip, int(skip)+n, syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return Read(f, size)
	}
	b := m[skip:]
	if err := verify(b, sum); err != nil {
		_ = syscall.Munmap(m)
		return nil, err
	}
	return b, nil
}
