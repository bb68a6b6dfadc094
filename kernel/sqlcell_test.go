package kernel_test

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cairn-notebook/cairn/kernel"
	"github.com/cairn-notebook/cairn/kernel/nb"
	"github.com/cairn-notebook/cairn/kernel/protocol"
	"github.com/cairn-notebook/cairn/kernel/sql"
)

// The test binary doubles as the kernel: this package links it anyway.
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == "kernel" {
		os.Exit(kernel.Main(os.Args[2:]))
	}
	os.Exit(m.Run())
}

// proc is a real kernel process spoken to over the protocol pipes, without app/runtime.
type proc struct {
	t    *testing.T
	conn *protocol.Conn
	msgs chan *protocol.Msg
	n    int
}

func startKernel(t *testing.T) *proc { return startIn(t, "") }

// startIn starts a kernel in dir, as the app does in the notebook's folder.
func startIn(t *testing.T, dir string) *proc {
	t.Helper()
	reqR, reqW, _ := os.Pipe()
	msgR, msgW, _ := os.Pipe()
	cmd := exec.Command(os.Args[0], "kernel", "--memory-limit", fmt.Sprint(2<<30))
	cmd.ExtraFiles, cmd.Dir = []*os.File{reqR, msgW}, dir
	cmd.Stdout, cmd.Stderr = io.Discard, io.Discard // sync markers
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	reqR.Close()
	msgW.Close()
	p := &proc{t: t, conn: protocol.NewConn(msgR, reqW), msgs: make(chan *protocol.Msg, 100)}
	go func() {
		defer close(p.msgs)
		for {
			m, err := p.conn.Recv()
			if err != nil {
				return
			}
			p.msgs <- m
		}
	}()
	t.Cleanup(func() {
		_ = p.conn.Send(&protocol.Msg{Type: protocol.Shutdown})
		reqW.Close()
		_ = cmd.Wait()
	})
	p.next("") // status idle
	return p
}

// next returns the next message with the given id, skipping statuses.
func (p *proc) next(id string) *protocol.Msg {
	p.t.Helper()
	for {
		select {
		case m, ok := <-p.msgs:
			if !ok {
				p.t.Fatal("kernel exited")
			}
			if m.ID == id || id == "" {
				if m.Type != protocol.Status || id == "" {
					return m
				}
			}
		case <-time.After(20 * time.Second):
			p.t.Fatalf("no message for %q", id)
		}
	}
}

// send sends a request with a fresh id and returns the id.
func (p *proc) send(m *protocol.Msg) string {
	p.n++
	m.ID = fmt.Sprintf("x%d", p.n)
	if err := p.conn.Send(m); err != nil {
		p.t.Fatal(err)
	}
	return m.ID
}

// run executes a cell and returns its messages up to Done (excluded).
func (p *proc) run(lang, code string, opts map[string]string) []*protocol.Msg {
	id := p.send(&protocol.Msg{Type: protocol.Execute, Lang: lang, Code: code, Options: opts})
	var out []*protocol.Msg
	for m := p.next(id); m.Type != protocol.Done; m = p.next(id) {
		out = append(out, m)
	}
	return out
}

// table returns the table page of a single result message.
// interrupt interrupts the running cell id and expects it to end "interrupted" within a second.
func (p *proc) interrupt(t *testing.T, id string) {
	t.Helper()
	start := time.Now()
	p.send(&protocol.Msg{Type: protocol.Interrupt})
	var fail *protocol.Msg
	for m := p.next(id); m.Type != protocol.Done; m = p.next(id) {
		if m.Type == protocol.Fail {
			fail = m
		}
	}
	if d := time.Since(start); d > time.Second || fail == nil || fail.Error.Kind != "interrupted" {
		t.Errorf("interrupt took %v, error %+v", d, fail)
	}
}

func table(t *testing.T, msgs []*protocol.Msg) *sql.Page {
	t.Helper()
	if len(msgs) != 1 || msgs[0].Type != protocol.Result {
		t.Fatalf("want one result, got %+v", describe(msgs))
	}
	var pg sql.Page
	if err := json.Unmarshal([]byte(msgs[0].Data[sql.MIME]), &pg); err != nil {
		t.Fatalf("table JSON %q: %v", msgs[0].Data[sql.MIME], err)
	}
	return &pg
}

