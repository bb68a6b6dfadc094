//go:build !linux && !darwin

package bundle

import "os"

// mapBundle reads the bundle of f (size bytes): this system's mapping is not used.
func mapBundle(f *os.File, size int64) ([]byte, error) {
	return Read(f, size)
}
