package ml

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"time"
)

// Model is a fitted estimator with everything needed to use and judge it:
// the feature schema and encoding, test metrics, training reference
// statistics, provenance. ml.Save writes it; ml.Load reads it back.
type Model struct {
	Kind       string         // the estimator's registered kind, e.g. "logistic_regression"
	Schema     Schema         // features in, target and classes out
	Encoding   Encoding       // how features reach the estimator
	Estimator  any            // a Classifier or Regressor (see Schema.Task)
	Metrics    *Metrics       // from the last Evaluate; nil before
	Importance Importances    // from the last PermutationImportance
	GroupBy    string         // the column of the last EvaluateBy
	Groups     []GroupMetrics // its metrics per group
	Reference  []Reference    // training distribution per feature (drift)
	Created    time.Time
	Versions   Versions
	DataHash   string // Dataset.Hash of the training rows
	TrainRows  int
	Seed       uint64
	Problem    string // the notebook's problem card, as text
	enc        *encoder
}

// Versions records what produced a model.
type Versions struct {
	Format int    `json:"format"` // the model file format (FormatVersion)
	Cairn  string `json:"cairn"`
	Go     string `json:"go"`
}

// Version is Cairn's version as recorded in models; the build may set it
// with -ldflags "-X github.com/cairn-notebook/cairn/ml.Version=…".
var Version = ""

func currentVersions() Versions {
	v := Version
	if bi, ok := debug.ReadBuildInfo(); ok && v == "" {
		v = bi.Main.Version
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" {
				v = s.Value
			}
		}
	}
	if v == "" {
		v = "dev"
	}
	return Versions{Format: FormatVersion, Cairn: v, Go: runtime.Version()}
}

// Prediction is a model's answer for one row.
type Prediction struct {
	Label string    `json:"label,omitempty"` // classification: the most probable class
	Class int       `json:"class"`           // its index in Schema.Classes
	Proba []float64 `json:"proba,omitempty"` // probability per class, in Schema.Classes order
	Value float64   `json:"value"`           // regression: the predicted value
}

// Features returns the model's feature names in order.
func (m *Model) Features() []string {
	out := make([]string, len(m.Schema.Features))
	for i, f := range m.Schema.Features {
		out[i] = f.Name
	}
	return out
}

// EncodedNames returns the names of the estimator's input columns
// ("color=red" for one-hot columns).
func (m *Model) EncodedNames() []string { return m.enc.names() }

// predictEncoded predicts one encoded row.
func (m *Model) predictEncoded(x []float64) Prediction {
	if m.Schema.Task == Regression {
		return Prediction{Value: m.Estimator.(Regressor).PredictValue(x)}
	}
	p := Prediction{Proba: make([]float64, len(m.Schema.Classes))}
	m.Estimator.(Classifier).PredictProba(x, p.Proba)
	for c, v := range p.Proba {
		if v > p.Proba[p.Class] {
			p.Class = c
		}
	}
	p.Label = m.Schema.Classes[p.Class]
	return p
}

// Predict validates one row (feature name → value; nil = missing) and
// predicts it. Errors are *FieldError naming the offending feature.
func (m *Model) Predict(row map[string]any) (Prediction, error) {
	x := make([]float64, m.enc.width)
	if err := m.encodeRow(row, x); err != nil {
		return Prediction{}, err
	}
	return m.predictEncoded(x), nil
}

// PredictBatch predicts several rows; an invalid row fails the batch with
// an error naming the row and the feature.
func (m *Model) PredictBatch(rows []map[string]any) ([]Prediction, error) {
	out := make([]Prediction, len(rows))
	x := make([]float64, m.enc.width)
	for i, r := range rows {
		if err := m.encodeRow(r, x); err != nil {
			return nil, fmt.Errorf("row %d: %w", i, err)
		}
		out[i] = m.predictEncoded(x)
	}
	return out, nil
}

// PredictDataset predicts every row of a dataset with the model's features.
func (m *Model) PredictDataset(d *Dataset) ([]Prediction, error) {
	X, err := m.enc.matrix(d)
	if err != nil {
		return nil, err
	}
	return m.predictMatrix(X, d.Len()), nil
}

// predictMatrix predicts the n rows of an encoded column-major matrix.
func (m *Model) predictMatrix(X [][]float64, n int) []Prediction {
	out := make([]Prediction, n)
	x := make([]float64, len(X))
	for i := range out {
		for j, col := range X {
			x[j] = col[i]
		}
		out[i] = m.predictEncoded(x)
	}
	return out
}

// String is a one-line summary.
func (m *Model) String() string {
	s := fmt.Sprintf("%s model (%s of %q from %d features, %d training rows)",
		m.Kind, m.Schema.Task, m.Schema.Target, len(m.Schema.Features), m.TrainRows)
	if m.Metrics != nil {
		s += "; " + m.Metrics.String()
	}
	return s
}
