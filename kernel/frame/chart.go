package frame

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// Quick charts: one call each, returning the go-echarts chart so that it can be tweaked
// (SetGlobalOptions, AddSeries, ...) before it is shown. Like Profile they return no error,
// so that `df.Histogram("x", 0)` alone in a cell displays: a chart that cannot be drawn (an
// unknown column, a column of the wrong type) has no series and its title is the error, in
// red.

// Histogram counts a number column's values into bins of equal width (bins <= 0: Sturges'
// rule, 5 to 50 bins). Nulls are left out.
func (f *Frame) Histogram(column string, bins int) *charts.Bar {
	bar := charts.NewBar()
	c, err := f.numberColumn("Histogram", column)
	if err != nil {
		bar.SetGlobalOptions(failed(err))
		return bar
	}
	rows := present(f.Len(), c)
	vals := make([]float64, len(rows))
	for i, r := range rows {
		vals[i] = c.num(r)
	}
	labels, counts := histogram(vals, bins)
	data := make([]opts.BarData, len(counts))
	for i, n := range counts {
		data[i] = opts.BarData{Value: n}
	}
	bar.SetGlobalOptions(titled("histogram of "+column, fmt.Sprintf("%d values", len(vals)), "axis", 1)...)
	bar.SetGlobalOptions(charts.WithXAxisOpts(opts.XAxis{Name: column}), charts.WithYAxisOpts(opts.YAxis{Name: "count"}))
	bar.SetXAxis(labels).AddSeries("count", data, charts.WithBarChartOpts(opts.BarChart{BarCategoryGap: "2%"}))
	return bar
}

// Scatter plots number column y against number column x, one colour per value of column
// color ("" for one colour; beyond 12 values the rarest are drawn as "other"). Rows with a
// null x or y are left out; above 5000 points every k-th row is drawn, as the subtitle says.
func (f *Frame) Scatter(x, y, color string) *charts.Scatter {
	sc := charts.NewScatter()
	xc, err := f.numberColumn("Scatter", x)
	var yc, cc *Column
	if err == nil {
		yc, err = f.numberColumn("Scatter", y)
	}
	if err == nil && color != "" {
		cc, err = f.column("Scatter", color)
	}
	if err != nil {
		sc.SetGlobalOptions(failed(err))
		return sc
	}
	rows, note := thin(present(f.Len(), xc, yc))
	names, series := []string{y}, map[string][]opts.ScatterData{}
	for _, r := range rows {
		key := y
		if cc != nil {
			key = cc.label(r)
		}
		series[key] = append(series[key], opts.ScatterData{Value: []any{xc.num(r), yc.num(r)}})
	}
	title := y + " vs " + x
	if cc != nil {
		title += " by " + color
		names = colorNames(series)
	}
	sc.SetGlobalOptions(titled(title, note, "item", len(names))...)
	sc.SetGlobalOptions(charts.WithXAxisOpts(opts.XAxis{Name: x, Type: "value"}), charts.WithYAxisOpts(opts.YAxis{Name: y, Type: "value"}))
	for _, name := range names {
		sc.AddSeries(name, series[name], charts.WithScatterChartOpts(opts.ScatterChart{SymbolSize: 6}))
	}
	return sc
}

// colorNames orders colour categories by size and folds those past maxColors into "other".
func colorNames(series map[string][]opts.ScatterData) []string {
	names := make([]string, 0, len(series))
	for k := range series {
		names = append(names, k)
	}
	slices.SortFunc(names, func(a, b string) int {
		return cmp.Or(cmp.Compare(len(series[b]), len(series[a])), strings.Compare(a, b))
	})
	if len(names) <= maxColors {
		return names
	}
	var other []opts.ScatterData
	for _, k := range names[maxColors-1:] {
		other = append(other, series[k]...)
		delete(series, k)
	}
	series["other"] = other
	return append(names[:maxColors-1], "other")
}

