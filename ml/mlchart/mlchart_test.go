package mlchart

import (
	"encoding/json"
	"fmt"
	"github.com/cairn-notebook/cairn/internal/chartfail"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/cairn-notebook/cairn/ml"
	"github.com/cairn-notebook/cairn/ml/linear"
	"github.com/cairn-notebook/cairn/ml/pca"
)

// chart is what the app receives: the option JSON after Validate.
type chart interface {
	Validate()
	JSON() map[string]any
}

type option struct {
	Title  struct{ Text string }
	Series []struct {
		Name string
		Data []struct{ Value any }
	}
	XAxis []struct{ Data []string }
	YAxis []struct{ Data []string }
}

func render(t *testing.T, c chart) option {
	t.Helper()
	c.Validate()
	b, err := json.Marshal(c.JSON())
	if err != nil {
		t.Fatal(err)
	}
	var o option
	if err := json.Unmarshal(b, &o); err != nil {
		t.Fatal(err)
	}
	return o
}

// models fits a 3-class classifier and a regression on data where x drives both.
func models(t *testing.T) (*ml.Model, *ml.Dataset, *ml.Model, *ml.Dataset) {
	rng := rand.New(rand.NewPCG(2, 2))
	n := 900
	x, z, v := make([]float64, n), make([]float64, n), make([]float64, n)
	g, cls := make([]string, n), make([]string, n)
	for i := range n {
		x[i], z[i] = rng.NormFloat64(), rng.NormFloat64()
		g[i] = []string{"p", "q"}[i%2]
		cls[i] = []string{"lo", "mid", "hi"}[min(2, max(0, int(math.Floor(x[i]+0.4*rng.NormFloat64()+1.5))))]
		v[i] = 3*x[i] + rng.NormFloat64()
	}
	cols := []ml.Column{ml.Floats("x", x), ml.Floats("z", z), ml.Strings("g", g), ml.Strings("cls", cls), ml.Floats("v", v)}
	cd, _ := ml.NewDataset(cols, "cls", "x", "z", "g")
	ctr, cte, _ := cd.Split(0.3, 1)
	cm, err := ml.Fit(ctr, linear.Logistic{}, ml.FitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	cm.Evaluate(cte)
	rd, _ := ml.NewDataset(cols, "v", "x", "z")
	rtr, rte, _ := rd.Split(0.3, 1)
	rm, err := ml.Fit(rtr, linear.Linear{}, ml.FitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return cm, cte, rm, rte
}

func TestClassifierCharts(t *testing.T) {
	cm, cte, rm, rte := models(t)
	o := render(t, Confusion(cm))
	total := 0
	for _, d := range o.Series[0].Data {
		total += int(d.Value.([]any)[2].(float64))
	}
	if total != cm.Metrics.Rows || len(o.Series[0].Data) != 9 {
		t.Errorf("confusion cells add up to %d of %d rows", total, cm.Metrics.Rows)
	}
	o = render(t, ROC(cm, cte))
	if len(o.Series) != 4 || !strings.HasPrefix(o.Series[2].Name, "mid (AUC 0.") || o.Series[3].Name != "chance" {
		t.Errorf("ROC series %v", o.Series)
	}
	last := o.Series[0].Data[len(o.Series[0].Data)-1].Value.([]any)
	if last[0] != 1.0 || last[1] != 1.0 {
		t.Errorf("ROC curve ends at %v", last)
	}
	cm.PermutationImportance(cte, 2, 1)
	o = render(t, Importance(cm))
	if names := o.YAxis[0].Data; len(names) != 3 || names[2] != "x" { // strongest last: drawn on top
		t.Errorf("importance order %v", names)
	}
	cm.EvaluateBy(cte, cte.Column("g"))
	o = render(t, Groups(cm))
	if names := o.XAxis[0].Data; len(names) != 2 || !strings.HasPrefix(names[0], "p (") {
		t.Errorf("groups %v", names)
	}
	// Wrong inputs draw the error as the title, and keep it for the kernel to fail the cell.
	chartfail.Take()
	for _, c := range []struct {
		c    chart
		want string
	}{
		{ROC(rm, rte), "the model does regression"},
		{Residuals(cm, cte), "the model does classification"},
		{Confusion(rm), "evaluate the classifier"},
		{Importance(rm), "PermutationImportance"},
		{Groups(rm), "EvaluateBy"},
		{ROC(cm, rte), `target "v" is not the model's "cls"`},
	} {
		if o := render(t, c.c); !strings.Contains(o.Title.Text, c.want) || len(o.Series) != 0 {
			t.Errorf("title %q, want %q", o.Title.Text, c.want)
		}
	}
	if errs := chartfail.Take(); len(errs) != 6 || !strings.Contains(errs[2].Error(), "evaluate the classifier") {
		t.Errorf("kept for the kernel: %v", errs)
	}
}

func TestResidualsAndPCA(t *testing.T) {
	_, _, rm, rte := models(t)
	o := render(t, Residuals(rm, rte))
	preds, _ := rm.PredictDataset(rte)
	y := rte.Y()
	if len(o.Series[0].Data) != rte.Len() {
		t.Fatalf("%d points for %d rows", len(o.Series[0].Data), rte.Len())
	}
	if r := o.Series[0].Data[5].Value.([]any)[1].(float64); math.Abs(r-(y[5]-preds[5].Value)) > 1e-4 {
		t.Errorf("residual %v, want %v", r, y[5]-preds[5].Value)
	}
	X := [][]float64{{1, 2, 3, 4}, {2, 4, 6, 8.5}, {0, 1, 0, 1}}
	p, _ := pca.Fit(X, pca.Config{})
	o = render(t, Variance(p))
	if len(o.Series[0].Data) != 3 || o.XAxis[0].Data[0] != "PC1" {
		t.Errorf("variance %v", o)
	}
	scores, _ := p.Transform(X)
	o = render(t, Projection(scores, []string{"a", "b", "a", "b"}))
	if len(o.Series) != 2 || len(o.Series[0].Data) != 2 {
		t.Errorf("projection %v", o.Series)
	}
	many := make([]string, 4)
	for i := range many {
		many[i] = fmt.Sprint(i)
	}
	if o := render(t, Projection(scores[:1], many)); !strings.Contains(o.Title.Text, "two components") {
		t.Errorf("one component: %q", o.Title.Text)
	}
}