func describe(msgs []*protocol.Msg) []string {
	var s []string
	for _, m := range msgs {
		d, _ := json.Marshal(m)
		s = append(s, string(d))
	}
	return s
}

func TestSQLCells(t *testing.T) {
	p := startKernel(t)
	msgs := p.run("sql", "create table t as select range as x, 'a;' || range as s from range(200);\nselect * from t where s <> ';' order by x desc", nil)
	pg := table(t, msgs)
	if pg.Rows != 200 || len(pg.Page) != 50 || pg.Page[0][0] != float64(199) || pg.Page[0][1] != "a;199" {
		t.Fatalf("page: rows %d, %d shown, first %v", pg.Rows, len(pg.Page), pg.Page[0])
	}
	if pg.Query != "select * from t where s <> ';' order by x desc" { // the app's "Chart this" reads it again
		t.Errorf("query %q", pg.Query)
	}
	if text := msgs[0].Data["text/plain"]; !strings.Contains(text, "a;199") || !strings.HasSuffix(text, "… 190 more rows") {
		t.Errorf("text:\n%s", text)
	}
	if msgs := p.run("sql", "insert into t values (1000, 'z'), (1001, 'y')", nil); len(msgs) != 1 || msgs[0].Data["text/plain"] != "2 rows changed" {
		t.Errorf("insert: %v", describe(msgs))
	}
	if msgs := p.run("sql", "delete from t where x = 1000", nil); len(msgs) != 1 || msgs[0].Data["text/plain"] != "1 row changed" {
		t.Errorf("delete: %v", describe(msgs))
	}
	msgs = p.run("sql", "select 1;\nselect nope from t", nil)
	if len(msgs) != 1 || msgs[0].Type != protocol.Fail || msgs[0].Error.Kind != "sql" || !strings.Contains(msgs[0].Error.Msg, "nope") {
		t.Errorf("bad SQL: %v", describe(msgs))
	}
	// Pages, sorted, from the app.
	id := p.send(&protocol.Msg{Type: protocol.TablePage, Handle: pg.Handle, Offset: 10, Limit: 5, SortBy: "x"})
	m := p.next(id)
	var got sql.Page
	if m.Type != protocol.TablePageResult || json.Unmarshal([]byte(m.Data[sql.MIME]), &got) != nil || got.Page[0][0] != float64(10) || len(got.Page) != 5 {
		t.Errorf("page reply %v", describe([]*protocol.Msg{m}))
	}
	for _, bad := range []*protocol.Msg{{Handle: "r999", Limit: 5}, {Handle: pg.Handle, Offset: -3, Limit: 5}, {Handle: pg.Handle, Limit: 5, SortBy: "zz"}} {
		bad.Type = protocol.TablePage
		if m := p.next(p.send(bad)); m.Type != protocol.Fail || m.Error == nil {
			t.Errorf("bad page %+v: %v", bad, describe([]*protocol.Msg{m}))
		}
	}
}

