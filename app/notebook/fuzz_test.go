package notebook

import (
	"bytes"
	"testing"
)

// FuzzRoundTrip checks, for any input that parses: the notebook is valid,
// Parse(Marshal(nb)) equals nb, Marshal(Parse(x)) is a fixed point, and a
// meta data edit keeps the rest of the front matter.
// Its seeds live in testdata/fuzz/FuzzRoundTrip.
func FuzzRoundTrip(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		nb, err := Parse(data)
		if err != nil {
			if _, ok := err.(*ParseError); !ok {
				t.Fatalf("error is %T, not *ParseError: %v", err, err)
			}
			return
		}
		if err := nb.Validate(); err != nil {
			t.Fatalf("parsed notebook is invalid: %v", err)
		}
		out := nb.Marshal()
		back, err := Parse(out)
		if err != nil {
			t.Fatalf("Marshal output does not parse: %v\n%s", err, out)
		}
		if !Equal(nb, back) {
			t.Fatalf("Parse(Marshal(nb)) differs from nb\ninput:\n%q\nmarshalled:\n%q", data, out)
		}
		if out2 := back.Marshal(); !bytes.Equal(out, out2) {
			t.Fatalf("Marshal is not a fixed point\nfirst:\n%q\nsecond:\n%q", out, out2)
		}
		// An edited title makes Marshal rewrite the front matter; every
		// other key, known or not, must come through.
		back.Meta.Title += "!"
		out3 := back.Marshal()
		if edited, err := Parse(out3); err != nil || !Equal(back, edited) {
			t.Fatalf("front matter edit lost something (%v)\ninput:\n%q\nmarshalled:\n%q", err, data, out3)
		}
	})
}
