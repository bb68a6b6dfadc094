package tree

import "github.com/cairn-notebook/cairn/ml"

// The configs are ml.Specs: trees take categorical features as integer codes, and ml.Fit
// supplies the number of classes (0 for regression) from the data.

// Encoding: trees take categories as codes 0..k-1.
func (TreeConfig) Encoding() ml.Encoding { return ml.Codes }

// Fit implements ml.Spec.
func (c TreeConfig) Fit(X [][]float64, y []float64, classes int, opt ml.FitOptions) (any, error) {
	c.Classes = classes
	return FitTree(X, y, c, opt)
}

// Encoding: trees take categories as codes 0..k-1.
func (ForestConfig) Encoding() ml.Encoding { return ml.Codes }

// Fit implements ml.Spec.
func (c ForestConfig) Fit(X [][]float64, y []float64, classes int, opt ml.FitOptions) (any, error) {
	c.Classes = classes
	return FitForest(X, y, c, opt)
}

// Encoding: trees take categories as codes 0..k-1.
func (GBTConfig) Encoding() ml.Encoding { return ml.Codes }

// Fit implements ml.Spec.
func (c GBTConfig) Fit(X [][]float64, y []float64, classes int, opt ml.FitOptions) (any, error) {
	c.Classes = classes
	return FitGBT(X, y, c, opt)
}

var (
	_ ml.Spec = TreeConfig{}
	_ ml.Spec = ForestConfig{}
	_ ml.Spec = GBTConfig{}
)
