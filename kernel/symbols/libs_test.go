package symbols

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// twoClusters is a CSV that any sane classifier separates perfectly.
func twoClusters(t *testing.T) string {
	var b strings.Builder
	b.WriteString("x,y,label\n")
	for i := 0; i < 20; i++ {
		d := float64(i%5) * 0.1
		fmt.Fprintf(&b, "%.1f,%.1f,low\n", 1+d, 1+d)
		fmt.Fprintf(&b, "%.1f,%.1f,high\n", 9-d, 9-d)
	}
	path := filepath.Join(t.TempDir(), "clusters.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestGolearnInCells(t *testing.T) {
	s := newSession(t)
	s.run(`import ("github.com/sjwhitworth/golearn/base"; "github.com/sjwhitworth/golearn/evaluation"; "github.com/sjwhitworth/golearn/trees")`)
	s.run(`var data *base.DenseInstances`)
	s.run(`var err error`)
	s.run(fmt.Sprintf(`data, err = base.ParseCSVToInstances(%q, true)`, twoClusters(t)))
	if e := s.run(`err`); e != nil {
		t.Fatalf("ParseCSVToInstances: %v", e)
	}
	s.run(`func rows() int { _, n := data.Size(); return n }`)
	if n := s.run(`rows()`); n != 40 {
		t.Fatalf("parsed %v rows, want 40", n)
	}
	s.run(`func accuracy(cls base.Classifier) float64 {
		if err := cls.Fit(data); err != nil { panic(err) }
		pred, err := cls.Predict(data)
		if err != nil { panic(err) }
		cm, err := evaluation.GetConfusionMatrix(data, pred)
		if err != nil { panic(err) }
		return evaluation.GetAccuracy(cm)
	}`)
	if acc := s.run(`accuracy(trees.NewID3DecisionTree(0.0))`); acc != 1.0 {
		t.Errorf("ID3 accuracy = %v, want 1", acc)
	}
	if _, ok := Exports()["github.com/sjwhitworth/golearn/knn/knn"]; !ok {
		t.Skip("built without cgo: no golearn/knn")
	}
	s.run(`import "github.com/sjwhitworth/golearn/knn"`)
	if acc := s.run(`accuracy(knn.NewKnnClassifier("euclidean", "linear", 3))`); acc != 1.0 {
		t.Errorf("knn accuracy = %v, want 1", acc)
	}
}

func TestEchartsOptionJSON(t *testing.T) {
	s := newSession(t)
	s.run(`import ("encoding/json"; "github.com/go-echarts/go-echarts/v2/charts"; "github.com/go-echarts/go-echarts/v2/opts")`)
	s.run(`func option() string {
		bar := charts.NewBar()
		bar.SetGlobalOptions(charts.WithTitleOpts(opts.Title{Title: "Sales"}))
		bar.SetXAxis([]string{"mon", "tue"}).AddSeries("units", []opts.BarData{{Value: 3}, {Value: 5}})
		bar.Validate()
		b, err := json.Marshal(bar.JSON())
		if err != nil { panic(err) }
		return string(b)
	}`)
	raw := s.run(`option()`).(string)
	var opt struct {
		Title  struct{ Text string }
		XAxis  []struct{ Data []string }
		Series []struct {
			Name, Type string
			Data       []struct{ Value float64 }
		}
	}
	if err := json.Unmarshal([]byte(raw), &opt); err != nil {
		t.Fatalf("option JSON %s: %v", raw, err)
	}
	if opt.Title.Text != "Sales" || len(opt.XAxis) != 1 || strings.Join(opt.XAxis[0].Data, ",") != "mon,tue" ||
		len(opt.Series) != 1 || opt.Series[0].Type != "bar" || opt.Series[0].Name != "units" ||
		len(opt.Series[0].Data) != 2 || opt.Series[0].Data[1].Value != 5 {
		t.Errorf("unexpected option: %s", raw)
	}
}

func TestGonumInCells(t *testing.T) {
	s := newSession(t)
	s.run(`import ("gonum.org/v1/gonum/floats"; "gonum.org/v1/gonum/mat"; "gonum.org/v1/gonum/stat")`)
	s.run(`func product() []float64 {
		a := mat.NewDense(2, 3, []float64{1, 2, 3, 4, 5, 6})
		b := mat.NewDense(3, 2, []float64{7, 8, 9, 10, 11, 12})
		var c mat.Dense
		c.Mul(a, b)
		return c.RawMatrix().Data
	}`)
	if got := fmt.Sprint(s.run(`product()`)); got != "[58 64 139 154]" {
		t.Errorf("matrix product = %s", got)
	}
	if got := s.run(`stat.Mean([]float64{1, 2, 3, 6}, nil) + floats.Sum([]float64{1, 1})`); got != 5.0 {
		t.Errorf("mean + sum = %v, want 5", got)
	}
}
