package main

import (
	"context"
	"fmt"
	"time"

	"github.com/cairn-notebook/cairn/bench/measure"
	"github.com/cairn-notebook/cairn/kernel/frame"
	ksql "github.com/cairn-notebook/cairn/kernel/sql"
)

// frameSQL yields ten columns of the five frame types.
const frameSQL = `SELECT i AS a, i * 2 AS b, i %% 97 AS c,
  i / 3.0 AS d, sqrt(i) AS e, (i %% 1000)::DOUBLE AS f,
  'name_' || i AS g, CASE WHEN i %% 2 = 0 THEN 'even' ELSE 'odd' END AS h,
  i %% 3 = 0 AS k, TIMESTAMPTZ '2024-01-01 00:00:00+00' + to_seconds(i) AS t
FROM range(%d) r(i)`

// row is the baseline's destination: what a Go programmer writes by hand.
type row struct {
	A, B, C int64
	D, E, F float64
	G, H    string
	K       bool
	T       time.Time
}

// benchFrame compares frame.Query against rows.Scan into structs, same query, same engine.
func benchFrame(n, rows int) {
	e := ksql.New(ksql.Options{})
	defer e.Close()
	frame.Use(e)
	frame.SetContext(context.Background())
	// Materialised first: the rows are ready in DuckDB, so only reading them into Go is timed.
	measure.Must(e.Exec(context.Background(), "CREATE TABLE frame_rows AS "+fmt.Sprintf(frameSQL, rows)))
	query := "SELECT * FROM frame_rows"

	scan := measure.Sample(n, func() {
		if got := len(scanStructs(e, query)); got != rows {
			panic(fmt.Sprintf("scanned %d rows, want %d", got, rows))
		}
	})
	viaFrame := measure.Sample(n, func() {
		f, err := frame.Query(query)
		measure.Must(err)
		if f.Len() != rows || len(f.Names()) != 10 {
			panic(fmt.Sprintf("frame of %d rows × %d columns, want %d × 10", f.Len(), len(f.Names()), rows))
		}
	})
	measure.Header(fmt.Sprintf("%d rows × 10 columns into Go", rows), n)
	measure.Row("database/sql rows.Scan into []struct (baseline)", scan, scan)
	measure.Row("frame.Query into *frame.Frame", viaFrame, scan)
	fmt.Printf("frame speed-up over Scan: %.2f× (goal ≥ 3×)\n", float64(scan.Median)/float64(viaFrame.Median))
}

func scanStructs(e *ksql.Engine, query string) []row {
	rs, err := e.Query(context.Background(), query)
	measure.Must(err)
	defer rs.Close()
	var out []row
	for rs.Next() {
		var r row
		measure.Must(rs.Scan(&r.A, &r.B, &r.C, &r.D, &r.E, &r.F, &r.G, &r.H, &r.K, &r.T))
		out = append(out, r)
	}
	measure.Must(rs.Err())
	return out
}
