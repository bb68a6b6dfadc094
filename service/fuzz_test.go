package service

import (
	"errors"
	"testing"
)

// FuzzDecode: any body of either content type decodes to rows or to a *RequestError with a
// 4xx status; it never panics. The seed corpus (testdata/fuzz/FuzzDecode) runs in go test.
func FuzzDecode(f *testing.F) {
	m := testModel(f)
	s := newService(f, Options{})
	f.Add("application/json", []byte(`{"rows":[{"age":1,"income":2,"visits":3,"color":"red","member":true}]}`))
	f.Add("text/csv", []byte("age,income,visits,color,member\n1,2,3,red,true\n"))
	f.Fuzz(func(t *testing.T, ctype string, body []byte) {
		rows, err := Decode(ctype, body, &m.Schema)
		if err != nil {
			var re *RequestError
			if !errors.As(err, &re) || re.Status < 400 || re.Status > 499 || re.Msg == "" {
				t.Fatalf("Decode(%q, %q): %v is not a 4xx RequestError", ctype, body, err)
			}
			return
		}
		if len(rows) == 0 {
			t.Fatalf("Decode(%q, %q): no rows and no error", ctype, body)
		}
		// The whole handler answers any decoded body without a 5xx.
		if rep := s.serve("POST", "/predict", ctype, body); rep.status >= 500 {
			t.Fatalf("predict %q: %d %s", body, rep.status, rep.body)
		}
	})
}

// FuzzFlatObject: whenever the fast decoder takes a body, encoding/json reads the same row
// from it (flat.go leaves everything else to encoding/json).
func FuzzFlatObject(f *testing.F) {
	fs := index(&testModel(f).Schema)
	for _, seed := range flatCases {
		f.Add([]byte(seed.body))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		if row, ok := flatObject(body, fs); ok {
			sameAsJSON(t, body, row)
		}
	})
}
