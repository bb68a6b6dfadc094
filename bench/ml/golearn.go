//go:build cgo

package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/sjwhitworth/golearn/base"
	"github.com/sjwhitworth/golearn/ensemble"
	"github.com/sjwhitworth/golearn/evaluation"

	"github.com/cairn-notebook/cairn/bench/measure"
)

// golearnForest is the reference row: golearn's random forest, on the first rows of the
// training set (it is too slow for all of them) and the whole test set. Labels are written as
// words so golearn reads the class as categorical.
func golearnForest(train, test task, rows, trees int, dir string) result {
	name := fmt.Sprintf("golearn RandomForest(%d trees, %d training rows)", trees, rows)
	fmt.Printf("fitting %s ...\n", name)
	rows = min(rows, len(train.y))
	sub := task{X: make([][]float64, len(train.X)), y: train.y[:rows]}
	for j := range sub.X {
		sub.X[j] = train.X[j][:rows]
	}
	trainPath, testPath := filepath.Join(dir, "golearn-train.csv"), filepath.Join(dir, "golearn-test.csv")
	measure.Must(writeLabelled(trainPath, sub))
	measure.Must(writeLabelled(testPath, test))
	tr, err := base.ParseCSVToInstances(trainPath, true)
	measure.Must(err)
	te, err := base.ParseCSVToTemplatedInstances(testPath, true, tr) // same class attribute
	measure.Must(err)
	rf := ensemble.NewRandomForest(trees, 4) // sqrt(20) features, as scikit-learn's default
	t0, c0 := time.Now(), cpuTime()
	measure.Must(rf.Fit(tr))
	fit, cpu := time.Since(t0), cpuTime()-c0
	pred, err := rf.Predict(te)
	measure.Must(err)
	cm, err := evaluation.GetConfusionMatrix(te, pred)
	measure.Must(err)
	return result{name: name, ref: "sk_rf", accuracy: evaluation.GetAccuracy(cm), fit: fit, cpu: cpu,
		note: "reference only: fewer trees and rows"}
}

// writeLabelled writes t as CSV with class words instead of numbers.
func writeLabelled(path string, t task) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	for j := range t.X {
		fmt.Fprintf(w, "f%d,", j)
	}
	w.WriteString("y\n")
	for i := range t.y {
		for j := range t.X {
			w.WriteString(strconv.FormatFloat(t.X[j][i], 'g', -1, 64) + ",")
		}
		fmt.Fprintf(w, "c%d\n", int(t.y[i]))
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
