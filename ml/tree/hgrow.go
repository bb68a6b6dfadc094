package tree

import "context"

// hbin is one histogram bin: gradient and hessian sums and the row count.
type hbin struct {
	G, H float64
	N    int
}

// hparams are the settings of one boosted tree.
type hparams struct {
	maxLeaves, maxDepth, minLeaf int
	l2, rate                     float64
}

// minHessian is scikit-learn's min_hessian_to_split: a child needs at least this much curvature.
const minHessian = 1e-3

// hsplit is a node's best split; feature -1 means none.
type hsplit struct {
	feature     int
	bin         int
	missingLeft bool
	gain        float64
	left        hbin // sums of the left child
}

// hnode is a leaf of the tree being grown.
type hnode struct {
	id     int32
	lo, hi int // its rows: hgrower.rows[lo:hi]
	depth  int
	sum    hbin
	hist   []hbin // features × 256, nil once the node can no longer split
	split  hsplit
}

// hgrower grows boosted trees leaf-wise (best gain first) on binned data, with histograms
// built for the smaller child and subtracted from the parent for the larger.
type hgrower struct {
	b       *binned
	p       hparams
	workers int
	ctx     context.Context
	rows    []int32
	og, oh  []float64 // gradients of a node's rows, gathered in row order
	pool    [][]hbin
	leaves  []hnode // finished leaves, for updating raw scores
	cands   []hnode
	t       *Tree
	splits  []hsplit // per-feature best, filled in parallel
}

func newHGrower(b *binned, n int, p hparams, workers int, ctx context.Context) *hgrower {
	return &hgrower{b: b, p: p, workers: workers, ctx: ctx, rows: make([]int32, n),
		og: make([]float64, n), oh: make([]float64, n), splits: make([]hsplit, len(b.codes))}
}

func (g *hgrower) newHist() []hbin {
	if k := len(g.pool); k > 0 {
		h := g.pool[k-1]
		g.pool = g.pool[:k-1]
		return h
	}
	return make([]hbin, 256*len(g.b.codes))
}

func (g *hgrower) freeHist(h []hbin) {
	if h != nil {
		g.pool = append(g.pool, h)
	}
}

// grow fits one tree to gradients gr and hessians hs (one per row). The finished leaves, with
// their row ranges, stay in g.leaves.
func (g *hgrower) grow(gr, hs []float64) (*Tree, error) {
	g.t, g.leaves, g.cands = &Tree{Width: 1}, g.leaves[:0], g.cands[:0]
	root := hnode{id: g.t.addNode(), hi: len(g.rows)}
	for i := range g.rows {
		g.rows[i] = int32(i)
		root.sum.G += gr[i]
		root.sum.H += hs[i]
	}
	root.sum.N = len(g.rows)
	root.hist = g.newHist()
	g.buildHist(root.hist, nil, gr, hs)
	g.consider(root)
	for len(g.leaves)+len(g.cands) < g.p.maxLeaves {
		if err := g.ctx.Err(); err != nil {
			return nil, err
		}
		best := -1
		for i, c := range g.cands {
			if c.split.feature >= 0 && (best < 0 || c.split.gain > g.cands[best].split.gain) {
				best = i
			}
		}
		if best < 0 {
			break
		}
		node := g.cands[best]
		g.cands = append(g.cands[:best], g.cands[best+1:]...)
		g.splitNode(node, gr, hs)
	}
	for _, c := range g.cands {
		g.finish(c)
	}
	return g.t, nil
}

// consider finds a node's best split and queues it, or finishes it as a leaf.
func (g *hgrower) consider(n hnode) {
	n.split = hsplit{feature: -1}
	if n.sum.N >= 2*g.p.minLeaf && (g.p.maxDepth == 0 || n.depth < g.p.maxDepth) {
		n.split = g.findSplit(n)
	}
	if n.split.feature < 0 {
		g.finish(n)
		return
	}
	g.cands = append(g.cands, n)
}

// finish makes n a leaf worth -rate·G/(H+l2) and releases its histogram.
func (g *hgrower) finish(n hnode) {
	g.t.setLeaf(n.id, []float64{-g.p.rate * n.sum.G / (n.sum.H + g.p.l2 + 1e-15)})
	g.freeHist(n.hist)
	n.hist = nil
	g.leaves = append(g.leaves, n)
}

// splitNode partitions n's rows by its split and queues both children.
func (g *hgrower) splitNode(n hnode, gr, hs []float64) {
	s := n.split
	thr := maxThreshold
	if s.bin < len(g.b.edges[s.feature]) {
		thr = g.b.edges[s.feature][s.bin]
	}
	lid, rid := g.t.setSplit(n.id, s.feature, thr, s.missingLeft)
	mid := n.lo + partition(g.rows[n.lo:n.hi], g.b.codes[s.feature], uint8(s.bin), s.missingLeft)
	right := hbin{n.sum.G - s.left.G, n.sum.H - s.left.H, n.sum.N - s.left.N}
	l := hnode{id: lid, lo: n.lo, hi: mid, depth: n.depth + 1, sum: s.left}
	r := hnode{id: rid, lo: mid, hi: n.hi, depth: n.depth + 1, sum: right}
	if len(g.leaves)+len(g.cands)+2 >= g.p.maxLeaves {
		// These children are the last leaves the tree may have: no histograms needed.
		g.freeHist(n.hist)
		g.finish(l)
		g.finish(r)
		return
	}
	small, large := &l, &r
	if r.sum.N < l.sum.N {
		small, large = &r, &l
	}
	small.hist = g.newHist()
	g.buildHist(small.hist, g.rows[small.lo:small.hi], gr, hs)
	large.hist = n.hist
	for i, b := range small.hist {
		large.hist[i].G -= b.G
		large.hist[i].H -= b.H
		large.hist[i].N -= b.N
	}
	g.consider(l)
	g.consider(r)
}
