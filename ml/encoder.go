package ml

import (
	"fmt"
	"math"
)

// Encoding is how features become estimator columns.
type Encoding string

// Encodings. Codes (for trees): one column per feature, numbers as they are,
// categories as codes 0..k-1, NaN for missing or unseen. OneHot (for linear
// models): numbers with missing values replaced by the training mean, a 0/1
// column per category, all zero for missing or unseen.
const (
	Codes  Encoding = "codes"
	OneHot Encoding = "onehot"
)

// encoder turns feature values into an estimator's row, by a Schema.
type encoder struct {
	s      Schema
	enc    Encoding
	index  []map[string]int // per feature: category → code
	offset []int            // per feature: first encoded column
	width  int
}

func newEncoder(s Schema, enc Encoding) (*encoder, error) {
	if enc != Codes && enc != OneHot {
		return nil, fmt.Errorf("ml: unknown encoding %q", enc)
	}
	e := &encoder{s: s, enc: enc}
	for _, f := range s.Features {
		idx := make(map[string]int, len(f.Categories))
		for i, c := range f.Categories {
			idx[c] = i
		}
		e.index = append(e.index, idx)
		e.offset = append(e.offset, e.width)
		if enc == OneHot && f.Kind == Categorical {
			e.width += len(f.Categories)
		} else {
			e.width++
		}
	}
	return e, nil
}

// span returns the encoded columns [lo, hi) of feature j.
func (e *encoder) span(j int) (lo, hi int) {
	if j+1 < len(e.offset) {
		return e.offset[j], e.offset[j+1]
	}
	return e.offset[j], e.width
}

// code returns feature j's category code, −1 when unseen.
func (e *encoder) code(j int, label string) float64 {
	if c, ok := e.index[j][label]; ok {
		return float64(c)
	}
	return -1
}

// Names returns the encoded column names ("color=red" for one-hot columns).
func (e *encoder) names() []string {
	var out []string
	for _, f := range e.s.Features {
		if e.enc == OneHot && f.Kind == Categorical {
			for _, c := range f.Categories {
				out = append(out, f.Name+"="+c)
			}
		} else {
			out = append(out, f.Name)
		}
	}
	return out
}

// put writes feature j's encoding into dst (a row of width e.width): num for
// a numeric feature, label for a categorical one, or missing.
func (e *encoder) put(dst []float64, j int, num float64, label string, missing bool) {
	f, o := e.s.Features[j], e.offset[j]
	switch {
	case f.Kind == Numeric && missing:
		dst[o] = math.NaN()
		if e.enc == OneHot {
			dst[o] = f.Mean
		}
	case f.Kind == Numeric:
		dst[o] = num
	case e.enc == Codes:
		dst[o] = math.NaN()
		if c := e.code(j, label); !missing && c >= 0 {
			dst[o] = c
		}
	default:
		clear(dst[o : o+len(f.Categories)])
		if c := e.code(j, label); !missing && c >= 0 {
			dst[o+int(c)] = 1
		}
	}
}

// matrix encodes a dataset column-major (X[j][i]); its features are matched
// to the schema's by name.
func (e *encoder) matrix(d *Dataset) ([][]float64, error) {
	cols := make([]Column, len(e.s.Features))
	for j, f := range e.s.Features {
		found := false
		for _, c := range d.feats {
			if c.Name == f.Name {
				cols[j], found = c, true
			}
		}
		if !found {
			return nil, fmt.Errorf("ml: the data has no feature %q that the model needs", f.Name)
		}
		if f.Kind == Numeric && cols[j].Type() == TypeString {
			return nil, fmt.Errorf("ml: feature %q holds strings; the model was trained on numbers", f.Name)
		}
	}
	n := d.Len()
	X := make([][]float64, e.width)
	for j := range X {
		X[j] = make([]float64, n)
	}
	row := make([]float64, e.width)
	for i := range n {
		r := d.row(i)
		for j, c := range cols {
			if e.s.Features[j].Kind == Numeric {
				e.put(row, j, c.num(r), "", c.missing(r))
			} else {
				e.put(row, j, 0, c.cat(r), c.missing(r))
			}
		}
		for j, v := range row {
			X[j][i] = v
		}
	}
	return X, nil
}
