package ml

import (
	"cmp"
	"math"
	"slices"
)

// Accuracy is the share of rows whose predicted class is the true one.
func Accuracy(yTrue, yPred []int) float64 {
	if len(yTrue) == 0 {
		return math.NaN()
	}
	ok := 0
	for i, t := range yTrue {
		if yPred[i] == t {
			ok++
		}
	}
	return float64(ok) / float64(len(yTrue))
}

// ConfusionMatrix counts rows by true class (row) and predicted class
// (column), for classes 0..k-1.
func ConfusionMatrix(yTrue, yPred []int, k int) [][]int {
	m := make([][]int, k)
	for i := range m {
		m[i] = make([]int, k)
	}
	for i, t := range yTrue {
		m[t][yPred[i]]++
	}
	return m
}

// ClassScore is precision, recall and F1 of one class (or an average) and
// the number of true rows it covers.
type ClassScore struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	Support   int     `json:"support"`
}

// ClassReport holds per-class scores and their macro (plain mean) and
// weighted (by support) averages. A ratio with a zero denominator is 0, as
// in scikit-learn.
type ClassReport struct {
	PerClass []ClassScore `json:"per_class"`
	Macro    ClassScore   `json:"macro"`
	Weighted ClassScore   `json:"weighted"`
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Report computes precision, recall and F1 per class for classes 0..k-1.
func Report(yTrue, yPred []int, k int) ClassReport {
	cm := ConfusionMatrix(yTrue, yPred, k)
	r := ClassReport{PerClass: make([]ClassScore, k)}
	n := len(yTrue)
	for c := range k {
		tp, predicted, actual := cm[c][c], 0, 0
		for o := range k {
			predicted += cm[o][c]
			actual += cm[c][o]
		}
		s := ClassScore{Precision: ratio(tp, predicted), Recall: ratio(tp, actual), Support: actual}
		if s.Precision+s.Recall > 0 {
			s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
		}
		r.PerClass[c] = s
		w := ratio(actual, n)
		r.Macro.Precision += s.Precision / float64(k)
		r.Macro.Recall += s.Recall / float64(k)
		r.Macro.F1 += s.F1 / float64(k)
		r.Weighted.Precision += s.Precision * w
		r.Weighted.Recall += s.Recall * w
		r.Weighted.F1 += s.F1 * w
	}
	r.Macro.Support, r.Weighted.Support = n, n
	return r
}

// ROCCurve returns the false and true positive rates at every distinct
// score threshold, from (0,0) to (1,1). Nil when pos has no positive or no
// negative row.
func ROCCurve(pos []bool, score []float64) (fpr, tpr []float64) {
	idx := make([]int, len(score))
	np := 0
	for i := range idx {
		idx[i] = i
		if pos[i] {
			np++
		}
	}
	nn := len(pos) - np
	if np == 0 || nn == 0 {
		return nil, nil
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(score[b], score[a]) })
	fpr, tpr = []float64{0}, []float64{0}
	tp, fp := 0, 0
	for k, i := range idx {
		if pos[i] {
			tp++
		} else {
			fp++
		}
		if k == len(idx)-1 || score[idx[k+1]] != score[i] { // a threshold between distinct scores
			fpr, tpr = append(fpr, float64(fp)/float64(nn)), append(tpr, float64(tp)/float64(np))
		}
	}
	return fpr, tpr
}

// BinaryAUC is the area under the ROC curve (trapezoids, so tied scores
// count one half); NaN when one of the two classes is absent.
func BinaryAUC(pos []bool, score []float64) float64 {
	fpr, tpr := ROCCurve(pos, score)
	if fpr == nil {
		return math.NaN()
	}
	auc := 0.0
	for i := 1; i < len(fpr); i++ {
		auc += (fpr[i] - fpr[i-1]) * (tpr[i] + tpr[i-1]) / 2
	}
	return auc
}

// ROCAUC is the binary AUC of class 1's probability for two classes, and the
// macro average of one-vs-rest AUCs for more (classes absent from yTrue are
// skipped). proba[i] holds row i's class probabilities.
func ROCAUC(yTrue []int, proba [][]float64) float64 {
	if len(proba) == 0 {
		return math.NaN()
	}
	k := len(proba[0])
	pos, score := make([]bool, len(yTrue)), make([]float64, len(yTrue))
	one := func(c int) float64 {
		for i, t := range yTrue {
			pos[i], score[i] = t == c, proba[i][c]
		}
		return BinaryAUC(pos, score)
	}
	if k == 2 {
		return one(1)
	}
	sum, m := 0.0, 0
	for c := range k {
		if a := one(c); !math.IsNaN(a) {
			sum, m = sum+a, m+1
		}
	}
	if m == 0 {
		return math.NaN()
	}
	return sum / float64(m)
}

// LogLoss is the mean of −ln p(true class), with p clipped to
// [1e-15, 1−1e-15] so a confident mistake costs a finite amount.
func LogLoss(yTrue []int, proba [][]float64) float64 {
	s := 0.0
	for i, t := range yTrue {
		s -= math.Log(min(max(proba[i][t], 1e-15), 1-1e-15))
	}
	return s / float64(len(yTrue))
}

// RMSE is the root mean squared error.
func RMSE(yTrue, yPred []float64) float64 {
	s := 0.0
	for i, t := range yTrue {
		s += (yPred[i] - t) * (yPred[i] - t)
	}
	return math.Sqrt(s / float64(len(yTrue)))
}

// MAE is the mean absolute error.
func MAE(yTrue, yPred []float64) float64 {
	s := 0.0
	for i, t := range yTrue {
		s += math.Abs(yPred[i] - t)
	}
	return s / float64(len(yTrue))
}

// R2 is 1 − SSres/SStot; NaN when the true values are all equal.
func R2(yTrue, yPred []float64) float64 {
	mean := 0.0
	for _, t := range yTrue {
		mean += t / float64(len(yTrue))
	}
	res, tot := 0.0, 0.0
	for i, t := range yTrue {
		res += (t - yPred[i]) * (t - yPred[i])
		tot += (t - mean) * (t - mean)
	}
	if tot == 0 {
		return math.NaN()
	}
	return 1 - res/tot
}
