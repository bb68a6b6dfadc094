package frame

import (
	gosql "database/sql"
	"fmt"
	"math/big"
	"reflect"
	"strings"
	"time"

	"github.com/duckdb/duckdb-go/v2"
)

// typeOf maps a DuckDB column type to a frame type; what has no Go counterpart here (lists,
// structs, intervals, UUIDs...) becomes text.
func typeOf(dbType string) Type {
	switch t := strings.ToUpper(dbType); {
	case t == "BOOLEAN":
		return Bool
	case strings.HasSuffix(t, "INT") || t == "TINYINT" || t == "SMALLINT" || t == "INTEGER" || t == "BIGINT" ||
		t == "UTINYINT" || t == "USMALLINT" || t == "UINTEGER" || t == "UBIGINT" || t == "HUGEINT" || t == "UHUGEINT":
		return Int64
	case t == "FLOAT" || t == "DOUBLE" || strings.HasPrefix(t, "DECIMAL"):
		return Float64
	case t == "DATE" || strings.HasPrefix(t, "TIMESTAMP"):
		return Time
	}
	return String
}

// FromRows reads rows whole into a frame and closes them.
func FromRows(rows *gosql.Rows) (*Frame, error) {
	defer rows.Close()
	types, err := rows.ColumnTypes()
	if err != nil {
		return nil, err
	}
	f := &Frame{}
	for _, ct := range types {
		f.cols = append(f.cols, &Column{name: ct.Name(), typ: typeOf(ct.DatabaseTypeName())})
	}
	vals := make([]any, len(types))
	ptrs := make([]any, len(types))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		for i, v := range vals {
			if err := f.cols[i].append(v); err != nil {
				return nil, err
			}
		}
	}
	return f, rows.Err()
}

// append adds a scanned value (nil for NULL) converted to the column's type.
func (c *Column) append(v any) error {
	n := c.Len()
	if v == nil {
		if c.null == nil {
			c.null = make([]bool, n, n+1)
		}
		c.null = append(c.null, true)
		v = reflect.Zero(reflect.TypeOf(typeZero[c.typ])).Interface()
	} else if c.null != nil {
		c.null = append(c.null, false)
	}
	rv := reflect.ValueOf(v)
	switch c.typ {
	case Float64:
		if d, ok := v.(duckdb.Decimal); ok {
			c.floats = append(c.floats, d.Float64())
		} else if k := rv.Kind(); k == reflect.Float64 || k == reflect.Float32 {
			c.floats = append(c.floats, rv.Float())
		} else {
			return fmt.Errorf("column %q: %T is not a float", c.name, v)
		}
	case Int64:
		x, err := toInt64(v)
		if err != nil {
			return fmt.Errorf("column %q: %w", c.name, err)
		}
		c.ints = append(c.ints, x)
	case Bool:
		c.bools = append(c.bools, rv.Bool())
	case Time:
		c.times = append(c.times, v.(time.Time))
	default:
		if rv.Kind() == reflect.String {
			c.strs = append(c.strs, rv.String())
		} else {
			c.strs = append(c.strs, fmt.Sprint(v))
		}
	}
	return nil
}

var typeZero = [...]any{Float64: 0.0, Int64: int64(0), String: "", Bool: false, Time: time.Time{}}

func toInt64(v any) (int64, error) {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return rv.Int(), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if rv.Uint() <= 1<<63-1 {
			return int64(rv.Uint()), nil
		}
	default:
		if b, ok := v.(*big.Int); ok && b.IsInt64() {
			return b.Int64(), nil
		}
	}
	return 0, fmt.Errorf("%v does not fit an int64 (CAST it to DOUBLE or VARCHAR)", v)
}

// FromStructs makes a frame of a slice of structs (or of pointers to structs): one column
// per exported field of type int*, uint*, float*, string, bool or time.Time, named by the
// field or its `frame:"name"` tag.
func FromStructs(v any) (*Frame, error) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Slice {
		return nil, fmt.Errorf("want a slice of structs, got %T", v)
	}
	et := rv.Type().Elem()
	ptr := et.Kind() == reflect.Pointer
	if ptr {
		et = et.Elem()
	}
	if et.Kind() != reflect.Struct {
		return nil, fmt.Errorf("want a slice of structs, got %T", v)
	}
	f := &Frame{}
	var fields []int
	for i := range et.NumField() {
		sf := et.Field(i)
		if !sf.IsExported() {
			continue
		}
		typ, ok := kindType(sf.Type)
		if !ok {
			return nil, fmt.Errorf("field %s has type %s, which a frame cannot hold", sf.Name, sf.Type)
		}
		name := sf.Name
		if tag := sf.Tag.Get("frame"); tag != "" {
			name = tag
		}
		f.cols = append(f.cols, &Column{name: name, typ: typ})
		fields = append(fields, i)
	}
	if len(f.cols) == 0 {
		return nil, fmt.Errorf("%s has no exported fields", et)
	}
	for r := range rv.Len() {
		s := rv.Index(r)
		if ptr {
			if s.IsNil() {
				return nil, fmt.Errorf("element %d is nil", r)
			}
			s = s.Elem()
		}
		for j, i := range fields {
			if err := f.cols[j].append(s.Field(i).Interface()); err != nil {
				return nil, err
			}
		}
	}
	return f, nil
}

func kindType(t reflect.Type) (Type, bool) {
	if t == reflect.TypeOf(time.Time{}) {
		return Time, true
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return Int64, true
	case reflect.Float32, reflect.Float64:
		return Float64, true
	case reflect.String:
		return String, true
	case reflect.Bool:
		return Bool, true
	}
	return 0, false
}
