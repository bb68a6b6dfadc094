package tree

import (
	"bytes"
	"encoding"
	"encoding/binary"
	"strings"
	"testing"

	"github.com/cairn-notebook/cairn/ml"
)

// Every model kind survives the binary form with identical predictions, and a damaged binary
// model is refused with a message, never a panic or a huge allocation.
func TestBinaryRoundTripAndDamage(t *testing.T) {
	d, test := synth(2000, 5, 1, threeClass), synth(300, 5, 2, threeClass)
	for i := range d.y {
		if i%7 == 0 {
			d.X[1][i] = nan
		}
	}
	for name, m := range fitAll(t, d, 3, ml.FitOptions{Seed: 2}) {
		b, err := m.(encoding.BinaryMarshaler).MarshalBinary()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		fresh := func() encoding.BinaryUnmarshaler {
			switch m.(type) {
			case *DecisionTree:
				return new(DecisionTree)
			case *Forest:
				return new(Forest)
			}
			return new(GBT)
		}
		back := fresh()
		if err := back.UnmarshalBinary(b); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		same(t, name+" after binary", predictions(m, test), predictions(back, test))

		if layout := reference(t, m); string(b) != string(layout) {
			t.Errorf("%s: the encoding differs from the documented layout (%d vs %d bytes)", name, len(b), len(layout))
		}
		count := 12 + 8*len(baselineOf(m)) // the tree count; tree 0's three counts follow
		withCount := func(off int, v uint32) []byte {
			c := append([]byte{}, b...)
			binary.LittleEndian.PutUint32(c[off:], v)
			return c
		}
		for what, bad := range map[string][]byte{
			"truncated":          b[:len(b)-3],
			"trailing":           append(append([]byte{}, b...), 0),
			"empty":              nil,
			"huge count":         withCount(count, 1<<30),
			"huge nodes":         withCount(count+4, 1<<30),
			"huge values":        withCount(count+12, 1<<30),
			"counts off by one":  withCount(count+4, uint32(len(treesOf(m)[0].Feature)+1)),
			"bad structure":      badLeft(t, b, m),
			"truncated in count": b[:count+6],
		} {
			if err := fresh().UnmarshalBinary(bad); err == nil || !strings.HasPrefix(err.Error(), "tree") {
				t.Errorf("%s, %s: error %v", name, what, err)
			}
		}
	}
}

func treesOf(m any) []Tree {
	switch x := m.(type) {
	case *DecisionTree:
		return []Tree{x.Tree}
	case *Forest:
		return x.Trees
	}
	return m.(*GBT).Trees
}

// reference encodes m with binary.Write, field by field as the layout documents: files saved
// before the encoder became plain loops are the same bytes.
func reference(t *testing.T, m any) []byte {
	t.Helper()
	var buf bytes.Buffer
	put := func(v any) {
		if err := binary.Write(&buf, binary.LittleEndian, v); err != nil {
			t.Fatal(err)
		}
	}
	base, trees := baselineOf(m), treesOf(m)
	classes, features := 0, 0
	switch x := m.(type) {
	case *DecisionTree:
		classes, features = x.NumClasses, x.NumFeatures
	case *Forest:
		classes, features = x.NumClasses, x.NumFeatures
	case *GBT:
		classes, features = x.NumClasses, x.NumFeatures
	}
	put([]uint32{uint32(classes), uint32(features), uint32(len(base))})
	put(base)
	put(uint32(len(trees)))
	for _, tr := range trees {
		put([]uint32{uint32(len(tr.Feature)), uint32(tr.Width), uint32(len(tr.Value))})
		for _, v := range []any{tr.Feature, tr.Threshold, tr.MissingLeft, tr.Left, tr.Right, tr.Value} {
			put(v)
		}
	}
	return buf.Bytes()
}

func baselineOf(m any) []float64 {
	if g, ok := m.(*GBT); ok {
		return g.Baseline
	}
	return nil
}

// badLeft re-encodes m with its first tree's root as its own left child (a loop).
func badLeft(t *testing.T, b []byte, m any) []byte {
	t.Helper()
	loop := func(trees []Tree) []Tree {
		c := append([]Tree{}, trees...)
		c[0].Left = append([]int32{0}, trees[0].Left[1:]...)
		return c
	}
	var out []byte
	switch x := m.(type) {
	case *DecisionTree:
		out = encodeTrees(x.NumClasses, x.NumFeatures, nil, loop([]Tree{x.Tree}))
	case *Forest:
		out = encodeTrees(x.NumClasses, x.NumFeatures, nil, loop(x.Trees))
	case *GBT:
		out = encodeTrees(x.NumClasses, x.NumFeatures, x.Baseline, loop(x.Trees))
	default:
		out = b
	}
	return out
}
