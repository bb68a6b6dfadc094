package sql

import (
	"context"
	gosql "database/sql"
	"errors"
	"fmt"
	"strings"
)

// MIME is the table output's MIME type; its JSON is a Page.
const MIME = "application/vnd.cairn.table+json"

// resultSchema holds the result tables. Not TEMP: temporary tables belong to one connection,
// and page requests run on another while a cell runs.
const resultSchema = "cairn"

// ErrUnknownHandle is returned for a handle that names no result (never made, or dropped).
var ErrUnknownHandle = errors.New("unknown result handle")

// Column is a result column and its DuckDB type.
type Column struct {
	Name string `json:"name"`
	Type string `json:"type"`
}

// table is a materialised result.
type table struct {
	name    string // quoted, schema-qualified
	columns []Column
	rows    int
}

// Materialise runs query once into a new result table and returns its handle ("r3").
// Paging and sorting then run on the table in DuckDB.
func (e *Engine) Materialise(ctx context.Context, query string, args ...any) (string, error) {
	db, err := e.DB()
	if err != nil {
		return "", err
	}
	return e.materialiseOn(ctx, db, query, args...)
}

// execer is a *sql.DB or a *sql.Conn.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (gosql.Result, error)
}

func (e *Engine) materialiseOn(ctx context.Context, x execer, query string, args ...any) (string, error) {
	handle, name := e.next()
	if _, err := x.ExecContext(ctx, "CREATE TABLE "+name+" AS "+query, args...); err != nil {
		return "", err
	}
	if err := e.adopt(ctx, handle, name); err != nil {
		return "", err
	}
	return handle, nil
}

// describe reads the columns and the row count of t.
func (e *Engine) describe(ctx context.Context, t *table) error {
	rows, err := e.Query(ctx, "SELECT * FROM "+t.name+" LIMIT 0")
	if err != nil {
		return err
	}
	types, err := rows.ColumnTypes()
	_ = rows.Close()
	if err != nil {
		return err
	}
	for _, ct := range types {
		t.columns = append(t.columns, Column{Name: ct.Name(), Type: ct.DatabaseTypeName()})
	}
	db, err := e.DB()
	if err != nil {
		return err
	}
	return db.QueryRowContext(ctx, "SELECT count(*) FROM "+t.name).Scan(&t.rows)
}

// keep records a result table and drops the oldest beyond keepResults.
func (e *Engine) keep(handle string, t *table) {
	e.mu.Lock()
	e.results[handle] = t
	e.order = append(e.order, handle)
	var drop []*table
	for len(e.order) > keepResults {
		drop = append(drop, e.results[e.order[0]])
		delete(e.results, e.order[0])
		e.order = e.order[1:]
	}
	e.mu.Unlock()
	for _, d := range drop {
		_ = e.Exec(context.Background(), "DROP TABLE IF EXISTS "+d.name)
		_ = e.Exec(context.Background(), "DROP TABLE IF EXISTS "+sortedName(d))
	}
}

func (e *Engine) lookup(handle string) (*table, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	t := e.results[handle]
	if t == nil {
		return nil, fmt.Errorf("%w %q", ErrUnknownHandle, handle)
	}
	return t, nil
}

// TableName returns the SQL name of a result's table, for reading it whole (frame.Result).
func (e *Engine) TableName(handle string) (string, error) {
	t, err := e.lookup(handle)
	if err != nil {
		return "", err
	}
	return t.name, nil
}

// Ident quotes an SQL identifier.
func Ident(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

// Store makes a result table with fill, which creates table (schema-qualified, unquoted
// parts) on conn, and returns its handle: frames from Go become pageable like query results.
func (e *Engine) Store(ctx context.Context, fill func(conn *gosql.Conn, schema, table string) error) (string, error) {
	conn, err := e.Conn(ctx)
	if err != nil {
		return "", err
	}
	defer conn.Close()
	handle, name := e.next()
	if err := fill(conn, resultSchema, strings.TrimPrefix(name, resultSchema+".")); err != nil {
		_ = e.Exec(context.Background(), "DROP TABLE IF EXISTS "+name)
		return "", err
	}
	if err := e.adopt(ctx, handle, name); err != nil {
		return "", err
	}
	return handle, nil
}

// next reserves the handle and table name of a new result.
func (e *Engine) next() (handle, name string) {
	e.mu.Lock()
	e.n++
	n := e.n
	e.mu.Unlock()
	return fmt.Sprintf("r%d", n), fmt.Sprintf("%s.result_%d", resultSchema, n)
}

// adopt describes a new result table and keeps it; it drops the table if that fails.
func (e *Engine) adopt(ctx context.Context, handle, name string) error {
	t := &table{name: name}
	if err := e.describe(ctx, t); err != nil {
		_ = e.Exec(context.Background(), "DROP TABLE IF EXISTS "+name)
		return err
	}
	e.keep(handle, t)
	return nil
}
