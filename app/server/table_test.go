package server

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"time"
)

// tablePage is the table JSON as the browser reads it.
type tablePage struct {
	Handle  string
	Columns []struct{ Name, Type string }
	Rows    int
	Offset  int
	Limit   int
	Sort    *struct {
		By   string
		Desc bool
	}
	Page [][]any
}

const tables = "# Tables\n\n```sql id=q\nselect range as i, 'row ' || range as label from range(1000)\n```\n\n" +
	"```sql id=mk\ncreate table t as select range as i from range(5)\n```\n\n" +
	"```go id=exit\nimport \"os\"\nos.Exit(3)\n```\n"

// A SQL cell's result pages and sorts through GET /api/table; an unknown handle and an
// unknown column are refused without harm.
func TestTablePages(t *testing.T) {
	ts := start(t, tables, token)
	auth := []string{"Authorization", "Bearer " + token}
	evs := ts.events(t, auth...)
	next(t, evs, isType("snapshot"))
	if code, body := ts.call(t, "POST", "/api/run", `{"ids":["q"]}`, auth...); code != 204 {
		t.Fatalf("run: %d %s", code, body)
	}
	var js string
	next(t, evs, func(ev sseEvent) bool {
		if ev.Type == "cell" && ev.Data["id"] == "q" && ev.Data["state"] == "error" {
			t.Fatalf("the SQL cell failed: %v", ev.Data["error"])
		}
		out, _ := ev.Data["output"].(map[string]any)
		data, _ := out["data"].(map[string]any)
		js, _ = data["application/vnd.cairn.table+json"].(string)
		return ev.Type == "output" && ev.Data["id"] == "q" && js != ""
	})
	var first tablePage
	if err := json.Unmarshal([]byte(js), &first); err != nil || first.Handle == "" {
		t.Fatalf("the cell's table: %v %s", err, js)
	}
	if first.Rows != 1000 || len(first.Columns) != 2 || first.Columns[0].Name != "i" {
		t.Fatalf("first page %+v", first)
	}

	get := func(query string, want int) (tablePage, string) {
		t.Helper()
		code, body := ts.call(t, "GET", "/api/table?"+query, "", auth...)
		if code != want {
			t.Fatalf("GET /api/table?%s: %d %s, want %d", query, code, body, want)
		}
		var p tablePage
		if want == 200 {
			if err := json.Unmarshal([]byte(body), &p); err != nil {
				t.Fatalf("GET /api/table?%s: %v in %s", query, err, body)
			}
		}
		return p, body
	}
	h := "handle=" + url.QueryEscape(first.Handle)
	p, _ := get(h+"&offset=100&limit=50", 200)
	if p.Offset != 100 || len(p.Page) != 50 || p.Page[0][0] != 100.0 || p.Page[0][1] != "row 100" || p.Sort != nil {
		t.Errorf("page at 100: offset %d, %d rows, first %v, sort %v", p.Offset, len(p.Page), p.Page[0], p.Sort)
	}
	p, _ = get(h+"&offset=0&limit=3&sort=i&desc=1", 200)
	if len(p.Page) != 3 || p.Page[0][0] != 999.0 || p.Page[2][0] != 997.0 || p.Sort == nil || !p.Sort.Desc {
		t.Errorf("sorted descending: %v sort %v", p.Page, p.Sort)
	}
	p, _ = get(h+"&offset=990", 200) // limit defaults to 50; the page ends with the table
	if len(p.Page) != 10 || p.Page[9][0] != 999.0 {
		t.Errorf("last page: %d rows %v", len(p.Page), p.Page)
	}

	for _, c := range []struct {
		query string
		code  int
		msg   string
	}{
		{h + "&sort=nope", 400, "nope"},
		{"handle=r999", 404, "r999"},
	} {
		if _, body := get(c.query, c.code); !strings.Contains(body, c.msg) || !strings.Contains(body, `"error"`) {
			t.Errorf("GET /api/table?%s: %s, want an error naming %q", c.query, body, c.msg)
		}
	}
	if p, _ := get(h+"&limit=1", 200); len(p.Page) != 1 {
		t.Errorf("after the refusals: %+v", p)
	}

	// The column profile of the same result.
	code, body := ts.call(t, "GET", "/api/profile?"+h, "", auth...)
	var prof struct {
		Rows    int
		Columns []struct {
			Name     string
			Distinct int
			Min, Max any
			Top      []struct{ Value string }
		}
	}
	if code != 200 || json.Unmarshal([]byte(body), &prof) != nil || prof.Rows != 1000 || prof.Columns[0].Min != 0.0 ||
		prof.Columns[0].Max != 999.0 || prof.Columns[1].Distinct != 1000 || prof.Columns[1].Top[0].Value != "row 0" {
		t.Errorf("GET /api/profile: %d %s", code, body)
	}
	for query, want := range map[string]int{"handle=r999": 404, "": 400, "table=nope": 400} {
		if code, body := ts.call(t, "GET", "/api/profile?"+query, "", auth...); code != want || !strings.Contains(body, `"error"`) {
			t.Errorf("GET /api/profile?%s: %d %s, want %d", query, code, body, want)
		}
	}

	// Tables made by cells are listed and profiled by name.
	if code, body := ts.call(t, "GET", "/api/tables", "", auth...); code != 200 || body != "[]" {
		t.Errorf("GET /api/tables before any table: %d %s", code, body)
	}
	if code, body := ts.call(t, "POST", "/api/run", `{"ids":["mk"]}`, auth...); code != 204 {
		t.Fatalf("run: %d %s", code, body)
	}
	var list string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline) && !strings.Contains(list, `"t"`); time.Sleep(20 * time.Millisecond) {
		_, list = ts.call(t, "GET", "/api/tables", "", auth...)
	}
	if list != `[{"name":"t","kind":"table","columns":1,"rows":5}]` {
		t.Errorf("GET /api/tables: %s", list)
	}
	if code, body := ts.call(t, "GET", "/api/profile?table=t", "", auth...); code != 200 || !strings.Contains(body, `"rows":5`) || !strings.Contains(body, `"table":"t"`) {
		t.Errorf("GET /api/profile?table=t: %d %s", code, body)
	}
}

