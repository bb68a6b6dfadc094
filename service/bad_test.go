package service

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

func rowWith(k string, v any) string {
	r := goodRow()
	r[k] = v
	return mustJSON(r)
}

func rowWithout(k string) string {
	r := goodRow()
	delete(r, k)
	return mustJSON(r)
}

// Every kind of bad request gets a 4xx whose JSON error names what is wrong (and the field
// and row when there is one), and the service keeps answering good requests.
func TestBadRequests(t *testing.T) {
	s := newService(t, Options{MaxBody: 4096})
	const js, csv = "application/json", "text/csv"
	good := mustJSON(goodRow())
	cases := []struct {
		name, method, path, ctype, body string
		status                          int
		field                           string
		row                             int
		msg                             string
	}{
		{"malformed JSON", "POST", "/predict", js, `{"age": 41,`, 400, "", -1, "malformed JSON"},
		{"JSON syntax error", "POST", "/predict", js, `{"age": 41 "x": 1}`, 400, "", -1, "malformed JSON at byte"},
		{"trailing data", "POST", "/predict", js, good + ` {}`, 400, "", -1, "unexpected data after"},
		{"empty body", "POST", "/predict", js, ``, 400, "", -1, "body is empty"},
		{"empty batch", "POST", "/predict", js, `[]`, 400, "", -1, "no rows"},
		{"empty rows", "POST", "/predict", js, `{"rows": []}`, 400, "", -1, "no rows"},
		{"rows not an array", "POST", "/predict", js, `{"rows": 3}`, 400, "", -1, `"rows" must be an array`},
		{"body a number", "POST", "/predict", js, `42`, 400, "", -1, "got a number"},
		{"body a string", "POST", "/predict", js, `"hello"`, 400, "", -1, "got a string"},
		{"row not an object", "POST", "/predict", js, `[` + good + `, 7]`, 400, "", 1, "want an object"},
		{"wrong content type", "POST", "/predict", "application/xml", `<row/>`, 415, "", -1, "not accepted"},
		{"form content type", "POST", "/predict", "application/x-www-form-urlencoded", `age=3`, 415, "", -1, "application/json or text/csv"},
		{"malformed content type", "POST", "/predict", "text/", good, 415, "", -1, "malformed Content-Type"},
		{"missing feature", "POST", "/predict", js, rowWithout("income"), 422, "income", 0, "missing"},
		{"unknown feature", "POST", "/predict", js, rowWith("agee", 3), 422, "agee", 0, "unknown feature"},
		{"misspelt feature", "POST", "/predict", js, strings.Replace(good, `"age"`, `"Age"`, 1), 422, "Age", 0, "unknown feature"},
		{"string for number", "POST", "/predict", js, rowWith("age", "forty"), 422, "age", 0, "want a number"},
		{"NaN string for number", "POST", "/predict", js, rowWith("income", "NaN"), 422, "income", 0, "want a number"},
		{"Infinity string", "POST", "/predict", js, rowWith("income", "Infinity"), 422, "income", 0, "want a number"},
		{"bool for number", "POST", "/predict", js, rowWith("age", true), 422, "age", 0, "want a number"},
		{"object for number", "POST", "/predict", js, rowWith("age", map[string]any{"v": 1}), 422, "age", 0, "want a number"},
		{"array for category", "POST", "/predict", js, rowWith("color", []any{"red"}), 422, "color", 0, "want a string"},
		{"number for string category", "POST", "/predict", js, rowWith("color", 3), 422, "color", 0, "want a string"},
		{"number for bool", "POST", "/predict", js, rowWith("member", 1), 422, "member", 0, "want a bool"},
		{"bad row in batch", "POST", "/predict", js, `{"rows": [` + good + `,` + good + `,` + rowWith("visits", "x") + `]}`, 422, "visits", 2, "want a number"},
		{"CSV NaN", "POST", "/predict", csv, "age,income,visits,color,member\n41,NaN,3,red,true\n", 422, "income", 0, "NaN is not allowed"},
		{"CSV Inf", "POST", "/predict", csv, "age,income,visits,color,member\n41,1,+Inf,red,true\n", 422, "visits", 0, "not allowed"},
		{"CSV text for number", "POST", "/predict", csv, "age,income,visits,color,member\n41,1,3,red,true\nold,1,3,red,true\n", 422, "age", 1, "want a number"},
		{"CSV bad bool", "POST", "/predict", csv, "age,income,visits,color,member\n41,1,3,red,maybe\n", 422, "member", 0, "want true or false"},
		{"CSV unknown column", "POST", "/predict", csv, "age,income,visits,color,member,extra\n41,1,3,red,true,9\n", 422, "extra", 0, "unknown feature"},
		{"CSV missing column", "POST", "/predict", csv, "age,income,visits,color\n41,1,3,red\n", 422, "member", 0, "missing"},
		{"CSV duplicate column", "POST", "/predict", csv, "age,age,income,visits,color,member\n1,1,1,3,red,true\n", 400, "age", -1, "twice"},
		{"CSV ragged row", "POST", "/predict", csv, "age,income,visits,color,member\n41,1,3\n", 400, "", 0, "malformed CSV"},
		{"CSV bare quote", "POST", "/predict", csv, "age,income,visits,color,member\n41,1,3,\"red,true\n", 400, "", 0, "malformed CSV"},
		{"CSV header only", "POST", "/predict", csv, "age,income,visits,color,member\n", 400, "", -1, "no rows"},
		{"CSV empty", "POST", "/predict", csv, "", 400, "", -1, "CSV body is empty"},
		{"oversized body", "POST", "/predict", js, `{"rows": [` + strings.Repeat(good+",", 100) + good + `]}`, 413, "", -1, "limit"},
		{"GET predict", "GET", "/predict", "", "", 405, "", -1, "use POST"},
		{"PUT predict", "PUT", "/predict", js, good, 405, "", -1, "use POST"},
		{"POST schema", "POST", "/schema", js, good, 405, "", -1, "use GET"},
		{"DELETE metrics", "DELETE", "/metrics", "", "", 405, "", -1, "use GET"},
		{"unknown path", "GET", "/predictions", "", "", 404, "", -1, "no such path"},
		{"root path", "GET", "/", "", "", 404, "", -1, "no such path"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, v := callJSON(t, s, c.method, c.path, c.ctype, c.body)
			if code != c.status {
				t.Errorf("status %d, want %d: %v", code, c.status, v)
			}
			msg, _ := v["error"].(string)
			if !strings.Contains(msg, c.msg) {
				t.Errorf("error %q does not say %q", msg, c.msg)
			}
			if f, _ := v["field"].(string); f != c.field {
				t.Errorf("field %q, want %q (%s)", f, c.field, msg)
			} else if c.field != "" && !strings.Contains(msg, `"`+c.field+`"`) {
				t.Errorf("error %q does not name the field %q", msg, c.field)
			}
			if r, _ := v["row"].(float64); int(r) != c.row {
				t.Errorf("row %v, want %d (%s)", v["row"], c.row, msg)
			}
			if st, _ := v["status"].(float64); int(st) != c.status {
				t.Errorf("body status %v, want %d", v["status"], c.status)
			}
		})
	}
	if code, _ := call(t, s, "POST", "/predict", js, good); code != http.StatusOK {
		t.Fatalf("a good request after the bad ones: status %d", code)
	}
	if code, _ := call(t, s, "GET", "/predict", "", ""); code != 405 {
		t.Fatal(code)
	}
}

