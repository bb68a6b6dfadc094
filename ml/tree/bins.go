package tree

import (
	"math"
	"slices"
	"sort"
)

// missingBin is the bin code of a missing (NaN) value; real values use 0..len(edges).
const missingBin = 255

// maxBins bounds the bins of real values per feature, so codes fit a byte beside missingBin.
const maxBins = 255

// binned is the training data quantised once per fit: codes[j][i] is the bin of X[j][i]. A value
// x falls in bin b when edges[j][b-1] < x <= edges[j][b], so a split "bin <= t" is the
// threshold "x <= edges[j][t]" on raw values and prediction needs no binning.
type binned struct {
	codes [][]uint8
	edges [][]float64
}

// nbins is the number of real-value bins of feature j.
func (b *binned) nbins(j int) int { return len(b.edges[j]) + 1 }

// binEdges returns the upper edges of at most nb bins for the non-missing values of col: the
// midpoints between distinct values when there are few, else between quantiles.
func binEdges(col []float64, nb int) []float64 {
	vals := make([]float64, 0, len(col))
	for _, v := range col {
		if !math.IsNaN(v) {
			vals = append(vals, v)
		}
	}
	slices.Sort(vals)
	distinct := slices.Compact(slices.Clone(vals))
	var edges []float64
	if len(distinct) <= nb {
		for i := 1; i < len(distinct); i++ {
			edges = append(edges, distinct[i-1]+(distinct[i]-distinct[i-1])/2)
		}
		return edges
	}
	for i := 1; i < nb; i++ {
		k := i * len(vals) / nb
		e := vals[k-1] + (vals[k]-vals[k-1])/2
		if vals[k-1] == vals[k] || (len(edges) > 0 && e <= edges[len(edges)-1]) {
			continue // a heavy value spans several quantiles: one bin holds it
		}
		edges = append(edges, e)
	}
	return edges
}

// binCode is the bin of x among edges.
func binCode(edges []float64, x float64) uint8 {
	if math.IsNaN(x) {
		return missingBin
	}
	return uint8(sort.SearchFloat64s(edges, x))
}

// binData quantises X (column-major) into at most nb bins per feature, features in parallel.
func binData(X [][]float64, nb, workers int) *binned {
	b := &binned{codes: make([][]uint8, len(X)), edges: make([][]float64, len(X))}
	parallel(len(X), workers, func(j int) {
		e := binEdges(X[j], nb)
		c := make([]uint8, len(X[j]))
		for i, x := range X[j] {
			c[i] = binCode(e, x)
		}
		b.edges[j], b.codes[j] = e, c
	})
	return b
}
