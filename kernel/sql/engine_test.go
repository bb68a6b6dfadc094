package sql

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func newEngine(t *testing.T) *Engine {
	t.Helper()
	e := New(Options{MemoryLimit: 1 << 30, Threads: 2})
	t.Cleanup(func() { _ = e.Close() })
	return e
}

func run(t *testing.T, e *Engine, src string) Outcome {
	t.Helper()
	o, err := e.RunCell(context.Background(), src, nil)
	if err != nil {
		t.Fatalf("%s: %v", src, err)
	}
	return o
}

func page(t *testing.T, e *Engine, h string, offset, limit int, by string, desc bool) *Page {
	t.Helper()
	p, err := e.Page(context.Background(), h, offset, limit, by, desc)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestSettings(t *testing.T) {
	e := newEngine(t)
	o := run(t, e, "select current_setting('memory_limit') as m, current_setting('threads') as t, "+
		"current_setting('autoload_known_extensions') as a, current_setting('autoinstall_known_extensions') as i")
	got := page(t, e, o.Handle, 0, 1, "", false).Page[0]
	// 1 GiB shows as 1.0 GiB, DuckDB's rendering of 1024 MiB; 3/4 is the kernel's business.
	if got[0] != "1.0 GiB" || got[1] != int64(2) || got[2] != false || got[3] != false {
		t.Errorf("settings %v", got)
	}
}

// A query that would autoload an extension fails at once instead of downloading it.
func TestNoExtensionAutoload(t *testing.T) {
	e := newEngine(t)
	start := time.Now()
	_, err := e.RunCell(context.Background(), "select * from read_json_auto('https://example.com/x.json')", nil)
	if err == nil || time.Since(start) > 5*time.Second {
		t.Fatalf("err %v after %v, want a fast failure", err, time.Since(start))
	}
	if !strings.Contains(strings.ToLower(err.Error()), "httpfs") {
		t.Errorf("error %q does not name the extension", err)
	}
}

func TestCellStatements(t *testing.T) {
	e := newEngine(t)
	o := run(t, e, `-- set up; not a statement
create temp table t(s varchar, n int);
insert into t values ('a;b', 1), ('it''s; fine', 2) /* ; */;
insert into t values ($$x;y$$, 3);
select s as "semi;colon", n from t order by n;  -- trailing ; comment`)
	p := page(t, e, o.Handle, 0, 10, "", false)
	if p.Rows != 3 || p.Columns[0].Name != "semi;colon" || p.Columns[1].Type != "INTEGER" {
		t.Fatalf("page %+v", p)
	}
	if p.Page[0][0] != "a;b" || p.Page[1][0] != "it's; fine" || p.Page[2][0] != "x;y" {
		t.Errorf("rows %v", p.Page)
	}
	if o := run(t, e, "create table u as select 1 as x; insert into u select * from range(5)"); o.Handle != "" || o.Changed != 5 {
		t.Errorf("insert outcome %+v, want 5 changed", o)
	}
	if o := run(t, e, "create table v(x int)"); o.Handle != "" || o.Changed != -1 {
		t.Errorf("create outcome %+v", o)
	}
	if o := run(t, e, "-- only a comment;\n"); o.Handle != "" {
		t.Errorf("comment outcome %+v", o)
	}
	for _, q := range []string{"describe u", "-- c\nshow tables -- c", "summarize u", "from u", "with a as (select 2) select * from a", "values (1), (2)"} {
		if o := run(t, e, q); o.Handle == "" {
			t.Errorf("%s: no result", q)
		}
	}
}

func TestBadSQL(t *testing.T) {
	e := newEngine(t)
	_, err := e.RunCell(context.Background(), "create table w(x int); selec 1", nil)
	if err == nil || !strings.Contains(err.Error(), "syntax error") {
		t.Fatalf("err %v", err)
	}
	// The statements before the bad one ran; the engine still works.
	if o := run(t, e, "select count(*) from w"); o.Handle == "" {
		t.Error("no result after an error")
	}
}

func TestMalformedCSV(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "bad.csv")
	if err := os.WriteFile(path, []byte("id,score\n1,2.5\n2,3.5\n3,oops\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	e := newEngine(t)
	_, err := e.RunCell(context.Background(), "select * from read_csv('"+path+"', columns={'id': 'INTEGER', 'score': 'DOUBLE'}, header=true)", nil)
	if err == nil {
		t.Fatal("malformed CSV read without error")
	}
	for _, want := range []string{"oops", "DOUBLE", "Line: 4"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
}

func TestPagingMillionRows(t *testing.T) {
	e := newEngine(t)
	o := run(t, e, "select range as x, range % 7 as m, 'row ' || range as s from range(1000000)")
	start := time.Now()
	p := page(t, e, o.Handle, 999990, 50, "", false)
	if p.Rows != 1000000 || len(p.Page) != 10 || p.Page[0][0] != int64(999990) || p.Page[9][0] != int64(999999) {
		t.Fatalf("last page: rows %d, %d rows from %v", p.Rows, len(p.Page), p.Page[0])
	}
	p = page(t, e, o.Handle, 100, 50, "x", true)
	if p.Page[0][0] != int64(999899) || p.Page[49][0] != int64(999850) || p.Sort == nil || !p.Sort.Desc {
		t.Errorf("desc page from %v to %v", p.Page[0], p.Page[49])
	}
	// Ties keep result order.
	p = page(t, e, o.Handle, 0, 3, "m", false)
	if p.Page[0][0] != int64(0) || p.Page[1][0] != int64(7) || p.Page[2][0] != int64(14) {
		t.Errorf("ties %v", p.Page)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("three pages took %v", d)
	}
	for _, bad := range []struct {
		offset, limit int
		by            string
	}{{-1, 10, ""}, {0, -1, ""}, {0, MaxLimit + 1, ""}, {0, 10, "nope"}} {
		if _, err := e.Page(context.Background(), o.Handle, bad.offset, bad.limit, bad.by, false); err == nil {
			t.Errorf("page %+v: no error", bad)
		}
	}
	if _, err := e.Page(context.Background(), "r999", 0, 10, "", false); !errors.Is(err, ErrUnknownHandle) {
		t.Errorf("unknown handle: %v", err)
	}
}

func TestInterrupt(t *testing.T) {
	e := newEngine(t)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(300*time.Millisecond, cancel)
	start := time.Now()
	_, err := e.RunCell(ctx, "select count(*) from range(100000000) a, range(100000000) b where a.range + b.range = 3", nil)
	if err == nil || time.Since(start) > 1300*time.Millisecond {
		t.Fatalf("err %v after %v", err, time.Since(start))
	}
	run(t, e, "select 1") // still usable
}
