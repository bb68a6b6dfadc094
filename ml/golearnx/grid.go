// Package golearnx connects Cairn's ml to golearn: golearn instances to and
// from ml columns and datasets, and any ml.Spec as a golearn classifier, so
// golearn's evaluation and cross-validation helpers can run Cairn's models.
// It is a separate package so that ml itself (and the exported model
// service) does not link golearn.
package golearnx

import (
	"fmt"
	"math"
	"strconv"

	"github.com/cairn-notebook/cairn/ml"
	"github.com/sjwhitworth/golearn/base"
)

// Columns converts golearn instances to ml columns, one per attribute:
// float attributes as Floats (NaN = missing), all others as Strings of their
// values. It also returns the name of the (single) class attribute.
func Columns(g base.FixedDataGrid) ([]ml.Column, string, error) {
	_, n := g.Size()
	classes := g.AllClassAttributes()
	if len(classes) != 1 {
		return nil, "", fmt.Errorf("golearnx: the instances have %d class attributes; one is needed", len(classes))
	}
	var cols []ml.Column
	for _, a := range g.AllAttributes() {
		spec, err := g.GetAttribute(a)
		if err != nil {
			return nil, "", err
		}
		_, isFloat := a.(*base.FloatAttribute)
		if isFloat && a.GetName() != classes[0].GetName() {
			v := make([]float64, n)
			for i := range v {
				v[i] = base.UnpackBytesToFloat(g.Get(spec, i))
			}
			cols = append(cols, ml.Floats(a.GetName(), v))
			continue
		}
		v := make([]string, n)
		for i := range v {
			v[i] = a.GetStringFromSysVal(g.Get(spec, i))
		}
		cols = append(cols, ml.Strings(a.GetName(), v))
	}
	return cols, classes[0].GetName(), nil
}

// Dataset converts golearn instances to a dataset whose target is the class
// attribute (a classification target) and whose features are the others.
func Dataset(g base.FixedDataGrid) (*ml.Dataset, error) {
	cols, class, err := Columns(g)
	if err != nil {
		return nil, err
	}
	return ml.NewDataset(cols, class)
}

// Instances converts ml columns to golearn instances with class as the class
// attribute: float and int columns become float attributes (missing = NaN),
// string and bool columns categorical ones (missing = "").
func Instances(cols []ml.Column, class string) (*base.DenseInstances, error) {
	inst := base.NewDenseInstances()
	specs := make([]base.AttributeSpec, len(cols))
	attrs := make([]base.Attribute, len(cols))
	found := false
	for j, c := range cols {
		switch c.Type() {
		case ml.TypeFloat, ml.TypeInt:
			attrs[j] = base.NewFloatAttribute(c.Name)
		case ml.TypeString, ml.TypeBool:
			a := base.NewCategoricalAttribute()
			a.SetName(c.Name)
			attrs[j] = a
		default:
			return nil, fmt.Errorf("golearnx: column %q must set exactly one of Float, Int, Str, Bool", c.Name)
		}
		specs[j] = inst.AddAttribute(attrs[j])
		if c.Name == class {
			found = true
			if err := inst.AddClassAttribute(attrs[j]); err != nil {
				return nil, err
			}
		}
	}
	if !found {
		return nil, fmt.Errorf("golearnx: class column %q not found", class)
	}
	if len(cols) == 0 {
		return inst, nil
	}
	n := cols[0].Len()
	if err := inst.Extend(n); err != nil {
		return nil, err
	}
	for j, c := range cols {
		if c.Len() != n {
			return nil, fmt.Errorf("golearnx: column %q has %d rows, %q has %d", c.Name, c.Len(), cols[0].Name, n)
		}
		for i := range n {
			inst.Set(specs[j], i, sysVal(attrs[j], c, i))
		}
	}
	return inst, nil
}

// sysVal is golearn's byte form of row i of c.
func sysVal(a base.Attribute, c ml.Column, i int) []byte {
	null := c.Null != nil && c.Null[i]
	switch {
	case c.Float != nil:
		return base.PackFloatToBytes(c.Float[i] + nan(null))
	case c.Int != nil:
		return base.PackFloatToBytes(float64(c.Int[i]) + nan(null))
	case null:
		return a.GetSysValFromString("")
	case c.Bool != nil:
		return a.GetSysValFromString(strconv.FormatBool(c.Bool[i]))
	}
	return a.GetSysValFromString(c.Str[i])
}

// nan is NaN for a missing value, else 0 (added to the value).
func nan(missing bool) float64 {
	if missing {
		return math.NaN()
	}
	return 0
}
