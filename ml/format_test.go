package ml_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/cairn-notebook/cairn/ml"
	"github.com/cairn-notebook/cairn/ml/linear"
)

func saved(t *testing.T) []byte {
	m, _ := fitChurn(t)
	var buf bytes.Buffer
	if err := ml.Save(&buf, m); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// withBody builds a file around body with a correct header.
func withBody(body string) string {
	return fmt.Sprintf("cairn-model 1 sha256:%x %d\n%s", sha256.Sum256([]byte(body)), len(body), body)
}

func TestLoadRejects(t *testing.T) {
	good := saved(t)
	head, body, _ := bytes.Cut(good, []byte("\n"))
	if !strings.HasPrefix(string(head), "cairn-model 2 sha256:") || !strings.HasSuffix(string(head), " 0") { // no binary section
		t.Fatalf("header %q", head)
	}
	flipped := bytes.Clone(good)
	flipped[len(flipped)-10] ^= 1
	cases := []struct{ name, file, want string }{
		{"empty", "", "truncated"},
		{"other file", "PK\x03\x04 zip data\n", "not a Cairn model file"},
		{"json", `{"kind":"x"}`, "not a Cairn model file"},
		{"newer version", "cairn-model 3 sha256:00 10 0\n0123456789", "format version 3 is not supported (this Cairn reads versions 1 to 2)"},
		{"version 2 without binary length", "cairn-model 2 sha256:00 10\n0123456789", "malformed model file header"},
		{"bad binary length", "cairn-model 2 sha256:00 10 x\n0123456789", "malformed binary length"},
		{"bad header", "cairn-model 1 12\n", "malformed model file header"},
		{"bad length", "cairn-model 1 sha256:00 -5\n", "malformed body length"},
		{"truncated header", "cairn-mod", "truncated"},
		{"truncated body", string(good[:len(good)-100]), fmt.Sprintf("truncated: %d of %d body bytes", len(body)-100, len(body))},
		{"altered", string(flipped), "corrupt"},
		{"not json", withBody("{nope"), "body is invalid"},
		{"unknown kind", withBody(`{"kind":"quantum_forest","estimator":{}}`), `unknown estimator kind "quantum_forest"`},
		{"bad estimator", withBody(`{"kind":"logistic_regression","estimator":{"coef":"x"}}`), "logistic_regression estimator in the model file is invalid"},
		{"wrong shape", string(reshaped(t, good)), "takes 15 inputs, the schema encodes 16"},
		{"no features", withBody(`{"kind":"logistic_regression","estimator":{},"schema":{"task":"classification"}}`), "no features"},
	}
	for _, c := range cases {
		_, err := ml.Load(strings.NewReader(c.file))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want %q", c.name, err, c.want)
		}
	}
	if _, err := ml.Load(bytes.NewReader(good)); err != nil {
		t.Fatalf("the good file: %v", err)
	}
}

// reshaped re-saves a model file with one coefficient and feature dropped
// from its logistic estimator, keeping the checksum right.
func reshaped(t *testing.T, file []byte) []byte {
	m, err := ml.Load(bytes.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	est := m.Estimator.(*linear.LogisticModel)
	est.P--
	est.Coef = est.Coef[1:]
	_, body, _ := bytes.Cut(file, []byte("\n"))
	var doc map[string]any
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatal(err)
	}
	doc["estimator"] = est
	b, _ := json.Marshal(doc)
	return []byte(withBody(string(b)))
}
