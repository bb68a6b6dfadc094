package golearnx

import (
	"fmt"
	"math"
	"os"

	"github.com/cairn-notebook/cairn/ml"
	"github.com/sjwhitworth/golearn/base"
)

// Classifier is an ml.Spec as a golearn base.Classifier: Fit trains a Cairn
// model on golearn instances, Predict labels them. Save and Load use Cairn's
// model file format (docs/model-format.md).
type Classifier struct {
	Spec    ml.Spec
	Options ml.FitOptions
	Model   *ml.Model // after Fit or Load
}

var _ base.Classifier = (*Classifier)(nil)

// Fit trains on the instances (the class attribute is the target).
func (c *Classifier) Fit(g base.FixedDataGrid) error {
	ds, err := Dataset(g)
	if err != nil {
		return err
	}
	m, err := ml.Fit(ds, c.Spec, c.Options)
	if err != nil {
		return err
	}
	c.Model = m
	return nil
}

// Predict returns golearn's prediction vector: the class attribute per row.
func (c *Classifier) Predict(g base.FixedDataGrid) (base.FixedDataGrid, error) {
	if c.Model == nil {
		return nil, fmt.Errorf("golearnx: Predict before Fit or Load")
	}
	cols, _, err := Columns(g)
	if err != nil {
		return nil, err
	}
	byName := map[string]ml.Column{}
	for _, col := range cols {
		byName[col.Name] = col
	}
	feats := c.Model.Features()
	for _, f := range feats {
		if _, ok := byName[f]; !ok {
			return nil, fmt.Errorf("golearnx: the instances have no attribute %q that the model needs", f)
		}
	}
	out := base.GeneratePredictionVector(g)
	_, n := g.Size()
	row := map[string]any{}
	for i := range n {
		for _, f := range feats {
			switch col := byName[f]; {
			case col.Float != nil && math.IsNaN(col.Float[i]):
				row[f] = nil
			case col.Float != nil:
				row[f] = col.Float[i]
			default:
				row[f] = col.Str[i]
			}
		}
		p, err := c.Model.Predict(row)
		if err != nil {
			return nil, fmt.Errorf("golearnx: row %d: %w", i, err)
		}
		base.SetClass(out, i, p.Label)
	}
	return out, nil
}

// String describes the classifier.
func (c *Classifier) String() string {
	if c.Model != nil {
		return c.Model.String()
	}
	return fmt.Sprintf("cairn classifier %T (not fitted)", c.Spec)
}

// Save writes the fitted model to path in Cairn's model format.
func (c *Classifier) Save(path string) error {
	if c.Model == nil {
		return fmt.Errorf("golearnx: Save before Fit")
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := ml.Save(f, c.Model); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// Load reads a model saved by Save (or ml.Save).
func (c *Classifier) Load(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	m, err := ml.Load(f)
	if err != nil {
		return err
	}
	c.Model = m
	return nil
}

// GetMetadata names the classifier for golearn's serialiser.
func (c *Classifier) GetMetadata() base.ClassifierMetadataV1 {
	kind := ""
	if c.Model != nil {
		kind = c.Model.Kind
	}
	return base.ClassifierMetadataV1{FormatVersion: 1, ClassifierName: "cairn", ClassifierVersion: "1",
		ClassifierMetadata: map[string]any{"kind": kind}}
}

// SaveWithPrefix is not supported: golearn ensembles of Cairn models would
// not be readable by Cairn; use Save.
func (c *Classifier) SaveWithPrefix(*base.ClassifierSerializer, string) error {
	return fmt.Errorf("golearnx: saving inside a golearn archive is not supported; use Save")
}

// LoadWithPrefix is not supported; use Load.
func (c *Classifier) LoadWithPrefix(*base.ClassifierDeserializer, string) error {
	return fmt.Errorf("golearnx: loading from a golearn archive is not supported; use Load")
}
