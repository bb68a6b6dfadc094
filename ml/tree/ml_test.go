package tree_test

import (
	"bytes"
	"testing"

	"github.com/cairn-notebook/cairn/ml"
	"github.com/cairn-notebook/cairn/ml/tree"
)

// Through package ml: a numeric and a categorical feature, string class labels; each config
// fits as an ml.Spec, learns the rule, and survives ml.Save/ml.Load with identical predictions.
func TestThroughML(t *testing.T) {
	n := 600
	num, cat, label := make([]float64, n), make([]string, n), make([]string, n)
	for i := range n {
		num[i] = float64(i%50) / 50
		cat[i] = []string{"red", "green", "blue"}[i%3]
		label[i] = "no"
		if (cat[i] == "green") != (num[i] > 0.5) {
			label[i] = "yes"
		}
	}
	d, err := ml.NewDataset([]ml.Column{ml.Floats("num", num), ml.Strings("colour", cat), ml.Strings("label", label)}, "label")
	if err != nil {
		t.Fatal(err)
	}
	rows := []map[string]any{{"num": 0.9, "colour": "green"}, {"num": 0.9, "colour": "red"},
		{"num": 0.1, "colour": "green"}, {"num": 0.1, "colour": "purple"}}
	want := []string{"no", "yes", "yes", "no"}
	for _, spec := range []ml.Spec{tree.TreeConfig{}, tree.ForestConfig{Trees: 20}, tree.GBTConfig{MinSamplesLeaf: 5}} {
		m, err := ml.Fit(d, spec, ml.FitOptions{Seed: 1})
		if err != nil {
			t.Fatalf("%T: %v", spec, err)
		}
		before, err := m.PredictBatch(rows)
		if err != nil {
			t.Fatal(err)
		}
		for i, p := range before[:3] {
			if p.Label != want[i] {
				t.Errorf("%s: row %v predicted %q, want %q", m.Kind, rows[i], p.Label, want[i])
			}
		}
		var buf bytes.Buffer
		if err := ml.Save(&buf, m); err != nil {
			t.Fatal(err)
		}
		back, err := ml.Load(&buf)
		if err != nil {
			t.Fatalf("%s: %v", m.Kind, err)
		}
		after, err := back.PredictBatch(rows)
		if err != nil {
			t.Fatal(err)
		}
		for i := range before {
			for k := range before[i].Proba {
				if before[i].Proba[k] != after[i].Proba[k] {
					t.Fatalf("%s: row %d class %d: %v before save, %v after", m.Kind, i, k, before[i].Proba[k], after[i].Proba[k])
				}
			}
		}
	}
}
