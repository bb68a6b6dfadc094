package linear

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cairn-notebook/cairn/ml"
	"github.com/cairn-notebook/cairn/ml/internal/sklearn"
)

const sklearnScript = `
import sys, json, numpy as np
from sklearn.linear_model import LogisticRegression
tr = np.loadtxt(sys.argv[1], delimiter=","); te = np.loadtxt(sys.argv[2], delimiter=",")
m = LogisticRegression(max_iter=1000).fit(tr[:, 1:], tr[:, 0])
print(json.dumps({"accuracy": float(m.score(te[:, 1:], te[:, 0])), "coef": m.coef_.ravel().tolist(), "intercept": m.intercept_.tolist()}))
`

func writeCSV(t *testing.T, path string, X [][]float64, y []float64) {
	var b strings.Builder
	for i := range y {
		fmt.Fprintf(&b, "%d", int(y[i]))
		for j := range X {
			fmt.Fprintf(&b, ",%.17g", X[j][i])
		}
		b.WriteByte('\n')
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

func slice(X [][]float64, y []float64, lo, hi int) ([][]float64, []float64) {
	out := make([][]float64, len(X))
	for j := range X {
		out[j] = X[j][lo:hi]
	}
	return out, y[lo:hi]
}

// TestMatchesScikitLearn fits the same data as LogisticRegression(max_iter=1000):
// test accuracy must be within 0.002 and the coefficients close (same objective).
func TestMatchesScikitLearn(t *testing.T) {
	for _, k := range []int{2, 4} {
		X, y := synth(16000, 10, k, uint64(10+k))
		Xtr, ytr := slice(X, y, 0, 12000)
		Xte, yte := slice(X, y, 12000, 16000)
		dir := t.TempDir()
		trp, tep := filepath.Join(dir, "train.csv"), filepath.Join(dir, "test.csv")
		writeCSV(t, trp, Xtr, ytr)
		writeCSV(t, tep, Xte, yte)
		out := sklearn.Run(t, sklearnScript, trp, tep)
		var sk struct {
			Accuracy  float64
			Coef      []float64
			Intercept []float64
		}
		if err := json.Unmarshal(out, &sk); err != nil {
			t.Fatalf("scikit-learn output %q: %v", out, err)
		}
		m, err := FitLogistic(Xtr, ytr, Logistic{Classes: k}, ml.FitOptions{})
		if err != nil {
			t.Fatal(err)
		}
		ok, row, proba := 0, make([]float64, 10), make([]float64, k)
		for i := range yte {
			for j := range row {
				row[j] = Xte[j][i]
			}
			m.PredictProba(row, proba)
			best := 0
			for c := range proba {
				if proba[c] > proba[best] {
					best = c
				}
			}
			if best == int(yte[i]) {
				ok++
			}
		}
		acc := float64(ok) / float64(len(yte))
		t.Logf("k=%d: accuracy %.4f, scikit-learn %.4f (%d iterations)", k, acc, sk.Accuracy, m.Iterations)
		if math.Abs(acc-sk.Accuracy) > 0.002 {
			t.Errorf("k=%d: accuracy %.4f, scikit-learn %.4f: differ by more than 0.002", k, acc, sk.Accuracy)
		}
		for i, c := range sk.Coef {
			if math.Abs(m.Coef[i]-c) > 1e-3*(1+math.Abs(c)) {
				t.Errorf("k=%d: coef %d = %.6f, scikit-learn %.6f", k, i, m.Coef[i], c)
			}
		}
	}
}
