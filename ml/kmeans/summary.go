package kmeans

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
)

// Cluster summarises one cluster: its size and how far its centroid lies
// from the overall mean, in standard deviations per feature.
type Cluster struct {
	Index    int     `json:"index"`
	Size     int     `json:"size"`
	Share    float64 `json:"share"`
	Distinct float64 `json:"distinct"` // root mean square of the per-feature z values
	Traits   []Trait `json:"traits"`   // the features that set it apart most, strongest first
}

// Trait is one feature's centroid value and its z value against all rows.
type Trait struct {
	Feature  string  `json:"feature"`
	Centroid float64 `json:"centroid"`
	Z        float64 `json:"z"`
}

// Summary describes every cluster with its top traits (names: one per
// feature), ranked by size and then distinctiveness, so the first few are
// the ones worth a look.
func (m *Model) Summary(names []string, traits int) ([]Cluster, error) {
	if len(names) != m.P {
		return nil, fmt.Errorf("kmeans: %d names for %d features", len(names), m.P)
	}
	total := 0
	for _, s := range m.Sizes {
		total += s
	}
	out := make([]Cluster, m.K)
	for q := range m.K {
		c := Cluster{Index: q, Size: m.Sizes[q], Share: float64(m.Sizes[q]) / float64(max(total, 1))}
		ss := 0.0
		for j := range m.P {
			z := 0.0
			if m.SD[j] > 0 {
				z = (m.Centroids[q*m.P+j] - m.Mean[j]) / m.SD[j]
			}
			ss += z * z
			c.Traits = append(c.Traits, Trait{Feature: names[j], Centroid: m.Centroids[q*m.P+j], Z: z})
		}
		c.Distinct = math.Sqrt(ss / float64(m.P))
		slices.SortStableFunc(c.Traits, func(a, b Trait) int { return cmp.Compare(math.Abs(b.Z), math.Abs(a.Z)) })
		c.Traits = c.Traits[:min(traits, len(c.Traits))]
		out[q] = c
	}
	slices.SortStableFunc(out, func(a, b Cluster) int {
		return cmp.Or(cmp.Compare(b.Size, a.Size), cmp.Compare(b.Distinct, a.Distinct))
	})
	return out, nil
}

// String renders a summary line per cluster.
func (c Cluster) String() string {
	var t []string
	for _, tr := range c.Traits {
		t = append(t, fmt.Sprintf("%s %+.1fσ", tr.Feature, tr.Z))
	}
	return fmt.Sprintf("cluster %d: %d rows (%.0f%%), distinctiveness %.2f: %s",
		c.Index, c.Size, 100*c.Share, c.Distinct, strings.Join(t, ", "))
}
