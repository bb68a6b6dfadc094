package service

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/cairn-notebook/cairn/ml"
	"github.com/cairn-notebook/cairn/ml/linear"
)

var (
	modelOnce sync.Once
	model     *ml.Model
	modelErr  error
)

// testModel is a logistic regression of churn (yes/no) on numeric, int, string and bool
// features, trained on a deterministic synthetic set.
func testModel(t testing.TB) *ml.Model {
	t.Helper()
	modelOnce.Do(func() {
		n := 400
		age, income := make([]float64, n), make([]float64, n)
		visits := make([]int64, n)
		color, churn := make([]string, n), make([]string, n)
		member := make([]bool, n)
		for i := range n {
			age[i] = float64(20 + (i*7)%50)
			income[i] = float64(1000 + (i*37)%5000)
			visits[i] = int64(i % 9)
			color[i] = []string{"red", "green", "blue"}[i%3]
			member[i] = i%4 == 0
			if age[i]/70+income[i]/6000+float64(i%3)/5 > 1.1 {
				churn[i] = "yes"
			} else {
				churn[i] = "no"
			}
		}
		ds, err := ml.NewDataset([]ml.Column{ml.Floats("age", age), ml.Floats("income", income),
			ml.Ints("visits", visits), ml.Strings("color", color), ml.Bools("member", member),
			ml.Strings("churn", churn)}, "churn")
		if err != nil {
			modelErr = err
			return
		}
		model, modelErr = ml.Train(ds, linear.Logistic{}, 0.25, 1)
	})
	if modelErr != nil {
		t.Fatal(modelErr)
	}
	return model
}

func goodRow() map[string]any {
	return map[string]any{"age": 41.0, "income": 3200.0, "visits": 3.0, "color": "green", "member": true}
}

func newService(t testing.TB, opt Options) *Service {
	t.Helper()
	s, err := New(testModel(t), opt)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// call sends one request to s and returns the status and the body.
func call(t testing.TB, s http.Handler, method, path, ctype, body string) (int, string) {
	t.Helper()
	r := httptest.NewRequest(method, path, strings.NewReader(body))
	if ctype != "" {
		r.Header.Set("Content-Type", ctype)
	}
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	b, _ := io.ReadAll(w.Result().Body)
	return w.Code, string(b)
}

// callJSON is call with the answer decoded.
func callJSON(t testing.TB, s http.Handler, method, path, ctype, body string) (int, map[string]any) {
	t.Helper()
	code, b := call(t, s, method, path, ctype, body)
	var v map[string]any
	if err := json.Unmarshal([]byte(b), &v); err != nil {
		t.Fatalf("%s %s: answer is not a JSON object: %v\n%s", method, path, err, b)
	}
	return code, v
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func linearSpec() ml.Spec { return linear.Linear{} }