// Unknown categories and missing values (null, empty CSV cells) predict as trained; a byte
// order mark before the body is ignored.
func TestUnknownCategoryAndMissingPredict(t *testing.T) {
	s := newService(t, Options{})
	for _, body := range []string{rowWith("color", "purple"), rowWith("age", nil), rowWith("member", nil)} {
		if code, v := callJSON(t, s, "POST", "/predict", "application/json", body); code != 200 {
			t.Errorf("%s: %d %v", body, code, v)
		}
	}
	code, v := callJSON(t, s, "POST", "/predict", "text/csv", "age,income,visits,color,member\n,1,3,purple,\n")
	if code != 200 {
		t.Errorf("CSV with empty cells: %d %v", code, v)
	}
	for ctype, body := range map[string]string{"text/csv": "\ufeffage,income,visits,color,member\n1,1,3,red,true\n", "application/json": "\ufeff" + mustJSON(goodRow())} {
		if code, v := callJSON(t, s, "POST", "/predict", ctype, body); code != 200 {
			t.Errorf("%s with a byte order mark: %d %v", ctype, code, v)
		}
	}
}

// A body of unknown length (chunked) over the limit is cut off at the limit: 413.
func TestOversizedChunkedBody(t *testing.T) {
	s := newService(t, Options{MaxBody: 1024})
	body := io.MultiReader(strings.NewReader(`{"rows": [`), strings.NewReader(strings.Repeat(mustJSON(goodRow())+",", 50)+"{}]}"))
	r, err := http.NewRequest("POST", url(t, s)+"/predict", body)
	if err != nil {
		t.Fatal(err)
	}
	r.ContentLength = -1 // sent chunked
	r.Header.Set("Content-Type", "application/json")
	code, b := send(t, s, r)
	if code != http.StatusRequestEntityTooLarge || !strings.Contains(b, "limit of 1024 bytes") {
		t.Fatalf("%d %s", code, b)
	}
}

// Requests the server refuses before the handler get JSON errors too, and HEAD has no body.
func TestTransportRefusals(t *testing.T) {
	s := newService(t, Options{})
	addr := strings.TrimPrefix(url(t, s), "http://")
	cases := []struct {
		name, req string
		status    int
		msg       string
	}{
		{"header too large", "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + strings.Repeat("a", maxHeader) + "\r\n\r\n", 431, "header is larger"},
		{"malformed request line", "BANANA\r\n\r\n", 400, "malformed HTTP request"},
		{"bad Content-Length", "POST /predict HTTP/1.1\r\nHost: x\r\nContent-Length: lots\r\n\r\n", 400, "malformed HTTP request"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			status, body := raw(t, addr, c.req)
			if status != c.status || !strings.Contains(body, c.msg) || !strings.HasPrefix(body, "{") {
				t.Fatalf("status %d, body %q; want %d saying %q as JSON", status, body, c.status, c.msg)
			}
		})
	}
	// A client that stops sending mid-body gets a 408 once the read timeout passes.
	slow := newService(t, Options{ReadTimeout: 200 * time.Millisecond})
	status, body := raw(t, strings.TrimPrefix(url(t, slow), "http://"), "POST /predict HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"age\":")
	if status != http.StatusRequestTimeout || !strings.Contains(body, "--read-timeout") {
		t.Errorf("slow client: %d %s", status, body)
	}
	r, err := http.NewRequest("HEAD", url(t, s)+"/schema", nil)
	if err != nil {
		t.Fatal(err)
	}
	if code, b := send(t, s, r); code != 200 || b != "" {
		t.Fatalf("HEAD /schema: %d %q", code, b)
	}
}

// raw writes req on a new connection and reads one answer's status and body.
func raw(t *testing.T, addr, req string) (int, string) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := io.WriteString(conn, req); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}
