package tree

import "math"

// buildHist fills hist (features × 256 bins) from the rows' gradients, features in parallel:
// each feature's sums are taken by one goroutine in row order, so they do not depend on workers.
// rows nil means every row, in order.
func (g *hgrower) buildHist(hist []hbin, rows []int32, gr, hs []float64) {
	og, oh := gr, hs
	if rows != nil {
		og, oh = g.og[:len(rows)], g.oh[:len(rows)]
		for i, r := range rows {
			og[i], oh[i] = gr[r], hs[r]
		}
	}
	parallel(len(g.b.codes), g.workers, func(f int) {
		h := (*[256]hbin)(hist[f*256 : f*256+256]) // an array: byte-indexed without bounds checks
		clear(h[:])
		codes := g.b.codes[f]
		if rows == nil {
			og, oh := og[:len(codes)], oh[:len(codes)]
			for i, c := range codes {
				b := &h[c]
				b.G += og[i]
				b.H += oh[i]
				b.N++
			}
			return
		}
		og, oh := og[:len(rows)], oh[:len(rows)]
		for i, r := range rows {
			b := &h[codes[r]]
			b.G += og[i]
			b.H += oh[i]
			b.N++
		}
	})
}

// findSplit returns n's best split over all features, found in parallel and chosen in feature
// order (the first of equal gains wins).
func (g *hgrower) findSplit(n hnode) hsplit {
	parallel(len(g.b.codes), g.workers, func(f int) {
		g.splits[f] = g.featureSplit(f, n.hist[f*256:f*256+256], n.sum)
	})
	best := hsplit{feature: -1}
	for _, s := range g.splits {
		if s.feature >= 0 && (best.feature < 0 || s.gain > best.gain) {
			best = s
		}
	}
	return best
}

// featureSplit scans one feature's histogram: every threshold with missing rows right, then
// (when there are any) with them left; "present left, missing right" is a candidate too.
func (g *hgrower) featureSplit(f int, h []hbin, sum hbin) hsplit {
	nb := g.b.nbins(f)
	miss := h[missingBin]
	parent := score(sum.G, sum.H, g.p.l2)
	best := hsplit{feature: -1, gain: 0}
	var l hbin
	for t := 0; t < nb; t++ {
		b := h[t]
		if b.N == 0 {
			continue // an empty bin splits like the one before it
		}
		l.G, l.H, l.N = l.G+b.G, l.H+b.H, l.N+b.N
		if t < nb-1 || miss.N > 0 { // missing right; at the last bin: present left, missing right
			g.tryHist(f, t, false, l, sum, miss.N, parent, &best)
		}
		if miss.N > 0 && t < nb-1 {
			g.tryHist(f, t, true, hbin{l.G + miss.G, l.H + miss.H, l.N + miss.N}, sum, miss.N, parent, &best)
		}
	}
	return best
}

// tryHist keeps the split with left sums l when it is allowed and beats best. Without missing
// rows in the node, missing values at prediction follow the child with more rows.
func (g *hgrower) tryHist(f, t int, missingLeft bool, l, sum hbin, nMiss int, parent float64, best *hsplit) {
	r := hbin{sum.G - l.G, sum.H - l.H, sum.N - l.N}
	if l.N < g.p.minLeaf || r.N < g.p.minLeaf || l.H < minHessian || r.H < minHessian {
		return
	}
	gain := score(l.G, l.H, g.p.l2) + score(r.G, r.H, g.p.l2) - parent
	if gain > best.gain {
		if nMiss == 0 {
			missingLeft = l.N >= r.N
		}
		*best = hsplit{feature: f, bin: t, missingLeft: missingLeft, gain: gain, left: l}
	}
}

// score is a node's share of the loss reduction, G²/(H+λ).
func score(G, H, l2 float64) float64 {
	d := H + l2
	if d <= 0 {
		return math.Inf(-1)
	}
	return G * G / d
}
