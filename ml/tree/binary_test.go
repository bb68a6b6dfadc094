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

// badLeft re-encodes m with its first tree's root pointing at itself (a loop).
func badLeft(t *testing.T, b []byte, m any) []byte {
	t.Helper()
	switch x := m.(type) {
	case *DecisionTree:
		c := *x
		c.Tree.Left = append([]int32{0}, x.Tree.Left[1:]...)
		out, _ := c.MarshalBinary()
		return out
	case *Forest:
		c := *x
		c.Trees = append([]Tree{}, x.Trees...)
		c.Trees[0].Left = append([]int32{0}, x.Trees[0].Left[1:]...)
		out, _ := c.MarshalBinary()
		return out
	case *GBT:
		c := *x
		c.Trees = append([]Tree{}, x.Trees...)
		c.Trees[0].Left = append([]int32{0}, x.Trees[0].Left[1:]...)
		out, _ := c.MarshalBinary()
		return out
	}
	return b
}