// SQL → Go with bind=, Go → SQL with frame.Register, frames display as tables.
func TestBinding(t *testing.T) {
	p := startKernel(t)
	p.run("go", "df := 5", nil) // bind replaces a variable of another type
	pg := table(t, p.run("sql", "select range as n, range * 1.5 as v from range(10)", map[string]string{"bind": "df"}))
	msgs := p.run("go", `df.Len()*100 + int(df.Col("v").Float64s()[3]*2)`, nil)
	if len(msgs) != 1 || msgs[0].Data["text/plain"] != "1009" {
		t.Fatalf("df in Go: %v (page %s)", describe(msgs), pg.Handle)
	}
	p.run("sql", "select 'again' as s", map[string]string{"bind": "df"}) // rebinding works
	if msgs := p.run("go", `df.Col("s").Strings()[0]`, nil); len(msgs) != 1 || !strings.Contains(msgs[0].Data["text/plain"], "again") {
		t.Errorf("rebound df: %v", describe(msgs))
	}
	msgs = p.run("go", `import "cairn/frame"
type Hit struct { Family string; Size int }
hits := []Hit{{"emotet", 10}, {"emotet", 30}, {"qakbot", 5}}
if err := frame.Register("hits", hits); err != nil { panic(err) }`, nil)
	if len(msgs) != 0 {
		t.Fatalf("register: %v", describe(msgs))
	}
	pg = table(t, p.run("sql", "select Family, sum(Size) as total from hits group by Family order by Family", nil))
	if pg.Rows != 2 || pg.Page[0][0] != "emotet" || pg.Page[0][1] != float64(40) {
		t.Errorf("grouped hits %+v", pg)
	}
	msgs = p.run("go", `import ("cairn/frame"; "cairn/nb")
f, err := frame.Query("select * from hits where Size > ?", 6)
if err != nil { panic(err) }
nb.Display(f)`, nil)
	if len(msgs) != 1 || msgs[0].Type != protocol.Display || !strings.Contains(msgs[0].Data[sql.MIME], `"rows":2`) {
		t.Errorf("frame display: %v", describe(msgs))
	}
	// A frame as a cell's value shows as a table too.
	if msgs := p.run("go", `df`, nil); len(msgs) != 1 || !strings.Contains(msgs[0].Data[sql.MIME], `"again"`) {
		t.Errorf("frame as a value: %v", describe(msgs))
	}
	for opt, want := range map[string]string{"1x": "not a Go variable name", "_": "not a Go variable name"} {
		msgs := p.run("sql", "select 1", map[string]string{"bind": opt})
		if len(msgs) != 1 || msgs[0].Error == nil || !strings.Contains(msgs[0].Error.Msg, want) {
			t.Errorf("bind=%s: %v", opt, describe(msgs))
		}
	}
	if msgs := p.run("sql", "create table e(x int)", map[string]string{"bind": "e"}); len(msgs) != 1 || msgs[0].Error == nil {
		t.Errorf("bind of a statement without rows: %v", describe(msgs))
	}
}

// A quick chart on a bad column shows its error as the chart's title and fails the cell, so
// `cairn run` does not pass the notebook; the next cell is not blamed for it.
func TestBrokenQuickChartFailsCell(t *testing.T) {
	p := startKernel(t)
	msgs := p.run("go", `import "cairn/frame"
df, _ := frame.Query("select 1 as n")
df.Histogram("nope", 0)`, nil)
	if len(msgs) != 2 || msgs[0].Type != protocol.Result || !strings.Contains(msgs[0].Data[nb.EChartsMIME], `no column \"nope\"`) ||
		msgs[1].Error == nil || !strings.Contains(msgs[1].Error.Msg, `frame: Histogram: no column "nope"`) {
		t.Fatalf("broken chart: %v", describe(msgs))
	}
	if msgs := p.run("go", "_ = df.Histogram(\"n\", 0)\n1", nil); len(msgs) != 1 || msgs[0].Error != nil {
		t.Errorf("a good chart after it: %v", describe(msgs))
	}
}

// $name in a SQL cell takes the value of the Go variable name (notebook params are Go
// variables); an unknown name or an unusable value is a clear error naming the parameter.
func TestGoVariablesInSQL(t *testing.T) {
	p := startKernel(t)
	p.run("go", `import "time"
minSize := 3
family := "emotet"
since := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)`, nil)
	pg := table(t, p.run("sql", `create temp table t as select * from (values ('emotet', 5), ('emotet', 2), ('qakbot', 9)) v(f, size);
select count(*) as n, $since::date as d from t where size >= $minSize and f = $family and '$minSize' <> ''`, nil))
	if d, _ := pg.Page[0][1].(string); pg.Page[0][0] != float64(1) || !strings.HasPrefix(d, "2024-01-01") {
		t.Errorf("page with parameters %+v", pg.Page)
	}
	for code, want := range map[string]string{
		"select $nope":           "$nope: ",
		"select $1":              "", // positional: DuckDB's own error
		"select 1 where $family": "", // a string as a condition: DuckDB's own error
	} {
		msgs := p.run("sql", code, nil)
		if len(msgs) != 1 || msgs[0].Error == nil || !strings.Contains(msgs[0].Error.Msg, want) {
			t.Errorf("%s: %v", code, describe(msgs))
		}
	}
	if msgs := p.run("go", "minSize + 1", nil); len(msgs) != 1 || msgs[0].Data["text/plain"] != "4" {
		t.Errorf("the kernel after parameter errors: %v", describe(msgs))
	}
}

