package ml

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

// MaxCategories caps a categorical feature's categories: the most frequent
// are kept (ties by label), rarer ones are encoded like unseen ones, so an
// ID-like column cannot blow up a one-hot encoding.
const MaxCategories = 200

// Feature describes one input of a model, as learnt from training data.
type Feature struct {
	Name       string    `json:"name"`
	Kind       Kind      `json:"kind"`
	Type       ValueType `json:"type"`                 // the Go type of the training column
	Categories []string  `json:"categories,omitempty"` // categorical: code i is Categories[i]
	Mean       float64   `json:"mean"`                 // numeric: training mean, imputed for one-hot
	Missing    float64   `json:"missing"`              // share of training rows missing
}

// Schema is what a model takes and gives: features in order, the target,
// and for classification its class labels.
type Schema struct {
	Target     string    `json:"target"`
	TargetType ValueType `json:"target_type"`
	Task       Task      `json:"task"`
	Classes    []string  `json:"classes,omitempty"`
	Features   []Feature `json:"features"`
}

// learnSchema learns each feature's categories, mean and missing share.
func learnSchema(d *Dataset) Schema {
	s := Schema{Target: d.target.Name, TargetType: d.target.Type(), Task: d.task, Classes: d.classes}
	n := d.Len()
	for j, c := range d.feats {
		f := Feature{Name: c.Name, Kind: d.kinds[j], Type: c.Type()}
		miss, sum := 0, 0.0
		count := map[string]int{}
		for i := range n {
			r := d.row(i)
			switch {
			case c.missing(r):
				miss++
			case f.Kind == Numeric:
				sum += c.num(r)
			default:
				count[c.cat(r)]++
			}
		}
		if n > 0 {
			f.Missing = float64(miss) / float64(n)
		}
		if f.Kind == Numeric && n > miss {
			f.Mean = sum / float64(n-miss)
		}
		if f.Kind == Categorical {
			for l := range count {
				f.Categories = append(f.Categories, l)
			}
			slices.SortFunc(f.Categories, func(a, b string) int {
				return cmp.Or(cmp.Compare(count[b], count[a]), cmp.Compare(a, b))
			})
			f.Categories = f.Categories[:min(len(f.Categories), MaxCategories)]
			slices.Sort(f.Categories)
		}
		s.Features = append(s.Features, f)
	}
	return s
}

// Reference is a feature's training distribution, kept for drift checks:
// shares of rows per bin (numeric: by Edges; categorical: per category in
// Schema order, then one share for all others) and the missing share.
// Shares and Missing add up to 1.
type Reference struct {
	Feature string    `json:"feature"`
	Edges   []float64 `json:"edges,omitempty"` // numeric: bin i holds Edges[i-1] < v ≤ Edges[i]
	Shares  []float64 `json:"shares"`
	Missing float64   `json:"missing"`
}

// Bin returns the bin of a numeric value (by Edges), or of a category code
// (−1 = other) for a categorical feature.
func (r Reference) Bin(kind Kind, v float64) int {
	if kind == Categorical {
		if v < 0 || int(v) >= len(r.Shares)-1 {
			return len(r.Shares) - 1
		}
		return int(v)
	}
	i, _ := slices.BinarySearch(r.Edges, v)
	return i
}

// refBins: numeric features are summarised by deciles.
const refBins = 10

// refSample bounds the values sorted for decile edges: a strided sample of
// this many places the edges within a fraction of a percent of the exact ones.
const refSample = 20000

// sample returns a copy of vals, strided down to about refSample values.
func sample(vals []float64) []float64 {
	step := max(1, len(vals)/refSample)
	out := make([]float64, 0, len(vals)/step+1)
	for i := 0; i < len(vals); i += step {
		out = append(out, vals[i])
	}
	return out
}

// reference computes each feature's Reference over the encoder's codes.
func reference(d *Dataset, e *encoder) []Reference {
	out := make([]Reference, len(e.s.Features))
	n := float64(d.Len())
	for j, f := range e.s.Features {
		c := d.feats[j]
		r := Reference{Feature: f.Name}
		var vals []float64
		miss := 0
		for i := range d.Len() {
			if row := d.row(i); c.missing(row) {
				miss++
			} else if f.Kind == Numeric {
				vals = append(vals, c.num(row))
			} else {
				vals = append(vals, e.code(j, c.cat(row)))
			}
		}
		if f.Kind == Numeric {
			sorted := sample(vals)
			slices.Sort(sorted)
			for q := 1; q < refBins && len(sorted) > 0; q++ {
				edge := sorted[(q*(len(sorted)-1))/refBins]
				if len(r.Edges) == 0 || edge > r.Edges[len(r.Edges)-1] {
					r.Edges = append(r.Edges, edge)
				}
			}
			r.Shares = make([]float64, len(r.Edges)+1)
		} else {
			r.Shares = make([]float64, len(f.Categories)+1)
		}
		for _, v := range vals {
			r.Shares[r.Bin(f.Kind, v)] += 1 / n
		}
		r.Missing = float64(miss) / n
		out[j] = r
	}
	return out
}

// PSI is the population stability index of actual shares against expected
// ones (same bins); shares of 0 are floored at 1e-4 to keep it finite.
// Above 0.2 is commonly read as drift.
func PSI(expected, actual []float64) (float64, error) {
	if len(expected) != len(actual) {
		return 0, fmt.Errorf("ml: PSI of %d expected vs %d actual bins", len(expected), len(actual))
	}
	psi := 0.0
	for i := range expected {
		e, a := max(expected[i], 1e-4), max(actual[i], 1e-4)
		psi += (a - e) * math.Log(a/e)
	}
	return psi, nil
}
