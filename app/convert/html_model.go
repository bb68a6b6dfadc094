package convert

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/cairn-notebook/cairn/ml"
)

// renderModel shows a model card (ml.ModelMIME) as HTML: what it predicts, its test metrics,
// confusion matrix, importance, metrics per group and provenance — the UI's card, static.
func renderModel(v string) (string, bool) {
	var c ml.Card
	if err := json.Unmarshal([]byte(v), &c); err != nil || c.Kind == "" {
		return "", false
	}
	var b strings.Builder
	b.WriteString("<div class=\"output model\">\n")
	fmt.Fprintf(&b, "<p><strong>%s</strong>: %s of <code>%s</code>", esc(c.Kind), esc(string(c.Task)), esc(c.Target))
	if len(c.Classes) > 0 {
		fmt.Fprintf(&b, " (classes %s)", esc(strings.Join(c.Classes, ", ")))
	}
	fmt.Fprintf(&b, ", trained on %s rows.</p>\n", count(c.TrainRows))
	if m := c.Metrics; m == nil {
		b.WriteString("<p class=\"more\">Not evaluated on held-out rows.</p>\n")
	} else {
		writeMetrics(&b, m, c.Classes)
	}
	if len(c.Importance) > 0 {
		b.WriteString("<table><caption>Permutation importance (score drop when shuffled)</caption>\n")
		for _, im := range c.Importance {
			fmt.Fprintf(&b, "<tr><td>%s</td><td class=\"num\">%.4f</td><td class=\"num\">± %.4f</td></tr>\n", esc(im.Feature), im.Mean, im.Std)
		}
		b.WriteString("</table>\n")
	}
	if len(c.Groups) > 0 {
		fmt.Fprintf(&b, "<table><caption>By %s</caption>\n<tr><th>%s</th><th>rows</th><th>%s</th></tr>\n",
			esc(c.GroupBy), esc(c.GroupBy), headlineName(c.Task))
		for _, g := range c.Groups {
			if g.Metrics == nil {
				continue
			}
			fmt.Fprintf(&b, "<tr><td>%s</td><td class=\"num\">%s</td><td class=\"num\">%.4f</td></tr>\n",
				esc(g.Group), count(g.Metrics.Rows), headline(c.Task, g.Metrics))
		}
		b.WriteString("</table>\n")
	}
	fmt.Fprintf(&b, "<p class=\"more\">Data %s, seed %d, created %s, cairn %s, %s.</p>\n",
		esc(c.DataHash), c.Seed, esc(c.Created.Format("2006-01-02 15:04 MST")), esc(c.Versions.Cairn), esc(c.Versions.Go))
	if c.Problem != "" {
		fmt.Fprintf(&b, "<p class=\"more\">%s</p>\n", esc(c.Problem))
	}
	b.WriteString("</div>\n")
	return b.String(), true
}

// writeMetrics writes the headline scores and, for classification, the confusion matrix.
func writeMetrics(b *strings.Builder, m *ml.Metrics, classes []string) {
	if m.Task == ml.Regression {
		fmt.Fprintf(b, "<p>On %s test rows: RMSE %.4f, MAE %.4f, R² %.4f.</p>\n", count(m.Rows), m.RMSE, m.MAE, m.R2)
		return
	}
	fmt.Fprintf(b, "<p>On %s test rows: accuracy %.4f, ROC AUC %.4f, log loss %.4f", count(m.Rows), m.Accuracy, m.AUC, m.LogLoss)
	if m.Report != nil {
		fmt.Fprintf(b, ", macro F1 %.4f", m.Report.Macro.F1)
	}
	b.WriteString(".</p>\n")
	if len(m.Confusion) == 0 || len(m.Confusion) != len(classes) {
		return
	}
	b.WriteString("<table><caption>Confusion matrix (rows: true class, columns: predicted)</caption>\n<tr><th></th>")
	for _, c := range classes {
		fmt.Fprintf(b, "<th>%s</th>", esc(c))
	}
	b.WriteString("</tr>\n")
	for i, row := range m.Confusion {
		fmt.Fprintf(b, "<tr><th>%s</th>", esc(classes[i]))
		for _, n := range row {
			fmt.Fprintf(b, "<td class=\"num\">%s</td>", count(n))
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</table>\n")
}

func headlineName(t ml.Task) string {
	if t == ml.Regression {
		return "RMSE"
	}
	return "accuracy"
}

func headline(t ml.Task, m *ml.Metrics) float64 {
	if t == ml.Regression {
		return m.RMSE
	}
	return m.Accuracy
}
