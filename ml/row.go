package ml

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// FieldError is an invalid prediction input, naming the feature.
type FieldError struct {
	Field string
	Msg   string
}

func (e *FieldError) Error() string { return fmt.Sprintf("feature %q: %s", e.Field, e.Msg) }

// encodeRow checks a row against the schema and encodes it into x. Every
// feature must be present (nil for a missing value) and nothing else.
func (m *Model) encodeRow(row map[string]any, x []float64) error {
	if len(row) != len(m.Schema.Features) {
		if err := m.unknownField(row); err != nil {
			return err
		}
	}
	for j, f := range m.Schema.Features {
		v, ok := row[f.Name]
		if !ok {
			if err := m.unknownField(row); err != nil {
				return err // a misspelt name explains more than the missing one
			}
			return &FieldError{f.Name, "missing (send null for a missing value)"}
		}
		if v == nil {
			m.enc.put(x, j, 0, "", true)
			continue
		}
		num, label, err := value(&f, v)
		if err != nil {
			return &FieldError{f.Name, err.Error()}
		}
		m.enc.put(x, j, num, label, false)
	}
	return nil
}

// value reads feature f's (non-nil) value: a number for a numeric feature, a category label
// for a categorical one.
func value(f *Feature, v any) (num float64, label string, err error) {
	if b, ok := v.(bool); ok && f.Kind == Numeric && f.Type == TypeBool {
		return b2f(b), "", nil // a bool feature set numeric: 0 or 1
	}
	if f.Kind == Numeric {
		num, err = toNumber(v)
		return num, "", err
	}
	label, err = toLabel(v, f.Type)
	return 0, label, err
}

// BinValue is feature j's value v as its Reference.Bin takes it: the number of a numeric
// feature, the category code of a categorical one (−1 unseen). ok is false for a missing
// value or one the model refuses. The service's /drift bins requests with it.
func (m *Model) BinValue(j int, v any) (x float64, ok bool) {
	if v == nil {
		return 0, false
	}
	f := &m.Schema.Features[j]
	num, label, err := value(f, v)
	if err != nil {
		return 0, false
	}
	if f.Kind == Categorical {
		return m.enc.code(j, label), true
	}
	return num, true
}

// unknownField reports the first (by name) key that is not a feature.
func (m *Model) unknownField(row map[string]any) error {
	var unknown []string
	for k := range row {
		if !slices.ContainsFunc(m.Schema.Features, func(f Feature) bool { return f.Name == k }) {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) == 0 {
		return nil
	}
	slices.Sort(unknown)
	return &FieldError{unknown[0], fmt.Sprintf("unknown feature (the model takes %s)", strings.Join(m.Features(), ", "))}
}

// toNumber accepts Go and JSON numbers; NaN and ±Inf are refused because a
// missing value is sent as null.
func toNumber(v any) (float64, error) {
	var f float64
	switch t := v.(type) {
	case float64:
		f = t
	case float32:
		f = float64(t)
	case int:
		f = float64(t)
	case int8:
		f = float64(t)
	case int16:
		f = float64(t)
	case int32:
		f = float64(t)
	case int64:
		f = float64(t)
	case uint:
		f = float64(t)
	case uint8:
		f = float64(t)
	case uint16:
		f = float64(t)
	case uint32:
		f = float64(t)
	case uint64:
		f = float64(t)
	case json.Number:
		var err error
		if f, err = t.Float64(); err != nil {
			return 0, fmt.Errorf("want a number, got %q", t.String())
		}
	default:
		return 0, fmt.Errorf("want a number, got %T %v", v, v)
	}
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, fmt.Errorf("%v is not allowed (send null for a missing value)", f)
	}
	return f, nil
}

// want names what a categorical feature of each type takes.
var want = map[ValueType]string{TypeString: "a string", TypeBool: "a bool", TypeInt: "an integer", TypeFloat: "a number"}

// toLabel turns a categorical value into its category label: a string
// always; a bool for a bool feature; an integral number for an int feature;
// any finite number for a float feature.
func toLabel(v any, typ ValueType) (string, error) {
	switch t := v.(type) {
	case string:
		return t, nil
	case bool:
		if typ != TypeBool {
			return "", fmt.Errorf("want %s, got bool %v", want[typ], t)
		}
		return strconv.FormatBool(t), nil
	}
	if typ != TypeInt && typ != TypeFloat {
		return "", fmt.Errorf("want %s, got %T %v", want[typ], v, v)
	}
	f, err := toNumber(v)
	if err != nil {
		return "", err
	}
	if typ == TypeFloat {
		return strconv.FormatFloat(f, 'g', -1, 64), nil
	}
	if f != math.Trunc(f) || math.Abs(f) > 1<<53 {
		return "", fmt.Errorf("want an integer, got %v", f)
	}
	return strconv.FormatInt(int64(f), 10), nil
}
