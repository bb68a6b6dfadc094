package ml

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
)

// Kind is how a feature is treated: as a number or as a set of categories.
type Kind string

// Feature kinds.
const (
	Numeric     Kind = "numeric"
	Categorical Kind = "categorical"
)

// Task is what the target asks for.
type Task string

// Tasks.
const (
	Classification Task = "classification"
	Regression     Task = "regression"
)

// maxIntClasses: an int target with at most this many distinct values is a
// class label (0/1, ratings); with more it is a quantity to regress.
const maxIntClasses = 20

// Dataset is a target and features chosen from named columns, possibly a
// view of some rows of another dataset (splits and folds share columns).
type Dataset struct {
	target  Column
	feats   []Column
	kinds   []Kind
	task    Task
	classes []string // class labels, shared by every view
	yCode   []int    // class index per underlying row (classification)
	rows    []int    // underlying row of each row; nil = all rows in order
}

// NewDataset picks the target and the features (all other columns when none
// are named) from cols. Feature kinds are detected from the value types
// (float and int: numeric; string and bool: categorical; change with
// SetKind). The task is classification for a string, bool or int target with
// at most 20 distinct values, regression for float and other int targets.
// A missing target value is an error naming the row.
func NewDataset(cols []Column, target string, features ...string) (*Dataset, error) {
	byName := map[string]int{}
	n := -1
	for i, c := range cols {
		if err := c.check(); err != nil {
			return nil, err
		}
		if _, dup := byName[c.Name]; dup {
			return nil, fmt.Errorf("ml: column %q appears twice", c.Name)
		}
		if n >= 0 && c.Len() != n {
			return nil, fmt.Errorf("ml: column %q has %d rows, %q has %d", c.Name, c.Len(), cols[0].Name, n)
		}
		byName[c.Name], n = i, c.Len()
	}
	ti, ok := byName[target]
	if !ok {
		return nil, fmt.Errorf("ml: target column %q not found (columns: %v)", target, names(cols))
	}
	if len(features) == 0 {
		for _, c := range cols {
			if c.Name != target {
				features = append(features, c.Name)
			}
		}
	}
	if len(features) == 0 {
		return nil, fmt.Errorf("ml: no feature columns besides the target %q", target)
	}
	d := &Dataset{target: cols[ti]}
	for _, f := range features {
		fi, ok := byName[f]
		switch {
		case !ok:
			return nil, fmt.Errorf("ml: feature column %q not found (columns: %v)", f, names(cols))
		case f == target:
			return nil, fmt.Errorf("ml: %q is the target, it cannot also be a feature", f)
		case slices.ContainsFunc(d.feats, func(c Column) bool { return c.Name == f }):
			return nil, fmt.Errorf("ml: feature %q named twice", f)
		}
		c := cols[fi]
		k := Numeric
		if t := c.Type(); t == TypeString || t == TypeBool {
			k = Categorical
		}
		d.feats, d.kinds = append(d.feats, c), append(d.kinds, k)
	}
	for i := range n {
		if d.target.missing(i) {
			return nil, fmt.Errorf("ml: target %q is missing in row %d; drop or fill such rows first", target, i)
		}
	}
	task := Regression
	switch d.target.Type() {
	case TypeString, TypeBool:
		task = Classification
	case TypeInt:
		if len(distinct(d.target, maxIntClasses+1)) <= maxIntClasses {
			task = Classification
		}
	}
	if err := d.setTask(task); err != nil {
		return nil, err
	}
	return d, nil
}

func names(cols []Column) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.Name
	}
	return out
}

// distinct returns up to limit distinct labels of c, in first-seen order.
func distinct(c Column, limit int) []string {
	seen := map[string]bool{}
	var out []string
	for i := range c.Len() {
		if l := c.cat(i); !seen[l] {
			seen[l] = true
			if out = append(out, l); len(out) >= limit {
				break
			}
		}
	}
	return out
}

