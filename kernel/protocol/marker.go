package protocol

import (
	"bytes"
	"fmt"
)

// The kernel writes a sync marker to fd 1 and fd 2 after each cell, then sends Done with the
// marker's Seq. Output and messages travel on different pipes; the app holds a cell open until
// it has read the marker on both streams, so every byte the cell printed is attributed to it.
const (
	markerPrefix = "\x00\x1bcairn-sync:"
	markerLen    = len(markerPrefix) + 16 + 1 // prefix, 16 hex digits, NUL
)

// Marker returns the marker bytes for seq.
func Marker(seq uint64) []byte {
	return fmt.Appendf(nil, "%s%016x\x00", markerPrefix, seq)
}

// Unmarker strips sync markers from a byte stream that arrives in arbitrary chunks.
type Unmarker struct {
	held []byte // a tail that may be the start of a marker, or an incomplete UTF-8 sequence
}

// Feed takes the next chunk and returns the text ready to show and the markers found in it, in
// order. Bytes that might begin a marker, or that end in the middle of a UTF-8 character, are
// held back until the next Feed (or Flush).
func (u *Unmarker) Feed(chunk []byte) (text []byte, seqs []uint64) {
	rest := u.FeedEach(chunk, func(before []byte, seq uint64) {
		text = append(text, before...)
		seqs = append(seqs, seq)
	})
	return append(text, rest...), seqs
}

// FeedEach is Feed for readers that must act at each marker in the stream: it calls marker
// with the text before each marker found, and returns the text after the last one.
func (u *Unmarker) FeedEach(chunk []byte, marker func(before []byte, seq uint64)) (rest []byte) {
	buf := append(u.held, chunk...)
	u.held = nil
	var text []byte // ready, not yet handed to marker
	for {
		i := bytes.Index(buf, []byte(markerPrefix))
		if i < 0 {
			break
		}
		if len(buf)-i < markerLen {
			u.held = append([]byte(nil), buf[i:]...)
			return append(text, buf[:i]...)
		}
		var seq uint64
		if _, err := fmt.Sscanf(string(buf[i+len(markerPrefix):i+markerLen-1]), "%016x", &seq); err != nil {
			text = append(text, buf[:i+1]...) // not a marker after all; keep the bytes
			buf = buf[i+1:]
			continue
		}
		marker(append(text, buf[:i]...), seq)
		text = nil
		buf = buf[i+markerLen:]
	}
	keep := partialTail(buf)
	u.held = append([]byte(nil), buf[len(buf)-keep:]...)
	return append(text, buf[:len(buf)-keep]...)
}

// Flush returns whatever is held back, at the end of the stream.
func (u *Unmarker) Flush() []byte {
	h := u.held
	u.held = nil
	return h
}

// partialTail returns how many trailing bytes of b could be the start of a marker or of a UTF-8
// character that the next chunk completes.
func partialTail(b []byte) int {
	for n := min(len(b), len(markerPrefix)-1); n > 0; n-- {
		if string(b[len(b)-n:]) == markerPrefix[:n] {
			return n
		}
	}
	// An incomplete UTF-8 sequence: up to 3 bytes after the last start byte.
	for n := 1; n <= 3 && n <= len(b); n++ {
		c := b[len(b)-n]
		if c&0xC0 == 0x80 {
			continue // continuation byte: look further back
		}
		if c >= 0xC0 {
			need := 2
			if c >= 0xE0 {
				need = 3
			}
			if c >= 0xF0 {
				need = 4
			}
			if need > n {
				return n
			}
		}
		return 0
	}
	return 0
}
