package service

import (
	"net/http/httptest"
	"strings"
	"testing"
)

// BenchmarkPredictOne is the handler's cost for one JSON row (no network).
func BenchmarkPredictOne(b *testing.B) {
	s := newService(b, Options{})
	body := mustJSON(goodRow())
	b.ReportAllocs()
	for b.Loop() {
		r := httptest.NewRequest("POST", "/predict", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		if w.Code != 200 {
			b.Fatal(w.Code, w.Body.String())
		}
	}
}

// BenchmarkDecodeOne is the request decoder alone.
func BenchmarkDecodeOne(b *testing.B) {
	m := testModel(b)
	body := []byte(mustJSON(goodRow()))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Decode("application/json", body, &m.Schema); err != nil {
			b.Fatal(err)
		}
	}
}
