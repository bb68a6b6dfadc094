// Package bundle reads and writes the model bundle an exported service carries at the end of
// its own executable: the bundle bytes, then a fixed 24-byte trailer (docs/service.md).
// Appending keeps the runtime binary untouched, so exporting needs no linker or Go toolchain.
package bundle

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
)

// Magic starts the trailer; Version is the trailer format this package writes and reads.
const (
	Magic       = "CAIRNSVC"
	Version     = 1
	TrailerSize = 24
)

// MaxSize bounds a bundle (a forest of many deep trees stays far below).
const MaxSize = 1 << 30

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// ErrNone means the executable carries no bundle: it is the bare runtime.
var ErrNone = errors.New("this executable carries no model bundle: it is the bare service runtime; make one with `cairn export NOTEBOOK --model NAME --out PATH`")

// Trailer returns the 24 bytes that follow bundle b: magic, version (uint32), CRC-32C of b
// (uint32) and the length of b (uint64), little-endian.
func Trailer(b []byte) []byte {
	t := make([]byte, 0, TrailerSize)
	t = append(t, Magic...)
	t = binary.LittleEndian.AppendUint32(t, Version)
	t = binary.LittleEndian.AppendUint32(t, crc32.Checksum(b, castagnoli))
	return binary.LittleEndian.AppendUint64(t, uint64(len(b)))
}

// Append writes b and its trailer to w (positioned after the runtime).
func Append(w io.Writer, b []byte) error {
	if _, err := w.Write(b); err != nil {
		return err
	}
	_, err := w.Write(Trailer(b))
	return err
}

// Read returns the bundle at the end of r, a file of size bytes. It refuses a missing trailer
// (ErrNone), another trailer version, a length beyond the file and a checksum mismatch.
func Read(r io.ReaderAt, size int64) ([]byte, error) {
	off, n, sum, err := locate(r, size)
	if err != nil {
		return nil, err
	}
	b := make([]byte, n)
	if _, err := r.ReadAt(b, off); err != nil {
		return nil, fmt.Errorf("reading the model bundle: %w", err)
	}
	return b, verify(b, sum)
}

// locate reads and checks the trailer of r, a file of size bytes: the bundle is n bytes at
// off, with CRC-32C sum.
func locate(r io.ReaderAt, size int64) (off int64, n int, sum uint32, err error) {
	if size < TrailerSize {
		return 0, 0, 0, ErrNone
	}
	t := make([]byte, TrailerSize)
	if _, err := r.ReadAt(t, size-TrailerSize); err != nil {
		return 0, 0, 0, fmt.Errorf("reading the bundle trailer: %w", err)
	}
	if string(t[:8]) != Magic {
		return 0, 0, 0, ErrNone
	}
	if v := binary.LittleEndian.Uint32(t[8:]); v != Version {
		return 0, 0, 0, fmt.Errorf("the model bundle has trailer version %d; this runtime reads version %d", v, Version)
	}
	sum, length := binary.LittleEndian.Uint32(t[12:]), binary.LittleEndian.Uint64(t[16:])
	if length > MaxSize || int64(length) > size-TrailerSize {
		return 0, 0, 0, fmt.Errorf("the model bundle claims %d bytes but the file has %d before its trailer", length, size-TrailerSize)
	}
	return size - TrailerSize - int64(length), int(length), sum, nil
}

// verify checks bundle b against its trailer's CRC-32C.
func verify(b []byte, sum uint32) error {
	if crc32.Checksum(b, castagnoli) != sum {
		return errors.New("the model bundle is corrupt: its checksum does not match the trailer")
	}
	return nil
}

// ReadFile returns the bundle at the end of the file at path, copied into memory.
func ReadFile(path string) ([]byte, error) {
	return readFile(path, func(f *os.File, size int64) ([]byte, error) { return Read(f, size) })
}

// MapFile returns the bundle at the end of the file at path, checked as Read does, mapped
// read-only instead of copied where the system allows it (Linux, macOS; elsewhere it reads
// it): a 70 MB bundle is ready in 10 ms instead of 70, most of which went to page faults on
// the copy. The slice must not be written, and stays mapped for the life of the process.
func MapFile(path string) ([]byte, error) {
	return readFile(path, mapBundle)
}

// ReadSelf returns the bundle at the end of the running executable (MapFile).
func ReadSelf() ([]byte, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("finding the executable: %w", err)
	}
	return MapFile(exe)
}

// readFile opens path and hands it and its size to read.
func readFile(path string, read func(f *os.File, size int64) ([]byte, error)) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	return read(f, st.Size())
}
