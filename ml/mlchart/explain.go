package mlchart

import (
	"fmt"

	"github.com/cairn-notebook/cairn/ml"
	"github.com/cairn-notebook/cairn/ml/pca"
	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// Importance draws the model's last permutation importance
// (ml.Model.PermutationImportance) as horizontal bars, strongest on top.
func Importance(m *ml.Model) *charts.Bar {
	bar := charts.NewBar()
	if len(m.Importance) == 0 {
		bar.SetGlobalOptions(failed(fmt.Errorf("Importance: compute it first (m.PermutationImportance(test, 5, seed))")))
		return bar
	}
	n := len(m.Importance)
	names, data := make([]string, n), make([]opts.BarData, n)
	for i, im := range m.Importance { // reversed: the category axis runs bottom-up
		names[n-1-i], data[n-1-i] = im.Feature, opts.BarData{Value: round(im.Mean)}
	}
	score := "accuracy"
	if m.Schema.Task == ml.Regression {
		score = "R²"
	}
	bar.SetGlobalOptions(titled("permutation importance", "drop of "+score+" when the feature is shuffled", "axis", false)...)
	bar.SetGlobalOptions(charts.WithXAxisOpts(opts.XAxis{Type: "value"}), charts.WithYAxisOpts(opts.YAxis{Type: "category", Data: names}))
	bar.AddSeries("importance", data)
	return bar
}

// Groups draws the headline score (accuracy, or R² for regression) per group
// of the model's last ml.Model.EvaluateBy, with each group's row count.
func Groups(m *ml.Model) *charts.Bar {
	bar := charts.NewBar()
	if len(m.Groups) == 0 {
		bar.SetGlobalOptions(failed(fmt.Errorf("Groups: compute them first (m.EvaluateBy(test, column))")))
		return bar
	}
	score := "accuracy"
	names, data := []string{}, []opts.BarData{}
	for _, g := range m.Groups {
		v := g.Metrics.Accuracy
		if m.Schema.Task == ml.Regression {
			v, score = g.Metrics.R2, "R²"
		}
		names = append(names, fmt.Sprintf("%s (%d)", g.Group, g.Metrics.Rows))
		data = append(data, opts.BarData{Value: round(v)})
	}
	bar.SetGlobalOptions(titled(score+" by "+m.GroupBy, "rows per group in brackets", "axis", false)...)
	bar.SetGlobalOptions(charts.WithXAxisOpts(opts.XAxis{Name: m.GroupBy}), charts.WithYAxisOpts(opts.YAxis{Name: score}))
	bar.SetXAxis(names).AddSeries(score, data)
	return bar
}

// Variance draws the share of variance each principal component explains.
func Variance(p *pca.PCA) *charts.Bar {
	bar := charts.NewBar()
	names, data := []string{}, []opts.BarData{}
	cum := 0.0
	for c, r := range p.Ratio {
		cum += r
		names = append(names, fmt.Sprintf("PC%d", c+1))
		data = append(data, opts.BarData{Value: round(r)})
	}
	bar.SetGlobalOptions(titled("explained variance", fmt.Sprintf("%d components explain %.1f%%", len(p.Ratio), 100*cum), "axis", false)...)
	bar.SetGlobalOptions(charts.WithYAxisOpts(opts.YAxis{Name: "share of variance"}))
	bar.SetXAxis(names).AddSeries("share", data)
	return bar
}

// maxColors bounds the labels of a projection that get their own colour.
const maxColors = 12

// Projection plots the first two component scores (from pca.Transform),
// one colour per label (nil labels: one colour; labels past the 12th seen
// share "other"); every k-th row above 5000.
func Projection(scores [][]float64, labels []string) *charts.Scatter {
	sc := charts.NewScatter()
	if len(scores) < 2 || (labels != nil && len(labels) != len(scores[0])) {
		sc.SetGlobalOptions(failed(fmt.Errorf("Projection: needs two components' scores and one label per row")))
		return sc
	}
	n := len(scores[0])
	step := max(1, n/maxPoints)
	var order []string
	series := map[string][]opts.ScatterData{}
	for i := 0; i < n; i += step {
		l := "rows"
		if labels != nil {
			l = labels[i]
		}
		if _, ok := series[l]; !ok && len(order) == maxColors {
			l = "other" // past maxColors labels, the rest share a colour
		}
		if _, ok := series[l]; !ok {
			order = append(order, l)
		}
		series[l] = append(series[l], opts.ScatterData{Value: []any{round(scores[0][i]), round(scores[1][i])}})
	}
	sub := fmt.Sprintf("%d rows", n)
	if step > 1 {
		sub += fmt.Sprintf(", every %d. drawn", step)
	}
	sc.SetGlobalOptions(titled("PCA projection", sub, "item", len(order) > 1)...)
	sc.SetGlobalOptions(charts.WithXAxisOpts(opts.XAxis{Name: "PC1", Type: "value"}), charts.WithYAxisOpts(opts.YAxis{Name: "PC2", Type: "value", NameLocation: "middle", NameGap: 40}))
	for _, l := range order {
		sc.AddSeries(l, series[l], charts.WithScatterChartOpts(opts.ScatterChart{SymbolSize: 5}))
	}
	return sc
}
