package tree

import "github.com/cairn-notebook/cairn/ml"

// The kinds ml.Load rebuilds from a saved model.
func init() {
	ml.RegisterKind("decision_tree", func() any { return new(DecisionTree) })
	ml.RegisterKind("random_forest", func() any { return new(Forest) })
	ml.RegisterKind("gradient_boosting", func() any { return new(GBT) })
}

// The interfaces each fitted model satisfies.
var (
	_ ml.Classifier = (*DecisionTree)(nil)
	_ ml.Regressor  = (*DecisionTree)(nil)
	_ ml.Classifier = (*Forest)(nil)
	_ ml.Regressor  = (*Forest)(nil)
	_ ml.Classifier = (*GBT)(nil)
	_ ml.Regressor  = (*GBT)(nil)
)
