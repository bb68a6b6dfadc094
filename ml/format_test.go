package ml_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/cairn-notebook/cairn/ml"
	"github.com/cairn-notebook/cairn/ml/linear"
	"github.com/cairn-notebook/cairn/ml/tree"
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
	loaders := loaders(t)
	for _, c := range cases {
		for how, load := range loaders {
			if _, err := load([]byte(c.file)); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("%s, %s: error %v, want %q", c.name, how, err, c.want)
			}
		}
	}
	for how, load := range loaders {
		if _, err := load(good); err != nil {
			t.Fatalf("the good file, %s: %v", how, err)
		}
	}
}

// loaders are the ways to read a model file: Load from memory, a file and a reader of unknown
// size, LoadBytes with and without the SHA-256. A refused file gets the same error from each
// (a trusted load that fails computes the SHA-256 after all, to name damage as such).
func loaders(t *testing.T) map[string]func([]byte) (*ml.Model, error) {
	path := filepath.Join(t.TempDir(), "model")
	return map[string]func([]byte) (*ml.Model, error){
		"Load":             func(b []byte) (*ml.Model, error) { return ml.Load(bytes.NewReader(b)) },
		"Load, no size":    func(b []byte) (*ml.Model, error) { return ml.Load(io.MultiReader(bytes.NewReader(b))) },
		"LoadBytes":        func(b []byte) (*ml.Model, error) { return ml.LoadBytes(b, ml.LoadOptions{}) },
		"LoadBytes, trust": func(b []byte) (*ml.Model, error) { return ml.LoadBytes(b, ml.LoadOptions{SkipChecksum: true}) },
		"Load, a file": func(b []byte) (*ml.Model, error) {
			if err := os.WriteFile(path, b, 0o644); err != nil {
				t.Fatal(err)
			}
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			return ml.Load(f)
		},
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

// A trusted load reads a forest's file in place without its SHA-256: it predicts as Load's
// model does, keeps nothing of the caller's bytes, accepts a wrong sum on an intact body, and
// still refuses damaged structure and truncation, naming damage when the sum disagrees.
func TestLoadBytesTrusted(t *testing.T) {
	ds, err := ml.NewDataset(churn(600, 4), "churn", "age", "plan", "active", "visits")
	if err != nil {
		t.Fatal(err)
	}
	m, err := ml.Fit(ds, tree.ForestConfig{Trees: 5}, ml.FitOptions{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := ml.Save(&buf, m); err != nil {
		t.Fatal(err)
	}
	file := buf.Bytes()
	want, _ := m.PredictDataset(ds)
	trusted := func(b []byte) (*ml.Model, error) { return ml.LoadBytes(b, ml.LoadOptions{SkipChecksum: true}) }
	predicts := func(what string, b []byte) {
		t.Helper()
		back, err := trusted(b)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		clear(b) // the model must not alias the caller's bytes
		if got, _ := back.PredictDataset(ds); !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: predictions differ", what)
		}
	}
	predicts("the saved file", bytes.Clone(file))

	line, _, _ := bytes.Cut(file, []byte("\n"))
	f := strings.Fields(string(line))
	n, _ := strconv.Atoi(f[3])
	body := file[len(line)+1:]
	resum := func(body []byte) []byte { // a file around body with a right header
		return fmt.Appendf(nil, "cairn-model 2 sha256:%x %d %d\n%s", sha256.Sum256(body), n, len(body)-n, body)
	}
	wrongSum := bytes.Replace(file, []byte(f[2]), []byte("sha256:"+strings.Repeat("0", 64)), 1)
	if _, err := ml.Load(bytes.NewReader(wrongSum)); err == nil || !strings.Contains(err.Error(), "corrupt") {
		t.Errorf("Load of a wrong sum: %v", err)
	}
	predicts("a wrong sum on an intact body", wrongSum)

	loop := bytes.Clone(body) // tree 0's root becomes its own left child
	nodes := int(binary.LittleEndian.Uint32(loop[n+16:]))
	binary.LittleEndian.PutUint32(loop[n+16+12+13*nodes:], 0) // after counts, feature, threshold, missing_left
	for what, c := range map[string]struct {
		file []byte
		want string
	}{
		"a loop, right sum":             {resum(loop), "tree 0: node 0 has children 0 and"},
		"a loop, old sum":               {append(append(bytes.Clone(line), '\n'), loop...), "corrupt"},
		"a truncated binary":            {file[:len(file)-1], fmt.Sprintf("truncated: %d of %d body bytes", len(body)-1, len(body))},
		"a trailing byte in the binary": {resum(append(bytes.Clone(body), 0)), "bytes left after the binary model"},
	} {
		for how, load := range loaders(t) {
			if _, err := load(c.file); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("%s, %s: error %v, want %q", what, how, err, c.want)
			}
		}
	}
}
