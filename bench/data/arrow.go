//go:build duckdb_arrow

package main

import (
	"context"
	"database/sql/driver"
	"fmt"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/duckdb/duckdb-go/v2"

	"github.com/cairn-notebook/cairn/bench/measure"
	ksql "github.com/cairn-notebook/cairn/kernel/sql"
)

// benchArrow reads the same query through duckdb-go's Arrow interface into Go column slices
// (what a frame holds), to show what frames would gain from it. Only with -tags duckdb_arrow.
func benchArrow(e *ksql.Engine, query string, rows int, scan measure.Summary) {
	ctx := context.Background()
	conn, err := e.Conn(ctx)
	measure.Must(err)
	defer conn.Close()
	viaArrow := measure.Sample(3, func() {
		measure.Must(conn.Raw(func(dc any) error {
			a, err := duckdb.NewArrowFromConn(dc.(driver.Conn))
			if err != nil {
				return err
			}
			r, err := a.QueryContext(ctx, query)
			if err != nil {
				return err
			}
			defer r.Release()
			cols := make([]any, len(r.Schema().Fields()))
			n := 0
			for r.Next() {
				rec := r.RecordBatch()
				for i := range cols {
					cols[i] = appendColumn(cols[i], rec.Column(i))
				}
				n += int(rec.NumRows())
			}
			if n != rows {
				return fmt.Errorf("arrow read %d rows, want %d", n, rows)
			}
			return r.Err()
		}))
	})
	measure.Row("Arrow (tag duckdb_arrow) into Go column slices", viaArrow, scan)
	fmt.Printf("Arrow speed-up over Scan: %.2f×\n", float64(scan.Median)/float64(viaArrow.Median))
}

// appendColumn copies an Arrow column into the Go slice a frame column would hold.
func appendColumn(dst any, col arrow.Array) any {
	switch c := col.(type) {
	case *array.Int64:
		s, _ := dst.([]int64)
		return append(s, c.Int64Values()...)
	case *array.Float64:
		s, _ := dst.([]float64)
		return append(s, c.Float64Values()...)
	case *array.Boolean:
		s, _ := dst.([]bool)
		for i := range c.Len() {
			s = append(s, c.Value(i))
		}
		return s
	case *array.String:
		s, _ := dst.([]string)
		for i := range c.Len() {
			s = append(s, c.Value(i))
		}
		return s
	case *array.Timestamp:
		s, _ := dst.([]time.Time)
		unit := c.DataType().(*arrow.TimestampType).Unit
		for i := range c.Len() {
			s = append(s, c.Value(i).ToTime(unit))
		}
		return s
	default:
		panic(fmt.Sprintf("arrow column type %s not handled", col.DataType()))
	}
}
