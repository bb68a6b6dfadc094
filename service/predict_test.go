package service

import (
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/cairn-notebook/cairn/ml"
)

type answer struct {
	Predictions   []string    `json:"predictions"`
	Probabilities [][]float64 `json:"probabilities"`
	Classes       []string    `json:"classes"`
}

func predict(t *testing.T, s *Service, ctype, body string) answer {
	t.Helper()
	code, b := call(t, s, "POST", "/predict", ctype, body)
	if code != 200 {
		t.Fatalf("predict: %d %s", code, b)
	}
	var a answer
	if err := json.Unmarshal([]byte(b), &a); err != nil {
		t.Fatalf("%v: %s", err, b)
	}
	return a
}

// The three JSON forms and CSV give the model's own predictions and probabilities.
func TestPredictFormsAgreeWithModel(t *testing.T) {
	m := testModel(t)
	s := newService(t, Options{})
	var rows []map[string]any
	csv := "age,income,visits,color,member\n"
	for i := range 30 {
		r := map[string]any{"age": float64(18 + i*2), "income": float64(500 + i*190), "visits": float64(i % 5),
			"color": []string{"red", "green", "blue", "pink"}[i%4], "member": i%2 == 0}
		rows = append(rows, r)
		csv += fmt.Sprintf("%v,%v,%v,%v,%v\n", r["age"], r["income"], r["visits"], r["color"], r["member"])
	}
	forms := map[string]answer{
		"array": predict(t, s, "application/json", mustJSON(rows)),
		"rows":  predict(t, s, "application/json; charset=utf-8", mustJSON(map[string]any{"rows": rows})),
		"csv":   predict(t, s, "text/csv", csv),
	}
	for name, a := range forms {
		if len(a.Predictions) != len(rows) || len(a.Probabilities) != len(rows) {
			t.Fatalf("%s: %d predictions, %d probabilities for %d rows", name, len(a.Predictions), len(a.Probabilities), len(rows))
		}
		if strings.Join(a.Classes, ",") != strings.Join(m.Schema.Classes, ",") {
			t.Errorf("%s: classes %v", name, a.Classes)
		}
		for i, r := range rows {
			want, err := m.Predict(r)
			if err != nil {
				t.Fatal(err)
			}
			if a.Predictions[i] != want.Label {
				t.Errorf("%s row %d: %s, model says %s", name, i, a.Predictions[i], want.Label)
			}
			for c := range want.Proba {
				if a.Probabilities[i][c] != want.Proba[c] {
					t.Errorf("%s row %d class %d: %v, model says %v", name, i, c, a.Probabilities[i][c], want.Proba[c])
				}
			}
		}
	}
	one := predict(t, s, "", mustJSON(rows[3])) // no Content-Type: JSON
	if len(one.Predictions) != 1 || one.Predictions[0] != forms["array"].Predictions[3] {
		t.Errorf("one object: %+v", one)
	}
}

func metricValue(t *testing.T, text, series string) float64 {
	t.Helper()
	re := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(series) + ` (\S+)$`)
	m := re.FindStringSubmatch(text)
	if m == nil {
		t.Fatalf("no series %s in\n%s", series, text)
	}
	v, _ := strconv.ParseFloat(m[1], 64)
	return v
}

