package main

import (
	"context"
	gosql "database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/cairn-notebook/cairn/app/runtime"
	"github.com/cairn-notebook/cairn/bench/measure"
	ksql "github.com/cairn-notebook/cairn/kernel/sql"
)

const pageSQL = `SELECT i AS id, i %% 1000 AS grp, i / 7.0 AS x, 'row ' || i AS label FROM range(%d) r(i)`

// benchPage times a big SQL cell from send to its table output and the page requests after
// it, through app/runtime and a real kernel, against the same query materialised by the
// driver (the kernel materialises every result once, so that is the bare query's work) and
// a first page read from it.
func benchPage(dir string, n, rows int) {
	query := fmt.Sprintf(pageSQL, rows)
	ctx := context.Background()

	db, err := gosql.Open("duckdb", ksql.Options{}.DSN())
	measure.Must(err)
	conn, err := db.Conn(ctx)
	measure.Must(err)
	bare := measure.Sample(n, func() {
		_, err := conn.ExecContext(ctx, "CREATE OR REPLACE TABLE bare AS "+query)
		measure.Must(err)
	})
	read := func(q string) func() {
		return func() {
			rs, err := conn.QueryContext(ctx, q)
			measure.Must(err)
			for rs.Next() {
			}
			measure.Must(rs.Err())
			rs.Close()
		}
	}
	bareFirst := measure.Sample(n, read("SELECT * FROM bare ORDER BY rowid LIMIT 50"))
	// A deep page as kernel/sql reads it (OFFSET), and by a rowid range, the alternative.
	bareDeep := measure.Sample(n, read(fmt.Sprintf("SELECT * FROM bare ORDER BY rowid LIMIT 50 OFFSET %d", rows/2)))
	bareRange := measure.Sample(n, read(fmt.Sprintf("SELECT * FROM bare WHERE rowid >= %d AND rowid < %d ORDER BY rowid", rows/2, rows/2+50)))
	conn.Close()
	db.Close()

	// The kernel's engine in this process: what the cell costs before process and protocol.
	e := ksql.New(ksql.Options{})
	engine := measure.Sample(n, func() {
		out, err := e.RunCell(ctx, query, nil)
		measure.Must(err)
		_, err = e.Bundle(ctx, out.Handle, 50, "")
		measure.Must(err)
	})
	e.Close()

	k, err := runtime.Start(runtime.Options{Exe: bin, Dir: dir})
	measure.Must(err)
	defer k.Close()
	var handle string
	cell := measure.Sample(n, func() { handle = runCell(k, query, rows) })
	pageOnce := func(offset int, sortBy string, desc bool) {
		js, err := k.TablePage(ctx, handle, offset, 50, sortBy, desc)
		measure.Must(err)
		var p struct{ Rows, Offset int }
		measure.Must(json.Unmarshal([]byte(js), &p))
		if p.Rows != rows || p.Offset != offset {
			panic(fmt.Sprintf("page of %d rows at %d, want %d at %d", p.Rows, p.Offset, rows, offset))
		}
	}
	page := func(offset int, sortBy string, desc bool) measure.Summary {
		return measure.Sample(n*5, func() { pageOnce(offset, sortBy, desc) })
	}
	next := page(50, "", false)
	middle := page(rows/2, "", false)
	sorted := page(0, "x", true)
	// Deep sorted pages: the first sorts the result into a copy (kernel/sql/sorted.go), the
	// others read rowid ranges of it; against ORDER BY … OFFSET in the driver, each time.
	start := time.Now()
	pageOnce(rows/2, "x", false)
	deepSortedFirst := time.Since(start)
	deepSorted := page(rows/2+50, "x", false)

	measure.Header(fmt.Sprintf("a %d-row SQL cell and its pages", rows), n)
	measure.Row("driver: CREATE TABLE AS query (baseline)", bare, bare)
	measure.Row("driver: first 50 rows of that table", bareFirst, bare)
	measure.Row(fmt.Sprintf("driver: 50 rows at offset %d, OFFSET", rows/2), bareDeep, bare)
	measure.Row(fmt.Sprintf("driver: 50 rows at offset %d, rowid range", rows/2), bareRange, bare)
	measure.Row("kernel/sql RunCell + Bundle, in process", engine, bare)
	measure.Row("cell sent → table output received", cell, bare)
	fmt.Printf("%-50s %12v (goal ≤ 100 ms)\n", "  of which after the bare query", (cell.Median - bare.Median).Round(time.Millisecond/10))
	measure.Row("table_page offset 50, limit 50", next, bare)
	measure.Row(fmt.Sprintf("table_page offset %d, limit 50", rows/2), middle, bare)
	measure.Row("table_page sorted by x desc, limit 50", sorted, bare)
	fmt.Printf("%-50s %12v (makes the sorted copy)\n", fmt.Sprintf("first table_page sorted by x at %d", rows/2), deepSortedFirst.Round(time.Millisecond))
	measure.Row(fmt.Sprintf("next table_pages sorted by x at %d", rows/2+50), deepSorted, bare)
}

// runCell runs the query as a SQL cell and returns its result's handle once the table
// output arrived; the time includes the kernel's Done, as the app sees it.
func runCell(k *runtime.Kernel, query string, rows int) string {
	var handle string
	res := k.Execute(context.Background(), "big", "sql", query, nil, func(ev runtime.Event) {
		if js, ok := ev.Data[ksql.MIME]; ok {
			var p struct {
				Handle string
				Rows   int
			}
			measure.Must(json.Unmarshal([]byte(js), &p))
			if p.Rows != rows {
				panic(fmt.Sprintf("table output of %d rows, want %d", p.Rows, rows))
			}
			handle = p.Handle
		}
	})
	if res.Status != runtime.OK || handle == "" {
		panic(fmt.Sprintf("SQL cell: %+v, handle %q", res, handle))
	}
	return handle
}
