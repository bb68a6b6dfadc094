package main

import (
	"context"
	gosql "database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/cairn-notebook/cairn/bench/measure"
	ksql "github.com/cairn-notebook/cairn/kernel/sql"
)

// The statements of the load benchmark: the notebook runs them as two SQL cells, the
// baseline through the driver. The CSV path is relative: the kernel runs in the notebook's
// folder, the baseline is given the same folder.
const (
	loadSQL  = `CREATE TABLE sales AS SELECT * FROM read_csv('data.csv')`
	groupSQL = `SELECT cat, count(*) AS n, sum(qty) AS qty, avg(price) AS price, max(ts) AS latest
FROM sales GROUP BY cat ORDER BY cat`
)

// benchLoad compares `cairn run` on a notebook with the load and GROUP BY cells against the
// same statements through the driver, each run on a fresh database.
func benchLoad(dir string, n, rows int) {
	t := time.Now()
	writeCSV(filepath.Join(dir, "data.csv"), rows)
	st, err := os.Stat(filepath.Join(dir, "data.csv"))
	measure.Must(err)
	fmt.Printf("\ngenerated %d-row CSV, %.0f MB, in %v\n", rows, float64(st.Size())/1e6, time.Since(t).Round(time.Millisecond))

	nb := filepath.Join(dir, "load.cairn.md")
	measure.Must(os.WriteFile(nb, []byte("```sql id=load\n"+loadSQL+"\n```\n\n```sql id=group\n"+groupSQL+"\n```\n"), 0o644))
	empty := filepath.Join(dir, "empty.cairn.md")
	measure.Must(os.WriteFile(empty, []byte("```sql id=one\nSELECT 1\n```\n"), 0o644))

	// Interleaved, the first round a warm-up: a machine busy with something else slows both.
	var d, r, s []time.Duration
	for i := range n + 1 {
		dt, rt, st := timed(func() { driverLoad(dir) }), timed(func() { cairnRun(nb) }), timed(func() { cairnRun(empty) })
		if i > 0 {
			d, r, s = append(d, dt), append(r, rt), append(s, st)
		}
	}
	driver, run, start := measure.Of(d), measure.Of(r), measure.Of(s)
	measure.Header(fmt.Sprintf("load a %d-row CSV + GROUP BY", rows), n)
	measure.Row("DuckDB driver in process, fresh database (baseline)", driver, driver)
	measure.Row("cairn run, 2 SQL cells (goal ≤ 1.1×)", run, driver)
	measure.Row("cairn run, SELECT 1 (start + DuckDB open + exit)", start, driver)
	fmt.Printf("kernel start share of cairn run: %.1f%%\n", 100*float64(start.Median)/float64(run.Median))
}

// driverLoad runs the statements on a new in-memory database with the kernel's settings.
func driverLoad(dir string) {
	db, err := gosql.Open("duckdb", ksql.Options{}.DSN())
	measure.Must(err)
	defer db.Close()
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	measure.Must(err)
	defer conn.Close()
	_, err = conn.ExecContext(ctx, fmt.Sprintf("SET file_search_path = '%s'", dir))
	measure.Must(err)
	_, err = conn.ExecContext(ctx, loadSQL)
	measure.Must(err)
	rows, err := conn.QueryContext(ctx, groupSQL)
	measure.Must(err)
	groups := 0
	for rows.Next() {
		groups++
	}
	measure.Must(rows.Err())
	if groups != 8 {
		panic(fmt.Sprintf("GROUP BY gave %d groups, want 8", groups))
	}
}

// cairnRun runs a notebook with the binary under measurement and fails on a failing cell.
func cairnRun(nb string) {
	cmd := exec.Command(bin, "run", nb)
	if out, err := cmd.CombinedOutput(); err != nil {
		panic(fmt.Sprintf("cairn run %s: %v\n%s", nb, err, out))
	}
}

func timed(f func()) time.Duration {
	t := time.Now()
	f()
	return time.Since(t)
}
