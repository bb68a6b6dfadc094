//go:build duckdb_arrow

package frame

import (
	"context"
	gosql "database/sql"
	"database/sql/driver"
	"fmt"
	"math"
	"math/big"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/duckdb/duckdb-go/v2"
)

// query reads a result through DuckDB's Arrow interface: whole column chunks are copied into
// the frame's slices instead of boxing every value in an interface as rows.Scan does (about
// 3× faster on 1M × 10 rows, bench/data).
func query(ctx context.Context, conn *gosql.Conn, q string, args ...any) (*Frame, error) {
	var f *Frame
	err := conn.Raw(func(dc any) error {
		a, err := duckdb.NewArrowFromConn(dc.(driver.Conn))
		if err != nil {
			return err
		}
		r, err := a.QueryContext(ctx, q, args...)
		if err != nil {
			return err
		}
		defer r.Release()
		f = &Frame{}
		for _, fd := range r.Schema().Fields() {
			f.cols = append(f.cols, &Column{name: fd.Name, typ: arrowType(fd.Type)})
		}
		for r.Next() {
			rec := r.RecordBatch()
			for i, c := range f.cols {
				if err := c.appendArrow(rec.Column(i)); err != nil {
					return err
				}
			}
		}
		return r.Err()
	})
	return f, err
}

// arrowType maps DuckDB's Arrow types to frame types like typeOf does for its type names.
// HUGEINT arrives as DECIMAL(38,0).
func arrowType(t arrow.DataType) Type {
	switch t.ID() {
	case arrow.BOOL:
		return Bool
	case arrow.INT8, arrow.INT16, arrow.INT32, arrow.INT64, arrow.UINT8, arrow.UINT16, arrow.UINT32, arrow.UINT64:
		return Int64
	case arrow.FLOAT16, arrow.FLOAT32, arrow.FLOAT64:
		return Float64
	case arrow.DECIMAL128, arrow.DECIMAL256:
		if d := t.(arrow.DecimalType); d.GetScale() == 0 && d.GetPrecision() == 38 {
			return Int64
		}
		return Float64
	case arrow.DATE32, arrow.DATE64, arrow.TIMESTAMP:
		return Time
	}
	return String
}

// appendArrow appends one chunk of an Arrow column.
func (c *Column) appendArrow(a arrow.Array) error {
	n := a.Len()
	if a.NullN() > 0 && c.null == nil {
		c.null = make([]bool, c.Len(), c.Len()+n)
	}
	if c.null != nil {
		for i := range n {
			c.null = append(c.null, a.IsNull(i))
		}
	}
	switch v := a.(type) {
	case *array.Int64:
		c.ints = append(c.ints, v.Int64Values()...)
	case *array.Float64:
		c.floats = append(c.floats, v.Float64Values()...)
	case *array.String:
		// One Go string per chunk, sliced per value: Arrow's strings alias DuckDB's memory,
		// which is freed with the chunk.
		data, off := string(v.ValueBytes()), v.ValueOffsets()
		base := off[0]
		for i := range n {
			c.strs = append(c.strs, data[off[i]-base:off[i+1]-base])
		}
	default:
		return c.appendEach(a)
	}
	if a.NullN() > 0 { // Arrow leaves a null's slot undefined; frames promise the zero value
		c.zeroNulls(c.Len() - n)
	}
	return nil
}

// zeroNulls zeroes the slots of nulls from row start on.
func (c *Column) zeroNulls(start int) {
	for i := start; i < c.Len(); i++ {
		if c.null[i] {
			switch c.typ {
			case Int64:
				c.ints[i] = 0
			case Float64:
				c.floats[i] = 0
			case String:
				c.strs[i] = ""
			}
		}
	}
}

// appendZero adds a null's slot; the caller has recorded it in the mask.
func (c *Column) appendZero() {
	switch c.typ {
	case Float64:
		c.floats = append(c.floats, 0)
	case Int64:
		c.ints = append(c.ints, 0)
	case Bool:
		c.bools = append(c.bools, false)
	case Time:
		c.times = append(c.times, time.Time{})
	default:
		c.strs = append(c.strs, "")
	}
}

// appendDecimal adds a decimal unscaled value: as an int for HUGEINT (DECIMAL(38,0)) columns,
// else as the nearest float.
func (c *Column) appendDecimal(unscaled *big.Int, scale int32, text string) error {
	if c.typ == Int64 {
		if !unscaled.IsInt64() {
			return c.tooBig(text)
		}
		c.ints = append(c.ints, unscaled.Int64())
		return nil
	}
	f := new(big.Float).SetInt(unscaled)
	if scale != 0 {
		f.Quo(f, new(big.Float).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(scale)), nil)))
	}
	x, _ := f.Float64()
	c.floats = append(c.floats, x)
	return nil
}

func (c *Column) tooBig(text string) error {
	return fmt.Errorf("column %q: %s does not fit an int64 (CAST it to DOUBLE or VARCHAR)", c.name, text)
}

// appendEach converts the less common Arrow types one value at a time.
func (c *Column) appendEach(a arrow.Array) error {
	for i := range a.Len() {
		if a.IsNull(i) {
			c.appendZero()
			continue
		}
		switch v := a.(type) {
		case *array.Boolean:
			c.bools = append(c.bools, v.Value(i))
		case *array.Int8:
			c.ints = append(c.ints, int64(v.Value(i)))
		case *array.Int16:
			c.ints = append(c.ints, int64(v.Value(i)))
		case *array.Int32:
			c.ints = append(c.ints, int64(v.Value(i)))
		case *array.Uint8:
			c.ints = append(c.ints, int64(v.Value(i)))
		case *array.Uint16:
			c.ints = append(c.ints, int64(v.Value(i)))
		case *array.Uint32:
			c.ints = append(c.ints, int64(v.Value(i)))
		case *array.Uint64:
			if v.Value(i) > math.MaxInt64 {
				return c.tooBig(v.ValueStr(i))
			}
			c.ints = append(c.ints, int64(v.Value(i)))
		case *array.Float32:
			c.floats = append(c.floats, float64(v.Value(i)))
		case *array.Float16:
			c.floats = append(c.floats, float64(v.Value(i).Float32()))
		case *array.Decimal128:
			if err := c.appendDecimal(v.Value(i).BigInt(), v.DataType().(*arrow.Decimal128Type).Scale, v.ValueStr(i)); err != nil {
				return err
			}
		case *array.Decimal256:
			if err := c.appendDecimal(v.Value(i).BigInt(), v.DataType().(*arrow.Decimal256Type).Scale, v.ValueStr(i)); err != nil {
				return err
			}
		case *array.Date32:
			c.times = append(c.times, v.Value(i).ToTime())
		case *array.Date64:
			c.times = append(c.times, v.Value(i).ToTime())
		case *array.Timestamp:
			c.times = append(c.times, v.Value(i).ToTime(v.DataType().(*arrow.TimestampType).Unit))
		default:
			c.strs = append(c.strs, a.ValueStr(i))
		}
	}
	return nil
}
