// Command ml measures Cairn's models (ml/tree, ml/linear) against scikit-learn on one generated
// data set in the same run, with golearn's random forest as a reference row: accuracy, fit time
// and single-row predict latency, as ratios against scikit-learn.
//
//	go run ./bench/ml [-rows 100000] [-test 20000] [-md docs/bench-ml.md]
//
// Goals (issue 6): random forest within 0.005 accuracy of scikit-learn and no slower than its
// n_jobs=-1; gradient boosting within 0.005 and ≤ 1.5× its time; logistic within 0.002.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/cairn-notebook/cairn/bench/measure"
	"github.com/cairn-notebook/cairn/ml"
	"github.com/cairn-notebook/cairn/ml/linear"
	"github.com/cairn-notebook/cairn/ml/tree"
)

// result is one model's row.
type result struct {
	name, ref string // ref: the sklearn row this one is compared with
	accuracy  float64
	fit       time.Duration
	cpu       time.Duration // CPU time of the fit, all threads
	predict   time.Duration // median single-row latency; 0 = not measured
	note      string
	baseline  bool // a scikit-learn row
}

func main() {
	rows := flag.Int("rows", 100000, "training rows")
	testRows := flag.Int("test", 20000, "test rows")
	seed := flag.Uint64("seed", 1, "generator and model seed")
	python := flag.String("python", "/usr/bin/python3", "Debian's python3 with python3-sklearn")
	latency := flag.Int("latency", 200, "rows timed one at a time for predict latency")
	glRows := flag.Int("golearn-rows", 20000, "training rows for golearn's slow random forest")
	glTrees := flag.Int("golearn-trees", 20, "trees in golearn's random forest")
	repeat := flag.Int("repeat", 3, "fits of the fast models (boosting, logistic) whose median is kept")
	only := flag.String("models", "rf,gbt,gbt1,logistic,golearn,sklearn", "comma-separated subset to run")
	md := flag.String("md", "", "also write the results table as Markdown to this file")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the Go models' fits here")
	flag.Parse()
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		measure.Must(err)
		measure.Must(pprof.StartCPUProfile(f))
		defer pprof.StopCPUProfile()
	}

	dir, err := os.MkdirTemp("", "cairn-bench-ml")
	measure.Must(err)
	defer os.RemoveAll(dir)
	train, test := generate(benchSpec, *rows, *testRows, *seed)
	trainCSV, testCSV := filepath.Join(dir, "train.csv"), filepath.Join(dir, "test.csv")
	measure.Must(writeCSV(trainCSV, train))
	measure.Must(writeCSV(testCSV, test))
	fmt.Printf("data: %d training and %d test rows × %d features in %s; GOMAXPROCS %d\n",
		*rows, *testRows, len(train.X), dir, runtime.GOMAXPROCS(0))

	opt := ml.FitOptions{Seed: *seed}
	var res []result
	want := func(m string) bool { return slices.Contains(strings.Split(*only, ","), m) }
	if want("rf") {
		res = append(res, goModel("Cairn random forest (100 trees)", "sk_rf", train, test, *latency, 1, func() (ml.Classifier, error) {
			return tree.FitForest(train.X, train.y, tree.ForestConfig{Classes: 2, Trees: 100}, opt)
		}))
	}
	if want("gbt") {
		res = append(res, goModel("Cairn gradient-boosted trees", "sk_gbt", train, test, *latency, *repeat, func() (ml.Classifier, error) {
			return tree.FitGBT(train.X, train.y, tree.GBTConfig{Classes: 2}, opt)
		}))
	}
	if want("gbt1") {
		one := ml.FitOptions{Seed: *seed, Workers: 1}
		res = append(res, goModel("Cairn gradient-boosted trees, 1 worker", "sk_gbt1", train, test, *latency, *repeat, func() (ml.Classifier, error) {
			return tree.FitGBT(train.X, train.y, tree.GBTConfig{Classes: 2}, one)
		}))
	}
	if want("logistic") {
		res = append(res, goModel("Cairn logistic regression", "sk_logistic", train, test, *latency, *repeat, func() (ml.Classifier, error) {
			return linear.FitLogistic(train.X, train.y, linear.Logistic{Classes: 2}, opt)
		}))
	}
	if want("golearn") {
		res = append(res, golearnForest(train, test, *glRows, *glTrees, dir))
	}
	if want("sklearn") {
		sk, err := sklearn(*python, trainCSV, testCSV, *latency, *repeat)
		if err != nil {
			fmt.Fprintln(os.Stderr, "scikit-learn rows skipped:", err)
		}
		res = append(res, sk...)
	}
	printTable(os.Stdout, res)
	if *md != "" {
		f, err := os.Create(*md)
		measure.Must(err)
		writeMarkdown(f, res, os.Args[1:])
		measure.Must(f.Close())
	}
}

// goModel fits one Go classifier, then scores it on test and times single-row predictions.
// With repeat > 1 it fits that many times and keeps the median fit time (and that fit's CPU
// time): on a shared machine one fit can land in a busy moment.
func goModel(name, ref string, train, test task, latencyRows, repeat int, fit func() (ml.Classifier, error)) result {
	fmt.Printf("fitting %s ...\n", name)
	var m ml.Classifier
	type timing struct{ wall, cpu time.Duration }
	times := make([]timing, repeat)
	for i := range times {
		t0, c0 := time.Now(), cpuTime()
		var err error
		m, err = fit()
		measure.Must(err)
		times[i] = timing{time.Since(t0), cpuTime() - c0}
	}
	slices.SortFunc(times, func(a, b timing) int { return int(a.wall - b.wall) })
	r := result{name: name, ref: ref, fit: times[repeat/2].wall, cpu: times[repeat/2].cpu}
	if repeat > 1 {
		r.note = fmt.Sprintf("median of %d fits; ", repeat)
	}
	if g, ok := m.(*tree.GBT); ok {
		r.note += fmt.Sprintf("%d rounds; ", g.Rounds())
	}
	js, err := json.Marshal(m)
	measure.Must(err)
	r.note += "saved as " + size(len(js)) + " of JSON"
	p := len(test.X)
	row, out := make([]float64, p), make([]float64, m.Classes())
	correct := 0
	lat := make([]time.Duration, 0, latencyRows)
	for i := range test.y {
		for j := range p {
			row[j] = test.X[j][i]
		}
		t := time.Now()
		m.PredictProba(row, out)
		if i < latencyRows {
			lat = append(lat, time.Since(t))
		}
		if (out[1] > out[0]) == (test.y[i] == 1) {
			correct++
		}
	}
	r.accuracy = float64(correct) / float64(len(test.y))
	r.predict = measure.Of(lat).Median
	return r
}

// cpuTime is the CPU time this process has used so far, user and system, all threads.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	measure.Must(syscall.Getrusage(syscall.RUSAGE_SELF, &ru))
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// size formats a byte count in kB or MB.
func size(n int) string {
	if n >= 1e6 {
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	}
	return fmt.Sprintf("%.1f kB", float64(n)/1e3)
}
