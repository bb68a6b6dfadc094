package frame

import (
	"context"
	gosql "database/sql"
)

// Where returns the rows of f for which the SQL condition holds, in f's order:
// df.Where("score > ? AND family = ?", 0.5, "emotet"). The frame is copied into DuckDB once
// (as for display); later filters and SQL reuse that copy.
func (f *Frame) Where(cond string, args ...any) (*Frame, error) {
	return f.run(func(table string) string {
		return "SELECT * FROM " + table + " WHERE (" + cond + "\n) ORDER BY rowid"
	}, args)
}

// SQL runs a query in which the frame is the table `this`:
// df.SQL("SELECT family, avg(size) AS size FROM this GROUP BY family").
func (f *Frame) SQL(q string, args ...any) (*Frame, error) {
	return f.run(func(string) string { return q }, args)
}

// run queries the frame's copy in DuckDB, also reachable as the view `this`.
func (f *Frame) run(q func(table string) string, args []any) (*Frame, error) {
	e, ctx, err := current()
	if err != nil {
		return nil, err
	}
	name, err := f.table(ctx, e)
	if err != nil {
		return nil, err
	}
	return onConn(ctx, e, func(conn *gosql.Conn) (*Frame, error) {
		// A temporary view lives on this connection only; dropped before it goes back to
		// the pool so that no other query sees `this`.
		if _, err := conn.ExecContext(ctx, "CREATE OR REPLACE TEMP VIEW this AS SELECT * FROM "+name); err != nil {
			return nil, err
		}
		defer conn.ExecContext(context.Background(), "DROP VIEW IF EXISTS this")
		return query(ctx, conn, q(name), args...)
	})
}
