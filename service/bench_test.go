package service

import "testing"

// BenchmarkPredictOne is the handler's cost for one JSON row (no transport).
func BenchmarkPredictOne(b *testing.B) {
	s := newService(b, Options{})
	body := []byte(mustJSON(goodRow()))
	b.ReportAllocs()
	for b.Loop() {
		if rep := s.serve("POST", "/predict", "application/json", body); rep.status != 200 {
			b.Fatal(rep.status, string(rep.body))
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
