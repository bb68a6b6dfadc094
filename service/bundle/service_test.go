package bundle_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cairn-notebook/cairn/ml"
	"github.com/cairn-notebook/cairn/ml/tree"
	"github.com/cairn-notebook/cairn/service"
	"github.com/cairn-notebook/cairn/service/bundle"
)

// The service loads its mapped bundle on the trusted path (the CRC-32C checked, the model's
// SHA-256 not) and still refuses a damaged bundle or model.
func TestServiceLoadsTrustedRefusesDamaged(t *testing.T) {
	file := forestFile(t)
	line, body, _ := bytes.Cut(file, []byte("\n"))
	f := strings.Fields(string(line))
	var n int
	fmt.Sscan(f[3], &n)
	head := func(sum string) []byte { return fmt.Appendf(nil, "%s %s %s %s %s\n", f[0], f[1], sum, f[3], f[4]) }
	sum := func(b []byte) string { return fmt.Sprintf("sha256:%x", sha256.Sum256(b)) }
	loop := bytes.Clone(body) // tree 0's root becomes its own left child
	nodes := int(binary.LittleEndian.Uint32(loop[n+16:]))
	binary.LittleEndian.PutUint32(loop[n+16+12+13*nodes:], 0)

	wrongSum := append(head("sha256:"+strings.Repeat("0", 64)), body...)
	if _, err := ml.Load(bytes.NewReader(wrongSum)); err == nil {
		t.Fatal("ml.Load accepted a wrong SHA-256")
	}
	cases := []struct {
		name   string
		bundle []byte // the model file bundled with a right CRC-32C
		flip   bool   // a bit flipped after bundling
		code   int
		want   string
	}{
		{"intact", file, false, 0, "model: random_forest"},
		{"wrong SHA-256, intact body (not checked)", wrongSum, false, 0, "model: random_forest"},
		{"a bit flipped after bundling", file, true, 1, "the model bundle is corrupt: its checksum does not match the trailer"},
		{"a loop, damaged before bundling", append(head(f[2]), loop...), false, 1, "the model file is corrupt"},
		{"a loop, written so", append(head(sum(loop)), loop...), false, 1, "tree 0: node 0 has children 0 and"},
	}
	path := filepath.Join(t.TempDir(), "svc")
	for _, c := range cases {
		var exe bytes.Buffer
		exe.WriteString("a runtime of odd length")
		if err := bundle.Append(&exe, c.bundle); err != nil {
			t.Fatal(err)
		}
		b := exe.Bytes()
		if c.flip {
			b[len(b)-bundle.TrailerSize-100] ^= 4
		}
		if err := os.WriteFile(path, b, 0o755); err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		code := service.Main([]string{"--version"}, &out, &out, func() ([]byte, error) { return bundle.MapFile(path) })
		if code != c.code || !strings.Contains(out.String(), c.want) {
			t.Errorf("%s: exit %d, %q; want %d and %q", c.name, code, out.String(), c.code, c.want)
		}
	}
}

// forestFile is a saved 10-tree forest on 2000 noisy rows.
func forestFile(t *testing.T) []byte {
	t.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	x, z := make([]float64, 2000), make([]float64, 2000)
	y := make([]string, 2000)
	for i := range x {
		x[i], z[i] = rng.NormFloat64(), rng.NormFloat64()
		y[i] = fmt.Sprint(x[i]+z[i]+rng.NormFloat64() > 0)
	}
	ds, err := ml.NewDataset([]ml.Column{ml.Floats("x", x), ml.Floats("z", z), ml.Strings("y", y)}, "y")
	if err != nil {
		t.Fatal(err)
	}
	m, err := ml.Fit(ds, tree.ForestConfig{Trees: 10}, ml.FitOptions{Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := ml.Save(&buf, m); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
