package tree

import (
	"fmt"
	"github.com/cairn-notebook/cairn/ml/internal/par"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/cairn-notebook/cairn/ml"

	"github.com/cairn-notebook/cairn/ml/internal/prob"
)

// EarlyStop chooses when gradient boosting holds out a validation split and stops on it.
type EarlyStop int

const (
	EarlyStopAuto EarlyStop = iota // when there are more than 10,000 rows (scikit-learn's rule)
	EarlyStopOn
	EarlyStopOff
)

// GBTConfig sets histogram-based gradient boosting; zero values take the defaults of
// scikit-learn's HistGradientBoostingClassifier/Regressor.
type GBTConfig struct {
	Classes            int       // number of classes; 0 = regression (squared error)
	MaxIter            int       // boosting rounds; 0 = 100
	LearningRate       float64   // 0 = 0.1
	MaxLeafNodes       int       // leaves per tree; 0 = 31
	MaxDepth           int       // 0 = unlimited
	MinSamplesLeaf     int       // 0 = 20
	L2                 float64   // L2 regularisation of leaf values
	MaxBins            int       // quantile bins per feature, 2..255; 0 = 255
	EarlyStopping      EarlyStop // default: on above 10,000 rows
	ValidationFraction float64   // held out for early stopping; 0 = 0.1
	Patience           int       // rounds without improvement before stopping; 0 = 10
	Tol                float64   // improvement that counts; 0 = 1e-7
}

// GBT is a fitted gradient-boosted ensemble: raw score = Baseline + the sum of the trees of each
// output (one output for regression and binary, one per class for multiclass; round r's tree
// for output k is Trees[r*len(Baseline)+k]).
type GBT struct {
	NumClasses  int       `json:"classes"`
	NumFeatures int       `json:"features"`
	Baseline    []float64 `json:"baseline"`
	Trees       []Tree    `json:"trees"`
}

// Rounds is the number of boosting rounds kept (fewer than MaxIter after early stopping).
func (m *GBT) Rounds() int { return len(m.Trees) / len(m.Baseline) }

func (cfg GBTConfig) withDefaults() (GBTConfig, error) {
	if cfg.MaxIter < 0 || cfg.LearningRate < 0 || cfg.MaxLeafNodes < 0 || cfg.MaxDepth < 0 ||
		cfg.MinSamplesLeaf < 0 || cfg.L2 < 0 || cfg.Patience < 0 || cfg.Tol < 0 ||
		cfg.ValidationFraction < 0 || cfg.ValidationFraction >= 1 {
		return cfg, fmt.Errorf("tree: setting out of range in %+v", cfg)
	}
	if cfg.MaxBins == 1 || cfg.MaxBins < 0 || cfg.MaxBins > maxBins {
		return cfg, fmt.Errorf("tree: MaxBins is %d; want 2..%d", cfg.MaxBins, maxBins)
	}
	if cfg.MaxLeafNodes == 1 {
		return cfg, fmt.Errorf("tree: MaxLeafNodes is 1; want at least 2")
	}
	def := func(v *int, d int) {
		if *v == 0 {
			*v = d
		}
	}
	def(&cfg.MaxIter, 100)
	def(&cfg.MaxLeafNodes, 31)
	def(&cfg.MinSamplesLeaf, 20)
	def(&cfg.MaxBins, maxBins)
	def(&cfg.Patience, 10)
	if cfg.LearningRate == 0 {
		cfg.LearningRate = 0.1
	}
	if cfg.ValidationFraction == 0 {
		cfg.ValidationFraction = 0.1
	}
	if cfg.Tol == 0 {
		cfg.Tol = 1e-7
	}
	return cfg, nil
}

