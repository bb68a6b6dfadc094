// Package chartfail is how a chart that cannot be drawn says so: its title is the error, in
// red, and the error is kept for the kernel (Take), which fails the cell that made the chart.
// kernel/frame's quick charts and ml/mlchart return charts without an error value (so that a
// call on a cell's last line displays), and `cairn run` must not pass a notebook whose chart
// is broken.
package chartfail

import (
	"sync"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

var kept struct {
	sync.Mutex
	errs []error
}

// Title is the title of a chart that could not be drawn, and keeps err for Take.
func Title(err error) charts.GlobalOpts {
	kept.Lock()
	kept.errs = append(kept.errs, err)
	kept.Unlock()
	return charts.WithTitleOpts(opts.Title{Title: err.Error(), TitleStyle: &opts.TextStyle{Color: "#d03030"}})
}

// Take returns the errors of the charts that failed since the last call, and forgets them.
func Take() []error {
	kept.Lock()
	defer kept.Unlock()
	errs := kept.errs
	kept.errs = nil
	return errs
}
