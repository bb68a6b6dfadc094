//go:build !duckdb_arrow

package main

import (
	"fmt"

	"github.com/cairn-notebook/cairn/bench/measure"
	ksql "github.com/cairn-notebook/cairn/kernel/sql"
)

// benchArrow is measured only with -tags duckdb_arrow (arrow.go): the product builds without
// the tag.
func benchArrow(*ksql.Engine, string, int, measure.Summary) {
	fmt.Println("(Arrow reading not measured: add -tags duckdb_arrow)")
}
