package frame

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cairn-notebook/cairn/internal/chartfail"
	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// Quick charts keep their option small enough to display and save with the notebook.
const (
	maxPoints = 5000 // scatter and line: above this, every k-th row is drawn
	maxGroups = 50   // bar: the largest groups kept
	maxColors = 12   // scatter: colour categories; the rest are drawn as "other"
)

// column returns the named column, or an error naming the columns there are.
func (f *Frame) column(method, name string) (*Column, error) {
	if c := f.Col(name); c != nil {
		return c, nil
	}
	return nil, fmt.Errorf("frame: %s: no column %q (columns: %s)", method, name, strings.Join(f.Names(), ", "))
}

// numberColumn is column for a number (int64 or float64) column.
func (f *Frame) numberColumn(method, name string) (*Column, error) {
	c, err := f.column(method, name)
	if err == nil && c.typ != Int64 && c.typ != Float64 {
		err = fmt.Errorf("frame: %s: column %q holds %s values; it needs numbers (int64 or float64)", method, name, c.typ)
	}
	return c, err
}

// num is value i of a number column as a float64.
func (c *Column) num(i int) float64 {
	if c.typ == Int64 {
		return float64(c.ints[i])
	}
	return c.floats[i]
}

// label is value i as a category name.
func (c *Column) label(i int) string {
	if c.IsNull(i) {
		return "(null)"
	}
	switch c.typ {
	case String:
		return c.strs[i]
	case Int64:
		return strconv.FormatInt(c.ints[i], 10)
	case Float64:
		return strconv.FormatFloat(c.floats[i], 'g', -1, 64)
	case Bool:
		return strconv.FormatBool(c.bools[i])
	}
	return c.times[i].Format(time.RFC3339)
}

// axisValue is value i for a value or time axis: a number, or a time as RFC 3339 text.
func (c *Column) axisValue(i int) any {
	if c.typ == Time {
		return c.times[i].Format(time.RFC3339Nano)
	}
	return c.num(i)
}

// axisType is the ECharts axis type that fits the column.
func (c *Column) axisType() string {
	switch c.typ {
	case Int64, Float64:
		return "value"
	case Time:
		return "time"
	}
	return "category"
}

// thin keeps every k-th of rows so that at most maxPoints remain (deterministic), and
// says so for the subtitle ("" when all are kept).
func thin(rows []int) ([]int, string) {
	if len(rows) <= maxPoints {
		return rows, ""
	}
	k := (len(rows) + maxPoints - 1) / maxPoints
	kept := make([]int, 0, maxPoints)
	for i := 0; i < len(rows); i += k {
		kept = append(kept, rows[i])
	}
	return kept, fmt.Sprintf("every %s row: %d of %d points", ordinal(k), len(kept), len(rows))
}

func ordinal(k int) string {
	switch {
	case k%100 >= 11 && k%100 <= 13:
		return fmt.Sprintf("%dth", k)
	case k%10 == 1:
		return fmt.Sprintf("%dst", k)
	case k%10 == 2:
		return fmt.Sprintf("%dnd", k)
	case k%10 == 3:
		return fmt.Sprintf("%drd", k)
	}
	return fmt.Sprintf("%dth", k)
}

// present lists the rows where none of the columns is null.
func present(n int, cols ...*Column) []int {
	rows := make([]int, 0, n)
next:
	for i := range n {
		for _, c := range cols {
			if c.IsNull(i) {
				continue next
			}
		}
		rows = append(rows, i)
	}
	return rows
}

// histogram counts values into n equal-width bins from min to max (the last bin includes
// max) and names each bin by its range.
func histogram(vals []float64, n int) (labels []string, counts []int) {
	if len(vals) == 0 {
		return nil, nil
	}
	lo, hi := slices.Min(vals), slices.Max(vals)
	if n <= 0 { // Sturges' rule, within [5, 50]
		n = min(max(int(math.Ceil(math.Log2(float64(len(vals)))))+1, 5), 50)
	}
	if lo == hi {
		return []string{fmt.Sprintf("%.4g", lo)}, []int{len(vals)}
	}
	width := (hi - lo) / float64(n)
	counts = make([]int, n)
	for _, v := range vals {
		counts[min(int((v-lo)/width), n-1)]++
	}
	labels = make([]string, n)
	for i := range labels {
		labels[i] = fmt.Sprintf("%.4g–%.4g", lo+float64(i)*width, lo+float64(i+1)*width)
	}
	return labels, counts
}

// group is one category of a bar chart.
type group struct {
	key        string
	order      float64 // the key as a number, for sorting number keys
	sum, count float64
	n          int // values counted in sum, min, max
	min, max   float64
}

// aggregate returns the group's value for agg (sum, mean, count, min, max).
func (g *group) aggregate(agg string) float64 {
	switch agg {
	case "sum":
		return g.sum
	case "mean":
		return g.sum / float64(max(g.n, 1))
	case "min":
		return g.min
	case "max":
		return g.max
	}
	return g.count
}

// topGroups orders groups by key (numerically for number keys), or, when there are more
// than maxGroups, keeps the largest by value and says so.
func topGroups(groups []*group, numeric bool, agg string) ([]*group, string) {
	if len(groups) > maxGroups {
		slices.SortStableFunc(groups, func(a, b *group) int { return cmp.Compare(b.aggregate(agg), a.aggregate(agg)) })
		return groups[:maxGroups], fmt.Sprintf("the %d largest of %d groups", maxGroups, len(groups))
	}
	slices.SortStableFunc(groups, func(a, b *group) int {
		if numeric {
			return cmp.Compare(a.order, b.order)
		}
		return strings.Compare(a.key, b.key)
	})
	return groups, ""
}

// titled sets a quick chart's title and subtitle, the tooltip and, for several series, the
// legend.
func titled(title, subtitle, trigger string, series int) []charts.GlobalOpts {
	return []charts.GlobalOpts{
		charts.WithTitleOpts(opts.Title{Title: title, Subtitle: subtitle}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: trigger}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(series > 1), Top: "bottom"}),
	}
}

// failed is the title of a quick chart that could not be drawn (chartfail: the error, in
// red, and kept for the kernel, which fails the cell).
func failed(err error) charts.GlobalOpts { return chartfail.Title(err) }
