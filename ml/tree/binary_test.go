package tree

import (
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

		huge := append([]byte{}, b...)
		binary.LittleEndian.PutUint32(huge[12+8*len(baselineOf(m)):], 1<<30) // the tree count
		for what, bad := range map[string][]byte{
			"truncated":     b[:len(b)-3],
			"trailing":      append(append([]byte{}, b...), 0),
			"empty":         nil,
			"huge count":    huge,
			"bad structure": badLeft(t, b, m),
		} {
			if err := fresh().UnmarshalBinary(bad); err == nil || !strings.HasPrefix(err.Error(), "tree") {
				t.Errorf("%s, %s: error %v", name, what, err)
			}
		}
	}
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
