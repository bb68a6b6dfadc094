package frame

import (
	"github.com/cairn-notebook/cairn/ml"
)

// Dataset makes an ml.Dataset of the frame: target and features by name (every other
// column when none are given). Columns are shared, not copied; times become seconds since
// 1970 (a number). Feature kinds and the task follow ml.NewDataset's rules.
func (f *Frame) Dataset(target string, features ...string) (*ml.Dataset, error) {
	cols := make([]ml.Column, 0, len(f.cols))
	for _, c := range f.cols {
		cols = append(cols, c.ml())
	}
	return ml.NewDataset(cols, target, features...)
}

// ml returns the column as an ml.Column over the same slices.
func (c *Column) ml() ml.Column {
	mc := ml.Column{Name: c.name, Null: c.null}
	switch c.typ {
	case Float64:
		mc.Float = c.floats
	case Int64:
		mc.Int = c.ints
	case Bool:
		mc.Bool = c.bools
	case Time:
		mc.Float = make([]float64, len(c.times))
		for i, t := range c.times {
			mc.Float[i] = float64(t.UnixNano()) / 1e9
		}
	default:
		mc.Str = c.strs
	}
	return mc
}
