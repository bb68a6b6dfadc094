package tree

import (
	"encoding/json"
	"fmt"
	"math"
)

// Decoding a saved model checks its structure, so a damaged or hand-edited file is refused with
// an error at load time instead of panicking or looping at prediction.

// UnmarshalJSON decodes a DecisionTree and checks it.
func (d *DecisionTree) UnmarshalJSON(b []byte) error {
	type plain DecisionTree
	if err := json.Unmarshal(b, (*plain)(d)); err != nil {
		return err
	}
	return checkModel([]Tree{d.Tree}, d.NumClasses, d.NumFeatures, max(d.NumClasses, 1))
}

// UnmarshalJSON decodes a Forest and checks it.
func (f *Forest) UnmarshalJSON(b []byte) error {
	type plain Forest
	if err := json.Unmarshal(b, (*plain)(f)); err != nil {
		return err
	}
	return checkModel(f.Trees, f.NumClasses, f.NumFeatures, max(f.NumClasses, 1))
}

// UnmarshalJSON decodes a GBT and checks it.
func (m *GBT) UnmarshalJSON(b []byte) error {
	type plain GBT
	if err := json.Unmarshal(b, (*plain)(m)); err != nil {
		return err
	}
	return m.check()
}

// check verifies a decoded boosted model.
func (m *GBT) check() error {
	if want := newLoss(m.NumClasses).outputs; len(m.Baseline) != want || len(m.Trees)%want != 0 {
		return fmt.Errorf("tree: boosted model has %d baselines and %d trees; want %d baselines and a multiple of it in trees",
			len(m.Baseline), len(m.Trees), want)
	}
	return checkModel(m.Trees, m.NumClasses, m.NumFeatures, 1)
}

// checkModel checks the model's header and each tree.
func checkModel(trees []Tree, classes, features, width int) error {
	if classes < 0 || classes == 1 || features < 1 || len(trees) == 0 {
		return fmt.Errorf("tree: model has %d classes, %d features and %d trees", classes, features, len(trees))
	}
	for i := range trees {
		if err := trees[i].check(features, width); err != nil {
			return fmt.Errorf("tree %d: %w", i, err)
		}
	}
	return nil
}

// check verifies that every slice has a value per node, children come after their parent (so
// every walk ends), features exist and leaves point inside Value.
func (t *Tree) check(features, width int) error {
	n := len(t.Feature)
	if n == 0 || len(t.Threshold) != n || len(t.MissingLeft) != n || len(t.Left) != n || len(t.Right) != n {
		return fmt.Errorf("node slices have lengths %d, %d, %d, %d, %d; want one equal, non-zero length",
			n, len(t.Threshold), len(t.MissingLeft), len(t.Left), len(t.Right))
	}
	if t.Width != width || len(t.Value)%width != 0 {
		return fmt.Errorf("width %d with %d values; want width %d", t.Width, len(t.Value), width)
	}
	leaves := len(t.Value) / width
	for i, f := range t.Feature {
		l, r := int(t.Left[i]), int(t.Right[i])
		switch {
		case f < 0 && (l < 0 || l >= leaves):
			return fmt.Errorf("leaf %d points at value %d of %d", i, l, leaves)
		case f >= 0 && int(f) >= features:
			return fmt.Errorf("node %d splits on feature %d of %d", i, f, features)
		case f >= 0 && (l <= i || r <= i || l >= n || r >= n):
			return fmt.Errorf("node %d has children %d and %d; want later nodes below %d", i, l, r, n)
		case f >= 0 && math.IsNaN(t.Threshold[i]):
			return fmt.Errorf("node %d has a NaN threshold", i)
		}
	}
	return nil
}
