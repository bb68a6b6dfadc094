//go:build !duckdb_arrow

package frame

import (
	"context"
	gosql "database/sql"
)

// query reads a result row by row through database/sql. Builds with the duckdb_arrow tag (the
// Makefile's) read through Arrow instead (arrow.go), 6–8× faster.
func query(ctx context.Context, conn *gosql.Conn, q string, args ...any) (*Frame, error) {
	rows, err := conn.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	return FromRows(rows)
}
