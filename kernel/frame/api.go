package frame

import (
	"context"
	gosql "database/sql"
	"database/sql/driver"
	"fmt"
	"sync"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/cairn-notebook/cairn/kernel/sql"
)

// The kernel's engine and the running cell's context (set by the kernel, hidden from cells).
var (
	mu      sync.Mutex
	engine  *sql.Engine
	cellCtx = context.Background()
)

// Use makes the cell API run on e; the kernel calls it once at start.
func Use(e *sql.Engine) {
	mu.Lock()
	defer mu.Unlock()
	engine = e
}

// SetContext sets the context of the running cell, so that interrupting the cell cancels
// its queries.
func SetContext(ctx context.Context) {
	mu.Lock()
	defer mu.Unlock()
	cellCtx = ctx
}

func current() (*sql.Engine, context.Context, error) {
	mu.Lock()
	defer mu.Unlock()
	if engine == nil {
		return nil, nil, fmt.Errorf("no SQL engine: frame's database functions work in a Cairn kernel")
	}
	return engine, cellCtx, nil
}

// Query runs a SQL query and returns its result as a frame. Args bind to ? or $1 parameters.
func Query(q string, args ...any) (*Frame, error) {
	e, ctx, err := current()
	if err != nil {
		return nil, err
	}
	return onConn(ctx, e, func(conn *gosql.Conn) (*Frame, error) { return query(ctx, conn, q, args...) })
}

// onConn runs do on a connection of its own.
func onConn(ctx context.Context, e *sql.Engine, do func(*gosql.Conn) (*Frame, error)) (*Frame, error) {
	conn, err := e.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	return do(conn)
}

// Exec runs SQL statements that return no rows.
func Exec(q string, args ...any) error {
	e, ctx, err := current()
	if err != nil {
		return err
	}
	return e.Exec(ctx, q, args...)
}

// Result returns the result of a SQL cell (its handle, "r3") as a frame.
func Result(handle string) (*Frame, error) {
	e, ctx, err := current()
	if err != nil {
		return nil, err
	}
	name, err := e.TableName(handle)
	if err != nil {
		return nil, err
	}
	f, err := onConn(ctx, e, func(conn *gosql.Conn) (*Frame, error) {
		return query(ctx, conn, "SELECT * FROM "+name+" ORDER BY rowid")
	})
	if f != nil {
		f.handle = handle
	}
	return f, err
}

// Register makes v a table called name (replacing one of that name) that SQL cells and
// Query can use. v is a *Frame or a slice of structs (see FromStructs).
func Register(name string, v any) error {
	e, ctx, err := current()
	if err != nil {
		return err
	}
	f, ok := v.(*Frame)
	if !ok {
		if f, err = FromStructs(v); err != nil {
			return err
		}
	}
	conn, err := e.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return f.fill(ctx, conn, "main", name)
}

// MIMEBundle shows the frame as a paged table: the first time, it copies the frame into a
// result table the app pages through.
func (f *Frame) MIMEBundle() map[string]string {
	e, ctx, err := current()
	if err == nil {
		_, err = f.table(ctx, e)
	}
	var b map[string]string
	if err == nil {
		b, err = e.Bundle(ctx, f.handle, 50, "")
	}
	if err != nil {
		return map[string]string{"text/plain": f.String() + "\n(no table view: " + err.Error() + ")"}
	}
	return b
}

// table returns the name of the result table holding the frame, copying the frame into one
// the first time (and again if the engine has dropped it since: it keeps the newest results).
func (f *Frame) table(ctx context.Context, e *sql.Engine) (string, error) {
	if f.handle != "" {
		if name, err := e.TableName(f.handle); err == nil {
			return name, nil
		}
	}
	h, err := e.Store(ctx, func(conn *gosql.Conn, schema, table string) error {
		return f.fill(ctx, conn, schema, table)
	})
	if err != nil {
		return "", err
	}
	f.handle = h
	return e.TableName(h)
}

// sqlTypes are the DuckDB types of the frame types.
var sqlTypes = [...]string{Float64: "DOUBLE", Int64: "BIGINT", String: "VARCHAR", Bool: "BOOLEAN", Time: "TIMESTAMPTZ"}

// fill creates schema.table (replacing it) and copies the frame into it with an appender.
func (f *Frame) fill(ctx context.Context, conn *gosql.Conn, schema, table string) error {
	if len(f.cols) == 0 {
		return fmt.Errorf("cannot make a table of a frame without columns")
	}
	ddl := "CREATE OR REPLACE TABLE " + sql.Ident(schema) + "." + sql.Ident(table) + " ("
	for i, c := range f.cols {
		if i > 0 {
			ddl += ", "
		}
		ddl += sql.Ident(c.name) + " " + sqlTypes[c.typ]
	}
	if _, err := conn.ExecContext(ctx, ddl+")"); err != nil {
		return err
	}
	return conn.Raw(func(dc any) error {
		a, err := duckdb.NewAppenderFromConn(dc.(driver.Conn), schema, table)
		if err != nil {
			return err
		}
		row := make([]driver.Value, len(f.cols))
		for i := range f.Len() {
			if ctx.Err() != nil {
				_ = a.Close()
				return ctx.Err()
			}
			for j, c := range f.cols {
				row[j] = c.Value(i)
			}
			if err := a.AppendRow(row...); err != nil {
				_ = a.Close()
				return err
			}
		}
		return a.Close()
	})
}

var bound *Frame

// SetBound and Bound pass a frame from the kernel to the interpreter: the kernel sets it,
// then evaluates `var df = cairnframe.Bound()` for a SQL cell's bind=df. Cells need neither.
func SetBound(f *Frame) {
	mu.Lock()
	defer mu.Unlock()
	bound = f
}

// Bound returns the frame SetBound set last.
func Bound() *Frame {
	mu.Lock()
	defer mu.Unlock()
	return bound
}
