// Package pca is principal component analysis (gonum): components, explained
// variance and projections of column-major data (X[j][i] is feature j of row i).
package pca

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// Config chooses how many components to keep (0 = all) and whether to
// scale features to unit variance first (advisable when units differ).
type Config struct {
	Components  int
	Standardize bool
}

// PCA is a fitted decomposition. Component c is Components[c*P:(c+1)*P];
// each is a unit vector whose largest-magnitude entry is positive, so
// results do not flip sign between runs (as scikit-learn's svd_flip).
type PCA struct {
	P          int       `json:"features"`
	Mean       []float64 `json:"mean"`
	Scale      []float64 `json:"scale"` // 1 unless standardised
	Components []float64 `json:"components"`
	Variance   []float64 `json:"variance"` // explained variance per component (n−1 denominator)
	Ratio      []float64 `json:"ratio"`    // share of the total variance per component
}

// Fit computes the principal components from the covariance matrix.
func Fit(X [][]float64, cfg Config) (*PCA, error) {
	p := len(X)
	if p == 0 || len(X[0]) < 2 {
		return nil, fmt.Errorf("pca: need at least one feature and two rows")
	}
	n := len(X[0])
	k := cfg.Components
	if k == 0 {
		k = min(p, n)
	}
	if k < 0 || k > min(p, n) {
		return nil, fmt.Errorf("pca: %d components asked of %d features × %d rows", k, p, n)
	}
	r := &PCA{P: p, Mean: make([]float64, p), Scale: make([]float64, p)}
	for j, col := range X {
		if len(col) != n {
			return nil, fmt.Errorf("pca: feature %d has %d rows, feature 0 has %d", j, len(col), n)
		}
		for i, v := range col {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("pca: feature %d row %d is %v; drop or impute missing values first", j, i, v)
			}
			r.Mean[j] += v / float64(n)
		}
		r.Scale[j] = 1
		if cfg.Standardize {
			ss := 0.0
			for _, v := range col {
				ss += (v - r.Mean[j]) * (v - r.Mean[j])
			}
			if sd := math.Sqrt(ss / float64(n-1)); sd > 0 {
				r.Scale[j] = sd
			}
		}
	}
	cov := mat.NewSymDense(p, nil)
	for a := range p {
		for b := a; b < p; b++ {
			s := 0.0
			for i, v := range X[a] {
				s += (v - r.Mean[a]) * (X[b][i] - r.Mean[b])
			}
			cov.SetSym(a, b, s/float64(n-1)/(r.Scale[a]*r.Scale[b]))
		}
	}
	var eig mat.EigenSym
	if !eig.Factorize(cov, true) {
		return nil, fmt.Errorf("pca: the eigen decomposition failed")
	}
	vals := eig.Values(nil) // ascending
	var vecs mat.Dense
	eig.VectorsTo(&vecs)
	total := 0.0
	for _, v := range vals {
		total += max(v, 0)
	}
	for c := range k {
		col := p - 1 - c
		v := make([]float64, p)
		big := 0
		for j := range p {
			v[j] = vecs.At(j, col)
			if math.Abs(v[j]) > math.Abs(v[big]) {
				big = j
			}
		}
		if v[big] < 0 {
			for j := range v {
				v[j] = -v[j]
			}
		}
		r.Components = append(r.Components, v...)
		r.Variance = append(r.Variance, max(vals[col], 0))
		if total > 0 {
			r.Ratio = append(r.Ratio, max(vals[col], 0)/total)
		} else {
			r.Ratio = append(r.Ratio, 0)
		}
	}
	return r, nil
}

// Project writes the component scores of one row into out (len = components).
func (r *PCA) Project(row, out []float64) {
	for c := range r.Variance {
		s := 0.0
		for j, w := range r.Components[c*r.P : (c+1)*r.P] {
			s += w * (row[j] - r.Mean[j]) / r.Scale[j]
		}
		out[c] = s
	}
}

// Transform projects every row: out[c][i] is component c's score of row i.
func (r *PCA) Transform(X [][]float64) ([][]float64, error) {
	if len(X) != r.P {
		return nil, fmt.Errorf("pca: %d features given, fitted on %d", len(X), r.P)
	}
	n := len(X[0])
	for j, col := range X {
		if len(col) != n {
			return nil, fmt.Errorf("pca: feature %d has %d rows, feature 0 has %d", j, len(col), n)
		}
	}
	out := make([][]float64, len(r.Variance))
	for c := range out {
		out[c] = make([]float64, n)
		w := r.Components[c*r.P : (c+1)*r.P]
		for j, col := range X {
			f := w[j] / r.Scale[j]
			for i, v := range col {
				out[c][i] += f * (v - r.Mean[j])
			}
		}
	}
	return out, nil
}