// Bad numbers are refused before the kernel is asked; a dead kernel is a conflict.
func TestTablePageRefusals(t *testing.T) {
	ts := start(t, tables, token)
	auth := []string{"Authorization", "Bearer " + token}
	evs := ts.events(t, auth...)
	next(t, evs, isType("snapshot"))
	for _, c := range []struct {
		query string
		code  int
		msg   string
	}{
		{"handle=r1&offset=x", 400, "offset"},
		{"handle=r1&limit=1001", 400, "limit"},
		{"handle=r1&limit=0", 400, "limit"},
		{"handle=r1&offset=-1", 400, "offset"},
		{"handle=r1&desc=maybe", 400, "desc"},
		{"offset=0", 400, "handle"},
	} {
		if code, body := ts.call(t, "GET", "/api/table?"+c.query, "", auth...); code != c.code || !strings.Contains(body, c.msg) {
			t.Errorf("GET /api/table?%s: %d %s, want %d naming %q", c.query, code, body, c.code, c.msg)
		}
	}
	if code, body := ts.call(t, "POST", "/api/table?handle=r1", "", auth...); code != 405 {
		t.Errorf("POST /api/table: %d %s", code, body)
	}
	ts.call(t, "POST", "/api/run", `{"ids":["exit"]}`, auth...)
	next(t, evs, func(ev sseEvent) bool { return ev.Type == "kernel" && ev.Data["state"] == "dead" })
	if code, body := ts.call(t, "GET", "/api/table?handle=r1", "", auth...); code != 409 || !strings.Contains(body, "not running") {
		t.Errorf("dead kernel: %d %s, want 409", code, body)
	}
	if code, body := ts.call(t, "GET", "/api/profile?handle=r1", "", auth...); code != 409 {
		t.Errorf("profile, dead kernel: %d %s, want 409", code, body)
	}
}
