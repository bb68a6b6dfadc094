package sql

import (
	"context"
	"errors"
	"strings"

	"github.com/duckdb/duckdb-go/v2"
)

// Outcome is what a SQL cell produced: the handle of its last statement's result, or the
// number of rows that statement changed (-1 when it reports none).
type Outcome struct {
	Handle  string
	Changed int64
}

// RunCell runs a SQL cell: its statements in order, on one connection (so SET and
// temporary tables carry over to the next statement). A last statement that returns rows
// is materialised as a result table. ctx cancels the running statement.
func (e *Engine) RunCell(ctx context.Context, src string) (Outcome, error) {
	stmts := Split(src)
	if len(stmts) == 0 {
		return Outcome{Changed: -1}, nil
	}
	conn, err := e.Conn(ctx)
	if err != nil {
		return Outcome{}, err
	}
	defer conn.Close()
	for _, s := range stmts[:len(stmts)-1] {
		if _, err := conn.ExecContext(ctx, s); err != nil {
			return Outcome{}, err
		}
	}
	last := stmts[len(stmts)-1]
	if yields, err := e.yieldsRows(ctx, conn, last); err != nil {
		return Outcome{}, err
	} else if yields {
		h, err := e.materialiseOn(ctx, conn, asQuery(last))
		return Outcome{Handle: h}, err
	}
	res, err := conn.ExecContext(ctx, last)
	if err != nil {
		return Outcome{}, err
	}
	n, err := res.RowsAffected()
	if err != nil || n == 0 {
		n = -1
	}
	return Outcome{Changed: n}, nil
}

// yieldsRows prepares a statement to learn whether it is a query (SELECT, VALUES, FROM, WITH,
// SHOW, DESCRIBE, SUMMARIZE...) that CREATE TABLE AS can hold.
func (e *Engine) yieldsRows(ctx context.Context, conn interface {
	Raw(func(any) error) error
}, stmt string) (bool, error) {
	var yields bool
	err := conn.Raw(func(dc any) error {
		c, ok := dc.(*duckdb.Conn)
		if !ok {
			return errors.New("not a DuckDB connection")
		}
		ds, err := c.PrepareContext(ctx, stmt)
		if err != nil {
			return err
		}
		defer ds.Close()
		st, ok := ds.(*duckdb.Stmt)
		if !ok {
			return errors.New("not a DuckDB statement")
		}
		t, err := st.StatementType()
		yields = t == duckdb.STATEMENT_TYPE_SELECT
		return err
	})
	return yields, err
}

// asQuery makes a statement CREATE TABLE AS accepts: DESCRIBE, SHOW and SUMMARIZE are
// queries only as a subquery. The newline ends a trailing line comment.
func asQuery(stmt string) string {
	first := strings.ToLower(strings.Fields(stripComments(stmt) + " x")[0])
	switch first {
	case "describe", "desc", "show", "summarize":
		return "SELECT * FROM (" + stmt + "\n)"
	}
	return stmt
}

// stripComments drops the comments that lead stmt.
func stripComments(stmt string) string {
	for {
		stmt = strings.TrimSpace(stmt)
		switch {
		case strings.HasPrefix(stmt, "--"):
			stmt = stmt[skipTo(stmt, 2, "\n"):]
		case strings.HasPrefix(stmt, "/*"):
			stmt = stmt[skipTo(stmt, 2, "*/"):]
		default:
			return stmt
		}
	}
}
