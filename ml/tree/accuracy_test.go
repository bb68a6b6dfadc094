package tree

import (
	"math/rand/v2"
	"testing"

	"github.com/cairn-notebook/cairn/ml"
)

// Each model must learn problems whose answer is known; the thresholds fail a model that does
// not split (0.5), splits only on gain > 0 (XOR), or ignores all but one feature.
func TestClassifiersLearn(t *testing.T) {
	opt := ml.FitOptions{Seed: 3}
	type fitter func(d data, classes int) (ml.Classifier, error)
	models := map[string]fitter{
		"tree": func(d data, k int) (ml.Classifier, error) {
			return FitTree(d.X, d.y, TreeConfig{Classes: k}, opt)
		},
		"forest": func(d data, k int) (ml.Classifier, error) {
			return FitForest(d.X, d.y, ForestConfig{Classes: k, Trees: 30}, opt)
		},
		"gbt": func(d data, k int) (ml.Classifier, error) {
			return FitGBT(d.X, d.y, GBTConfig{Classes: k}, opt)
		},
	}
	problems := []struct {
		name    string
		label   func([]float64, *rand.Rand) float64
		classes int
		min     float64
	}{
		{"xor", xor, 2, 0.93},
		{"linear", linear, 2, 0.92},
		{"three-class", threeClass, 3, 0.92},
	}
	for _, p := range problems {
		train, test := synth(3000, 5, 1, p.label), synth(1000, 5, 2, p.label)
		for name, fit := range models {
			m, err := fit(train, p.classes)
			if err != nil {
				t.Fatalf("%s on %s: %v", name, p.name, err)
			}
			if m.Classes() != p.classes {
				t.Fatalf("%s on %s: Classes() = %d", name, p.name, m.Classes())
			}
			if acc := accuracy(m, test); acc < p.min {
				t.Errorf("%s on %s: test accuracy %.3f < %.2f", name, p.name, acc, p.min)
			}
			out := make([]float64, p.classes)
			m.PredictProba(row(test.X, 0), out)
			sum := 0.0
			for _, v := range out {
				sum += v
			}
			if sum < 0.999999 || sum > 1.000001 {
				t.Errorf("%s on %s: probabilities sum to %v", name, p.name, sum)
			}
		}
	}
}

func TestRegressorsLearn(t *testing.T) {
	train, test := synth(4000, 4, 1, smooth), synth(1000, 4, 2, smooth)
	opt := ml.FitOptions{Seed: 5}
	dt, err := FitTree(train.X, train.y, TreeConfig{MinSamplesLeaf: 5}, opt)
	if err != nil {
		t.Fatal(err)
	}
	rf, err := FitForest(train.X, train.y, ForestConfig{Trees: 30}, opt)
	if err != nil {
		t.Fatal(err)
	}
	gb, err := FitGBT(train.X, train.y, GBTConfig{}, opt)
	if err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]struct {
		m   ml.Regressor
		min float64
	}{"tree": {dt, 0.9}, "forest": {rf, 0.95}, "gbt": {gb, 0.95}} {
		if got := r2(c.m, test); got < c.min {
			t.Errorf("%s: R² %.3f < %.2f", name, got, c.min)
		}
	}
}

// A depth limit bounds the tree; a decision tree without one fits its training data exactly.
func TestTreeDepthAndFit(t *testing.T) {
	d := synth(500, 3, 4, linear)
	full, err := FitTree(d.X, d.y, TreeConfig{Classes: 2}, ml.FitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if acc := accuracy(full, d); acc != 1 {
		t.Errorf("unlimited tree: training accuracy %v, want 1", acc)
	}
	stump, err := FitTree(d.X, d.y, TreeConfig{Classes: 2, MaxDepth: 1}, ml.FitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if n := stump.Tree.Nodes(); n != 3 {
		t.Errorf("depth-1 tree has %d nodes, want 3", n)
	}
}
