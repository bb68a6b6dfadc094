package main

import (
	"encoding/json"
	"fmt"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"time"
)

// sklearn runs sklearn_bench.py on the same CSV files and returns its rows.
func sklearn(python, trainCSV, testCSV string, latencyRows, repeat int) ([]result, error) {
	_, self, _, _ := runtime.Caller(0)
	script := filepath.Join(filepath.Dir(self), "sklearn_bench.py")
	fmt.Println("fitting scikit-learn's models ...")
	out, err := exec.Command(python, script, trainCSV, testCSV, strconv.Itoa(latencyRows),
		"random_forest,gbt,logistic,gbt_1thread", strconv.Itoa(repeat)).Output()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			return nil, fmt.Errorf("%s: %v\n%s", script, err, ee.Stderr)
		}
		return nil, err
	}
	var got map[string]struct {
		Accuracy   float64 `json:"accuracy"`
		Fit        float64 `json:"fit_seconds"`
		CPU        float64 `json:"fit_cpu_seconds"`
		Predict    float64 `json:"predict_seconds"`
		Iterations int     `json:"iterations"`
		Version    string  `json:"version"`
	}
	if err := json.Unmarshal(out, &got); err != nil {
		return nil, fmt.Errorf("reading %s's output: %v: %q", script, err, out)
	}
	names := []struct{ key, ref, name string }{
		{"random_forest", "sk_rf", "scikit-learn RandomForestClassifier(100, n_jobs=-1)"},
		{"gbt", "sk_gbt", "scikit-learn HistGradientBoostingClassifier()"},
		{"logistic", "sk_logistic", "scikit-learn LogisticRegression(max_iter=1000)"},
		{"gbt_1thread", "sk_gbt1", "scikit-learn HistGradientBoostingClassifier(), 1 OpenMP thread"},
	}
	var res []result
	for _, n := range names {
		g, ok := got[n.key]
		if !ok {
			continue
		}
		r := result{name: n.name, ref: n.ref, accuracy: g.Accuracy, baseline: true,
			fit: seconds(g.Fit), cpu: seconds(g.CPU), predict: seconds(g.Predict)}
		if n.key != "random_forest" && repeat > 1 {
			r.note = fmt.Sprintf("median of %d fits; ", repeat)
		}
		if g.Iterations > 0 {
			r.note += fmt.Sprintf("%d rounds", g.Iterations)
		}
		res = append(res, r)
	}
	return res, nil
}

func seconds(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }
