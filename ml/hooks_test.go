package ml_test

import (
	"context"
	"errors"
	"testing"

	"github.com/cairn-notebook/cairn/ml"
	"github.com/cairn-notebook/cairn/ml/linear"
)

type recordBar struct {
	total int
	label string
	sets  []int
	done  bool
}

func (b *recordBar) Set(n int) { b.sets = append(b.sets, n) }
func (b *recordBar) Done()     { b.done = true }

// Fits that leave Ctx and Progress empty use the kernel's hooks: the cell's context stops
// them, its progress bar shows them; a fit's own options win.
func TestHooks(t *testing.T) {
	t.Cleanup(func() { ml.SetContext(context.Background()); ml.SetProgress(nil) })
	ds, err := ml.NewDataset(churn(2000, 3), "churn", "age", "plan", "active", "visits")
	if err != nil {
		t.Fatal(err)
	}
	var bars []*recordBar
	ml.SetProgress(func(total int, label string) ml.Bar {
		b := &recordBar{total: total, label: label}
		bars = append(bars, b)
		return b
	})
	if _, err := ml.Fit(ds, linear.Logistic{}, ml.FitOptions{Seed: 1}); err != nil {
		t.Fatal(err)
	}
	if len(bars) != 1 || !bars[0].done || len(bars[0].sets) == 0 || bars[0].label != "training linear.Logistic" || bars[0].total != 0 { // a count: L-BFGS has no known total
		t.Fatalf("bars %+v", bars)
	}
	own := 0
	if _, err := ml.Fit(ds, linear.Logistic{}, ml.FitOptions{Seed: 1, Progress: func(int, int) { own++ }}); err != nil || own == 0 || len(bars) != 1 {
		t.Errorf("own progress: %d calls, %d bars, %v", own, len(bars), err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	ml.SetContext(ctx)
	if _, err := ml.Fit(ds, linear.Logistic{}, ml.FitOptions{Seed: 1}); !errors.Is(err, context.Canceled) {
		t.Errorf("fit under a cancelled cell: %v", err)
	}
	if _, err := ml.Fit(ds, linear.Logistic{}, ml.FitOptions{Seed: 1, Ctx: context.Background()}); err != nil {
		t.Errorf("a fit's own context wins: %v", err)
	}
}
