package frame

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/cairn-notebook/cairn/kernel/sql"
)

func useEngine(t *testing.T) *sql.Engine {
	t.Helper()
	e := sql.New(sql.Options{MemoryLimit: 1 << 30})
	Use(e)
	t.Cleanup(func() { Use(nil); _ = e.Close() })
	return e
}

func TestQueryTypes(t *testing.T) {
	useEngine(t)
	f, err := Query(`select * from (values
		(1, 1.5, 'a', true, timestamp '2024-01-02 03:04:05', 2.25::decimal(5,2), 3::hugeint),
		(null, null, null, null, null, null, 4)) t(i, d, s, b, ts, dec, h)`)
	if err != nil {
		t.Fatal(err)
	}
	if f.Len() != 2 || strings.Join(f.Names(), ",") != "i,d,s,b,ts,dec,h" {
		t.Fatalf("frame %d rows, names %v", f.Len(), f.Names())
	}
	want := map[string]Type{"i": Int64, "d": Float64, "s": String, "b": Bool, "ts": Time, "dec": Float64, "h": Int64}
	for name, typ := range want {
		if c := f.Col(name); c.Type() != typ || c.IsNull(0) || !c.IsNull(1) && name != "h" {
			t.Errorf("column %s: type %v, nulls %v %v", name, c.Type(), c.IsNull(0), c.IsNull(1))
		}
	}
	if f.Col("i").Int64s()[0] != 1 || f.Col("d").Float64s()[0] != 1.5 || f.Col("s").Strings()[0] != "a" ||
		!f.Col("b").Bools()[0] || f.Col("ts").Times()[0].Year() != 2024 || f.Col("dec").Float64s()[0] != 2.25 {
		t.Errorf("values %v", f)
	}
	if f.Col("nope") != nil {
		t.Error("a missing column was found")
	}
	if _, err := Query("select * from missing_table"); err == nil || !strings.Contains(err.Error(), "missing_table") {
		t.Errorf("bad query: %v", err)
	}
}

type sample struct {
	Name  string
	Score float64 `frame:"score"`
	N     int
	When  time.Time
	skip  int
}

// Go slice of structs → table → SQL, and SQL → frame.
func TestRegisterAndQuery(t *testing.T) {
	useEngine(t)
	day := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	in := []sample{{"x", 1.5, 2, day, 0}, {"y", 2.5, 3, day.AddDate(0, 0, 1), 0}, {"x", 4, 5, day, 0}}
	if err := Register("samples", in); err != nil {
		t.Fatal(err)
	}
	f, err := Query("select Name, sum(score) as total, sum(N) as n from samples where \"When\" >= ? group by Name order by Name", day)
	if err != nil {
		t.Fatal(err)
	}
	if f.Len() != 2 || f.Col("total").Float64s()[0] != 5.5 || f.Col("n").Int64s()[1] != 3 {
		t.Errorf("grouped:\n%v", f)
	}
	// A frame registers too, replacing the table.
	head := f.Head(1)
	if err := Register("samples", head); err != nil {
		t.Fatal(err)
	}
	if g, err := Query("select count(*) as c from samples"); err != nil || g.Col("c").Int64s()[0] != 1 {
		t.Errorf("count after re-register: %v %v", g, err)
	}
	for _, bad := range []any{42, []int{1}, []struct{ C chan int }{{}}, []struct{ x int }{{}}} {
		if err := Register("bad", bad); err == nil {
			t.Errorf("Register(%T) without error", bad)
		}
	}
}

func TestSelectHeadText(t *testing.T) {
	useEngine(t)
	f, err := Query("select range as x, 'v' || range as s from range(25)")
	if err != nil {
		t.Fatal(err)
	}
	g, err := f.Select("s", "x")
	if err != nil || strings.Join(g.Names(), ",") != "s,x" || g.Len() != 25 {
		t.Fatalf("select: %v %v", g, err)
	}
	if _, err := f.Select("x", "y"); err == nil || !strings.Contains(err.Error(), `"y"`) {
		t.Errorf("select of a missing column: %v", err)
	}
	if h := f.Head(3); h.Len() != 3 || f.Head(100).Len() != 25 || f.Head(-1).Len() != 0 {
		t.Errorf("head lengths")
	}
	text := f.String()
	if !strings.HasPrefix(text, "x  s\n0  v0\n") || !strings.HasSuffix(text, "… 15 more rows") {
		t.Errorf("text:\n%s", text)
	}
	if fl := f.Col("x").Floats(); len(fl) != 25 || fl[24] != 24 {
		t.Errorf("floats %v", fl)
	}
}

// A frame displays as the table MIME; its rows page from DuckDB; Result reads a handle back.
func TestBundleAndResult(t *testing.T) {
	e := useEngine(t)
	f, err := FromStructs([]sample{{Name: "a", N: 1}, {Name: "b", N: 2}})
	if err != nil {
		t.Fatal(err)
	}
	b := f.MIMEBundle()
	var p sql.Page
	if err := json.Unmarshal([]byte(b[sql.MIME]), &p); err != nil {
		t.Fatalf("bundle %v: %v", b, err)
	}
	if p.Handle == "" || p.Rows != 2 || len(p.Page) != 2 || p.Columns[2].Name != "N" || p.Columns[2].Type != "BIGINT" {
		t.Fatalf("page %+v", p)
	}
	if !strings.Contains(b["text/plain"], "Name") {
		t.Errorf("text %q", b["text/plain"])
	}
	pg, err := e.Page(context.Background(), p.Handle, 0, 1, "N", true)
	if err != nil || pg.Page[0][0] != "b" {
		t.Errorf("sorted page %v %v", pg, err)
	}
	back, err := Result(p.Handle)
	if err != nil || back.Len() != 2 || back.Col("Name").Strings()[1] != "b" {
		t.Errorf("result %v %v", back, err)
	}
	if _, err := Result("r999"); err == nil {
		t.Error("unknown handle without error")
	}
}

func TestNoEngine(t *testing.T) {
	if _, err := Query("select 1"); err == nil {
		t.Error("Query without an engine")
	}
	f, _ := FromStructs([]sample{{Name: "a"}})
	if b := f.MIMEBundle(); !strings.Contains(b["text/plain"], "no table view") {
		t.Errorf("bundle without engine %v", b)
	}
}
