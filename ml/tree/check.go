package tree

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cairn-notebook/cairn/ml"
)

// checkData validates column-major features and targets: it returns the row count, or an error
// that names the offending column, row or value.
func checkData(X [][]float64, y []float64, classes int) (int, error) {
	if len(X) == 0 {
		return 0, fmt.Errorf("tree: no feature columns")
	}
	n := len(y)
	if n == 0 {
		return 0, fmt.Errorf("tree: no rows")
	}
	if classes < 0 || classes == 1 || classes > 1<<16 {
		return 0, fmt.Errorf("tree: Classes is %d; want 0 (regression) or 2..65536", classes)
	}
	for j, col := range X {
		if len(col) != n {
			return 0, fmt.Errorf("tree: feature %d has %d rows, target has %d", j, len(col), n)
		}
		for i, v := range col {
			if math.IsInf(v, 0) {
				return 0, fmt.Errorf("tree: feature %d row %d is %v; use NaN for a missing value", j, i, v)
			}
		}
	}
	for i, v := range y {
		switch {
		case math.IsNaN(v) || math.IsInf(v, 0):
			return 0, fmt.Errorf("tree: target row %d is %v", i, v)
		case classes > 0 && (v != math.Trunc(v) || v < 0 || int(v) >= classes):
			return 0, fmt.Errorf("tree: target row %d is %v; want a class index 0..%d", i, v, classes-1)
		}
	}
	return n, nil
}

// runOpts are FitOptions with their defaults filled in.
type runOpts struct {
	ctx      context.Context
	seed     uint64
	workers  int
	progress func(done, total int)
}

func resolve(opt ml.FitOptions) runOpts {
	r := runOpts{ctx: opt.Ctx, seed: opt.Seed, workers: opt.Workers, progress: opt.Progress}
	if r.ctx == nil {
		r.ctx = context.Background()
	}
	if r.workers <= 0 {
		r.workers = runtime.GOMAXPROCS(0)
	}
	return r
}

// throttle wraps a progress callback so it runs at most ~10 times a second, always for the last
// step. Calls must come from one goroutine.
func throttle(f func(done, total int)) func(done, total int) {
	if f == nil {
		return func(int, int) {}
	}
	var last time.Time
	return func(done, total int) {
		if done == total || time.Since(last) >= 100*time.Millisecond {
			last = time.Now()
			f(done, total)
		}
	}
}

// parallel runs f(0..n-1) on up to workers goroutines. Each index is handled exactly once; f
// must write only to its own index's results, which keeps the outcome independent of workers.
func parallel(n, workers int, f func(i int)) {
	if workers > n {
		workers = n
	}
	if workers <= 1 {
		for i := 0; i < n; i++ {
			f(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				f(i)
			}
		}()
	}
	wg.Wait()
}
