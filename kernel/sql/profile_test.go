package sql

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"
)

// profileTable is ten hand-checked rows: x has nulls and duplicates, s repeated text, b
// booleans with nulls, t dates, f one repeated value, n nothing but nulls.
const profileTable = `SELECT * FROM (VALUES
	(1,    'a',    true,  DATE '2024-01-05', 2.5, NULL::INTEGER),
	(2,    'bb',   false, DATE '2024-01-01', 2.5, NULL),
	(2,    'a',    true,  DATE '2024-02-10', 2.5, NULL),
	(3,    NULL,   NULL,  NULL,              2.5, NULL),
	(4,    'ccc',  true,  DATE '2024-03-01', 2.5, NULL),
	(5,    'a',    true,  DATE '2024-01-05', 2.5, NULL),
	(NULL, 'bb',   false, DATE '2024-01-20', 2.5, NULL),
	(7,    'dddd', NULL,  DATE '2024-02-02', 2.5, NULL),
	(8,    'e',    NULL,  DATE '2024-01-07', 2.5, NULL),
	(NULL, 'a',    true,  DATE '2024-01-09', 2.5, NULL)
) AS v(x, s, b, t, f, n)`

func ptr[T any](v T) *T { return &v }

func TestProfile(t *testing.T) {
	e := newEngine(t)
	h := run(t, e, profileTable).Handle
	p, err := e.Profile(context.Background(), h)
	if err != nil {
		t.Fatal(err)
	}
	if p.Handle != h || p.Rows != 10 || len(p.Columns) != 6 {
		t.Fatalf("profile %+v", p)
	}
	// x: 1 2 2 3 4 5 7 8; mean 4, squared deviations sum to 44 over 7 degrees of freedom;
	// bins of width 7/20 from 1.
	x := p.Columns[0]
	hist := make([]int64, 20)
	for b, n := range map[int]int64{0: 1, 2: 2, 5: 1, 8: 1, 11: 1, 17: 1, 19: 1} {
		hist[b] = n
	}
	want := ColumnProfile{Name: "x", Type: "INTEGER", Kind: "number", Count: 8, Nulls: 2, NullShare: 0.2, Distinct: 7,
		Min: int32(1), Max: int32(8), Mean: ptr(4.0), Std: ptr(math.Sqrt(44.0 / 7)), Quartiles: []float64{2, 3.5, 5.5},
		Histogram: &Histogram{Lo: 1, Hi: 8, Counts: hist}}
	if !close(*x.Std, *want.Std) {
		t.Errorf("std %v, want %v", *x.Std, *want.Std)
	}
	x.Std = want.Std
	if !reflect.DeepEqual(x, want) {
		t.Errorf("x:\n got %s\nwant %s", js(x), js(want))
	}
	checks := []ColumnProfile{
		{Name: "s", Type: "VARCHAR", Kind: "text", Count: 9, Nulls: 1, NullShare: 0.1, Distinct: 5, MinLength: ptr[int64](1), MaxLength: ptr[int64](4),
			Top: []TopValue{{"a", 4}, {"bb", 2}, {"ccc", 1}, {"dddd", 1}, {"e", 1}}},
		{Name: "b", Type: "BOOLEAN", Kind: "bool", Count: 7, Nulls: 3, NullShare: 0.3, Distinct: 2, True: ptr[int64](5), False: ptr[int64](2)},
		{Name: "t", Type: "DATE", Kind: "time", Count: 9, Nulls: 1, NullShare: 0.1, Distinct: 8,
			Min: "2024-01-01T00:00:00Z", Max: "2024-03-01T00:00:00Z"},
		{Name: "f", Type: "DECIMAL(2,1)", Kind: "number", Count: 10, Distinct: 1, Min: 2.5, Max: 2.5, Mean: ptr(2.5), Std: ptr(0.0),
			Quartiles: []float64{2.5, 2.5, 2.5}, Histogram: &Histogram{Lo: 2.5, Hi: 2.5, Counts: []int64{10}}},
		{Name: "n", Type: "INTEGER", Kind: "number", Nulls: 10, NullShare: 1},
	}
	for i, want := range checks {
		if got := p.Columns[i+1]; !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got %s\nwant %s", want.Name, js(got), js(want))
		}
	}

	b, err := e.ProfileBundle(context.Background(), h)
	if err != nil {
		t.Fatal(err)
	}
	var back Profile
	if err := json.Unmarshal([]byte(b[ProfileMIME]), &back); err != nil || len(back.Columns) != 6 || back.Columns[1].Top[0].Value != "a" {
		t.Errorf("profile JSON %s: %v", b[ProfileMIME], err)
	}
	text := b["text/plain"]
	for _, line := range []string{"10 rows", "2 (20%)", "2.50713", "len 4", "10 (100%)", "a (4)", "true 5, false 2"} {
		if !strings.Contains(text, strings.TrimSpace(line)) {
			t.Errorf("text profile lacks %q:\n%s", line, text)
		}
	}
}

