package tree

import (
	"math"
	"slices"
)

// cartSplit is the best split found at a node: feature -1 means none.
type cartSplit struct {
	feature     int
	bin         int // rows with code <= bin go left
	missingLeft bool
	score       float64 // impurity proxy: larger is better
}

// findSplit examines features in a random order until maxFeatures of them vary within the node
// (like scikit-learn, constant features do not count), and returns the best split among them.
func (g *grower) findSplit(lo, hi int, tot []float64) cartSplit {
	best := cartSplit{feature: -1, score: math.Inf(-1)}
	p := len(g.feats)
	for i, seen := 0, 0; i < p && seen < g.p.maxFeatures; i++ {
		j := i + g.rng.IntN(p-i)
		g.feats[i], g.feats[j] = g.feats[j], g.feats[i]
		if g.scanFeature(g.feats[i], lo, hi, tot, &best) {
			seen++
		}
	}
	return best
}

// scanFeature builds the feature's histogram over the node's rows, updates best with its best
// threshold, and reports whether the feature varies in the node. The histogram is left zeroed.
func (g *grower) scanFeature(f, from, to int, tot []float64, best *cartSplit) bool {
	s, h, codes := g.stride, g.hist, g.b.codes[f]
	rows, rw := g.rows[from:to], g.rw[from:to]
	lo, hi := 255, -1
	if g.p.classes > 0 {
		rk := g.rk[from:to]
		rk = rk[:len(rows)]
		rw = rw[:len(rows)]
		for i, r := range rows {
			c := int(codes[r])
			h[c*s]++
			h[c*s+1+int(rk[i])] += rw[i]
			if c != missingBin {
				lo, hi = min(lo, c), max(hi, c)
			}
		}
	} else {
		rv := g.rv[from:to]
		for i, r := range rows {
			c := int(codes[r])
			wt := rw[i]
			h[c*s]++
			h[c*s+1] += wt
			h[c*s+2] += wt * rv[i]
			if c != missingBin {
				lo, hi = min(lo, c), max(hi, c)
			}
		}
	}
	// The bins present, in order: small nodes sort their codes rather than walk lo..hi.
	g.used = g.used[:0]
	if len(rows) < smallNode {
		for _, r := range rows {
			if c := codes[r]; c != missingBin {
				g.used = append(g.used, int(c))
			}
		}
		slices.Sort(g.used)
		g.used = slices.Compact(g.used)
	} else {
		for t := lo; t <= hi; t++ {
			if h[t*s] > 0 {
				g.used = append(g.used, t)
			}
		}
	}
	miss := h[missingBin*s : missingBin*s+s]
	varies := len(g.used) > 1 || (len(g.used) == 1 && miss[0] > 0)
	if varies {
		g.scanBins(f, g.used, tot, miss, best)
	}
	for _, t := range g.used {
		clear(h[t*s : (t+1)*s])
	}
	clear(miss)
	return varies
}

// smallNode is the row count below which sorting a node's bin codes beats walking its bin range.
const smallNode = 64

// scanBins tries a threshold after each present bin (in increasing order), with missing rows on
// either side; with missing rows present, "every present value left, missing right" is a
// candidate too.
func (g *grower) scanBins(f int, bins []int, tot, miss []float64, best *cartSplit) {
	s := g.stride
	if len(g.scan) < 3*s {
		g.scan = make([]float64, 3*s)
	}
	left, l2, r2 := g.scan[:s], g.scan[s:2*s], g.scan[2*s:3*s]
	clear(left)
	hasMiss := miss[0] > 0
	for i, t := range bins {
		b := g.hist[t*s : t*s+s]
		last := i == len(bins)-1
		for k := range left {
			left[k] += b[k]
		}
		if !last || hasMiss {
			for k := range r2 {
				r2[k] = tot[k] - left[k]
			}
			g.consider(f, t, false, hasMiss, left, r2, best)
		}
		if !last && hasMiss {
			for k := range l2 {
				l2[k] = left[k] + miss[k]
				r2[k] = tot[k] - l2[k]
			}
			g.consider(f, t, true, hasMiss, l2, r2, best)
		}
	}
}

// consider scores one candidate split and keeps it when it beats best. Without missing rows in
// the node, missing values at prediction follow the child with more rows (like scikit-learn).
func (g *grower) consider(f, t int, missingLeft, hasMiss bool, l, r []float64, best *cartSplit) {
	if l[0] < float64(g.p.minLeaf) || r[0] < float64(g.p.minLeaf) {
		return
	}
	var score float64
	if g.p.classes > 0 {
		var wl, wr, sl, sr float64
		for k := 1; k <= g.p.classes; k++ {
			wl += l[k]
			wr += r[k]
			sl += l[k] * l[k]
			sr += r[k] * r[k]
		}
		if wl <= 0 || wr <= 0 {
			return
		}
		score = sl/wl + sr/wr
	} else {
		if l[1] <= 0 || r[1] <= 0 {
			return
		}
		score = l[2]*l[2]/l[1] + r[2]*r[2]/r[1]
	}
	if score > best.score {
		if !hasMiss {
			missingLeft = l[0] >= r[0]
		}
		*best = cartSplit{feature: f, bin: t, missingLeft: missingLeft, score: score}
	}
}