// FitGBT fits histogram-based gradient-boosted trees: logistic loss for two classes, softmax
// for more, squared error for regression. With early stopping, a stratified validation split
// drawn from opt.Seed is held out and training stops when its loss has not improved by Tol for
// Patience rounds.
func FitGBT(X [][]float64, y []float64, cfg GBTConfig, opt ml.FitOptions) (*GBT, error) {
	n, err := checkData(X, y, cfg.Classes)
	if err != nil {
		return nil, err
	}
	if cfg, err = cfg.withDefaults(); err != nil {
		return nil, err
	}
	o := resolve(opt)
	if err := o.ctx.Err(); err != nil {
		return nil, err
	}
	stop := cfg.EarlyStopping == EarlyStopOn || (cfg.EarlyStopping == EarlyStopAuto && n > 10000)
	Xt, yt, Xv, yv := X, y, [][]float64(nil), []float64(nil)
	if stop {
		tr, va := holdOut(y, cfg.Classes, cfg.ValidationFraction, rand.New(rand.NewPCG(o.seed, 0x5eed)))
		if len(tr) == 0 || len(va) == 0 {
			return nil, fmt.Errorf("tree: %d rows are too few for a validation split", n)
		}
		Xt, yt = gather(X, y, tr)
		Xv, yv = gather(X, y, va)
	}
	lf := newLoss(cfg.Classes)
	m := &GBT{NumClasses: cfg.Classes, NumFeatures: len(X), Baseline: lf.baseline(yt)}
	b := binData(Xt, cfg.MaxBins, o.workers)
	nt, K := len(yt), lf.outputs
	raw, grad, hess := make([]float64, K*nt), make([]float64, K*nt), make([]float64, K*nt)
	for k, v := range m.Baseline {
		fill(raw[k*nt:(k+1)*nt], v)
	}
	var rawV []float64
	var scores []float64
	if stop {
		rawV = make([]float64, K*len(yv))
		for k, v := range m.Baseline {
			fill(rawV[k*len(yv):(k+1)*len(yv)], v)
		}
		scores = append(scores, -lf.value(rawV, yv))
	}
	g := newHGrower(b, nt, hparams{maxLeaves: cfg.MaxLeafNodes, maxDepth: cfg.MaxDepth,
		minLeaf: cfg.MinSamplesLeaf, l2: cfg.L2, rate: cfg.LearningRate}, o.workers, o.ctx)
	progress := throttle(o.progress)
	for it := 0; it < cfg.MaxIter; it++ {
		if err := o.ctx.Err(); err != nil {
			return nil, err
		}
		par.Each(nt, o.workers, func(_, lo, hi int) { lf.gradients(raw, yt, grad, hess, nt, lo, hi) })
		for k := range K {
			t, err := g.grow(grad[k*nt:(k+1)*nt], hess[k*nt:(k+1)*nt])
			if err != nil {
				return nil, err
			}
			rk := raw[k*nt : (k+1)*nt]
			for _, l := range g.leaves {
				v := t.Value[t.Left[l.id]]
				for _, r := range g.rows[l.lo:l.hi] {
					rk[r] += v
				}
			}
			if stop {
				addTree(t, Xv, rawV[k*len(yv):(k+1)*len(yv)])
			}
			m.Trees = append(m.Trees, *t)
		}
		progress(it+1, cfg.MaxIter)
		if stop {
			scores = append(scores, -lf.value(rawV, yv))
			if shouldStop(scores, cfg.Patience, cfg.Tol) {
				break
			}
		}
	}
	progress(cfg.MaxIter, cfg.MaxIter)
	return m, nil
}

// shouldStop is scikit-learn's rule: none of the last patience scores beat the one before them
// by more than tol.
func shouldStop(scores []float64, patience int, tol float64) bool {
	if len(scores) < patience+1 {
		return false
	}
	ref := scores[len(scores)-patience-1] + tol
	for _, s := range scores[len(scores)-patience:] {
		if s > ref {
			return false
		}
	}
	return true
}

// holdOut splits row indices into training and validation, stratified by class for
// classification; both come back in row order.
func holdOut(y []float64, classes int, frac float64, rng *rand.Rand) (train, val []int) {
	groups := map[int][]int{}
	for i, v := range y {
		k := 0
		if classes > 0 {
			k = int(v)
		}
		groups[k] = append(groups[k], i)
	}
	for k := range max(classes, 1) {
		idx := groups[k]
		rng.Shuffle(len(idx), func(a, b int) { idx[a], idx[b] = idx[b], idx[a] })
		nv := int(math.Round(frac * float64(len(idx))))
		val = append(val, idx[:nv]...)
		train = append(train, idx[nv:]...)
	}
	slices.Sort(train)
	slices.Sort(val)
	return train, val
}

// gather copies the chosen rows of column-major X and of y.
func gather(X [][]float64, y []float64, rows []int) ([][]float64, []float64) {
	Xs := make([][]float64, len(X))
	for j, col := range X {
		Xs[j] = make([]float64, len(rows))
		for i, r := range rows {
			Xs[j][i] = col[r]
		}
	}
	ys := make([]float64, len(rows))
	for i, r := range rows {
		ys[i] = y[r]
	}
	return Xs, ys
}

// addTree adds t's prediction for every row of column-major X to raw.
func addTree(t *Tree, X [][]float64, raw []float64) {
	row := make([]float64, len(X))
	for i := range raw {
		for j := range X {
			row[j] = X[j][i]
		}
		raw[i] += t.leaf(row)[0]
	}
}

func fill(s []float64, v float64) {
	for i := range s {
		s[i] = v
	}
}

// Classes is the number of classes; 0 for regression.
func (m *GBT) Classes() int { return m.NumClasses }

// raw writes the raw scores of row into out (one per output).
func (m *GBT) raw(row, out []float64) {
	copy(out, m.Baseline)
	K := len(m.Baseline)
	for i := range m.Trees {
		out[i%K] += m.Trees[i].leaf(row)[0]
	}
}

// PredictProba writes the class probabilities of row into out.
func (m *GBT) PredictProba(row, out []float64) {
	checkOut(out, m.NumClasses)
	checkRow(row, m.NumFeatures)
	if m.NumClasses == 2 {
		var r [1]float64
		m.raw(row, r[:])
		out[1] = prob.Sigmoid(r[0])
		out[0] = 1 - out[1]
		return
	}
	m.raw(row, out)
	prob.Softmax(out)
}

// PredictValue is the prediction (regression) or the most probable class.
func (m *GBT) PredictValue(row []float64) float64 {
	checkRow(row, m.NumFeatures)
	if m.NumClasses > 0 {
		p := make([]float64, m.NumClasses)
		m.PredictProba(row, p)
		return argmax(p)
	}
	var r [1]float64
	m.raw(row, r[:])
	return r[0]
}
