package protocol

import (
	"bytes"
	"testing"
	"unicode/utf8"
)

// Markers split across chunks at every position are still found and stripped, and multi-byte
// characters split across chunks are never cut.
func TestUnmarkerSplitsAnywhere(t *testing.T) {
	stream := append([]byte("héllo "), Marker(7)...)
	stream = append(stream, "wörld\x00not a marker\n"...)
	stream = append(stream, Marker(8)...)
	for cut := 0; cut <= len(stream); cut++ {
		for cut2 := cut; cut2 <= len(stream); cut2 += 3 {
			var u Unmarker
			var text []byte
			var seqs []uint64
			for _, part := range [][]byte{stream[:cut], stream[cut:cut2], stream[cut2:]} {
				tx, s := u.Feed(part)
				if !utf8.Valid(tx) {
					t.Fatalf("cut %d/%d: chunk %q splits a character", cut, cut2, tx)
				}
				text = append(text, tx...)
				seqs = append(seqs, s...)
			}
			text = append(text, u.Flush()...)
			if want := "héllo wörld\x00not a marker\n"; string(text) != want {
				t.Fatalf("cut %d/%d: text %q, want %q", cut, cut2, text, want)
			}
			if len(seqs) != 2 || seqs[0] != 7 || seqs[1] != 8 {
				t.Fatalf("cut %d/%d: seqs %v, want [7 8]", cut, cut2, seqs)
			}
		}
	}
}

func TestConnRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	c := NewConn(&buf, &buf)
	want := &Msg{Type: Execute, ID: "1", Cell: "c1", Lang: "go", Code: "x := 1\nx"}
	if err := c.Send(want); err != nil {
		t.Fatal(err)
	}
	got, err := c.Recv()
	if err != nil || got.Code != want.Code || got.Type != Execute || got.Cell != "c1" {
		t.Fatalf("got %+v, %v", got, err)
	}
	buf.WriteString("{not json\n")
	if _, err := c.Recv(); err == nil {
		t.Fatal("a malformed line must be an error")
	}
}
