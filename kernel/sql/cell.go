package sql

import (
	"context"
	gosql "database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/duckdb/duckdb-go/v2"
)

// Outcome is what a SQL cell produced: the handle of its last statement's result, or the
// number of rows that statement changed (-1 when it reports none), and that statement.
type Outcome struct {
	Handle  string
	Changed int64
	Last    string // the last statement, as Split gives it
}

// Vars gives the value of a $name parameter of a SQL cell (the kernel reads the Go variable).
type Vars func(name string) (any, error)

// RunCell runs a SQL cell: its statements in order, on one connection (so SET and
// temporary tables carry over to the next statement). A last statement that returns rows
// is materialised as a result table. $name parameters take their values from vars (nil: none
// allowed). ctx cancels the running statement.
func (e *Engine) RunCell(ctx context.Context, src string, vars Vars) (Outcome, error) {
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
		args, err := bindParams(s, vars)
		if err != nil {
			return Outcome{}, err
		}
		if _, err := conn.ExecContext(ctx, s, args...); err != nil {
			return Outcome{}, err
		}
	}
	last := stmts[len(stmts)-1]
	args, err := bindParams(last, vars)
	if err != nil {
		return Outcome{}, err
	}
	if yields, err := e.yieldsRows(ctx, conn, last); err != nil {
		return Outcome{}, err
	} else if yields {
		h, err := e.materialiseOn(ctx, conn, asQuery(last), args...)
		return Outcome{Handle: h, Last: last}, err
	}
	res, err := conn.ExecContext(ctx, last, args...)
	if err != nil {
		return Outcome{}, err
	}
	n, err := res.RowsAffected()
	if err != nil || n == 0 {
		n = -1
	}
	return Outcome{Changed: n, Last: last}, nil
}

// bindParams gives each $name parameter of stmt its value as a named argument.
func bindParams(stmt string, vars Vars) ([]any, error) {
	var args []any
	for _, name := range Params(stmt) {
		if vars == nil {
			return nil, fmt.Errorf("$%s: parameters need a Go variable of that name", name)
		}
		v, err := vars(name)
		if err != nil {
			return nil, fmt.Errorf("$%s: %w", name, err)
		}
		args = append(args, gosql.Named(name, v))
	}
	return args, nil
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
