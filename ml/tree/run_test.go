package tree

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/cairn-notebook/cairn/ml"
)

// Cancelling mid-fit returns context.Canceled promptly, for forests (between trees and between
// nodes: one huge tree is cancelled too) and for boosting.
func TestCancel(t *testing.T) {
	d, noisy := synth(60000, 8, 1, xor), synth(60000, 8, 2, smooth)
	cases := []struct {
		name  string
		after time.Duration // when to cancel: well inside the fit
		fit   func(ml.FitOptions) error
	}{
		{"forest", 150 * time.Millisecond, func(o ml.FitOptions) error {
			_, err := FitForest(d.X, d.y, ForestConfig{Classes: 2, Trees: 1000}, o)
			return err
		}},
		{"one tree", 30 * time.Millisecond, func(o ml.FitOptions) error {
			// A noisy regression target grows one tree of ~60,000 leaves.
			_, err := FitForest(noisy.X, noisy.y, ForestConfig{Trees: 1}, o)
			return err
		}},
		{"gbt", 150 * time.Millisecond, func(o ml.FitOptions) error {
			_, err := FitGBT(d.X, d.y, GBTConfig{Classes: 2, MaxIter: 10000, EarlyStopping: EarlyStopOff}, o)
			return err
		}},
	}
	for _, c := range cases {
		name, fit := c.name, c.fit
		ctx, cancel := context.WithCancel(context.Background())
		cancelled := make(chan time.Time, 1)
		go func() {
			time.Sleep(c.after)
			cancelled <- time.Now()
			cancel()
		}()
		err := fit(ml.FitOptions{Ctx: ctx, Workers: 2})
		late := time.Since(<-cancelled)
		if !errors.Is(err, context.Canceled) {
			t.Errorf("%s: err = %v, want context.Canceled", name, err)
		}
		if late > 500*time.Millisecond {
			t.Errorf("%s: returned %v after cancel", name, late)
		}
		if err := fit(ml.FitOptions{Ctx: ctx}); !errors.Is(err, context.Canceled) {
			t.Errorf("%s: already-cancelled fit: err = %v", name, err)
		}
	}
}

// Progress counts trees or rounds up to the total and ends on (total, total), also when early
// stopping ends boosting before MaxIter.
func TestProgress(t *testing.T) {
	d := synth(12000, 4, 1, linear)
	check := func(name string, fit func(ml.FitOptions) error, total int) {
		var calls [][2]int
		if err := fit(ml.FitOptions{Progress: func(done, tot int) { calls = append(calls, [2]int{done, tot}) }}); err != nil {
			t.Fatal(err)
		}
		if len(calls) == 0 || calls[len(calls)-1] != [2]int{total, total} {
			t.Fatalf("%s: progress calls %v, want the last to be (%d, %d)", name, calls, total, total)
		}
		for i := 1; i < len(calls); i++ {
			if calls[i][0] < calls[i-1][0] || calls[i][1] != total {
				t.Fatalf("%s: progress went %v then %v", name, calls[i-1], calls[i])
			}
		}
	}
	check("forest", func(o ml.FitOptions) error {
		_, err := FitForest(d.X, d.y, ForestConfig{Classes: 2, Trees: 8}, o)
		return err
	}, 8)
	var m *GBT
	check("gbt", func(o ml.FitOptions) error {
		var err error
		m, err = FitGBT(d.X, d.y, GBTConfig{Classes: 2, MaxIter: 500, LearningRate: 0.5}, o)
		return err
	}, 500)
	if m.Rounds() >= 500 {
		t.Errorf("early stopping did not stop a 500-round fit at learning rate 0.5 (%d rounds)", m.Rounds())
	}
}

// Bad input gets an error naming what is wrong, and nothing is fitted.
func TestBadInput(t *testing.T) {
	good := synth(50, 2, 1, xor)
	inf := [][]float64{{1, 2, 3}, {1, math.Inf(1), 3}}
	cases := []struct {
		name    string
		X       [][]float64
		y       []float64
		classes int
		want    string
	}{
		{"no columns", nil, good.y, 2, "no feature columns"},
		{"no rows", [][]float64{{}}, nil, 2, "no rows"},
		{"ragged", [][]float64{good.X[0], good.X[1][:10]}, good.y, 2, "feature 1 has 10 rows, target has 50"},
		{"infinite", inf, []float64{0, 1, 0}, 2, "feature 1 row 1 is +Inf"},
		{"class too big", good.X, append([]float64{2}, good.y[1:]...), 2, "target row 0 is 2; want a class index 0..1"},
		{"fractional class", good.X, append([]float64{0.5}, good.y[1:]...), 2, "target row 0 is 0.5"},
		{"NaN target", good.X, append([]float64{nan}, good.y[1:]...), 0, "target row 0 is NaN"},
		{"one class", good.X, good.y, 1, "Classes is 1"},
	}
	for _, c := range cases {
		_, e1 := FitTree(c.X, c.y, TreeConfig{Classes: c.classes}, ml.FitOptions{})
		_, e2 := FitForest(c.X, c.y, ForestConfig{Classes: c.classes}, ml.FitOptions{})
		_, e3 := FitGBT(c.X, c.y, GBTConfig{Classes: c.classes}, ml.FitOptions{})
		for _, err := range []error{e1, e2, e3} {
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("%s: err = %v, want it to say %q", c.name, err, c.want)
			}
		}
	}
	if _, err := FitForest(good.X, good.y, ForestConfig{Classes: 2, MaxFeatures: 3}, ml.FitOptions{}); err == nil ||
		!strings.Contains(err.Error(), "MaxFeatures is 3 but there are 2 features") {
		t.Errorf("MaxFeatures > p: err = %v", err)
	}
	if _, err := FitGBT(good.X, good.y, GBTConfig{Classes: 2, MaxBins: 300}, ml.FitOptions{}); err == nil ||
		!strings.Contains(err.Error(), "MaxBins is 300") {
		t.Errorf("MaxBins 300: err = %v", err)
	}
	m, _ := FitTree(good.X, good.y, TreeConfig{Classes: 2}, ml.FitOptions{})
	defer func() {
		if r := recover(); r == nil || !strings.Contains(r.(string), "row has 1 features, the model was fitted on 2") {
			t.Errorf("short row: panic %v", r)
		}
	}()
	m.PredictProba([]float64{1}, make([]float64, 2))
}
