package frame

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/cairn-notebook/cairn/ml"
)

// Query (Arrow in the Makefile's builds) and FromRows (rows.Scan) read the same frame: every
// frame type, NULLs in each, values beyond one Arrow chunk, and types that become text.
func TestQueryMatchesScan(t *testing.T) {
	e := useEngine(t)
	q := `select range::int as i32, range as i64, (range % 200)::utinyint as u8, range / 7 as d,
		(range / 4)::float as f32, (range * 0.01)::decimal(12,2) as dec, 'v' || range as s,
		range % 3 = 0 as b, date '2024-01-01' + range::int as day,
		timestamp '2024-01-01' + to_seconds(range) as ts, [range, 1] as list, range::hugeint as h,
		(range % 5)::uhugeint as uh
		from range(5000)`
	nulls := "select * replace (" + strings.Join(func() (s []string) {
		for _, c := range []string{"i32", "i64", "u8", "d", "f32", "dec", "s", "b", "day", "ts", "list", "h", "uh"} {
			s = append(s, "case when i64 % 11 = 0 then null else "+c+" end as "+c)
		}
		return
	}(), ", ") + ") from (" + q + ")"
	for _, query := range []string{q, nulls} {
		got, err := Query(query)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := e.Query(context.Background(), query)
		if err != nil {
			t.Fatal(err)
		}
		want, err := FromRows(rows)
		if err != nil {
			t.Fatal(err)
		}
		if got.Len() != 5000 || !reflect.DeepEqual(got.Names(), want.Names()) {
			t.Fatalf("%d rows, names %v want %v", got.Len(), got.Names(), want.Names())
		}
		for _, name := range got.Names() {
			g, w := got.Col(name), want.Col(name)
			if g.Type() != w.Type() {
				t.Errorf("column %s: type %v, scan %v", name, g.Type(), w.Type())
				continue
			}
			for i := range g.Len() {
				gv, wv := g.Value(i), w.Value(i)
				if name == "list" { // text either way, in each reader's own notation
					gv, wv = gv != "", wv != ""
				}
				if g.IsNull(i) != w.IsNull(i) || !equalValue(gv, wv) {
					t.Errorf("column %s row %d: %v (null %v), scan %v (null %v)", name, i, gv, g.IsNull(i), wv, w.IsNull(i))
					break
				}
			}
		}
		if s := got.Col("s").Strings(); s[4999] != "v4999" || got.Col("i64").IsNull(0) != (query == nulls) {
			t.Errorf("strings %q…", s[4999])
		}
		if l := got.Col("list").Strings()[1]; l != "[1 1]" && l != "[1,1]" {
			t.Errorf("a list as text: %q", l)
		}
	}
}

// equalValue compares values, times by instant (Arrow and Scan may pick different zones).
func equalValue(a, b any) bool {
	type instant interface{ UnixNano() int64 }
	if x, ok := a.(instant); ok {
		y, ok := b.(instant)
		return ok && x.UnixNano() == y.UnixNano()
	}
	return reflect.DeepEqual(a, b)
}

func TestQueryOverflow(t *testing.T) {
	useEngine(t)
	for _, q := range []string{"select 18446744073709551615::ubigint as u", "select (2::hugeint ** 100)::hugeint as h"} {
		if _, err := Query(q); err == nil || !strings.Contains(err.Error(), "does not fit an int64") {
			t.Errorf("%s: %v", q, err)
		}
	}
}

// Where and SQL query a frame's own copy in DuckDB; `this` does not outlive the call.
func TestWhereAndSQL(t *testing.T) {
	useEngine(t)
	f, err := FromStructs([]sample{{Name: "b", N: 3}, {Name: "a", N: 1}, {Name: "b", N: 7}, {Name: "c", N: 2}})
	if err != nil {
		t.Fatal(err)
	}
	w, err := f.Where("N > ? AND Name <> 'c'", 1)
	if err != nil || w.Len() != 2 || w.Col("N").Int64s()[0] != 3 || w.Col("N").Int64s()[1] != 7 {
		t.Fatalf("where: %v %v", w, err)
	}
	g, err := f.SQL("SELECT Name, sum(N) AS total FROM this GROUP BY Name ORDER BY total DESC")
	if err != nil || g.Len() != 3 || g.Col("Name").Strings()[0] != "b" || g.Col("total").Value(0) != any(int64(10)) {
		t.Fatalf("sql: %v %v", g, err)
	}
	if _, err := Query("select * from this"); err == nil {
		t.Error("the view `this` outlived the call")
	}
	if _, err := f.Where("nope > 1"); err == nil || !strings.Contains(err.Error(), "nope") {
		t.Errorf("bad condition: %v", err)
	}
	if w2, err := w.Where("N = 7"); err != nil || w2.Len() != 1 {
		t.Errorf("a filter of a filter: %v %v", w2, err)
	}
}

// A frame becomes an ml dataset: kinds by type, NULLs as missing, a bad target named.
func TestDataset(t *testing.T) {
	useEngine(t)
	f, err := Query(`select * from (values (1.5, 'a', true, 10, 'x'), (null, 'b', false, 20, 'y'),
		(2.5, null, true, 30, 'x')) t(size, family, signed, n, label)`)
	if err != nil {
		t.Fatal(err)
	}
	d, err := f.Dataset("label", "size", "family", "signed")
	if err != nil {
		t.Fatal(err)
	}
	if d.Len() != 3 || d.Target() != "label" || strings.Join(d.Features(), ",") != "size,family,signed" ||
		d.Task() != ml.Classification || fmt.Sprint(d.Kinds()) != "[numeric categorical categorical]" {
		t.Errorf("dataset: %d rows, target %s, features %v, task %v, kinds %v", d.Len(), d.Target(), d.Features(), d.Task(), d.Kinds())
	}
	if _, err := f.Dataset("nope"); err == nil || !strings.Contains(err.Error(), "nope") {
		t.Errorf("unknown target: %v", err)
	}
}
