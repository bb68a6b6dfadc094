package ml

import (
	"context"
	"fmt"
	"strings"
	"sync"
)

// Bar is a progress bar a fit reports to (the kernel's is nb's, shown under the cell).
type Bar interface {
	Set(done int)
	Done()
}

// The kernel's defaults for fits that leave Ctx or Progress empty: a cell writes
// ml.Fit(ds, spec, ml.FitOptions{Seed: 1}) and still stops on interrupt and shows progress.
var hooks struct {
	sync.Mutex
	ctx context.Context
	bar func(total int, label string) Bar
}

// SetContext sets the context of fits without their own Ctx; the kernel sets the running
// cell's, so that interrupting the cell stops training.
func SetContext(ctx context.Context) {
	hooks.Lock()
	defer hooks.Unlock()
	hooks.ctx = ctx
}

// SetProgress sets how fits without their own Progress show it; nil shows nothing.
func SetProgress(bar func(total int, label string) Bar) {
	hooks.Lock()
	defer hooks.Unlock()
	hooks.bar = bar
}

// withDefaults fills Ctx and Progress from the hooks. The bar appears at the first report
// (with the total, or 0 for a count); finish ends it.
func (o FitOptions) withDefaults(spec Spec) (opt FitOptions, finish func()) {
	hooks.Lock()
	ctx, newBar := hooks.ctx, hooks.bar
	hooks.Unlock()
	if o.Ctx == nil {
		o.Ctx = ctx
	}
	if o.Ctx == nil {
		o.Ctx = context.Background()
	}
	if o.Progress != nil || newBar == nil {
		return o, func() {}
	}
	var bar Bar
	label := "training " + strings.TrimPrefix(fmt.Sprintf("%T", spec), "*")
	o.Progress = func(done, total int) {
		if bar == nil {
			bar = newBar(total, label)
		}
		bar.Set(done)
	}
	return o, func() {
		if bar != nil {
			bar.Done()
		}
	}
}
