package ml

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/cairn-notebook/cairn/ml/internal/sklearn"
)

const metricsScript = `
import sys, json
from sklearn import metrics as M
d = json.loads(sys.argv[1]); y, p, pred = d["y"], d["proba"], d["pred"]
r = M.precision_recall_fscore_support(y, pred, labels=[0, 1, 2], zero_division=0)
print(json.dumps({
  "acc": M.accuracy_score(y, pred),
  "f1": r[2].tolist(),
  "macrof1": M.f1_score(y, pred, average="macro"),
  "weightedp": M.precision_score(y, pred, average="weighted"),
  "auc": M.roc_auc_score(y, p, multi_class="ovr", average="macro"),
  "aucbin": M.roc_auc_score([int(v == 1) for v in y], [q[1] for q in p]),
  "logloss": M.log_loss(y, p),
  "rmse": M.mean_squared_error(d["t"], d["v"]) ** 0.5,
  "mae": M.mean_absolute_error(d["t"], d["v"]),
  "r2": M.r2_score(d["t"], d["v"]),
}))
`

// TestMetricsMatchScikitLearn compares every metric with scikit-learn's on
// random predictions (tied scores included: probabilities on a 0.05 grid).
func TestMetricsMatchScikitLearn(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	n := 300
	y, pred := make([]int, n), make([]int, n)
	proba := make([][]float64, n)
	tv, pv := make([]float64, n), make([]float64, n)
	for i := range n {
		y[i] = rng.IntN(3)
		a, b := float64(rng.IntN(10)+1), float64(rng.IntN(10)+1)
		c := float64(rng.IntN(10) + 1 + 3*y[i])
		s := a + b + c
		proba[i] = []float64{a / s, b / s, c / s}
		for k := range 3 {
			if proba[i][k] > proba[i][pred[i]] {
				pred[i] = k
			}
		}
		tv[i] = rng.NormFloat64() * 3
		pv[i] = tv[i] + rng.NormFloat64()
	}
	in, _ := json.Marshal(map[string]any{"y": y, "proba": proba, "pred": pred, "t": tv, "v": pv})
	var sk struct {
		Acc, MacroF1, WeightedP, AUC, AUCBin, LogLoss, RMSE, MAE, R2 float64
		F1                                                           []float64
	}
	out := sklearn.Run(t, metricsScript, string(in))
	if err := json.Unmarshal(out, &sk); err != nil {
		t.Fatalf("%s: %v", out, err)
	}
	r := Report(y, pred, 3)
	pos, s1 := make([]bool, n), make([]float64, n)
	for i := range n {
		pos[i], s1[i] = y[i] == 1, proba[i][1]
	}
	checks := []struct {
		name      string
		got, want float64
	}{
		{"accuracy", Accuracy(y, pred), sk.Acc},
		{"F1 class 2", r.PerClass[2].F1, sk.F1[2]},
		{"macro F1", r.Macro.F1, sk.MacroF1},
		{"weighted precision", r.Weighted.Precision, sk.WeightedP},
		{"OvR AUC", ROCAUC(y, proba), sk.AUC},
		{"binary AUC", BinaryAUC(pos, s1), sk.AUCBin},
		{"log loss", LogLoss(y, proba), sk.LogLoss},
		{"RMSE", RMSE(tv, pv), sk.RMSE},
		{"MAE", MAE(tv, pv), sk.MAE},
		{"R2", R2(tv, pv), sk.R2},
	}
	for _, c := range checks {
		if math.Abs(c.got-c.want) > 1e-9 {
			t.Errorf("%s = %.12f, scikit-learn %.12f", c.name, c.got, c.want)
		}
	}
}
