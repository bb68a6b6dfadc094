package sql

import (
	"reflect"
	"strconv"
	"testing"
)

// Deep sorted pages come from a sorted copy and equal what ORDER BY … OFFSET gives, ties in
// result order; the copy is reused for the same order and replaced for another.
func TestDeepSortedPages(t *testing.T) {
	e := newEngine(t)
	defer func(d, b int) { deepOffset, bigResult = d, b }(deepOffset, bigResult)
	deepOffset, bigResult = 100, 1000
	o := run(t, e, "select range as id, range % 7 as k, case when range % 5 = 0 then null else (range * 37) % 101 end as v from range(3000)")
	copies := func() int {
		var n int
		db, _ := e.DB()
		if err := db.QueryRow("select count(*) from duckdb_tables() where table_name like '%_sorted'").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	for _, c := range []struct {
		by     string
		desc   bool
		offset int
	}{{"v", false, 2950}, {"v", false, 120}, {"k", true, 1500}, {"v", true, 2400}} {
		want := run(t, e, "select * from (select * from "+mustName(t, e, o.Handle)+" order by "+c.by+map[bool]string{false: " asc", true: " desc"}[c.desc]+" nulls last, rowid) limit 50 offset "+itoa(c.offset))
		got := page(t, e, o.Handle, c.offset, 50, c.by, c.desc)
		if w := page(t, e, want.Handle, 0, 50, "", false); !reflect.DeepEqual(got.Page, w.Page) || len(got.Page) != 50 {
			t.Errorf("sorted by %s desc=%v at %d:\n got %v\nwant %v", c.by, c.desc, c.offset, got.Page[:3], w.Page[:3])
		}
		if n := copies(); n != 1 {
			t.Errorf("%d sorted copies, want 1", n)
		}
	}
	// Shallow pages and small results never copy.
	small := run(t, e, "select range as x from range(10)")
	if p := page(t, e, small.Handle, 5, 2, "x", true); p.Page[0][0] != int64(4) {
		t.Errorf("small sorted page %v", p.Page)
	}
}

func mustName(t *testing.T, e *Engine, h string) string {
	n, err := e.TableName(h)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func itoa(n int) string { return strconv.Itoa(n) }
