// Package kmeans clusters rows of column-major data (X[j][i] is feature j of
// row i) with k-means++ seeding and Lloyd iterations, and summarises the
// clusters so a person can look at the largest and most distinctive first.
package kmeans

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/cairn-notebook/cairn/ml"
	"github.com/cairn-notebook/cairn/ml/internal/par"
)

// Config: K clusters; MaxIter Lloyd iterations per start (0 = 300); Inits
// k-means++ starts, the lowest inertia kept (0 = 4); Standardize scales
// features to unit variance first (advisable when units differ).
type Config struct {
	K           int
	MaxIter     int
	Inits       int
	Standardize bool
}

// Model is a fitted clustering. Centroids (K×P, row-major) are on the
// original scale; distances are measured after subtracting Mean and
// dividing by Scale (1 unless standardised).
type Model struct {
	K          int       `json:"k"`
	P          int       `json:"features"`
	Mean       []float64 `json:"mean"`
	Scale      []float64 `json:"scale"`
	SD         []float64 `json:"sd"` // per feature, for summaries
	Centroids  []float64 `json:"centroids"`
	Sizes      []int     `json:"sizes"`
	Inertia    float64   `json:"inertia"` // sum of squared scaled distances to the centroids
	Iterations int       `json:"iterations"`
}

// Fit clusters the rows and returns the model and each row's cluster. Same
// data and opt.Seed give the same clusters for any opt.Workers.
func Fit(X [][]float64, cfg Config, opt ml.FitOptions) (*Model, []int, error) {
	d, err := newData(X, cfg)
	if err != nil {
		return nil, nil, err
	}
	if cfg.MaxIter == 0 {
		cfg.MaxIter = 300
	}
	if cfg.Inits == 0 {
		cfg.Inits = 4
	}
	ctx := opt.Ctx
	if ctx == nil {
		ctx = context.Background()
	}
	var best *Model
	var bestLabels []int
	for s := range cfg.Inits {
		rng := rand.New(rand.NewPCG(opt.Seed, uint64(s)))
		c := d.seed(rng, cfg.K)
		labels := make([]int, d.n)
		it, inertia := 0, 0.0
		for {
			if err := ctx.Err(); err != nil {
				return nil, nil, err
			}
			it++
			changed, in := d.assign(c, cfg.K, labels, opt.Workers)
			inertia = in
			if (changed == 0 && it > 1) || it > cfg.MaxIter { // labels match c
				break
			}
			d.update(c, cfg.K, labels)
		}
		if best == nil || inertia < best.Inertia {
			best = &Model{K: cfg.K, P: d.p, Inertia: inertia, Iterations: it, Centroids: c}
			bestLabels = labels
		}
		if opt.Progress != nil {
			opt.Progress(s+1, cfg.Inits)
		}
	}
	best.Mean, best.Scale, best.SD = d.mean, d.scale, d.sd
	for j := range best.Centroids { // to the original scale
		f := j % d.p
		best.Centroids[j] = best.Centroids[j]*d.scale[f] + d.mean[f]
	}
	best.Sizes = make([]int, cfg.K)
	for _, l := range bestLabels {
		best.Sizes[l]++
	}
	return best, bestLabels, nil
}

// data is the scaled training rows, row-major for distance loops.
type data struct {
	rows            []float64 // n×p
	n, p            int
	mean, scale, sd []float64
}

func newData(X [][]float64, cfg Config) (*data, error) {
	p := len(X)
	if p == 0 {
		return nil, fmt.Errorf("kmeans: no features")
	}
	n := len(X[0])
	if cfg.K < 1 || cfg.K > n {
		return nil, fmt.Errorf("kmeans: K must be between 1 and the number of rows (%d), got %d", n, cfg.K)
	}
	d := &data{rows: make([]float64, n*p), n: n, p: p}
	for j, col := range X {
		if len(col) != n {
			return nil, fmt.Errorf("kmeans: feature %d has %d rows, feature 0 has %d", j, len(col), n)
		}
		m, ss := 0.0, 0.0
		for i, v := range col {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("kmeans: feature %d row %d is %v; drop or impute missing values first", j, i, v)
			}
			m += v / float64(n)
		}
		for _, v := range col {
			ss += (v - m) * (v - m)
		}
		sd := math.Sqrt(ss / float64(n))
		scale := 1.0
		if cfg.Standardize && sd > 0 {
			scale = sd
		}
		d.mean, d.scale, d.sd = append(d.mean, m), append(d.scale, scale), append(d.sd, sd)
		for i, v := range col {
			d.rows[i*p+j] = (v - m) / scale
		}
	}
	return d, nil
}