func close(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func js(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// Beyond exactDistinct rows, distinct counts are approximate and say so; bins stay exact.
func TestProfileApproxDistinct(t *testing.T) {
	e := newEngine(t)
	h := run(t, e, "SELECT range AS i, range % 10 AS d FROM range(200000)").Handle
	p, err := e.Profile(context.Background(), h)
	if err != nil {
		t.Fatal(err)
	}
	i, d := p.Columns[0], p.Columns[1]
	// HyperLogLog: DuckDB's estimates are a few per cent off (187859 and 11 in DuckDB 1.5.6).
	if !i.DistinctApprox || math.Abs(float64(i.Distinct)-200000) > 20000 || d.Distinct < 9 || d.Distinct > 11 {
		t.Errorf("distinct i %d (approx %v), d %d", i.Distinct, i.DistinctApprox, d.Distinct)
	}
	var sum int64
	for _, n := range i.Histogram.Counts {
		if n != 10000 {
			t.Errorf("bin %d, want 10000 each: %v", n, i.Histogram.Counts)
			break
		}
		sum += n
	}
	if sum != 200000 || *i.Mean != 99999.5 || i.QuartilesApprox || i.Quartiles[1] != 99999.5 {
		t.Errorf("histogram sum %d, mean %v, quartiles %v (approx %v)", sum, *i.Mean, i.Quartiles, i.QuartilesApprox)
	}
}

// Beyond exactQuantiles rows, quartiles are T-Digest estimates and say so.
func TestProfileApproxQuartiles(t *testing.T) {
	e := newEngine(t)
	h := run(t, e, "SELECT range AS i FROM range(1200000)").Handle
	p, err := e.Profile(context.Background(), h)
	if err != nil {
		t.Fatal(err)
	}
	c := p.Columns[0]
	if !c.QuartilesApprox || len(c.Quartiles) != 3 {
		t.Fatalf("quartiles %v, approx %v", c.Quartiles, c.QuartilesApprox)
	}
	for k, want := range []float64{300000, 600000, 900000} {
		if math.Abs(c.Quartiles[k]-want) > 6000 { // 0.5% of the range
			t.Errorf("quartile %d: %v, want about %v", k+1, c.Quartiles[k], want)
		}
	}
}

func TestProfileBadInput(t *testing.T) {
	e := newEngine(t)
	run(t, e, "CREATE TABLE sales AS SELECT 'x' AS k, 3 AS v")
	if _, err := e.Profile(context.Background(), "r99"); !errors.Is(err, ErrUnknownHandle) || !strings.Contains(err.Error(), "r99") {
		t.Errorf("unknown handle: %v", err)
	}
	if _, err := e.ProfileTable(context.Background(), "nope"); err == nil || !strings.Contains(err.Error(), "nope") {
		t.Errorf("unknown table: %v", err)
	}
	// An empty result has counts and no statistics.
	p, err := e.Profile(context.Background(), run(t, e, "SELECT 1.5 AS x, 'a' AS s WHERE false").Handle)
	if err != nil || p.Rows != 0 || !reflect.DeepEqual(p.Columns[0], ColumnProfile{Name: "x", Type: "DECIMAL(2,1)", Kind: "number"}) ||
		p.Columns[1].Top != nil || p.Columns[1].MinLength != nil {
		t.Errorf("empty result: %s, %v", js(p), err)
	}
	p, err = e.ProfileTable(context.Background(), "sales")
	if err != nil || p.Table != "sales" || p.Rows != 1 || p.Columns[1].Mean == nil || *p.Columns[1].Mean != 3 {
		t.Errorf("named table: %+v, %v", p, err)
	}
}

// Tables lists the user's tables and views, not temporary or result tables.
func TestTables(t *testing.T) {
	e := newEngine(t)
	if ts, err := e.Tables(context.Background()); err != nil || len(ts) != 0 {
		t.Fatalf("tables of a fresh engine: %v %v", ts, err)
	}
	run(t, e, "create table b as select range as x, 'a' as y from range(7); create view a as select x from b; create temp table c(z int); select 1")
	ts, err := e.Tables(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := []TableInfo{{"a", "view", 1, -1}, {"b", "table", 2, 7}}
	if !reflect.DeepEqual(ts, want) {
		t.Errorf("tables %+v, want %+v", ts, want)
	}
}
