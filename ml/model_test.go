package ml_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/cairn-notebook/cairn/ml"
	"github.com/cairn-notebook/cairn/ml/linear"
)

// churn makes a dataset whose target "churn" (yes/no) depends on a numeric
// "age" (with missing values), a categorical "plan" (with missing values),
// a bool "active" and an int "visits"; "spend" is a numeric column for
// regression.
func churn(n int, seed uint64) []ml.Column {
	rng := rand.New(rand.NewPCG(seed, 2))
	age, spend := make([]float64, n), make([]float64, n)
	plan, y := make([]string, n), make([]string, n)
	active, planNull := make([]bool, n), make([]bool, n)
	visits := make([]int64, n)
	plans := []string{"basic", "pro", "team"}
	for i := range n {
		age[i] = 20 + 50*rng.Float64()
		p := rng.IntN(3)
		plan[i], active[i], visits[i] = plans[p], rng.IntN(2) == 1, int64(rng.IntN(10))
		s := (age[i]-45)/10 + []float64{1, -1, 0}[p] - 1.5*b2f(active[i]) + 0.2*float64(visits[i]) + rng.NormFloat64()
		y[i] = map[bool]string{true: "yes", false: "no"}[s > 0]
		spend[i] = 3*age[i] + 40*float64(p) + rng.NormFloat64()
		if i%17 == 0 {
			age[i] = math.NaN()
		}
		planNull[i] = i%23 == 0
	}
	return []ml.Column{ml.Floats("age", age), ml.Strings("plan", plan).WithNull(planNull),
		ml.Bools("active", active), ml.Ints("visits", visits), ml.Strings("churn", y), ml.Floats("spend", spend)}
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func fitChurn(t *testing.T) (*ml.Model, *ml.Dataset) {
	t.Helper()
	ds, err := ml.NewDataset(churn(3000, 1), "churn", "age", "plan", "active", "visits")
	if err != nil {
		t.Fatal(err)
	}
	if err := ds.SetKind("visits", ml.Categorical); err != nil {
		t.Fatal(err)
	}
	train, test, err := ds.Split(0.25, 7)
	if err != nil {
		t.Fatal(err)
	}
	m, err := ml.Fit(train, linear.Logistic{}, ml.FitOptions{Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m.Evaluate(test); err != nil {
		t.Fatal(err)
	}
	return m, test
}

func TestFitEvaluateSaveLoad(t *testing.T) {
	m, test := fitChurn(t)
	if m.Kind != "logistic_regression" || m.Metrics.Accuracy < 0.75 || m.Metrics.AUC < 0.85 {
		t.Fatalf("%v", m)
	}
	if got := m.EncodedNames(); len(got) != 16 || got[1] != "plan=basic" || got[5] != "active=true" || got[6] != "visits=0" {
		t.Errorf("encoded names %v", got)
	}
	if _, err := m.PermutationImportance(test, 2, 1); err != nil {
		t.Fatal(err)
	}
	if _, err := m.EvaluateBy(test, test.Column("plan")); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := ml.Save(&buf, m); err != nil {
		t.Fatal(err)
	}
	back, err := ml.Load(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	p1, _ := m.PredictDataset(test)
	p2, err := back.PredictDataset(test)
	if err != nil || !reflect.DeepEqual(p1, p2) {
		t.Fatalf("predictions differ after load (%v)", err)
	}
	row := map[string]any{"age": 61.5, "plan": "pro", "active": false, "visits": 3}
	a, _ := m.Predict(row)
	b, err := back.Predict(row)
	if err != nil || !reflect.DeepEqual(a, b) || a.Label != "yes" {
		t.Fatalf("Predict %v vs loaded %v (%v)", a, b, err)
	}
	if !reflect.DeepEqual(m.Metrics, back.Metrics) || !m.Created.Equal(back.Created) ||
		!reflect.DeepEqual(m.Importance, back.Importance) || !reflect.DeepEqual(m.Groups, back.Groups) || back.GroupBy != "plan" ||
		!reflect.DeepEqual(m.Schema, back.Schema) || !reflect.DeepEqual(m.Reference, back.Reference) || back.DataHash != m.DataHash {
		t.Error("model fields differ after load")
	}
	var card map[string]any
	bundle := back.MIMEBundle()
	if err := json.Unmarshal([]byte(bundle[ml.ModelMIME]), &card); err != nil {
		t.Fatal(err)
	}
	if card["kind"] != "logistic_regression" || card["target"] != "churn" || len(card["features"].([]any)) != 4 ||
		!strings.Contains(bundle["text/plain"], "accuracy") || len(card["importance"].([]any)) != 4 ||
		len(card["groups"].([]any)) != 4 || !strings.Contains(bundle["text/plain"], "By plan:") {
		t.Errorf("card %v\n%s", card, bundle["text/plain"])
	}
}

func TestTrain(t *testing.T) {
	ds, _ := ml.NewDataset(churn(3000, 1), "churn", "age", "plan", "active", "visits")
	m, err := ml.Train(ds, linear.Logistic{}, 0.25, 7)
	if err != nil || m.Metrics == nil || m.Metrics.Rows+m.TrainRows != 3000 || m.Metrics.Rows < 749 || m.Metrics.Rows > 751 || m.Seed != 7 {
		t.Fatalf("Train: %v %v", m, err)
	}
	if _, err := ml.Train(ds, linear.Logistic{}, 1.5, 7); err == nil || !strings.Contains(err.Error(), "between 0 and 1") {
		t.Errorf("bad fraction: %v", err)
	}
}

func TestFitIsDeterministic(t *testing.T) {
	a, _ := fitChurn(t)
	b, _ := fitChurn(t)
	ja, _ := json.Marshal(a.Estimator)
	jb, _ := json.Marshal(b.Estimator)
	if !bytes.Equal(ja, jb) {
		t.Fatal("two fits of the same data differ")
	}
}

func TestPredictValidation(t *testing.T) {
	m, _ := fitChurn(t)
	ok := map[string]any{"age": 30.0, "plan": "basic", "active": true, "visits": int64(2)}
	with := func(k string, v any) map[string]any {
		r := map[string]any{}
		for a, b := range ok {
			r[a] = b
		}
		if v == "DELETE" {
			delete(r, k)
		} else {
			r[k] = v
		}
		return r
	}
	if _, err := m.Predict(ok); err != nil {
		t.Fatal(err)
	}
	// nil is a missing value, an unseen category is like one: both predict.
	for _, r := range []map[string]any{with("age", nil), with("plan", nil), with("plan", "enterprise"), with("visits", json.Number("4"))} {
		if _, err := m.Predict(r); err != nil {
			t.Errorf("%v: %v", r, err)
		}
	}
	cases := []struct {
		row         map[string]any
		field, want string
	}{
		{with("age", "DELETE"), "age", "missing"},
		{with("colour", "red"), "colour", "unknown feature"},
		{with("age", "old"), "age", "want a number"},
		{with("age", math.NaN()), "age", "NaN is not allowed"},
		{with("age", math.Inf(1)), "age", "+Inf is not allowed"},
		{with("plan", 3), "plan", "want a string"},
		{with("active", "maybe"), "", ""}, // a string is a label: unseen, predicts
		{with("active", 1.0), "active", "want a bool"},
		{with("visits", 2.5), "visits", "want an integer"},
		{with("visits", true), "visits", "want an integer, got bool"},
	}
	for _, c := range cases {
		_, err := m.Predict(c.row)
		var fe *ml.FieldError
		if c.field == "" {
			if err != nil {
				t.Errorf("%v: %v", c.row, err)
			}
			continue
		}
		if !errors.As(err, &fe) || fe.Field != c.field || !strings.Contains(err.Error(), c.want) {
			t.Errorf("row %v: error %v, want field %q and %q", c.row, err, c.field, c.want)
		}
	}
	// A bool feature made numeric takes bools (as 0/1).
	ds, _ := ml.NewDataset(churn(300, 2), "churn", "active", "age")
	if err := ds.SetKind("active", ml.Numeric); err != nil {
		t.Fatal(err)
	}
	mb, _ := ml.Fit(ds, linear.Logistic{}, ml.FitOptions{})
	p1, err1 := mb.Predict(map[string]any{"active": true, "age": 30})
	p2, _ := mb.Predict(map[string]any{"active": 1, "age": 30})
	if err1 != nil || !reflect.DeepEqual(p1, p2) {
		t.Errorf("numeric bool: %v %v %v", p1, p2, err1)
	}
	// Misspelt: one name unknown and one missing reports the unknown one.
	r := with("age", "DELETE")
	r["agee"] = 3.0
	if _, err := m.Predict(r); err == nil || !strings.Contains(err.Error(), `"agee": unknown`) {
		t.Errorf("misspelt feature: %v", err)
	}
	if _, err := m.PredictBatch([]map[string]any{ok, with("age", "x")}); err == nil || !strings.HasPrefix(err.Error(), `row 1: feature "age"`) {
		t.Errorf("batch error %v", err)
	}
}

func TestRegressionAndCrossValidate(t *testing.T) {
	ds, err := ml.NewDataset(churn(1000, 3), "spend", "age", "plan")
	if err != nil {
		t.Fatal(err)
	}
	train, test, _ := ds.Split(0.2, 1)
	m, err := ml.Fit(train, linear.Linear{Alpha: 0.1}, ml.FitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	met, err := m.Evaluate(test)
	if err != nil || met.R2 < 0.9 || met.Task != ml.Regression {
		t.Fatalf("regression metrics %v (%v)", met, err)
	}
	var buf bytes.Buffer
	if err := ml.Save(&buf, m); err != nil {
		t.Fatal(err)
	}
	back, err := ml.Load(&buf)
	if err != nil || back.Metrics.R2 != met.R2 {
		t.Fatalf("load: %v", err)
	}
	row := map[string]any{"age": 40, "plan": "team"}
	a, _ := m.Predict(row)
	b, _ := back.Predict(row)
	if a.Value != b.Value || math.Abs(a.Value-(3*40+80)) > 5 {
		t.Errorf("predicted %v / %v, want about 200", a.Value, b.Value)
	}
	cls, _ := ml.NewDataset(churn(600, 4), "churn", "age", "plan", "active", "visits")
	folds, err := ml.CrossValidate(cls, linear.Logistic{}, 3, ml.FitOptions{Seed: 1})
	if err != nil || len(folds) != 3 {
		t.Fatal(err)
	}
	for i, f := range folds {
		if f.Accuracy < 0.7 || f.Rows != 200 {
			t.Errorf("fold %d: %v", i, f)
		}
	}
}

type unregistered struct{}

func (unregistered) Encoding() ml.Encoding { return ml.Codes }
func (unregistered) Fit([][]float64, []float64, int, ml.FitOptions) (any, error) {
	return struct{}{}, nil
}

func TestFitErrors(t *testing.T) {
	reg, _ := ml.NewDataset(churn(100, 5), "spend", "age")
	if _, err := ml.Fit(reg, linear.Logistic{}, ml.FitOptions{}); err == nil || !strings.Contains(err.Error(), "numeric") {
		t.Errorf("logistic on a numeric target: %v", err)
	}
	if _, err := ml.Fit(reg, unregistered{}, ml.FitOptions{}); err == nil || !strings.Contains(err.Error(), "RegisterKind") {
		t.Errorf("unregistered estimator: %v", err)
	}
	cls, _ := ml.NewDataset(churn(100, 5), "churn", "age")
	m, _ := ml.Fit(cls, linear.Logistic{}, ml.FitOptions{})
	if _, err := m.Evaluate(reg); err == nil || !strings.Contains(err.Error(), `target "spend"`) {
		t.Errorf("evaluate on another target: %v", err)
	}
	other, _ := ml.NewDataset(churn(100, 5), "churn", "plan")
	if _, err := m.Evaluate(other); err == nil || !strings.Contains(err.Error(), `no feature "age"`) {
		t.Errorf("evaluate without a feature: %v", err)
	}
}