// Line draws number columns ys over column x, sorted by x when x is a number or time
// column (time axes show dates); a string or bool x is a category axis in row order. A null
// y is a gap. Above 5000 points every k-th row is drawn, as the subtitle says.
func (f *Frame) Line(x string, ys ...string) *charts.Line {
	line := charts.NewLine()
	xc, err := f.column("Line", x)
	if err == nil && len(ys) == 0 {
		err = fmt.Errorf("frame: Line: no y column given (columns: %s)", strings.Join(f.Names(), ", "))
	}
	ycs := make([]*Column, len(ys))
	for i, y := range ys {
		if err == nil {
			ycs[i], err = f.numberColumn("Line", y)
		}
	}
	if err != nil {
		line.SetGlobalOptions(failed(err))
		return line
	}
	rows := present(f.Len(), xc)
	if xc.axisType() != "category" {
		sortRows(rows, xc)
	}
	rows, note := thin(rows)
	line.SetGlobalOptions(titled(strings.Join(ys, ", ")+" over "+x, note, "axis", len(ys))...)
	line.SetGlobalOptions(charts.WithXAxisOpts(opts.XAxis{Name: x, Type: xc.axisType()}))
	if xc.axisType() == "category" {
		labels := make([]string, len(rows))
		for i, r := range rows {
			labels[i] = xc.label(r)
		}
		line.SetXAxis(labels)
	}
	for j, yc := range ycs {
		data := make([]opts.LineData, len(rows))
		for i, r := range rows {
			var v any = "-" // ECharts' gap
			if !yc.IsNull(r) {
				v = yc.num(r)
			}
			if xc.axisType() != "category" {
				v = []any{xc.axisValue(r), v}
			}
			data[i] = opts.LineData{Value: v}
		}
		line.AddSeries(ys[j], data, charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(len(rows) <= 100)}))
	}
	return line
}

// sortRows orders rows by a number or time column, stably; rows already in order (the usual
// time series) are left as they are.
func sortRows(rows []int, c *Column) {
	if c.typ == Time {
		sortBy(rows, func(r int) int64 { return c.times[r].UnixNano() })
	} else {
		sortBy(rows, c.num)
	}
}

// keyed is a row with its sort key, sorted together for locality.
type keyed[K cmp.Ordered] struct {
	key K
	row int
}

// sortBy sorts rows stably by key, read once per row.
func sortBy[K cmp.Ordered](rows []int, key func(int) K) {
	pairs := make([]keyed[K], len(rows))
	sorted := true
	for i, r := range rows {
		pairs[i] = keyed[K]{key(r), r}
		sorted = sorted && (i == 0 || pairs[i-1].key <= pairs[i].key)
	}
	if sorted {
		return
	}
	// Ties by row (rows are ascending): stable, and pdqsort is much faster than SortStableFunc.
	slices.SortFunc(pairs, func(a, b keyed[K]) int { return cmp.Or(cmp.Compare(a.key, b.key), cmp.Compare(a.row, b.row)) })
	for i, p := range pairs {
		rows[i] = p.row
	}
}

// Bar groups rows by column x and draws one bar per group: agg of number column y, with agg
// one of sum, mean, min, max or count (count needs no y: pass ""). Nulls in y are left out
// (count counts rows). Groups are in key order; beyond 50 groups the 50 largest are drawn,
// largest first, as the subtitle says.
func (f *Frame) Bar(x, y, agg string) *charts.Bar {
	bar := charts.NewBar()
	xc, err := f.column("Bar", x)
	var yc *Column
	switch {
	case err != nil:
	case agg != "sum" && agg != "mean" && agg != "min" && agg != "max" && agg != "count":
		err = fmt.Errorf("frame: Bar: unknown aggregate %q (sum, mean, min, max or count)", agg)
	case agg != "count" || y != "":
		yc, err = f.numberColumn("Bar", y)
	}
	if err != nil {
		bar.SetGlobalOptions(failed(err))
		return bar
	}
	byKey := map[string]*group{}
	var groups []*group
	for i := range f.Len() {
		key := xc.label(i)
		g := byKey[key]
		if g == nil {
			g = &group{key: key}
			if !xc.IsNull(i) && (xc.typ == Int64 || xc.typ == Float64) {
				g.order = xc.num(i)
			}
			byKey[key] = g
			groups = append(groups, g)
		}
		g.count++
		if yc != nil && !yc.IsNull(i) {
			v := yc.num(i)
			if g.n == 0 || v < g.min {
				g.min = v
			}
			if g.n == 0 || v > g.max {
				g.max = v
			}
			g.sum += v
			g.n++
		}
	}
	groups, note := topGroups(groups, xc.typ == Int64 || xc.typ == Float64, agg)
	labels, data := make([]string, len(groups)), make([]opts.BarData, len(groups))
	for i, g := range groups {
		labels[i], data[i] = g.key, opts.BarData{Value: g.aggregate(agg)}
	}
	name := agg + " of " + y
	if agg == "count" {
		name = "count"
	}
	bar.SetGlobalOptions(titled(name+" by "+x, note, "axis", 1)...)
	bar.SetGlobalOptions(charts.WithXAxisOpts(opts.XAxis{Name: x}), charts.WithYAxisOpts(opts.YAxis{Name: name}))
	bar.SetXAxis(labels).AddSeries(name, data)
	return bar
}
