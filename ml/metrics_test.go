package ml

import (
	"math"
	"slices"
	"testing"
)

func near(t *testing.T, name string, got, want float64) {
	t.Helper()
	if math.Abs(got-want) > 1e-5 {
		t.Errorf("%s = %.6f, want %.6f", name, got, want)
	}
}

func TestClassificationByHand(t *testing.T) {
	yTrue := []int{0, 0, 1, 1, 2, 2}
	yPred := []int{0, 1, 1, 1, 2, 0}
	// Confusion [true][pred]: class 0 → 0,1; class 1 → 1,1; class 2 → 2,0.
	cm := ConfusionMatrix(yTrue, yPred, 3)
	want := [][]int{{1, 1, 0}, {0, 2, 0}, {1, 0, 1}}
	for i := range want {
		if !slices.Equal(cm[i], want[i]) {
			t.Fatalf("confusion %v, want %v", cm, want)
		}
	}
	near(t, "accuracy", Accuracy(yTrue, yPred), 4.0/6) // diagonal 1+2+1 of 6
	r := Report(yTrue, yPred, 3)
	// class 0: tp 1, predicted 2 (column), actual 2 → P .5 R .5 F1 .5
	// class 1: tp 2, predicted 3, actual 2 → P 2/3 R 1 F1 2·(2/3)/(5/3) = .8
	// class 2: tp 1, predicted 1, actual 2 → P 1 R .5 F1 2·.5/1.5 = 2/3
	near(t, "P1", r.PerClass[1].Precision, 2.0/3)
	near(t, "F1 1", r.PerClass[1].F1, 0.8)
	near(t, "F1 2", r.PerClass[2].F1, 2.0/3)
	// macro: P (.5+2/3+1)/3 = .722222, R (.5+1+.5)/3 = 2/3, F1 (.5+.8+2/3)/3 = .655556;
	// supports are equal, so weighted = macro.
	near(t, "macro P", r.Macro.Precision, 0.722222)
	near(t, "macro R", r.Macro.Recall, 2.0/3)
	near(t, "macro F1", r.Macro.F1, 0.655556)
	near(t, "weighted F1", r.Weighted.F1, 0.655556)
	if r.PerClass[0].Support != 2 || r.Macro.Support != 6 {
		t.Errorf("supports %v", r)
	}
	// Weighted differs with unequal supports: y 0,0,0,1 predicted 0,0,1,1:
	// class 0 P 1 R 2/3 F1 .8 (support 3); class 1 P .5 R 1 F1 2/3 (support 1);
	// weighted F1 = (3·.8 + 1·2/3)/4 = .766667.
	near(t, "weighted F1 unequal", Report([]int{0, 0, 0, 1}, []int{0, 0, 1, 1}, 2).Weighted.F1, 0.766667)
	// A class never predicted has precision 0, not NaN (as scikit-learn).
	if p := Report([]int{0, 1}, []int{0, 0}, 2).PerClass[1].Precision; p != 0 {
		t.Errorf("precision of a never-predicted class %v", p)
	}
}

func TestAUCByHand(t *testing.T) {
	pos := []bool{true, false, true, false, true}
	score := []float64{0.9, 0.8, 0.7, 0.3, 0.3}
	// Positive/negative pairs: 0.9 beats 0.8 and 0.3 (2); 0.7 beats 0.3 (1);
	// 0.3 ties 0.3 (½): 3.5 of 3·2 = 6 pairs → 0.583333.
	near(t, "binary AUC", BinaryAUC(pos, score), 3.5/6)
	fpr, tpr := ROCCurve(pos, score)
	if !slices.Equal(fpr, []float64{0, 0, 0.5, 0.5, 1}) || math.Abs(tpr[1]-1.0/3) > 1e-12 || tpr[4] != 1 {
		t.Errorf("ROC fpr %v tpr %v", fpr, tpr)
	}
	if !math.IsNaN(BinaryAUC([]bool{true, true}, []float64{1, 2})) {
		t.Error("AUC with one class is not NaN")
	}
	y := []int{0, 1, 2, 0}
	proba := [][]float64{{0.6, 0.3, 0.1}, {0.2, 0.5, 0.3}, {0.3, 0.3, 0.4}, {0.25, 0.4, 0.35}}
	// One-vs-rest: class 0 positives .6,.25 vs negatives .2,.3 → 3 of 4 pairs = .75;
	// class 1: .5 beats .3,.3,.4 → 1; class 2: .4 beats .1,.3,.35 → 1.
	// Macro = (.75+1+1)/3 = .916667.
	near(t, "OvR AUC", ROCAUC(y, proba), 2.75/3)
	// Two classes use class 1's column: same as the binary AUC.
	near(t, "2-class AUC", ROCAUC([]int{1, 0, 1}, [][]float64{{0.1, 0.9}, {0.2, 0.8}, {0.3, 0.7}}), 0.5)
	// Log loss: −(ln .6 + ln .5 + ln .4 + ln .25)/4 = (.510826+.693147+.916291+1.386294)/4.
	near(t, "log loss", LogLoss(y, proba), 3.506558/4)
	// A confident mistake is clipped at 1e-15: −ln(1e-15) = 34.538776.
	near(t, "clipped log loss", LogLoss([]int{0}, [][]float64{{0, 1}}), 34.538776)
}

func TestRegressionByHand(t *testing.T) {
	yTrue := []float64{3, -0.5, 2, 7}
	yPred := []float64{2.5, 0, 2, 8}
	// errors .5 .5 0 1: MAE 2/4 = .5; MSE (.25+.25+0+1)/4 = .375, RMSE .612372.
	near(t, "MAE", MAE(yTrue, yPred), 0.5)
	near(t, "RMSE", RMSE(yTrue, yPred), math.Sqrt(0.375))
	// mean 2.875; SStot = .015625+11.390625+.765625+17.015625 = 29.1875;
	// SSres = 1.5; R² = 1 − 1.5/29.1875 = .948608.
	near(t, "R2", R2(yTrue, yPred), 0.948608)
	if !math.IsNaN(R2([]float64{1, 1}, []float64{1, 2})) {
		t.Error("R² of a constant target is not NaN")
	}
}