func (d *data) dist(i int, c []float64, k int) float64 {
	s := 0.0
	row, ck := d.rows[i*d.p:(i+1)*d.p], c[k*d.p:(k+1)*d.p]
	for j, v := range row {
		s += (v - ck[j]) * (v - ck[j])
	}
	return s
}

// seed picks K starting centroids by k-means++: each next one a row drawn
// with probability proportional to its squared distance to the nearest.
func (d *data) seed(rng *rand.Rand, k int) []float64 {
	c := make([]float64, 0, k*d.p)
	first := rng.IntN(d.n)
	c = append(c, d.rows[first*d.p:(first+1)*d.p]...)
	near := make([]float64, d.n)
	for i := range near {
		near[i] = d.dist(i, c, 0)
	}
	for len(c) < k*d.p {
		total := 0.0
		for _, v := range near {
			total += v
		}
		pick, u := d.n-1, rng.Float64()*total
		for i, v := range near {
			if u -= v; u < 0 {
				pick = i
				break
			}
		}
		if total == 0 { // fewer distinct rows than K: any row
			pick = rng.IntN(d.n)
		}
		c = append(c, d.rows[pick*d.p:(pick+1)*d.p]...)
		for i := range near {
			near[i] = min(near[i], d.dist(i, c, len(c)/d.p-1))
		}
	}
	return c
}

// assign labels every row with its nearest centroid; returns how many
// labels changed and the inertia (summed per block, in block order).
func (d *data) assign(c []float64, k int, labels []int, workers int) (int, float64) {
	changed, inertia := make([]int, par.Blocks(d.n)), make([]float64, par.Blocks(d.n))
	par.Each(d.n, workers, func(b, lo, hi int) {
		for i := lo; i < hi; i++ {
			bl, bd := 0, math.Inf(1)
			for q := range k {
				if dd := d.dist(i, c, q); dd < bd {
					bl, bd = q, dd
				}
			}
			if labels[i] != bl {
				changed[b]++
				labels[i] = bl
			}
			inertia[b] += bd
		}
	})
	ch, in := 0, 0.0
	for b := range changed {
		ch, in = ch+changed[b], in+inertia[b]
	}
	return ch, in
}

// update moves each centroid to its rows' mean; an empty cluster takes the
// row farthest from its own centroid.
func (d *data) update(c []float64, k int, labels []int) {
	sum, cnt := make([]float64, k*d.p), make([]int, k)
	for i, l := range labels {
		cnt[l]++
		for j := range d.p {
			sum[l*d.p+j] += d.rows[i*d.p+j]
		}
	}
	for q := range k {
		if cnt[q] == 0 {
			far, fd := 0, -1.0
			for i, l := range labels {
				if dd := d.dist(i, c, l); dd > fd {
					far, fd = i, dd
				}
			}
			copy(c[q*d.p:(q+1)*d.p], d.rows[far*d.p:(far+1)*d.p])
			labels[far] = q
			continue
		}
		for j := range d.p {
			c[q*d.p+j] = sum[q*d.p+j] / float64(cnt[q])
		}
	}
}

// Assign returns the nearest cluster of one row (original scale).
func (m *Model) Assign(row []float64) int {
	bl, bd := 0, math.Inf(1)
	for q := range m.K {
		s := 0.0
		for j, v := range row {
			x := (v - m.Centroids[q*m.P+j]) / m.Scale[j]
			s += x * x
		}
		if s < bd {
			bl, bd = q, s
		}
	}
	return bl
}
