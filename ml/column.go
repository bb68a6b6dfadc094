package ml

import (
	"fmt"
	"math"
	"strconv"
)

// Column is a named column of values for a Dataset. Exactly one of Float,
// Int, Str, Bool holds the values; Null (nil = none) marks missing rows, whose
// value slots are ignored. The slices are used as given, not copied, so a
// frame's column converts without copying its data.
type Column struct {
	Name  string
	Float []float64
	Int   []int64
	Str   []string
	Bool  []bool
	Null  []bool
}

// Floats, Ints, Strings and Bools make a column without nulls.
func Floats(name string, v []float64) Column { return Column{Name: name, Float: v} }

// Ints makes an int64 column without nulls.
func Ints(name string, v []int64) Column { return Column{Name: name, Int: v} }

// Strings makes a string column without nulls.
func Strings(name string, v []string) Column { return Column{Name: name, Str: v} }

// Bools makes a bool column without nulls.
func Bools(name string, v []bool) Column { return Column{Name: name, Bool: v} }

// WithNull returns the column with a null mask (true = missing).
func (c Column) WithNull(null []bool) Column { c.Null = null; return c }

// ValueType names the Go type of a column's values.
type ValueType string

// The value types of a Column.
const (
	TypeFloat  ValueType = "float"
	TypeInt    ValueType = "int"
	TypeString ValueType = "string"
	TypeBool   ValueType = "bool"
)

// Type tells which slice holds the values ("" if none or several do).
func (c Column) Type() ValueType {
	t, n := ValueType(""), 0
	if c.Float != nil {
		t, n = TypeFloat, n+1
	}
	if c.Int != nil {
		t, n = TypeInt, n+1
	}
	if c.Str != nil {
		t, n = TypeString, n+1
	}
	if c.Bool != nil {
		t, n = TypeBool, n+1
	}
	if n != 1 {
		return ""
	}
	return t
}

// Len returns the number of rows.
func (c Column) Len() int {
	return max(len(c.Float), len(c.Int), len(c.Str), len(c.Bool))
}

// check reports a malformed column.
func (c Column) check() error {
	if c.Name == "" {
		return fmt.Errorf("ml: a column has no name")
	}
	if c.Type() == "" {
		return fmt.Errorf("ml: column %q must set exactly one of Float, Int, Str, Bool", c.Name)
	}
	if c.Null != nil && len(c.Null) != c.Len() {
		return fmt.Errorf("ml: column %q has %d values but %d null flags", c.Name, c.Len(), len(c.Null))
	}
	return nil
}

// missing reports whether row i is missing (null, or a NaN float).
func (c Column) missing(i int) bool {
	if c.Null != nil && c.Null[i] {
		return true
	}
	return c.Float != nil && math.IsNaN(c.Float[i])
}

// num returns row i as a number (ints and bools convert; strings are NaN).
func (c Column) num(i int) float64 {
	switch {
	case c.missing(i):
		return math.NaN()
	case c.Float != nil:
		return c.Float[i]
	case c.Int != nil:
		return float64(c.Int[i])
	case c.Bool != nil:
		return b2f(c.Bool[i])
	}
	return math.NaN()
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// cat returns row i as a category label.
func (c Column) cat(i int) string {
	switch {
	case c.Str != nil:
		return c.Str[i]
	case c.Int != nil:
		return strconv.FormatInt(c.Int[i], 10)
	case c.Bool != nil:
		return strconv.FormatBool(c.Bool[i])
	case c.Float != nil:
		return strconv.FormatFloat(c.Float[i], 'g', -1, 64)
	}
	return ""
}