func TestMetrics(t *testing.T) {
	s := newService(t, Options{})
	good := mustJSON([]any{goodRow(), goodRow(), goodRow()})
	for range 4 {
		call(t, s, "POST", "/predict", "application/json", good)
	}
	call(t, s, "POST", "/predict", "application/json", `{`)
	call(t, s, "POST", "/predict", "application/json", rowWith("age", "x"))
	call(t, s, "GET", "/nowhere", "", "")
	call(t, s, "GET", "/healthz", "", "")
	code, text := call(t, s, "GET", "/metrics", "", "")
	if code != 200 {
		t.Fatal(code)
	}
	checks := map[string]float64{
		`cairn_requests_total{path="/predict",code="200"}`: 4,
		`cairn_requests_total{path="/predict",code="400"}`: 1,
		`cairn_requests_total{path="/predict",code="422"}`: 1,
		`cairn_requests_total{path="other",code="404"}`:    1,
		`cairn_requests_total{path="/healthz",code="200"}`: 1,
		`cairn_request_errors_total{code="422"}`:           1,
		`cairn_request_errors_total{code="404"}`:           1,
		`cairn_predict_duration_seconds_count`:             6,
		`cairn_predict_duration_seconds_bucket{le="+Inf"}`: 6,
		`cairn_predicted_rows_total`:                       12,
	}
	for series, want := range checks {
		if got := metricValue(t, text, series); got != want {
			t.Errorf("%s = %v, want %v", series, got, want)
		}
	}
	var perClass float64
	for _, c := range testModel(t).Schema.Classes {
		perClass += metricValue(t, text, `cairn_predictions_total{class="`+c+`"}`)
	}
	if perClass != 12 {
		t.Errorf("predictions by class add up to %v, want 12", perClass)
	}
	// Histogram buckets are cumulative and end at the count.
	prev := -1.0
	for _, m := range regexp.MustCompile(`(?m)^cairn_predict_duration_seconds_bucket\{le="[^"]+"\} (\d+)$`).FindAllStringSubmatch(text, -1) {
		v, _ := strconv.ParseFloat(m[1], 64)
		if v < prev {
			t.Errorf("bucket counts decrease: %v after %v", v, prev)
		}
		prev = v
	}
	for _, typ := range []string{"# TYPE cairn_requests_total counter", "# TYPE cairn_predict_duration_seconds histogram", "# TYPE cairn_predictions_total counter"} {
		if !strings.Contains(text, typ) {
			t.Errorf("no %q", typ)
		}
	}
}

func driftReport(t *testing.T, s *Service) DriftReport {
	t.Helper()
	code, b := call(t, s, "GET", "/drift", "", "")
	var r DriftReport
	if err := json.Unmarshal([]byte(b), &r); code != 200 || err != nil {
		t.Fatalf("/drift: %d %v %s", code, err, b)
	}
	return r
}

// Rows like the training data show no drift; shifting one feature flags that feature alone;
// the window keeps only the latest rows.
func TestDrift(t *testing.T) {
	s := newService(t, Options{DriftWindow: 200})
	if r := driftReport(t, s); r.Rows != 0 || r.Window != 200 || r.Drift || len(r.Features) != 5 || r.Features[0].PSI != nil {
		t.Fatalf("before any request: %+v", r)
	}
	training := func(i int, age float64) map[string]any {
		return map[string]any{"age": age, "income": float64(1000 + (i*37)%5000), "visits": float64(i % 9),
			"color": []string{"red", "green", "blue"}[i%3], "member": i%4 == 0}
	}
	predict(t, s, "application/json", mustJSON([]any{map[string]any{"age": 500.0, "income": 1.0, "visits": 1.0, "color": "x", "member": true}}))
	if r := driftReport(t, s); r.Rows != 1 || r.Drift || r.Features[0].PSI == nil || *r.Features[0].PSI < 1 {
		t.Fatalf("one far-off row: a PSI but no flag below %d rows: %+v", DriftMinRows, r)
	}
	var same, shifted []map[string]any
	for i := range 200 {
		same = append(same, training(i, float64(20+(i*7)%50)))
		shifted = append(shifted, training(i, float64(80+i%10)))
	}
	predict(t, s, "application/json", mustJSON(same))
	r := driftReport(t, s)
	if r.Rows != 200 || r.Drift || r.Threshold != DriftThreshold {
		t.Fatalf("training-like rows: %+v", r)
	}
	for _, f := range r.Features {
		if f.PSI == nil {
			t.Errorf("training-like %s: no psi", f.Feature)
		} else if *f.PSI > DriftThreshold || math.IsNaN(*f.PSI) {
			t.Errorf("training-like %s: psi %v", f.Feature, *f.PSI)
		}
	}
	predict(t, s, "application/json", mustJSON(shifted))
	r = driftReport(t, s)
	if r.Rows != 200 || !r.Drift {
		t.Fatalf("shifted rows: %+v", r)
	}
	for _, f := range r.Features {
		if f.Drift != (f.Feature == "age") {
			t.Errorf("%s: drift %v (psi %v)", f.Feature, f.Drift, f.PSI)
		}
	}
}

