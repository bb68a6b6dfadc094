package tree

import (
	"encoding/json"
	"runtime"
	"strings"
	"testing"

	"github.com/cairn-notebook/cairn/ml"
)

// fitAll fits every model kind on d and returns them by name.
func fitAll(t *testing.T, d data, classes int, opt ml.FitOptions) map[string]any {
	t.Helper()
	dt, err := FitTree(d.X, d.y, TreeConfig{Classes: classes, MaxFeatures: 2}, opt)
	if err != nil {
		t.Fatal(err)
	}
	rf, err := FitForest(d.X, d.y, ForestConfig{Classes: classes, Trees: 12}, opt)
	if err != nil {
		t.Fatal(err)
	}
	gb, err := FitGBT(d.X, d.y, GBTConfig{Classes: classes, MaxIter: 15, EarlyStopping: EarlyStopOn}, opt)
	if err != nil {
		t.Fatal(err)
	}
	return map[string]any{"tree": dt, "forest": rf, "gbt": gb}
}

// Same data and seed give the same predictions for any Workers and GOMAXPROCS; another seed
// gives another forest, so the comparison can fail.
func TestDeterminism(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, c := range []struct {
		name    string
		d       data
		classes int
	}{
		{"binary", synth(1500, 6, 1, xor), 2},
		{"multiclass", synth(1500, 6, 2, threeClass), 3},
		{"regression", synth(1500, 6, 3, smooth), 0},
	} {
		test := synth(300, 6, 9, xor)
		runtime.GOMAXPROCS(1)
		ref := fitAll(t, c.d, c.classes, ml.FitOptions{Seed: 11, Workers: 1})
		runs := map[string]map[string]any{
			"again":        fitAll(t, c.d, c.classes, ml.FitOptions{Seed: 11, Workers: 1}),
			"4 workers":    fitAll(t, c.d, c.classes, ml.FitOptions{Seed: 11, Workers: 4}),
			"GOMAXPROCS 2": nil,
		}
		runtime.GOMAXPROCS(2)
		runs["GOMAXPROCS 2"] = fitAll(t, c.d, c.classes, ml.FitOptions{Seed: 11})
		for run, models := range runs {
			for name, m := range models {
				same(t, c.name+" "+name+" "+run, predictions(ref[name], test), predictions(m, test))
				a, _ := json.Marshal(ref[name])
				b, _ := json.Marshal(m)
				if string(a) != string(b) {
					t.Errorf("%s %s %s: fitted model differs", c.name, name, run)
				}
			}
		}
		other := fitAll(t, c.d, c.classes, ml.FitOptions{Seed: 12})
		a, _ := json.Marshal(ref["forest"])
		b, _ := json.Marshal(other["forest"])
		if string(a) == string(b) {
			t.Errorf("%s: forests with seeds 11 and 12 are identical", c.name)
		}
	}
}

// A saved model (JSON, as ml's format stores it) predicts exactly as the fitted one.
func TestJSONRoundTrip(t *testing.T) {
	d, test := synth(2000, 5, 1, threeClass), synth(300, 5, 2, threeClass)
	for i := range d.y {
		if i%7 == 0 {
			d.X[1][i] = nan // missing values make MissingLeft matter
		}
	}
	for name, m := range fitAll(t, d, 3, ml.FitOptions{Seed: 2}) {
		b, err := json.Marshal(m)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var back any
		switch m.(type) {
		case *DecisionTree:
			back = new(DecisionTree)
		case *Forest:
			back = new(Forest)
		case *GBT:
			back = new(GBT)
		}
		if err := json.Unmarshal(b, back); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		same(t, name+" after JSON", predictions(m, test), predictions(back, test))
	}
}

// A damaged saved model is refused when decoded, with an error that says what is wrong,
// instead of panicking or looping at prediction.
func TestDamagedJSON(t *testing.T) {
	d := synth(500, 3, 1, xor)
	f, err := FitForest(d.X, d.y, ForestConfig{Classes: 2, Trees: 2}, ml.FitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	damage := map[string]func(f *Forest){
		"children 0 and 0; want later nodes": func(f *Forest) { f.Trees[1].Left[0], f.Trees[1].Right[0] = 0, 0 },
		"splits on feature 7 of 3":           func(f *Forest) { f.Trees[0].Feature[0] = 7 },
		"node slices have lengths":           func(f *Forest) { f.Trees[0].Right = f.Trees[0].Right[:1] },
		"want width 2":                       func(f *Forest) { f.Trees[0].Width = 1 },
		"model has 1 classes":                func(f *Forest) { f.NumClasses = 1 },
	}
	for want, hurt := range damage {
		b, _ := json.Marshal(f)
		var c Forest
		if err := json.Unmarshal(b, &c); err != nil {
			t.Fatal(err)
		}
		hurt(&c)
		b, _ = json.Marshal(&c)
		err := json.Unmarshal(b, new(Forest))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("damage %q: err = %v", want, err)
		}
	}
	var g GBT
	if err := json.Unmarshal([]byte(`{"classes":3,"features":2,"baseline":[0],"trees":[]}`), &g); err == nil ||
		!strings.Contains(err.Error(), "want 3 baselines") {
		t.Errorf("GBT with one baseline for 3 classes: err = %v", err)
	}
}
