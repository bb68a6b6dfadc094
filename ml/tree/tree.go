// Package tree holds Cairn's tree models: a CART decision tree, a random forest and
// histogram-based gradient-boosted trees. Estimators see column-major float64 features (NaN is
// missing) and know nothing of names or categories; package ml does the encoding.
package tree

import (
	"fmt"
	"math"
)

// Tree is one fitted binary tree in flat slices, so it encodes as JSON without a pointer graph.
// Node 0 is the root. An inner node sends a row left when its value is <= Threshold, and a
// missing value to the side MissingLeft names; a leaf has Feature -1 and keeps its Width
// values at Value[Left*Width:].
type Tree struct {
	Feature     []int32   `json:"feature"`
	Threshold   []float64 `json:"threshold"`
	MissingLeft []bool    `json:"missing_left"`
	Left        []int32   `json:"left"`
	Right       []int32   `json:"right"`
	Value       []float64 `json:"value"`
	Width       int       `json:"width"`
}

// leaf returns the values of the leaf that row falls in.
func (t *Tree) leaf(row []float64) []float64 {
	n := int32(0)
	for {
		f := t.Feature[n]
		if f < 0 {
			o := int(t.Left[n]) * t.Width
			return t.Value[o : o+t.Width]
		}
		x := row[f]
		if x <= t.Threshold[n] || (x != x && t.MissingLeft[n]) {
			n = t.Left[n]
		} else {
			n = t.Right[n]
		}
	}
}

// addNode appends a node and returns its index.
func (t *Tree) addNode() int32 {
	t.Feature = append(t.Feature, -1)
	t.Threshold = append(t.Threshold, 0)
	t.MissingLeft = append(t.MissingLeft, false)
	t.Left = append(t.Left, 0)
	t.Right = append(t.Right, 0)
	return int32(len(t.Feature) - 1)
}

// setLeaf makes node n a leaf holding vals.
func (t *Tree) setLeaf(n int32, vals []float64) {
	t.Feature[n] = -1
	t.Left[n] = int32(len(t.Value) / t.Width)
	t.Value = append(t.Value, vals...)
}

// setSplit makes node n an inner node with two new children, returned left first.
func (t *Tree) setSplit(n int32, feature int, threshold float64, missingLeft bool) (int32, int32) {
	l, r := t.addNode(), t.addNode()
	t.Feature[n], t.Threshold[n], t.MissingLeft[n] = int32(feature), threshold, missingLeft
	t.Left[n], t.Right[n] = l, r
	return l, r
}

// Nodes is the number of nodes, inner and leaves.
func (t *Tree) Nodes() int { return len(t.Feature) }

// checkRow panics with a clear message when a row is shorter than the model's features: the
// Classifier and Regressor interfaces have no error result.
func checkRow(row []float64, features int) {
	if len(row) < features {
		panic(fmt.Sprintf("tree: row has %d features, the model was fitted on %d", len(row), features))
	}
}

// checkOut panics when a probability buffer has the wrong length.
func checkOut(out []float64, classes int) {
	if classes == 0 {
		panic("tree: PredictProba on a regression model")
	}
	if len(out) != classes {
		panic(fmt.Sprintf("tree: PredictProba out has length %d, the model has %d classes", len(out), classes))
	}
}

// argmax is the first index of the largest value: the predicted class.
func argmax(p []float64) float64 {
	best := 0
	for k, v := range p {
		if v > p[best] || math.IsNaN(p[best]) {
			best = k
		}
	}
	return float64(best)
}