func TestDescriptions(t *testing.T) {
	m := testModel(t)
	s := newService(t, Options{})
	_, sc := callJSON(t, s, "GET", "/schema", "", "")
	if sc["target"] != "churn" || len(sc["features"].([]any)) != 5 {
		t.Errorf("/schema: %v", sc)
	}
	// The example request is a valid request.
	ex := mustJSON(sc["example"])
	if code, b := call(t, s, "POST", "/predict", "application/json", ex); code != 200 {
		t.Errorf("/schema's example %s: %d %s", ex, code, b)
	}
	csv := sc["example_csv"].(string)
	if code, b := call(t, s, "POST", "/predict", "text/csv", csv); code != 200 || strings.Contains(csv, "e+") {
		t.Errorf("/schema's CSV example %q: %d %s", csv, code, b)
	}
	_, api := callJSON(t, s, "GET", "/openapi.json", "", "")
	if api["openapi"] != "3.1.0" {
		t.Errorf("openapi %v", api["openapi"])
	}
	paths := api["paths"].(map[string]any)
	for _, p := range []string{"/predict", "/healthz", "/readyz", "/schema", "/openapi.json", "/metrics", "/drift", "/model"} {
		if paths[p] == nil {
			t.Errorf("openapi.json has no %s", p)
		}
	}
	props := api["components"].(map[string]any)["schemas"].(map[string]any)["Row"].(map[string]any)["properties"].(map[string]any)
	if len(props) != 5 || props["age"] == nil {
		t.Errorf("Row schema: %v", props)
	}
	_, card := callJSON(t, s, "GET", "/model", "", "")
	if card["kind"] != m.Kind || card["data_hash"] != m.DataHash || card["metrics"] == nil || card["versions"] == nil || card["created"] == nil {
		t.Errorf("/model: %v", card)
	}
	if code, b := call(t, s, "GET", "/healthz", "", ""); code != 200 || !strings.Contains(b, "ok") {
		t.Errorf("/healthz %d %s", code, b)
	}
	if code, _ := call(t, s, "GET", "/readyz", "", ""); code != 200 {
		t.Errorf("/readyz %d", code)
	}
	s.Drain()
	if code, _ := call(t, s, "GET", "/readyz", "", ""); code != 503 {
		t.Errorf("/readyz while draining: %d", code)
	}
}

// A regression model answers numbers and no probabilities.
func TestRegression(t *testing.T) {
	xs, ys := make([]float64, 100), make([]float64, 100)
	for i := range xs {
		xs[i], ys[i] = float64(i), 3*float64(i)+1
	}
	ds, err := ml.NewDataset([]ml.Column{ml.Floats("x", xs), ml.Floats("y", ys)}, "y")
	if err != nil {
		t.Fatal(err)
	}
	m, err := ml.Fit(ds, linearSpec(), ml.FitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(m, Options{})
	if err != nil {
		t.Fatal(err)
	}
	code, b := call(t, s, "POST", "/predict", "application/json", `[{"x": 10}, {"x": null}]`)
	var a struct{ Predictions []float64 }
	if err := json.Unmarshal([]byte(b), &a); code != 200 || err != nil || len(a.Predictions) != 2 || math.Abs(a.Predictions[0]-31) > 1e-6 {
		t.Fatalf("%d %s", code, b)
	}
	if strings.Contains(b, "probabilities") {
		t.Errorf("regression answer has probabilities: %s", b)
	}
}

// Drift reads a value the way the model does: a bool feature made numeric is 0 or 1, not
// missing (the service once re-implemented the conversion and binned it as missing).
func TestDriftReadsValuesAsTheModel(t *testing.T) {
	n := 200
	x, member, y := make([]float64, n), make([]bool, n), make([]string, n)
	for i := range n {
		x[i], member[i] = float64(i%17), i%3 == 0
		y[i] = []string{"no", "yes"}[i%2]
	}
	ds, err := ml.NewDataset([]ml.Column{ml.Floats("x", x), ml.Bools("member", member), ml.Strings("y", y)}, "y")
	if err != nil {
		t.Fatal(err)
	}
	if err := ds.SetKind("member", ml.Numeric); err != nil {
		t.Fatal(err)
	}
	m, err := ml.Train(ds, logisticSpec(), 0.25, 1)
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(m, Options{})
	if err != nil {
		t.Fatal(err)
	}
	url(t, s)
	for i := range 60 {
		predict(t, s, "application/json", mustJSON(map[string]any{"x": float64(i % 17), "member": i%3 == 0}))
	}
	if a := predict(t, s, "text/csv", "x,member\n3,true\n"); len(a.Predictions) != 1 { // JSON and CSV alike
		t.Errorf("CSV with a numeric bool: %+v", a)
	}
	for _, f := range driftReport(t, s).Features {
		if f.Feature == "member" && (f.PSI == nil || *f.PSI > DriftThreshold || f.Drift) {
			t.Errorf("member, sent as in training, drifts: %+v", f)
		}
	}
}