// Interrupting a long query stops it within a second, and pages are answered meanwhile.
func TestInterruptAndConcurrentPages(t *testing.T) {
	p := startKernel(t)
	pg := table(t, p.run("sql", "select * from range(1000000)", nil))
	id := p.send(&protocol.Msg{Type: protocol.Execute, Lang: "sql", Code: "select count(*) from range(100000000) a, range(100000000) b where a.range + b.range = 7"})
	time.Sleep(300 * time.Millisecond)
	pid := p.send(&protocol.Msg{Type: protocol.TablePage, Handle: pg.Handle, Offset: 999000, Limit: 10, SortBy: "range", Desc: true})
	var page *protocol.Msg
	for page == nil {
		select {
		case m := <-p.msgs:
			if m.ID == pid {
				page = m
			}
		case <-time.After(5 * time.Second):
			t.Fatal("no page while the query ran")
		}
	}
	if page.Type != protocol.TablePageResult || !strings.Contains(page.Data[sql.MIME], `"page":[[999]`) {
		t.Errorf("page while running: %v", describe([]*protocol.Msg{page}))
	}
	if prof := p.next(p.send(&protocol.Msg{Type: protocol.Profile, Handle: pg.Handle})); prof.Type != protocol.ProfileResult ||
		!strings.Contains(prof.Data[sql.ProfileMIME], `"max":999999`) {
		t.Errorf("profile while running: %v", describe([]*protocol.Msg{prof}))
	}
	p.interrupt(t, id)
}

// Relative paths are the notebook folder's; a malformed CSV fails with DuckDB's line and
// column; DuckDB has 3/4 of the kernel's 2 GiB.
func TestFilesAndMemory(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "ok.csv"), []byte("a,b\n1,x\n2,y\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "bad.csv"), []byte("a,b\n1,x\n2,y\nthree,z\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	p := startIn(t, dir)
	if pg := table(t, p.run("sql", "select * from 'ok.csv'", nil)); pg.Rows != 2 || pg.Page[1][1] != "y" {
		t.Errorf("ok.csv: %+v", pg)
	}
	msgs := p.run("sql", "select * from read_csv('bad.csv', columns={'a': 'BIGINT', 'b': 'VARCHAR'}, header=true)", nil)
	if len(msgs) != 1 || msgs[0].Error == nil || !strings.Contains(msgs[0].Error.Msg, "Line: 4") || !strings.Contains(msgs[0].Error.Msg, "three") {
		t.Errorf("bad.csv: %v", describe(msgs))
	}
	if pg := table(t, p.run("sql", "select current_setting('memory_limit') as m", nil)); pg.Page[0][0] != "1.5 GiB" {
		t.Errorf("memory_limit %v", pg.Page[0][0])
	}
}

// Interrupting a Go cell cancels its frame.Query at once (the kernel is not killed).
func TestInterruptGoQuery(t *testing.T) {
	p := startKernel(t)
	id := p.send(&protocol.Msg{Type: protocol.Execute, Lang: "go", Code: `import "cairn/frame"
_, err := frame.Query("select count(*) from range(100000000) a, range(100000000) b where a.range + b.range = 7")
err`})
	time.Sleep(300 * time.Millisecond)
	p.interrupt(t, id)
	if msgs := p.run("go", "1 + 1", nil); len(msgs) != 1 || msgs[0].Data["text/plain"] != "2" {
		t.Errorf("after interrupt: %v", describe(msgs))
	}
}
