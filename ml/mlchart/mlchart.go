// Package mlchart draws a model's feedback as go-echarts charts: confusion
// matrix, ROC curves, residuals, permutation importance, metrics per group,
// and PCA's explained variance and projection. Like kernel/frame's quick
// charts, each returns its chart alone (so a call on a cell's last line
// displays) and a chart that cannot be drawn has the error as its title, in
// red, and fails its cell (internal/chartfail). Kept apart from ml so that ml
// does not link go-echarts.
package mlchart

import (
	"fmt"
	"math"

	"github.com/cairn-notebook/cairn/internal/chartfail"
	"github.com/cairn-notebook/cairn/ml"
	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// maxPoints bounds the points of a scatter; beyond it every k-th row is drawn.
const maxPoints = 5000

func titled(title, subtitle, trigger string, legend bool) []charts.GlobalOpts {
	return []charts.GlobalOpts{
		charts.WithTitleOpts(opts.Title{Title: title, Subtitle: subtitle}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: trigger}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(legend), Top: "bottom"}),
		charts.WithGridOpts(opts.Grid{Top: "90", Bottom: "70", Left: "70", Right: "110"}), // room for titles and axis names
	}
}

// failed titles a chart that could not be drawn with its error; the kernel fails the cell.
func failed(err error) charts.GlobalOpts { return chartfail.Title(err) }

// round keeps chart data short: 4 significant decimals are plenty on screen.
func round(v float64) float64 { return math.Round(v*1e4) / 1e4 }

// Confusion draws the model's last test confusion matrix (ml.Model.Evaluate)
// as a heat map: true classes down, predicted classes across.
func Confusion(m *ml.Model) *charts.HeatMap {
	hm := charts.NewHeatMap()
	if m.Metrics == nil || m.Metrics.Confusion == nil {
		hm.SetGlobalOptions(failed(fmt.Errorf("Confusion: evaluate the classifier on test rows first (m.Evaluate)")))
		return hm
	}
	cls := m.Schema.Classes
	var data []opts.HeatMapData
	top := 1
	for t, row := range m.Metrics.Confusion {
		for p, n := range row {
			data = append(data, opts.HeatMapData{Value: [3]any{p, t, n}})
			top = max(top, n)
		}
	}
	hm.SetGlobalOptions(titled("confusion matrix", fmt.Sprintf("%d test rows, accuracy %.4f", m.Metrics.Rows, m.Metrics.Accuracy), "item", false)...)
	hm.SetGlobalOptions(
		charts.WithXAxisOpts(opts.XAxis{Name: "predicted", Type: "category", Data: cls}),
		charts.WithYAxisOpts(opts.YAxis{Name: "true", Type: "category", Data: cls, Inverse: opts.Bool(true)}),
		charts.WithVisualMapOpts(opts.VisualMap{Calculable: opts.Bool(true), Min: 0, Max: float32(top), Orient: "vertical", Right: "10", Top: "middle"}),
	)
	hm.AddSeries("rows", data, charts.WithLabelOpts(opts.Label{Show: opts.Bool(true)}))
	return hm
}

// ROC draws the ROC curve of each class against the rest on test rows (for
// two classes, of the second class only), with its AUC in the legend.
func ROC(m *ml.Model, test *ml.Dataset) *charts.Line {
	line := charts.NewLine()
	preds, err := predict(m, test, ml.Classification)
	if err != nil {
		line.SetGlobalOptions(failed(fmt.Errorf("ROC: %w", err)))
		return line
	}
	y := test.YClass()
	cls := m.Schema.Classes
	first := 0
	if len(cls) == 2 {
		first = 1
	}
	line.SetGlobalOptions(titled("ROC curve", fmt.Sprintf("%d test rows", test.Len()), "item", true)...)
	line.SetGlobalOptions(charts.WithXAxisOpts(opts.XAxis{Name: "false positive rate", Type: "value", Min: 0, Max: 1}),
		charts.WithYAxisOpts(opts.YAxis{Name: "true positive rate", Type: "value", Min: 0, Max: 1}))
	pos, score := make([]bool, len(y)), make([]float64, len(y))
	for c := first; c < len(cls); c++ {
		for i := range y {
			pos[i], score[i] = y[i] == c, preds[i].Proba[c]
		}
		fpr, tpr := ml.ROCCurve(pos, score)
		if fpr == nil {
			continue // the class is absent from the test rows
		}
		data := make([]opts.LineData, len(fpr))
		for i := range fpr {
			data[i] = opts.LineData{Value: []any{round(fpr[i]), round(tpr[i])}}
		}
		name := fmt.Sprintf("%s (AUC %.3f)", cls[c], ml.BinaryAUC(pos, score))
		line.AddSeries(name, data, charts.WithLineChartOpts(opts.LineChart{Step: "end", ShowSymbol: opts.Bool(false)}))
	}
	line.AddSeries("chance", []opts.LineData{{Value: []any{0, 0}}, {Value: []any{1, 1}}},
		charts.WithLineStyleOpts(opts.LineStyle{Type: "dashed", Color: "#999"}),
		charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(false)}))
	return line
}

// Residuals plots true − predicted against predicted for a regression
// model's test rows (every k-th row above 5000).
func Residuals(m *ml.Model, test *ml.Dataset) *charts.Scatter {
	sc := charts.NewScatter()
	preds, err := predict(m, test, ml.Regression)
	if err != nil {
		sc.SetGlobalOptions(failed(fmt.Errorf("Residuals: %w", err)))
		return sc
	}
	y := test.Y()
	step := max(1, len(y)/maxPoints)
	var data []opts.ScatterData
	for i := 0; i < len(y); i += step {
		data = append(data, opts.ScatterData{Value: []any{round(preds[i].Value), round(y[i] - preds[i].Value)}})
	}
	sub := fmt.Sprintf("%d test rows", len(y))
	if step > 1 {
		sub += fmt.Sprintf(", every %d. drawn", step)
	}
	sc.SetGlobalOptions(titled("residuals", sub, "item", false)...)
	sc.SetGlobalOptions(charts.WithXAxisOpts(opts.XAxis{Name: "predicted", Type: "value"}),
		charts.WithYAxisOpts(opts.YAxis{Name: "true − predicted", Type: "value", NameLocation: "middle", NameGap: 40}))
	sc.AddSeries("residual", data, charts.WithScatterChartOpts(opts.ScatterChart{SymbolSize: 5}))
	return sc
}

// predict checks the model's task and the test rows and predicts them.
func predict(m *ml.Model, test *ml.Dataset, task ml.Task) ([]ml.Prediction, error) {
	if m.Schema.Task != task {
		return nil, fmt.Errorf("the model does %s, the chart needs %s", m.Schema.Task, task)
	}
	if test.Target() != m.Schema.Target {
		return nil, fmt.Errorf("the rows' target %q is not the model's %q", test.Target(), m.Schema.Target)
	}
	return m.PredictDataset(test)
}
