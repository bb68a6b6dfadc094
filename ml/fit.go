package ml

import (
	"fmt"
	"reflect"
	"slices"
	"time"
)

// Spec is an estimator's configuration as ml.Fit uses it: the encoding its
// features need and a fit on encoded data (classes = number of classes, 0
// for regression). It returns a fitted value of a kind registered with
// RegisterKind that implements Classifier or Regressor. linear.Logistic,
// linear.Linear and ml/tree's configs are Specs.
type Spec interface {
	Encoding() Encoding
	Fit(X [][]float64, y []float64, classes int, opt FitOptions) (any, error)
}

// Fit learns the schema and encoding from d, fits spec on it and returns the
// model with its reference statistics and provenance. Evaluate it on held-out
// rows to fill Metrics:
//
//	train, test, _ := ds.Split(0.2, 1)
//	m, err := ml.Fit(train, linear.Logistic{}, ml.FitOptions{Seed: 1})
//	met, err := m.Evaluate(test)
func Fit(d *Dataset, spec Spec, opt FitOptions) (*Model, error) {
	if d == nil {
		return nil, fmt.Errorf("ml: Fit: the dataset is nil (check the error of the call that made it)")
	}
	if spec == nil {
		return nil, fmt.Errorf("ml: Fit: the spec is nil (linear.Logistic{}, tree.ForestConfig{}, ...)")
	}
	if d.Len() == 0 {
		return nil, fmt.Errorf("ml: the dataset has no rows")
	}
	s := learnSchema(d)
	enc, err := newEncoder(s, spec.Encoding())
	if err != nil {
		return nil, err
	}
	X, err := enc.matrix(d)
	if err != nil {
		return nil, err
	}
	opt, finish := opt.withDefaults(spec)
	est, err := spec.Fit(X, d.Y(), len(d.classes), opt)
	finish()
	if err != nil {
		return nil, err
	}
	m := &Model{Schema: s, Encoding: enc.enc, Estimator: est, enc: enc,
		Reference: reference(d, enc), Created: time.Now().UTC().Truncate(time.Second),
		Versions: currentVersions(), DataHash: d.Hash(), TrainRows: d.Len(), Seed: opt.Seed}
	if m.Kind, err = kindOf(est); err != nil {
		return nil, err
	}
	if err := m.checkEstimator(); err != nil {
		return nil, err
	}
	return m, nil
}

// kindOf finds the registered kind whose values have est's type.
func kindOf(est any) (string, error) {
	t := reflect.TypeOf(est)
	kindsMu.RLock()
	defer kindsMu.RUnlock()
	for name, f := range kinds {
		if reflect.TypeOf(f()) == t {
			return name, nil
		}
	}
	return "", fmt.Errorf("ml: estimator type %v is not registered (ml.RegisterKind), so it could not be saved", t)
}

// checkEstimator verifies that the estimator can answer the model's task
// and, if it is Sized, that it takes the encoded row.
func (m *Model) checkEstimator() error {
	if s, ok := m.Estimator.(Sized); ok && s.Inputs() != m.enc.width {
		return fmt.Errorf("ml: the %s estimator takes %d inputs, the schema encodes %d", m.Kind, s.Inputs(), m.enc.width)
	}
	if m.Schema.Task == Regression {
		if _, ok := m.Estimator.(Regressor); !ok {
			return fmt.Errorf("ml: %s estimator cannot predict values for regression", m.Kind)
		}
		return nil
	}
	c, ok := m.Estimator.(Classifier)
	if !ok {
		return fmt.Errorf("ml: %s estimator cannot predict classes", m.Kind)
	}
	if c.Classes() != len(m.Schema.Classes) {
		return fmt.Errorf("ml: %s estimator has %d classes, the schema %d", m.Kind, c.Classes(), len(m.Schema.Classes))
	}
	return nil
}

// Evaluate scores the model on d (rows it was not trained on) and keeps the
// result in m.Metrics for the model card.
func (m *Model) Evaluate(d *Dataset) (*Metrics, error) {
	if err := m.sameTarget(d); err != nil {
		return nil, err
	}
	preds, err := m.PredictDataset(d)
	if err != nil {
		return nil, err
	}
	met := score(d, preds)
	m.Metrics = met
	return met, nil
}

// Train is the one-line form: it holds out testFrac of d (stratified, by
// seed), fits spec on the rest with that seed and evaluates on the held-out
// rows, so the model card shows test metrics.
func Train(d *Dataset, spec Spec, testFrac float64, seed uint64) (*Model, error) {
	train, test, err := d.Split(testFrac, seed)
	if err != nil {
		return nil, err
	}
	m, err := Fit(train, spec, FitOptions{Seed: seed})
	if err != nil {
		return nil, err
	}
	if _, err := m.Evaluate(test); err != nil {
		return nil, err
	}
	return m, nil
}

// sameTarget checks that d's target is the model's, with the same classes.
func (m *Model) sameTarget(d *Dataset) error {
	if d.task != m.Schema.Task || d.target.Name != m.Schema.Target {
		return fmt.Errorf("ml: the data's target %q (%s) is not the model's %q (%s)", d.target.Name, d.task, m.Schema.Target, m.Schema.Task)
	}
	if d.task == Classification && !slices.Equal(d.classes, m.Schema.Classes) {
		return fmt.Errorf("ml: the data's classes %v differ from the model's %v", d.classes, m.Schema.Classes)
	}
	return nil
}

// CrossValidate fits spec on each of k stratified folds and scores it on
// the held-out fold.
func CrossValidate(d *Dataset, spec Spec, k int, opt FitOptions) ([]*Metrics, error) {
	folds, err := d.KFold(k, opt.Seed)
	if err != nil {
		return nil, err
	}
	out := make([]*Metrics, k)
	for i, f := range folds {
		m, err := Fit(f.Train, spec, opt)
		if err != nil {
			return nil, fmt.Errorf("fold %d: %w", i+1, err)
		}
		if out[i], err = m.Evaluate(f.Test); err != nil {
			return nil, fmt.Errorf("fold %d: %w", i+1, err)
		}
	}
	return out, nil
}
