package main

import (
	"bufio"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
)

// row is one generated example: six numeric features, one category, the label.
type row struct {
	f     [6]float64
	color string
	y     string
}

var colors = []string{"red", "green", "blue", "black"}

// generate makes n rows whose label follows a noisy logistic function of the features.
func generate(n int, seed uint64) []row {
	r := rand.New(rand.NewPCG(seed, 7))
	w := [6]float64{1.5, -2, 0.7, 0, 1.1, -0.4}
	shift := map[string]float64{"red": 0.8, "green": -0.5, "blue": 0, "black": -1}
	out := make([]row, n)
	for i := range out {
		z := 0.0
		for j := range w {
			out[i].f[j] = math.Round(r.NormFloat64()*1e4) / 1e4
			z += w[j] * out[i].f[j]
		}
		out[i].color = colors[r.IntN(len(colors))]
		z += shift[out[i].color]
		out[i].y = "stays"
		if r.Float64() < 1/(1+math.Exp(-z)) {
			out[i].y = "leaves"
		}
	}
	return out
}

func writeCSV(path string, rows []row) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "f0,f1,f2,f3,f4,f5,color,y")
	for _, r := range rows {
		fmt.Fprintf(w, "%g,%g,%g,%g,%g,%g,%s,%s\n", r.f[0], r.f[1], r.f[2], r.f[3], r.f[4], r.f[5], r.color, r.y)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// requestBody is a single-row /predict body.
func requestBody(r row) []byte {
	return fmt.Appendf(nil, `{"f0":%g,"f1":%g,"f2":%g,"f3":%g,"f4":%g,"f5":%g,"color":%q}`,
		r.f[0], r.f[1], r.f[2], r.f[3], r.f[4], r.f[5], r.color)
}

// notebook trains Cairn's logistic regression on data.csv (beside it) through a SQL query.
const notebook = "---\ntitle: bench/service\n---\n\n```go\nimport (\n\t\"cairn/frame\"\n\t\"cairn/ml\"\n\t\"cairn/ml/linear\"\n)\n```\n\n" +
	"```go\ndf, err := frame.Query(\"select * from read_csv('data.csv')\")\nif err != nil {\n\tpanic(err)\n}\n" +
	"ds, err := df.Dataset(\"y\")\nif err != nil {\n\tpanic(err)\n}\n" +
	"model, err := ml.Fit(ds, linear.Logistic{}, ml.FitOptions{Seed: 1})\nif err != nil {\n\tpanic(err)\n}\n```\n"
