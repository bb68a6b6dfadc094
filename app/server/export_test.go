package server

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cairn-notebook/cairn/app/export"
	"github.com/cairn-notebook/cairn/service/bundle"
)

const modelNotebook = "---\nproblem:\n  what: Is x large.\n---\n\n```go id=m\nimport (\n\t\"cairn/ml\"\n\t\"cairn/ml/linear\"\n)\n\n" +
	"xs, ys := []float64{}, []string{}\nfor i := 0; i < 60; i++ {\n\txs = append(xs, float64(i))\n\tys = append(ys, map[bool]string{true: \"big\", false: \"small\"}[i > 30])\n}\n" +
	"ds, _ := ml.NewDataset([]ml.Column{ml.Floats(\"x\", xs), ml.Strings(\"y\", ys)}, \"y\")\n" +
	"clf, err := ml.Fit(ds, linear.Logistic{}, ml.FitOptions{})\nn := 3\n```\n"

// GET /api/models lists the model variables; POST /api/export writes the service binary;
// a missing or non-model variable and bad bodies are refused with the reason.
func TestModelsAndExport(t *testing.T) {
	ts := start(t, modelNotebook, token)
	auth := []string{"Authorization", "Bearer " + token}
	evs := ts.events(t, auth...)
	next(t, evs, isType("snapshot"))
	if code, body := ts.call(t, "POST", "/api/run", `{"ids":["m"]}`, auth...); code != 204 {
		t.Fatalf("run: %d %s", code, body)
	}
	next(t, evs, func(ev sseEvent) bool {
		if ev.Type == "cell" && ev.Data["id"] == "m" && ev.Data["state"] == "error" {
			t.Fatalf("the model cell failed: %v", ev.Data["error"])
		}
		return ev.Type == "cell" && ev.Data["id"] == "m" && ev.Data["state"] == "done"
	})
	code, body := ts.call(t, "GET", "/api/models", "", auth...)
	var ms []map[string]any
	if err := json.Unmarshal([]byte(body), &ms); code != 200 || err != nil || len(ms) != 1 ||
		ms[0]["name"] != "clf" || ms[0]["kind"] != "logistic_regression" || ms[0]["target"] != "y" {
		t.Fatalf("/api/models: %d %s", code, body)
	}
	if len(export.Available()) == 0 {
		t.Skip("built without service runtimes (make runtimes)")
	}
	code, body = ts.call(t, "POST", "/api/export", `{"model":"clf","path":"svc"}`, auth...)
	var res struct {
		Path   string
		Size   int64
		Target string
	}
	if err := json.Unmarshal([]byte(body), &res); code != 200 || err != nil || res.Path != filepath.Join(ts.dir, "svc") || res.Target != export.Host() {
		t.Fatalf("/api/export: %d %s", code, body)
	}
	model, err := bundle.ReadFile(res.Path)
	if st, _ := os.Stat(res.Path); err != nil || st.Size() != res.Size || !strings.Contains(string(model), "Is x large.") {
		t.Fatalf("the written service: %v, bundle %.200s", err, model)
	}
	for _, c := range []struct {
		body string
		code int
		want string
	}{
		{`{"model":"n","path":"svc2"}`, 400, "n is a int, not a model"},
		{`{"model":"nosuch","path":"svc2"}`, 400, "no variable nosuch"},
		{`{"model":"clf","path":"svc2","target":"plan9/386"}`, 400, "unknown target"},
		{`{"model":"clf"}`, 400, "required"},
		{`{"model":"clf","path":"svc2","extra":1}`, 400, "unknown field"},
	} {
		if code, body := ts.call(t, "POST", "/api/export", c.body, auth...); code != c.code || !strings.Contains(body, c.want) {
			t.Errorf("%s: %d %s, want %d %q", c.body, code, body, c.code, c.want)
		}
	}
	if _, err := os.Stat(filepath.Join(ts.dir, "svc2")); !os.IsNotExist(err) {
		t.Errorf("a refused export wrote svc2: %v", err)
	}
	if code, _ := ts.call(t, "GET", "/api/export", "", auth...); code != 405 {
		t.Errorf("GET /api/export: %d", code)
	}
	if code, _ := ts.call(t, "GET", "/api/models", ""); code != 401 {
		t.Errorf("/api/models without the token: %d", code)
	}
}
