package kernel

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"go/token"

	"github.com/cairn-notebook/cairn/kernel/frame"
	"github.com/cairn-notebook/cairn/kernel/protocol"
	"github.com/cairn-notebook/cairn/kernel/sql"
)

// pageRows is the first page a SQL cell shows.
const pageRows = 50

// runSQL runs a SQL cell: its last statement's result shows as a paged table (or the count of
// changed rows), and with the option bind=name it becomes the Go variable name, a *frame.Frame.
func (k *kernel) runSQL(ctx context.Context, m *protocol.Msg) error {
	bind := m.Options["bind"]
	if bind != "" && (!token.IsIdentifier(bind) || bind == "_") {
		return &protocol.Error{Kind: "compile", Msg: fmt.Sprintf("bind=%s: not a Go variable name", bind)}
	}
	vals := map[string]any{} // a $name in several statements is evaluated once
	out, err := k.sql.RunCell(ctx, m.Code, func(name string) (any, error) {
		if v, ok := vals[name]; ok {
			return v, nil
		}
		v, err := k.goVar(ctx, name)
		if err == nil {
			vals[name] = v
		}
		return v, err
	})
	if err != nil {
		return sqlError(ctx, err)
	}
	if out.Handle == "" {
		if bind != "" {
			return &protocol.Error{Kind: "runtime", Msg: fmt.Sprintf("bind=%s: the cell's last statement returns no rows", bind)}
		}
		if out.Changed >= 0 {
			k.result(m.ID, map[string]string{"text/plain": plural(out.Changed, "row") + " changed"})
		}
		return nil
	}
	if bind != "" {
		if err := k.bind(ctx, bind, out.Handle); err != nil {
			return err
		}
	}
	data, err := k.sql.Bundle(ctx, out.Handle, pageRows, out.Last)
	if err != nil {
		return sqlError(ctx, err)
	}
	k.result(m.ID, data)
	return nil
}

// bind reads a result into a frame (compiled) and hands it to the interpreter as a variable.
func (k *kernel) bind(ctx context.Context, name, handle string) error {
	f, err := frame.Result(handle)
	if err != nil {
		return sqlError(ctx, err)
	}
	frame.SetBound(f)
	_, err = k.ev.Eval(ctx, "import cairnframe \"cairn/frame\"\nvar "+name+" = cairnframe.Bound()")
	return err
}

// goVar reads the Go variable a SQL cell's $name parameter names.
func (k *kernel) goVar(ctx context.Context, name string) (any, error) {
	if !token.IsIdentifier(name) {
		return nil, fmt.Errorf("not a Go variable name")
	}
	vals, err := k.ev.Eval(ctx, name)
	if err != nil {
		return nil, err
	}
	if len(vals) != 1 || !vals[0].IsValid() || !vals[0].CanInterface() {
		return nil, fmt.Errorf("%s has no value SQL can take", name)
	}
	return vals[0].Interface(), nil
}

// sqlError keeps DuckDB's own message (it names the line and column of bad CSV and SQL).
func sqlError(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return &protocol.Error{Kind: "interrupted", Msg: "query cancelled"}
	}
	return &protocol.Error{Kind: "sql", Msg: err.Error()}
}

// answer answers a request about a result table (table_page, profile) with typ, or with an
// error under the request's id. It runs beside a cell, on its own DuckDB connection.
func (k *kernel) answer(m *protocol.Msg, typ string, do func(*protocol.Msg) (map[string]string, error)) {
	data, err := do(m)
	if err != nil {
		kind := "sql"
		if errors.Is(err, sql.ErrUnknownHandle) {
			kind = "unknown_handle"
		}
		_ = k.conn.Send(&protocol.Msg{Type: protocol.Fail, ID: m.ID, Error: &protocol.Error{Kind: kind, Msg: err.Error()}})
		return
	}
	_ = k.conn.Send(&protocol.Msg{Type: typ, ID: m.ID, Data: data})
}

// page is a table_page request's answer: the table MIME of the page.
func (k *kernel) page(m *protocol.Msg) (map[string]string, error) {
	p, err := k.sql.Page(context.Background(), m.Handle, m.Offset, m.Limit, m.SortBy, m.Desc)
	if err != nil {
		return nil, err
	}
	js, err := json.Marshal(p)
	if err != nil {
		return nil, err
	}
	return map[string]string{sql.MIME: string(js)}, nil
}

// profile is a profile request's answer: the profile MIME and its text summary, of a result
// (Handle) or of a table by name (Table).
func (k *kernel) profile(m *protocol.Msg) (map[string]string, error) {
	if m.Table != "" {
		p, err := k.sql.ProfileTable(context.Background(), m.Table)
		if err != nil {
			return nil, err
		}
		return p.Bundle()
	}
	return k.sql.ProfileBundle(context.Background(), m.Handle)
}

// tables is a tables request's answer: the tables and views in DuckDB's main schema.
func (k *kernel) tables(*protocol.Msg) (map[string]string, error) {
	ts, err := k.sql.Tables(context.Background())
	if err != nil {
		return nil, err
	}
	js, err := json.Marshal(ts)
	if err != nil {
		return nil, err
	}
	return map[string]string{protocol.TablesMIME: string(js)}, nil
}

func plural(n int64, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
