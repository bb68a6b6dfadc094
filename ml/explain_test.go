package ml_test

import (
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/cairn-notebook/cairn/ml"
	"github.com/cairn-notebook/cairn/ml/linear"
)

func TestPermutationImportance(t *testing.T) {
	cols := churn(2000, 8)
	rng := rand.New(rand.NewPCG(1, 1))
	noise := make([]float64, 2000)
	for i := range noise {
		noise[i] = rng.NormFloat64()
	}
	cols = append(cols, ml.Floats("noise", noise))
	ds, _ := ml.NewDataset(cols, "churn", "noise", "age", "plan", "active")
	train, test, _ := ds.Split(0.3, 1)
	m, err := ml.Fit(train, linear.Logistic{}, ml.FitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	im, err := m.PermutationImportance(test, 5, 9)
	if err != nil {
		t.Fatal(err)
	}
	// age moves the score most (its coefficient spans ±2.5 logits); noise not at all.
	if im[0].Feature != "age" || im[0].Mean < 0.1 || im[3].Feature != "noise" || math.Abs(im[3].Mean) > 0.02 {
		t.Fatalf("importances:\n%v", im)
	}
	again, _ := m.PermutationImportance(test, 5, 9)
	if !reflect.DeepEqual(im, again) {
		t.Error("same seed, different importances")
	}
	if !strings.Contains(im.String(), "age") {
		t.Error(im.String())
	}
}

func TestEvaluateBy(t *testing.T) {
	cols := churn(2000, 8)
	region := make([]string, 2000)
	null := make([]bool, 2000)
	for i := range region {
		region[i] = []string{"north", "south"}[i%2]
		null[i] = i%10 == 0
	}
	ds, _ := ml.NewDataset(cols, "churn", "age", "plan", "active")
	train, test, _ := ds.Split(0.3, 1)
	m, _ := ml.Fit(train, linear.Logistic{}, ml.FitOptions{})
	all, _ := m.Evaluate(test)
	groups, err := m.EvaluateBy(test, ml.Strings("region", region).WithNull(null))
	if err != nil {
		t.Fatal(err)
	}
	if len(groups) != 3 || groups[0].Group != "(missing)" || groups[2].Group != "south" {
		t.Fatalf("groups %v", groups)
	}
	// The groups partition the rows: their sizes add up and their
	// size-weighted accuracies average to the overall accuracy.
	rows, acc := 0, 0.0
	for _, g := range groups {
		rows += g.Metrics.Rows
		acc += g.Metrics.Accuracy * float64(g.Metrics.Rows)
	}
	if rows != all.Rows || math.Abs(acc/float64(rows)-all.Accuracy) > 1e-12 {
		t.Errorf("groups cover %d rows, accuracy %v; overall %d, %v", rows, acc/float64(rows), all.Rows, all.Accuracy)
	}
	byPlan, err := m.EvaluateBy(test, test.Column("plan"))
	if err != nil || len(byPlan) != 4 { // basic, pro, team, (missing)
		t.Errorf("by plan: %v %v", byPlan, err)
	}
	if _, err := m.EvaluateBy(test, ml.Strings("region", region[:10])); err == nil || !strings.Contains(err.Error(), "10 rows") {
		t.Errorf("short group column: %v", err)
	}
	if _, err := m.EvaluateBy(test, test.Column("nope")); err == nil || !strings.Contains(err.Error(), "no name") {
		t.Errorf("absent column: %v", err)
	}
}
