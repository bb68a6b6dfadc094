package ml

import (
	"encoding/json"
	"fmt"
	"math"
)

// Metrics are a model's scores on a set of rows. Classification fills
// Accuracy through Confusion, regression RMSE, MAE and R2. AUC or R2 is NaN
// when undefined (one class present; constant target).
type Metrics struct {
	Task      Task         `json:"task"`
	Rows      int          `json:"rows"`
	Accuracy  float64      `json:"accuracy"`
	LogLoss   float64      `json:"log_loss"`
	AUC       float64      `json:"auc"`
	Report    *ClassReport `json:"report,omitempty"`
	Confusion [][]int      `json:"confusion,omitempty"` // [true class][predicted class]
	RMSE      float64      `json:"rmse"`
	MAE       float64      `json:"mae"`
	R2        float64      `json:"r2"`
}

func score(d *Dataset, preds []Prediction) *Metrics {
	m := &Metrics{Task: d.task, Rows: d.Len()}
	if d.task == Regression {
		y, p := d.Y(), make([]float64, len(preds))
		for i, pr := range preds {
			p[i] = pr.Value
		}
		m.RMSE, m.MAE, m.R2 = RMSE(y, p), MAE(y, p), R2(y, p)
		return m
	}
	y, cls, proba := d.YClass(), make([]int, len(preds)), make([][]float64, len(preds))
	for i, pr := range preds {
		cls[i], proba[i] = pr.Class, pr.Proba
	}
	k := len(d.classes)
	r := Report(y, cls, k)
	m.Accuracy, m.LogLoss, m.AUC = Accuracy(y, cls), LogLoss(y, proba), ROCAUC(y, proba)
	m.Report, m.Confusion = &r, ConfusionMatrix(y, cls, k)
	return m
}

// String is a one-line summary.
func (m *Metrics) String() string {
	if m.Task == Regression {
		return fmt.Sprintf("RMSE %.4g, MAE %.4g, R² %.4f on %d rows", m.RMSE, m.MAE, m.R2, m.Rows)
	}
	return fmt.Sprintf("accuracy %.4f, macro F1 %.4f, ROC AUC %.4f, log loss %.4f on %d rows",
		m.Accuracy, m.Report.Macro.F1, m.AUC, m.LogLoss, m.Rows)
}

// metricsJSON stores only the task's scores; NaN (JSON has none) is null.
type metricsJSON struct {
	Task      Task         `json:"task"`
	Rows      int          `json:"rows"`
	Accuracy  *float64     `json:"accuracy,omitempty"`
	LogLoss   *float64     `json:"log_loss,omitempty"`
	AUC       *float64     `json:"auc,omitempty"`
	Report    *ClassReport `json:"report,omitempty"`
	Confusion [][]int      `json:"confusion,omitempty"`
	RMSE      *float64     `json:"rmse,omitempty"`
	MAE       *float64     `json:"mae,omitempty"`
	R2        *float64     `json:"r2,omitempty"`
}

func finite(v float64) *float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return &v
}

func orNaN(p *float64) float64 {
	if p == nil {
		return math.NaN()
	}
	return *p
}

// MarshalJSON implements json.Marshaler.
func (m Metrics) MarshalJSON() ([]byte, error) {
	j := metricsJSON{Task: m.Task, Rows: m.Rows}
	if m.Task == Regression {
		j.RMSE, j.MAE, j.R2 = finite(m.RMSE), finite(m.MAE), finite(m.R2)
	} else {
		j.Accuracy, j.LogLoss, j.AUC = finite(m.Accuracy), finite(m.LogLoss), finite(m.AUC)
		j.Report, j.Confusion = m.Report, m.Confusion
	}
	return json.Marshal(j)
}

// UnmarshalJSON implements json.Unmarshaler.
func (m *Metrics) UnmarshalJSON(b []byte) error {
	var j metricsJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*m = Metrics{Task: j.Task, Rows: j.Rows, Report: j.Report, Confusion: j.Confusion}
	if j.Task == Regression {
		m.RMSE, m.MAE, m.R2 = orNaN(j.RMSE), orNaN(j.MAE), orNaN(j.R2)
	} else {
		m.Accuracy, m.LogLoss, m.AUC = orNaN(j.Accuracy), orNaN(j.LogLoss), orNaN(j.AUC)
	}
	return nil
}
