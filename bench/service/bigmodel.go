package main

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/cairn-notebook/cairn/bench/measure"
	"github.com/cairn-notebook/cairn/ml"
	"github.com/cairn-notebook/cairn/ml/tree"
	"github.com/cairn-notebook/cairn/service/bundle"
)

// The big-model case (issue 7): start to ready of an exported service carrying a 100-tree
// random forest fitted on 100,000 rows × 20 features, a model file of about 70 MB, and the
// load inside it timed in fresh processes both ways: the bundle copied and read by ml.Load,
// which checks the SHA-256 (as the service did), and the bundle mapped and read by
// ml.LoadBytes trusting the bundle's CRC-32C (as it does now). About 20 s; the fit stops
// after 22 s.

// bigResult is what the big-model case measured.
type bigResult struct {
	fit, save         time.Duration
	modelBytes        int
	verified, trusted []time.Duration // the load alone, fresh process, start to exit
	starts            []time.Duration // the exported service, start to /readyz 200
}

// loadEnv makes this program a child that loads the bundle of the file it names and exits.
const loadEnv = "CAIRN_BENCH_LOAD"

func init() {
	if v := os.Getenv(loadEnv); v != "" {
		mode, path, _ := strings.Cut(v, ":")
		if err := loadOnce(mode, path); err != nil {
			fmt.Fprintln(os.Stderr, "bench/service load:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
}

// loadOnce is the service's model load, the old way ("verified") or the new ("trusted").
func loadOnce(mode, path string) error {
	var err error
	switch mode {
	case "verified":
		var b []byte
		if b, err = bundle.ReadFile(path); err == nil {
			_, err = ml.Load(bytes.NewReader(b))
		}
	case "trusted":
		var b []byte
		if b, err = bundle.MapFile(path); err == nil {
			_, err = ml.LoadBytes(b, ml.LoadOptions{SkipChecksum: true})
		}
	default:
		err = fmt.Errorf("unknown mode %q", mode)
	}
	return err
}

// bigModel fits and saves the forest, appends it to the runtime that small (an exported
// service) carries, and times loads and starts.
func bigModel(small string) (*bigResult, error) {
	exe, err := os.ReadFile(small)
	if err != nil {
		return nil, err
	}
	old, err := bundle.ReadFile(small)
	if err != nil {
		return nil, err
	}
	rt := exe[:len(exe)-len(old)-bundle.TrailerSize] // the bare runtime
	var r bigResult
	t0 := time.Now()
	ds, err := bigData(100_000, 7)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 22*time.Second)
	defer cancel()
	m, err := ml.Fit(ds, tree.ForestConfig{Trees: 100}, ml.FitOptions{Seed: 42, Ctx: ctx})
	if err != nil {
		return nil, fmt.Errorf("fitting the big forest: %w", err)
	}
	r.fit = time.Since(t0)
	var model bytes.Buffer
	t0 = time.Now()
	if err := ml.Save(&model, m); err != nil {
		return nil, err
	}
	r.save, r.modelBytes = time.Since(t0), model.Len()
	svc := filepath.Join(filepath.Dir(small), "big-svc")
	var f bytes.Buffer
	f.Write(rt)
	if err := bundle.Append(&f, model.Bytes()); err != nil {
		return nil, err
	}
	if err := os.WriteFile(svc, f.Bytes(), 0o755); err != nil {
		return nil, err
	}
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	for range 5 {
		for _, mode := range []string{"verified", "trusted"} {
			cmd := exec.Command(self)
			cmd.Env = append(os.Environ(), loadEnv+"="+mode+":"+svc)
			t0 := time.Now()
			if out, err := cmd.CombinedOutput(); err != nil {
				return nil, fmt.Errorf("%s load: %v\n%s", mode, err, out)
			}
			if mode == "verified" {
				r.verified = append(r.verified, time.Since(t0))
			} else {
				r.trusted = append(r.trusted, time.Since(t0))
			}
		}
	}
	for range 5 {
		d, err := startToReady(svc)
		if err != nil {
			return nil, err
		}
		r.starts = append(r.starts, d)
	}
	return &r, nil
}

// bigData is n rows of 20 Gaussian features and a label that depends on four of them with
// noise, so the forest's trees grow deep (tens of thousands of nodes each).
func bigData(n int, seed uint64) (*ml.Dataset, error) {
	rng := rand.New(rand.NewPCG(seed, 11))
	x := make([][]float64, 20)
	cols := make([]ml.Column, 0, len(x)+1)
	for j := range x {
		x[j] = make([]float64, n)
		for i := range n {
			x[j][i] = rng.NormFloat64()
		}
		cols = append(cols, ml.Floats(fmt.Sprintf("x%02d", j), x[j]))
	}
	y := make([]string, n)
	for i := range y {
		y[i] = "no"
		if x[0][i]+x[1][i]*x[2][i]-0.5*x[3][i]+rng.NormFloat64() > 0 {
			y[i] = "yes"
		}
	}
	return ml.NewDataset(append(cols, ml.Strings("y", y)), "y")
}

// median sorts ds and returns its middle value.
// markdown renders the big-model section.
func (r *bigResult) markdown() string {
	var b strings.Builder
	v, t, s := measure.Of(r.verified).Median, measure.Of(r.trusted).Median, measure.Of(r.starts).Median
	fmt.Fprintf(&b, "\nBig model: random forest, 100 trees, fitted on 100,000 rows × 20 features in %.1f s; "+
		"model file %.1f MB, saved in %s.\n\n", r.fit.Seconds(), float64(r.modelBytes)/1e6, ms(r.save))
	b.WriteString("| big model | median | min | max |\n|---|---|---|---|\n")
	for _, row := range []struct {
		name string
		ds   []time.Duration
	}{
		{"load in a fresh process: bundle copied, `ml.Load` (SHA-256 checked)", r.verified},
		{"load in a fresh process: bundle mapped, `ml.LoadBytes` (CRC-32C only): the service's way", r.trusted},
		{"exported service, start to ready", r.starts},
	} {
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", row.name, ms(measure.Of(row.ds).Median), ms(row.ds[0]), ms(row.ds[len(row.ds)-1]))
	}
	fmt.Fprintf(&b, "\nThe service's load is %.1f× faster than `ml.Load` of a copy. Start to ready ≤ 50 ms: %s (%s).\n",
		float64(v)/float64(t), verdict(s <= 50*time.Millisecond), ms(s))
	return b.String()
}
