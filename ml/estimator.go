package ml

import (
	"context"
	"fmt"
	"sort"
	"sync"
)

// Classifier: a fitted classification estimator.
type Classifier interface {
	Classes() int
	PredictProba(row []float64, out []float64) // len(out) == Classes(); row is one encoded row
}

// Regressor: a fitted regression estimator.
type Regressor interface {
	PredictValue(row []float64) float64
}

// FitOptions: what every Fit takes besides its own settings.
type FitOptions struct {
	Ctx      context.Context       // nil = Background; cancelled → Fit returns ctx.Err() promptly
	Seed     uint64                // all randomness from here (math/rand/v2 PCG)
	Workers  int                   // 0 = GOMAXPROCS; results identical for any value
	Progress func(done, total int) // may be nil; from one goroutine, ≤ ~10/s; total 0 = unknown
}

var (
	kindsMu sync.RWMutex
	kinds   = map[string]func() any{}
)

// RegisterKind makes a fitted estimator type loadable by ml.Load under a
// stable name (stored in the model file). newFn returns a pointer to a zero
// value that encoding/json can fill. Registering a name twice panics: two
// packages claiming one name would make saved files ambiguous.
func RegisterKind(name string, newFn func() any) {
	kindsMu.Lock()
	defer kindsMu.Unlock()
	if _, dup := kinds[name]; dup {
		panic(fmt.Sprintf("ml: estimator kind %q registered twice", name))
	}
	kinds[name] = newFn
}

// newKind returns a fresh value of a registered kind.
func newKind(name string) (any, bool) {
	kindsMu.RLock()
	defer kindsMu.RUnlock()
	f, ok := kinds[name]
	if !ok {
		return nil, false
	}
	return f(), true
}

// Kinds lists the registered estimator kinds, sorted.
func Kinds() []string {
	kindsMu.RLock()
	defer kindsMu.RUnlock()
	out := make([]string, 0, len(kinds))
	for k := range kinds {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Sized is optionally implemented by fitted estimators that know how many
// encoded inputs a row has; Fit and Load check it against the schema, so a
// mismatched model file is refused instead of failing at prediction.
// Inputs returns −1 when the estimator's own fields are inconsistent.
type Sized interface {
	Inputs() int
}
