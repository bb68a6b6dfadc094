package ml

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
)

// Importance is a feature's permutation importance: how much the model's
// score (accuracy, or R² for regression) drops when that feature's values
// are shuffled across rows, averaged over repeats.
type Importance struct {
	Feature string  `json:"feature"`
	Mean    float64 `json:"mean"`
	Std     float64 `json:"std"`
}

// Importances are sorted by decreasing mean.
type Importances []Importance

// String renders the importances as a text table.
func (im Importances) String() string {
	var b strings.Builder
	for _, i := range im {
		fmt.Fprintf(&b, "%-24s %8.4f ± %.4f\n", i.Feature, i.Mean, i.Std)
	}
	return b.String()
}

// PermutationImportance measures each feature's importance on d (held-out
// rows) with repeats shuffles per feature (0 means 5), all from seed. The
// result is also kept in m.Importance for the model card.
func (m *Model) PermutationImportance(d *Dataset, repeats int, seed uint64) (Importances, error) {
	if repeats <= 0 {
		repeats = 5
	}
	if err := m.sameTarget(d); err != nil {
		return nil, err
	}
	X, err := m.enc.matrix(d)
	if err != nil {
		return nil, err
	}
	n := d.Len()
	base := primary(d, m.predictMatrix(X, n))
	out := make(Importances, len(m.Schema.Features))
	for j, f := range m.Schema.Features {
		lo, hi := m.enc.span(j)
		rng := rand.New(rand.NewPCG(seed, uint64(j)))
		Xp := slices.Clone(X)
		for c := lo; c < hi; c++ {
			Xp[c] = make([]float64, n)
		}
		drops := make([]float64, repeats)
		for r := range drops {
			perm := rng.Perm(n)
			for c := lo; c < hi; c++ { // a feature's one-hot columns move together
				for i, p := range perm {
					Xp[c][i] = X[c][p]
				}
			}
			drops[r] = base - primary(d, m.predictMatrix(Xp, n))
		}
		mean, sd := meanStd(drops)
		out[j] = Importance{Feature: f.Name, Mean: mean, Std: sd}
	}
	slices.SortStableFunc(out, func(a, b Importance) int { return cmp.Compare(b.Mean, a.Mean) })
	m.Importance = out
	return out, nil
}

// primary is the model's headline score: accuracy, or R² for regression.
func primary(d *Dataset, preds []Prediction) float64 {
	if d.task == Regression {
		p := make([]float64, len(preds))
		for i, pr := range preds {
			p[i] = pr.Value
		}
		return R2(d.Y(), p)
	}
	cls := make([]int, len(preds))
	for i, pr := range preds {
		cls[i] = pr.Class
	}
	return Accuracy(d.YClass(), cls)
}

func meanStd(v []float64) (float64, float64) {
	m, s := 0.0, 0.0
	for _, x := range v {
		m += x / float64(len(v))
	}
	for _, x := range v {
		s += (x - m) * (x - m) / float64(len(v))
	}
	return m, math.Sqrt(s)
}

// GroupMetrics are a model's scores on the rows of one group.
type GroupMetrics struct {
	Group   string   `json:"group"`
	Metrics *Metrics `json:"metrics"`
}

// EvaluateBy scores the model on d separately for each value of group (a
// bias check), groups in label order, missing values as "(missing)". group
// is a column over the same rows as the columns d was made from, e.g.
// d.Column("plan") or a column that is not a feature. The result is also
// kept in m.GroupBy and m.Groups for the model card.
func (m *Model) EvaluateBy(d *Dataset, group Column) ([]GroupMetrics, error) {
	if err := group.check(); err != nil {
		return nil, err
	}
	if group.Len() != d.target.Len() {
		return nil, fmt.Errorf("ml: group column %q has %d rows, the dataset's columns %d", group.Name, group.Len(), d.target.Len())
	}
	if err := m.sameTarget(d); err != nil {
		return nil, err
	}
	preds, err := m.PredictDataset(d)
	if err != nil {
		return nil, err
	}
	rows := map[string][]int{}
	for i := range d.Len() {
		l := "(missing)"
		if r := d.row(i); !group.missing(r) {
			l = group.cat(r)
		}
		rows[l] = append(rows[l], i)
	}
	var out []GroupMetrics
	for l, idx := range rows {
		p := make([]Prediction, len(idx))
		for k, i := range idx {
			p[k] = preds[i]
		}
		out = append(out, GroupMetrics{Group: l, Metrics: score(d.view(idx), p)})
	}
	slices.SortFunc(out, func(a, b GroupMetrics) int { return cmp.Compare(a.Group, b.Group) })
	m.GroupBy, m.Groups = group.Name, out
	return out, nil
}

// Column returns the dataset's feature or target column of that name (the
// whole underlying column), or a Column without a name if there is none.
func (d *Dataset) Column(name string) Column {
	for _, c := range append([]Column{d.target}, d.feats...) {
		if c.Name == name {
			return c
		}
	}
	return Column{}
}
