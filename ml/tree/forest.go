package tree

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/cairn-notebook/cairn/ml"
)

// ForestConfig sets a random forest; zero values take scikit-learn's defaults.
type ForestConfig struct {
	Classes         int  // number of classes; 0 = regression
	Trees           int  // 0 = 100
	MaxDepth        int  // 0 = unlimited
	MinSamplesLeaf  int  // 0 = 1
	MinSamplesSplit int  // 0 = 2
	MaxFeatures     int  // features examined per split; 0 = sqrt(p) (classification), p (regression)
	NoBootstrap     bool // grow every tree on all rows
	MaxBins         int  // quantile bins per feature, 2..255; 0 = 255
}

// Forest is a fitted random forest: its prediction is the mean of its trees' leaf values (class
// shares or means), like scikit-learn's.
type Forest struct {
	NumClasses  int    `json:"classes"`
	NumFeatures int    `json:"features"`
	Trees       []Tree `json:"trees"`
}

// TreeConfig sets a single CART decision tree; zero values take scikit-learn's defaults.
type TreeConfig struct {
	Classes         int // number of classes; 0 = regression
	MaxDepth        int // 0 = unlimited
	MinSamplesLeaf  int // 0 = 1
	MinSamplesSplit int // 0 = 2
	MaxFeatures     int // features examined per split; 0 = all
	MaxBins         int // quantile bins per feature, 2..255; 0 = 255
}

// DecisionTree is a fitted CART tree (gini for classification, squared error for regression).
type DecisionTree struct {
	NumClasses  int  `json:"classes"`
	NumFeatures int  `json:"features"`
	Tree        Tree `json:"tree"`
}

// FitTree fits one CART tree on all rows. opt.Seed orders the features examined at each split,
// which matters only for ties and when MaxFeatures < p.
func FitTree(X [][]float64, y []float64, cfg TreeConfig, opt ml.FitOptions) (*DecisionTree, error) {
	mf := cfg.MaxFeatures
	if mf == 0 {
		mf = len(X)
	}
	f, err := FitForest(X, y, ForestConfig{Classes: cfg.Classes, Trees: 1, MaxDepth: cfg.MaxDepth,
		MinSamplesLeaf: cfg.MinSamplesLeaf, MinSamplesSplit: cfg.MinSamplesSplit,
		MaxFeatures: mf, NoBootstrap: true, MaxBins: cfg.MaxBins}, opt)
	if err != nil {
		return nil, err
	}
	return &DecisionTree{NumClasses: f.NumClasses, NumFeatures: f.NumFeatures, Tree: f.Trees[0]}, nil
}

// FitForest fits a random forest: bootstrap samples, a random subset of features at every split,
// trees built in parallel across opt.Workers. Tree i draws from a PCG seeded with (opt.Seed, i),
// so the forest is the same for any number of workers.
func FitForest(X [][]float64, y []float64, cfg ForestConfig, opt ml.FitOptions) (*Forest, error) {
	n, err := checkData(X, y, cfg.Classes)
	if err != nil {
		return nil, err
	}
	p := len(X)
	par, trees, bins, err := cfg.params(p)
	if err != nil {
		return nil, err
	}
	o := resolve(opt)
	if err := o.ctx.Err(); err != nil {
		return nil, err
	}
	b := binData(X, bins, o.workers)
	var yc []int32
	if cfg.Classes > 0 {
		yc = make([]int32, n)
		for i, v := range y {
			yc[i] = int32(v)
		}
	}
	f := &Forest{NumClasses: cfg.Classes, NumFeatures: p, Trees: make([]Tree, trees)}
	errs := make([]error, trees)
	done := make(chan struct{}, trees)
	growers := make(chan *grower, o.workers)
	for range o.workers {
		growers <- newGrower(b, yc, y, par, o.ctx)
	}
	go parallel(trees, o.workers, func(i int) {
		g := <-growers
		defer func() { growers <- g; done <- struct{}{} }()
		if errs[i] = o.ctx.Err(); errs[i] != nil {
			return
		}
		rng := rand.New(rand.NewPCG(o.seed, uint64(i)))
		t, err := g.build(sampleWeights(n, !cfg.NoBootstrap, rng), rng)
		f.Trees[i], errs[i] = *t, err
	})
	progress := throttle(o.progress)
	for k := 1; k <= trees; k++ {
		<-done
		progress(k, trees)
	}
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return f, nil
}

