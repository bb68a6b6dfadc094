package service

import (
	"encoding/json"
	"io"
	"net"
	"net/http"
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
	url(t, s) // the server lives as long as the test, not one of its subtests
	return s
}

var (
	servedMu sync.Mutex
	served   = map[*Service]string{} // base URL of each test service's server
)

// url starts s's real server on a loopback port, once, and returns its base URL; the test's
// cleanup stops it.
func url(t testing.TB, s *Service) string {
	t.Helper()
	servedMu.Lock()
	defer servedMu.Unlock()
	if u, ok := served[s]; ok {
		return u
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := s.Server()
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() {
		http.DefaultClient.CloseIdleConnections()
		_ = srv.Shutdown()
		servedMu.Lock()
		delete(served, s)
		servedMu.Unlock()
	})
	served[s] = "http://" + ln.Addr().String()
	return served[s]
}

// send sends a request to s over HTTP and returns the status and the body.
func send(t testing.TB, s *Service, r *http.Request) (int, string) {
	t.Helper()
	resp, err := http.DefaultClient.Do(r)
	if err != nil {
		t.Fatalf("%s %s: %v", r.Method, r.URL.Path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// call sends one request to s and returns the status and the body.
func call(t testing.TB, s *Service, method, path, ctype, body string) (int, string) {
	t.Helper()
	r, err := http.NewRequest(method, url(t, s)+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if ctype != "" {
		r.Header.Set("Content-Type", ctype)
	}
	return send(t, s, r)
}

// callJSON is call with the answer decoded.
func callJSON(t testing.TB, s *Service, method, path, ctype, body string) (int, map[string]any) {
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

func logisticSpec() ml.Spec { return linear.Logistic{} }
