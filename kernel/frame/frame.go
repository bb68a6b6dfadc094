// Package frame is what cells import as "cairn/frame": typed, columnar data frames and the
// Go side of the kernel's DuckDB — Query, Exec, Register (a Go value becomes a table SQL can
// query) and Result (a SQL cell's result as a Frame). Frames display as paged tables.
package frame

import (
	"fmt"
	"time"

	"github.com/cairn-notebook/cairn/kernel/sql"
)

// Type is the Go type of a column's values.
type Type int

// Column types.
const (
	Float64 Type = iota
	Int64
	String
	Bool
	Time
)

var typeNames = [...]string{"float64", "int64", "string", "bool", "time.Time"}

func (t Type) String() string { return typeNames[t] }

// Column is one named, typed column. Exactly one of its value slices is used, by Type; a
// null's slot holds the zero value.
type Column struct {
	name   string
	typ    Type
	floats []float64
	ints   []int64
	strs   []string
	bools  []bool
	times  []time.Time
	null   []bool // nil: no nulls
}

// Name returns the column's name.
func (c *Column) Name() string { return c.name }

// Type returns the type of the column's values.
func (c *Column) Type() Type { return c.typ }

// Len returns the number of values.
func (c *Column) Len() int {
	switch c.typ {
	case Float64:
		return len(c.floats)
	case Int64:
		return len(c.ints)
	case String:
		return len(c.strs)
	case Bool:
		return len(c.bools)
	}
	return len(c.times)
}

// IsNull reports whether value i is SQL NULL.
func (c *Column) IsNull(i int) bool { return c.null != nil && c.null[i] }

// Float64s returns the values of a Float64 column (nil for other types). Not a copy.
func (c *Column) Float64s() []float64 { return c.floats }

// Int64s returns the values of an Int64 column (nil for other types). Not a copy.
func (c *Column) Int64s() []int64 { return c.ints }

// Strings returns the values of a String column (nil for other types). Not a copy.
func (c *Column) Strings() []string { return c.strs }

// Bools returns the values of a Bool column (nil for other types). Not a copy.
func (c *Column) Bools() []bool { return c.bools }

// Times returns the values of a Time column (nil for other types). Not a copy.
func (c *Column) Times() []time.Time { return c.times }

// Floats returns a numeric column as a new []float64 (for gonum; nulls are 0, see IsNull);
// nil for other types.
func (c *Column) Floats() []float64 {
	switch c.typ {
	case Float64:
		return append([]float64(nil), c.floats...)
	case Int64:
		out := make([]float64, len(c.ints))
		for i, v := range c.ints {
			out[i] = float64(v)
		}
		return out
	}
	return nil
}

// Value returns value i as an any: nil for NULL.
func (c *Column) Value(i int) any {
	if c.IsNull(i) {
		return nil
	}
	switch c.typ {
	case Float64:
		return c.floats[i]
	case Int64:
		return c.ints[i]
	case String:
		return c.strs[i]
	case Bool:
		return c.bools[i]
	}
	return c.times[i]
}

// slice returns rows [0, n) of the column, sharing its storage.
func (c *Column) slice(n int) *Column {
	s := &Column{name: c.name, typ: c.typ}
	switch c.typ {
	case Float64:
		s.floats = c.floats[:n]
	case Int64:
		s.ints = c.ints[:n]
	case String:
		s.strs = c.strs[:n]
	case Bool:
		s.bools = c.bools[:n]
	case Time:
		s.times = c.times[:n]
	}
	if c.null != nil {
		s.null = c.null[:n]
	}
	return s
}

// Frame is a table of equally long columns.
type Frame struct {
	cols   []*Column
	handle string // of the result table holding the same data, "" until displayed
}

// Len returns the number of rows.
func (f *Frame) Len() int {
	if f == nil || len(f.cols) == 0 {
		return 0
	}
	return f.cols[0].Len()
}

// Names returns the column names in order.
func (f *Frame) Names() []string {
	names := make([]string, len(f.cols))
	for i, c := range f.cols {
		names[i] = c.name
	}
	return names
}

// Col returns the column called name, or nil.
func (f *Frame) Col(name string) *Column {
	for _, c := range f.cols {
		if c.name == name {
			return c
		}
	}
	return nil
}

// Select returns a frame of the named columns, in that order, sharing their storage.
func (f *Frame) Select(names ...string) (*Frame, error) {
	out := &Frame{}
	for _, n := range names {
		c := f.Col(n)
		if c == nil {
			return nil, fmt.Errorf("frame has no column %q (it has %v)", n, f.Names())
		}
		out.cols = append(out.cols, c)
	}
	return out, nil
}

// Head returns the first n rows (all when fewer), sharing storage.
func (f *Frame) Head(n int) *Frame {
	n = max(0, min(n, f.Len()))
	out := &Frame{}
	for _, c := range f.cols {
		out.cols = append(out.cols, c.slice(n))
	}
	return out
}

// String renders the first rows as an aligned text table.
func (f *Frame) String() string {
	const show = 10
	var cells [][]string
	for i := range min(show, f.Len()) {
		row := make([]string, len(f.cols))
		for j, c := range f.cols {
			row[j] = sql.CellText(sql.JSONValue(c.Value(i)))
		}
		cells = append(cells, row)
	}
	return sql.TextTable(f.Names(), cells, f.Len()-len(cells))
}