// params checks cfg and fills in its defaults.
func (cfg ForestConfig) params(p int) (cartParams, int, int, error) {
	par := cartParams{classes: cfg.Classes, maxDepth: cfg.MaxDepth, minLeaf: cfg.MinSamplesLeaf,
		minSplit: cfg.MinSamplesSplit, maxFeatures: cfg.MaxFeatures}
	trees, bins := cfg.Trees, cfg.MaxBins
	switch {
	case trees < 0 || par.maxDepth < 0 || par.minLeaf < 0 || par.minSplit < 0 || par.maxFeatures < 0:
		return par, 0, 0, fmt.Errorf("tree: negative setting in %+v", cfg)
	case par.maxFeatures > p:
		return par, 0, 0, fmt.Errorf("tree: MaxFeatures is %d but there are %d features", par.maxFeatures, p)
	case bins == 1 || bins > maxBins || bins < 0:
		return par, 0, 0, fmt.Errorf("tree: MaxBins is %d; want 2..%d", bins, maxBins)
	}
	if trees == 0 {
		trees = 100
	}
	if bins == 0 {
		bins = maxBins
	}
	par.minLeaf = max(par.minLeaf, 1)
	par.minSplit = max(par.minSplit, 2)
	if par.maxFeatures == 0 {
		par.maxFeatures = p
		if cfg.Classes > 0 {
			par.maxFeatures = max(1, int(math.Sqrt(float64(p))))
		}
	}
	return par, trees, bins, nil
}

// sampleWeights is each row's count in a bootstrap sample of n draws, or all ones.
func sampleWeights(n int, bootstrap bool, rng *rand.Rand) []float64 {
	w := make([]float64, n)
	if !bootstrap {
		for i := range w {
			w[i] = 1
		}
		return w
	}
	for range n {
		w[rng.IntN(n)]++
	}
	return w
}

// Classes is the number of classes; 0 for a regression forest.
func (f *Forest) Classes() int { return f.NumClasses }

// PredictProba writes the mean of the trees' class shares for row into out.
func (f *Forest) PredictProba(row, out []float64) {
	checkOut(out, f.NumClasses)
	checkRow(row, f.NumFeatures)
	clear(out)
	for i := range f.Trees {
		for k, v := range f.Trees[i].leaf(row) {
			out[k] += v
		}
	}
	for k := range out {
		out[k] /= float64(len(f.Trees))
	}
}

// PredictValue is the mean prediction (regression) or the most probable class.
func (f *Forest) PredictValue(row []float64) float64 {
	checkRow(row, f.NumFeatures)
	if f.NumClasses > 0 {
		p := make([]float64, f.NumClasses)
		f.PredictProba(row, p)
		return argmax(p)
	}
	s := 0.0
	for i := range f.Trees {
		s += f.Trees[i].leaf(row)[0]
	}
	return s / float64(len(f.Trees))
}

// Classes is the number of classes; 0 for a regression tree.
func (d *DecisionTree) Classes() int { return d.NumClasses }

// PredictProba writes the class shares of row's leaf into out.
func (d *DecisionTree) PredictProba(row, out []float64) {
	checkOut(out, d.NumClasses)
	checkRow(row, d.NumFeatures)
	copy(out, d.Tree.leaf(row))
}

// PredictValue is the leaf's mean (regression) or its most frequent class.
func (d *DecisionTree) PredictValue(row []float64) float64 {
	checkRow(row, d.NumFeatures)
	v := d.Tree.leaf(row)
	if d.NumClasses > 0 {
		return argmax(v)
	}
	return v[0]
}