// setTask fixes the task and, for classification, the classes (numbers in
// numeric order, other labels in lexical order) and each row's class index.
func (d *Dataset) setTask(t Task) error {
	if t == Regression {
		if ty := d.target.Type(); ty == TypeString {
			return fmt.Errorf("ml: target %q holds strings; regression needs numbers", d.target.Name)
		}
		d.task, d.classes, d.yCode = t, nil, nil
		return nil
	}
	classes := distinct(d.target, math.MaxInt)
	if ty := d.target.Type(); ty == TypeInt || ty == TypeFloat {
		slices.SortFunc(classes, func(a, b string) int {
			x, _ := strconv.ParseFloat(a, 64)
			y, _ := strconv.ParseFloat(b, 64)
			return cmp.Compare(x, y)
		})
	} else {
		slices.Sort(classes)
	}
	if len(classes) < 2 { // refused before d changes: a failed SetKind leaves d as it was
		return fmt.Errorf("ml: target %q has only %d distinct value(s); classification needs 2 or more", d.target.Name, len(classes))
	}
	code := make(map[string]int, len(classes))
	for i, c := range classes {
		code[c] = i
	}
	yCode := make([]int, d.target.Len())
	for i := range yCode {
		yCode[i] = code[d.target.cat(i)]
	}
	d.task, d.classes, d.yCode = t, classes, yCode
	return nil
}

// SetKind overrides a feature's kind (e.g. an int code column as
// Categorical). On the target it picks the task: Numeric for regression,
// Categorical for classification.
func (d *Dataset) SetKind(name string, k Kind) error {
	if k != Numeric && k != Categorical {
		return fmt.Errorf("ml: unknown kind %q (use ml.Numeric or ml.Categorical)", k)
	}
	if name == d.target.Name {
		if d.rows != nil {
			return fmt.Errorf("ml: set the target's kind before splitting")
		}
		if k == Numeric {
			return d.setTask(Regression)
		}
		return d.setTask(Classification)
	}
	for i, c := range d.feats {
		if c.Name == name {
			if k == Numeric && c.Type() == TypeString {
				return fmt.Errorf("ml: feature %q holds strings; it cannot be numeric", name)
			}
			d.kinds[i] = k
			return nil
		}
	}
	return fmt.Errorf("ml: no feature %q (features: %v)", name, d.Features())
}

// Len returns the number of rows.
func (d *Dataset) Len() int {
	if d.rows != nil {
		return len(d.rows)
	}
	return d.target.Len()
}

// Features returns the feature names in order.
func (d *Dataset) Features() []string { return names(d.feats) }

// Kinds returns the feature kinds in order.
func (d *Dataset) Kinds() []Kind { return slices.Clone(d.kinds) }

// Target returns the target's name.
func (d *Dataset) Target() string { return d.target.Name }

// Task returns classification or regression.
func (d *Dataset) Task() Task { return d.task }

// Classes returns the class labels (nil for regression); class index i in
// predictions and metrics is Classes()[i].
func (d *Dataset) Classes() []string { return slices.Clone(d.classes) }

// row maps a row of this view to the underlying column row.
func (d *Dataset) row(i int) int {
	if d.rows != nil {
		return d.rows[i]
	}
	return i
}

// view returns the dataset restricted to the given rows of this view.
func (d *Dataset) view(rows []int) *Dataset {
	v := *d
	v.kinds = slices.Clone(d.kinds)
	v.rows = make([]int, len(rows))
	for i, r := range rows {
		v.rows[i] = d.row(r)
	}
	return &v
}

// Y returns the target as estimators take it: class indices for
// classification, values for regression.
func (d *Dataset) Y() []float64 {
	y := make([]float64, d.Len())
	for i := range y {
		r := d.row(i)
		if d.task == Classification {
			y[i] = float64(d.yCode[r])
		} else {
			y[i] = d.target.num(r)
		}
	}
	return y
}

// YClass returns the class index of each row (nil for regression).
func (d *Dataset) YClass() []int {
	if d.task != Classification {
		return nil
	}
	y := make([]int, d.Len())
	for i := range y {
		y[i] = d.yCode[d.row(i)]
	}
	return y
}
