package ml_test

import (
	"bytes"
	"reflect"
	"runtime"
	"testing"

	"github.com/cairn-notebook/cairn/ml"
	"github.com/cairn-notebook/cairn/ml/tree"
)

// TestTreeSpecs fits ml/tree's estimators through ml.Fit on data with
// missing values and categories (codes encoding): the same seed gives the same
// predictions with GOMAXPROCS 1 and 2, and a saved model predicts the same.
func TestTreeSpecs(t *testing.T) {
	ds, err := ml.NewDataset(churn(1200, 9), "churn", "age", "plan", "active", "visits")
	if err != nil {
		t.Fatal(err)
	}
	train, test, _ := ds.Split(0.25, 3)
	specs := []ml.Spec{tree.ForestConfig{Trees: 20}, tree.GBTConfig{}, tree.TreeConfig{MaxDepth: 6}}
	for _, spec := range specs {
		fit := func(procs int) []ml.Prediction {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
			m, err := ml.Fit(train, spec, ml.FitOptions{Seed: 11})
			if err != nil {
				t.Fatal(err)
			}
			if met, err := m.Evaluate(test); err != nil || met.Accuracy < 0.7 {
				t.Fatalf("%s: %v (%v)", m.Kind, met, err)
			}
			var buf bytes.Buffer
			if err := ml.Save(&buf, m); err != nil {
				t.Fatal(err)
			}
			back, err := ml.Load(&buf)
			if err != nil {
				t.Fatal(err)
			}
			p, _ := m.PredictDataset(test)
			q, _ := back.PredictDataset(test)
			if !reflect.DeepEqual(p, q) {
				t.Fatalf("%s: predictions differ after load", m.Kind)
			}
			row := map[string]any{"age": nil, "plan": "unseen", "active": true, "visits": 2}
			if _, err := back.Predict(row); err != nil {
				t.Fatalf("%s: %v", m.Kind, err)
			}
			return p
		}
		if !reflect.DeepEqual(fit(1), fit(2)) {
			t.Errorf("%T: GOMAXPROCS 1 and 2 give different predictions", spec)
		}
	}
}
