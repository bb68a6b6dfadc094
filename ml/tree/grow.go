package tree

import (
	"context"
	"math/rand/v2"
)

// cartParams are the settings of one CART tree, shared by DecisionTree and Forest.
type cartParams struct {
	classes     int // 0 = regression
	maxDepth    int // 0 = unlimited
	minLeaf     int
	minSplit    int
	maxFeatures int // features examined at each split
}

// grower builds one CART tree depth-first on binned data. Histograms hold, per bin, the row
// count then the class weights (classification) or the weight and weighted target sum
// (regression); totals add the weighted sum of squares for regression's purity test.
type grower struct {
	b   *binned
	yc  []int32   // class of each row (classification)
	y   []float64 // target (regression)
	p   cartParams
	rng *rand.Rand
	ctx context.Context
	// The rows in the tree, grouped by node, with their class or target and weight (bootstrap
	// count) alongside so that histograms read them in order.
	rows   []int32
	rk     []int32
	rv, rw []float64
	stride int
	hist   []float64
	tots   [][]float64 // totals per depth, reused
	feats  []int
	vals   []float64
	scan   []float64
	used   []int
	t      *Tree
	nodes  int
	err    error
}

func newGrower(b *binned, yc []int32, y []float64, p cartParams, ctx context.Context) *grower {
	stride := 3
	if p.classes > 0 {
		stride = 1 + p.classes
	}
	g := &grower{b: b, yc: yc, y: y, p: p, ctx: ctx, stride: stride,
		hist: make([]float64, 256*stride), feats: make([]int, len(b.codes))}
	return g
}

// build grows a tree on the rows with positive weight w and returns it, or the context's error.
func (g *grower) build(w []float64, rng *rand.Rand) (*Tree, error) {
	g.rng, g.nodes, g.err = rng, 0, nil
	g.rows, g.rk, g.rv, g.rw = g.rows[:0], g.rk[:0], g.rv[:0], g.rw[:0]
	for i, v := range w {
		if v > 0 {
			g.rows, g.rw = append(g.rows, int32(i)), append(g.rw, v)
			if g.p.classes > 0 {
				g.rk = append(g.rk, g.yc[i])
			} else {
				g.rv = append(g.rv, g.y[i])
			}
		}
	}
	for j := range g.feats {
		g.feats[j] = j
	}
	width := max(g.p.classes, 1)
	g.t = &Tree{Width: width}
	g.grow(g.t.addNode(), 0, len(g.rows), 0)
	return g.t, g.err
}

// totals sums the node's rows into a per-depth buffer: count, class weights or weight and sum,
// then (regression) the weighted sum of squares.
func (g *grower) totals(lo, hi, depth int) []float64 {
	for len(g.tots) <= depth {
		g.tots = append(g.tots, make([]float64, g.stride+1))
	}
	tot := g.tots[depth]
	clear(tot)
	for i := lo; i < hi; i++ {
		wt := g.rw[i]
		tot[0]++
		if g.p.classes > 0 {
			tot[1+g.rk[i]] += wt
		} else {
			v := g.rv[i]
			tot[1] += wt
			tot[2] += wt * v
			tot[3] += wt * v * v
		}
	}
	return tot
}

// pure reports whether a node cannot be improved: one class, or a constant target.
func (g *grower) pure(tot []float64) bool {
	if g.p.classes > 0 {
		for _, c := range tot[1 : 1+g.p.classes] {
			if c > 0 {
				return c == weightOf(tot, g.p.classes)
			}
		}
		return true
	}
	mean := tot[2] / tot[1]
	return tot[3]/tot[1]-mean*mean <= 1e-12*max(1, mean*mean)
}

// weightOf is a classification node's total weight.
func weightOf(tot []float64, classes int) float64 {
	s := 0.0
	for _, c := range tot[1 : 1+classes] {
		s += c
	}
	return s
}

func (g *grower) grow(node int32, lo, hi, depth int) {
	tot := g.totals(lo, hi, depth)
	g.nodes++
	if g.err == nil && g.nodes&15 == 0 {
		g.err = g.ctx.Err()
	}
	n := hi - lo
	if g.err != nil || n < g.p.minSplit || n < 2*g.p.minLeaf || (g.p.maxDepth > 0 && depth >= g.p.maxDepth) || g.pure(tot) {
		g.leaf(node, tot)
		return
	}
	best := g.findSplit(lo, hi, tot)
	if best.feature < 0 {
		g.leaf(node, tot)
		return
	}
	thr := maxThreshold
	if best.bin < len(g.b.edges[best.feature]) {
		thr = g.b.edges[best.feature][best.bin]
	}
	l, r := g.t.setSplit(node, best.feature, thr, best.missingLeft)
	mid := g.partition(lo, hi, g.b.codes[best.feature], uint8(best.bin), best.missingLeft)
	g.grow(l, lo, mid, depth+1)
	g.grow(r, mid, hi, depth+1)
}

// maxThreshold stands for "every real value goes left" (a split of present against missing);
// JSON cannot hold +Inf, and infinite features are rejected at fit.
const maxThreshold = 1.7976931348623157e308

// leaf stores the node's class shares or mean target.
func (g *grower) leaf(node int32, tot []float64) {
	if g.p.classes == 0 {
		g.t.setLeaf(node, []float64{tot[2] / tot[1]})
		return
	}
	w := weightOf(tot, g.p.classes)
	g.vals = g.vals[:0]
	for _, c := range tot[1 : 1+g.p.classes] {
		g.vals = append(g.vals, c/w)
	}
	g.t.setLeaf(node, g.vals)
}

// partition reorders rows so those going left come first and returns their count.
func partition(rows []int32, codes []uint8, t uint8, missingLeft bool) int {
	i, j := 0, len(rows)-1
	for i <= j {
		c := codes[rows[i]]
		if c <= t || (c == missingBin && missingLeft) {
			i++
		} else {
			rows[i], rows[j] = rows[j], rows[i]
			j--
		}
	}
	return i
}

// partition reorders the node's rows lo..hi so those going left come first, and returns where
// the right ones start.
func (g *grower) partition(lo, hi int, codes []uint8, t uint8, missingLeft bool) int {
	i, j := lo, hi-1
	for i <= j {
		c := codes[g.rows[i]]
		if c <= t || (c == missingBin && missingLeft) {
			i++
			continue
		}
		g.rows[i], g.rows[j] = g.rows[j], g.rows[i]
		g.rw[i], g.rw[j] = g.rw[j], g.rw[i]
		if g.p.classes > 0 {
			g.rk[i], g.rk[j] = g.rk[j], g.rk[i]
		} else {
			g.rv[i], g.rv[j] = g.rv[j], g.rv[i]
		}
		j--
	}
	return i
}
