// Command data measures Cairn on data (issue 4), each against a baseline measured in the same
// run on the same machine:
//
//  1. Loading a generated 5,000,000-row CSV and a GROUP BY through `cairn run` on a notebook
//     of SQL cells, against the same statements through the DuckDB driver in this process
//     (goal ≤ 1.1×), with the share of kernel start.
//  2. 1,000,000 rows × 10 columns into a *frame.Frame (frame.Query), against database/sql
//     rows.Scan into a slice of structs (goal: frame ≥ 3× faster). Frames read through Arrow
//     only with the duckdb_arrow tag, which the Makefile sets.
//  3. A 10,000,000-row SQL cell: send to its table output, and the following table_page
//     requests, through app/runtime and a real kernel process, against the bare query in the
//     driver (goal ≤ 100 ms for the first page once the query is done).
//
// Usage (make bench runs it):
//
//	go run -tags duckdb_arrow ./bench/data [-cairn build/bin/cairn] [-n 3]
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"

	"github.com/cairn-notebook/cairn/bench/measure"
)

func main() {
	n := flag.Int("n", 3, "runs per measurement (after one warm-up run)")
	csvRows := flag.Int("csv-rows", 5_000_000, "rows of the generated CSV")
	frameRows := flag.Int("frame-rows", 1_000_000, "rows read into frames and structs")
	pageRows := flag.Int("page-rows", 10_000_000, "rows of the paged SQL cell result")
	flag.StringVar(&bin, "cairn", "build/bin/cairn", "the cairn binary to measure (make bench builds it)")
	flag.Parse()
	abs, err := filepath.Abs(bin) // the kernel runs in another folder
	measure.Must(err)
	bin = abs
	dir, err := os.MkdirTemp("", "cairn-bench-data")
	measure.Must(err)
	defer os.RemoveAll(dir)
	fmt.Printf("GOMAXPROCS %d, %s\n", runtime.GOMAXPROCS(0), dir)

	benchLoad(dir, *n, *csvRows)
	benchFrame(*n, *frameRows)
	benchPage(dir, *n, *pageRows)
}

// bin is the cairn binary under measurement.
var bin string
