package golearnx

import (
	"math"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/cairn-notebook/cairn/ml"
	"github.com/cairn-notebook/cairn/ml/linear"
	"github.com/sjwhitworth/golearn/base"
	"github.com/sjwhitworth/golearn/evaluation"
)

// columns: "label" (a/b) depends on x (float, some missing) and on color.
func columns(n int) []ml.Column {
	rng := rand.New(rand.NewPCG(1, 1))
	x, color, flag, count, label := make([]float64, n), make([]string, n), make([]bool, n), make([]int64, n), make([]string, n)
	null := make([]bool, n)
	for i := range n {
		x[i] = rng.NormFloat64()
		color[i] = []string{"red", "green", "blue"}[rng.IntN(3)]
		flag[i], count[i] = rng.IntN(2) == 0, int64(rng.IntN(5))
		s := 2*x[i] + map[string]float64{"red": 1, "green": -1, "blue": 0}[color[i]] + 0.5*rng.NormFloat64()
		label[i] = map[bool]string{true: "a", false: "b"}[s > 0]
		null[i] = i%20 == 0
	}
	return []ml.Column{ml.Floats("x", x).WithNull(null), ml.Strings("color", color), ml.Bools("flag", flag),
		ml.Ints("count", count), ml.Strings("label", label)}
}

func TestRoundTrip(t *testing.T) {
	cols := columns(200)
	inst, err := Instances(cols, "label")
	if err != nil {
		t.Fatal(err)
	}
	back, class, err := Columns(inst)
	if err != nil || class != "label" || len(back) != 5 {
		t.Fatalf("%v %q %d", err, class, len(back))
	}
	by := map[string]ml.Column{}
	for _, c := range back { // golearn orders attributes by storage group
		by[c.Name] = c
	}
	for i := range 200 {
		x := by["x"].Float[i]
		if cols[0].Null[i] != math.IsNaN(x) || (!cols[0].Null[i] && x != cols[0].Float[i]) {
			t.Fatalf("x row %d: %v", i, x)
		}
		if by["color"].Str[i] != cols[1].Str[i] || by["flag"].Str[i] != map[bool]string{true: "true", false: "false"}[cols[2].Bool[i]] ||
			by["count"].Float[i] != float64(cols[3].Int[i]) || by["label"].Str[i] != cols[4].Str[i] {
			t.Fatalf("row %d differs: %v %v %v %v", i, by["color"].Str[i], by["flag"].Str[i], by["count"].Float[i], by["label"].Str[i])
		}
	}
	ds, err := Dataset(inst)
	if err != nil || ds.Target() != "label" || ds.Len() != 200 || !reflect.DeepEqual(ds.Classes(), []string{"a", "b"}) {
		t.Fatalf("dataset: %v", err)
	}
}

func TestGolearnCrossValidation(t *testing.T) {
	inst, _ := Instances(columns(600), "label")
	cls := &Classifier{Spec: linear.Logistic{}}
	cms, err := evaluation.GenerateCrossFoldValidationConfusionMatrices(inst, cls, 3)
	if err != nil {
		t.Fatal(err)
	}
	mean, _ := evaluation.GetCrossValidatedMetric(cms, evaluation.GetAccuracy)
	if mean < 0.8 {
		t.Fatalf("cross-validated accuracy %.3f", mean)
	}
	if err := cls.Fit(inst); err != nil {
		t.Fatal(err)
	}
	pred, err := cls.Predict(inst)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "m.cairnmodel")
	if err := cls.Save(path); err != nil {
		t.Fatal(err)
	}
	loaded := &Classifier{}
	if err := loaded.Load(path); err != nil {
		t.Fatal(err)
	}
	again, _ := loaded.Predict(inst)
	for i := range 600 {
		if base.GetClass(pred, i) != base.GetClass(again, i) {
			t.Fatalf("row %d: %s before save, %s after load", i, base.GetClass(pred, i), base.GetClass(again, i))
		}
	}
	if !strings.Contains(loaded.String(), "logistic_regression") || loaded.GetMetadata().ClassifierName != "cairn" {
		t.Error(loaded.String())
	}
}

func TestErrors(t *testing.T) {
	cols := columns(20)
	if _, err := Instances(cols, "nope"); err == nil || !strings.Contains(err.Error(), `class column "nope"`) {
		t.Errorf("missing class: %v", err)
	}
	if _, err := Instances([]ml.Column{{Name: "e"}}, "e"); err == nil || !strings.Contains(err.Error(), "exactly one") {
		t.Errorf("empty column: %v", err)
	}
	inst, _ := Instances(cols, "label")
	if _, err := (&Classifier{}).Predict(inst); err == nil || !strings.Contains(err.Error(), "before Fit") {
		t.Errorf("predict unfitted: %v", err)
	}
	if err := (&Classifier{}).Load(filepath.Join(t.TempDir(), "none")); err == nil {
		t.Error("loading a missing file worked")
	}
	plain := base.NewDenseInstances()
	plain.AddAttribute(base.NewFloatAttribute("x"))
	if _, err := Dataset(plain); err == nil || !strings.Contains(err.Error(), "0 class attributes") {
		t.Errorf("no class: %v", err)
	}
}
