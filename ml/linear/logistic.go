// Package linear fits linear models on encoded features: multiclass logistic
// regression (softmax; sigmoid for two classes) and linear/ridge regression.
// Inputs are column-major (X[j][i] is feature j of row i) without NaN: ml's
// one-hot encoding imputes missing values before they get here.
package linear

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/cairn-notebook/cairn/ml"
	"gonum.org/v1/gonum/optimize"

	"github.com/cairn-notebook/cairn/ml/internal/prob"
)

func init() {
	ml.RegisterKind("logistic_regression", func() any { return new(LogisticModel) })
}

// Logistic configures a logistic regression: minimise the summed log loss
// plus ‖w‖²/(2C) (the intercept is not penalised), as scikit-learn's
// LogisticRegression does with its default lbfgs solver.
type Logistic struct {
	Classes int     // K ≥ 2; ml.Fit sets it from the data
	C       float64 // inverse regularisation strength; 0 means 1.0
	MaxIter int     // L-BFGS iterations; 0 means 1000
	Tol     float64 // stop when the mean-loss gradient's max-norm is below; 0 means 1e-8
}

// LogisticModel is a fitted logistic regression on the original feature
// scale. Binary models have one coefficient row (class 1 against class 0),
// multiclass models one row per class.
type LogisticModel struct {
	K          int       `json:"classes"`
	P          int       `json:"features"`
	Coef       []float64 `json:"coef"` // row-major, rows × P
	Intercept  []float64 `json:"intercept"`
	Iterations int       `json:"iterations"`
	Converged  bool      `json:"converged"`
}

// Encoding: linear models take one-hot encoded features.
func (Logistic) Encoding() ml.Encoding { return ml.OneHot }

// Fit implements ml.Spec.
func (c Logistic) Fit(X [][]float64, y []float64, classes int, opt ml.FitOptions) (any, error) {
	if classes == 0 {
		return nil, fmt.Errorf("linear: logistic regression predicts classes; the target is numeric (use linear.Linear or ml.Dataset.SetKind(target, ml.Categorical))")
	}
	c.Classes = classes
	return FitLogistic(X, y, c, opt)
}

// FitLogistic fits a logistic regression with L-BFGS to convergence. The
// features are standardised internally (with the penalty kept on the
// original scale, so the optimum is unchanged) and the result is mapped back.
func FitLogistic(X [][]float64, y []float64, cfg Logistic, opt ml.FitOptions) (*LogisticModel, error) {
	if cfg.Classes < 2 {
		return nil, fmt.Errorf("linear: logistic regression needs Classes ≥ 2, got %d", cfg.Classes)
	}
	if cfg.C == 0 {
		cfg.C = 1
	}
	if cfg.C < 0 || math.IsNaN(cfg.C) {
		return nil, fmt.Errorf("linear: C must be positive, got %v", cfg.C)
	}
	if cfg.MaxIter == 0 {
		cfg.MaxIter = 1000
	}
	if cfg.Tol == 0 {
		cfg.Tol = 1e-8
	}
	d, err := newDesign(X, y, cfg.Classes, opt.Workers)
	if err != nil {
		return nil, err
	}
	ctx := opt.Ctx
	if ctx == nil {
		ctx = context.Background()
	}
	obj := &objective{d: d, penalty: 1 / (cfg.C * float64(d.n))}
	dim := d.rows * (d.p + 1)
	problem := optimize.Problem{
		Func: obj.value,
		Grad: obj.gradient,
		Status: func() (optimize.Status, error) {
			if err := ctx.Err(); err != nil {
				return optimize.Failure, err
			}
			return optimize.NotTerminated, nil
		},
	}
	conv := &progressConverge{inner: &optimize.FunctionConverge{Absolute: 1e-14, Relative: 1e-14, Iterations: 50},
		progress: opt.Progress} // total 0: a count; L-BFGS stops long before MaxIter
	res, err := optimize.Minimize(problem, make([]float64, dim), &optimize.Settings{
		GradientThreshold: cfg.Tol, MajorIterations: cfg.MaxIter, Converger: conv,
	}, &optimize.LBFGS{})
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if res == nil {
		return nil, fmt.Errorf("linear: logistic regression did not fit: %v", err)
	}
	m := &LogisticModel{K: cfg.Classes, P: d.p, Iterations: res.Stats.MajorIterations,
		Converged: res.Status == optimize.GradientThreshold || res.Status == optimize.FunctionConvergence}
	m.Coef, m.Intercept = d.unscale(res.X)
	return m, nil
}

// Inputs implements ml.Sized: the number of features, −1 if the
// coefficients do not have the shape K and P call for.
func (m *LogisticModel) Inputs() int {
	rows := m.K
	if m.K == 2 {
		rows = 1
	}
	if m.K < 2 || len(m.Intercept) != rows || len(m.Coef) != rows*m.P {
		return -1
	}
	return m.P
}

// Classes returns the number of classes.
func (m *LogisticModel) Classes() int { return m.K }

// PredictProba writes the class probabilities of one encoded row into out.
func (m *LogisticModel) PredictProba(row, out []float64) {
	rows := len(m.Intercept)
	for r := range rows {
		z := m.Intercept[r]
		for j, w := range m.Coef[r*m.P : (r+1)*m.P] {
			z += w * row[j]
		}
		out[r] = z
	}
	if rows == 1 {
		p := prob.Sigmoid(out[0])
		out[0], out[1] = 1-p, p
		return
	}
	prob.Softmax(out)
}

// progressConverge reports iterations to opt.Progress at most 10 times a second.
type progressConverge struct {
	inner    optimize.Converger
	progress func(done, total int)
	total, n int
	last     time.Time
}

func (c *progressConverge) Init(dim int) { c.inner.Init(dim) }

func (c *progressConverge) Converged(loc *optimize.Location) optimize.Status {
	c.n++
	if c.progress != nil && time.Since(c.last) > 100*time.Millisecond {
		c.last = time.Now()
		c.progress(c.n, c.total)
	}
	return c.inner.Converged(loc)
}
