package server

import (
	"net/http"
	"net/http/cookiejar"
	"strings"
	"testing"
)

const small = "# Small\n\n```go id=a\n1 + 1\n```\n"

// Every page and API route of the contract, with a body it accepts.
var routes = []struct{ method, path, body string }{
	{"GET", "/", ""},
	{"GET", "/index.html", ""},
	{"GET", "/api/notebook", ""},
	{"GET", "/api/events", ""},
	{"POST", "/api/cells", `{"index":0,"kind":"markdown","source":"hi"}`},
	{"PATCH", "/api/cells/a", `{"source":"2 + 2"}`},
	{"POST", "/api/cells/a/move", `{"index":0}`},
	{"POST", "/api/cells/a/split", `{"offset":0}`},
	{"DELETE", "/api/cells/a", ""},
	{"POST", "/api/run", `{"all":true}`},
	{"POST", "/api/interrupt", ""},
	{"POST", "/api/restart", ""},
	{"POST", "/api/save", ""},
	{"POST", "/api/save-as", `{"path":"copy.cairn.md"}`},
	{"GET", "/api/files", ""},
	{"POST", "/api/open", `{"path":"nb.cairn.md"}`},
	{"POST", "/api/client", `{"page":"notebook"}`},
	{"GET", "/api/table?handle=r1", ""},
	{"GET", "/api/profile?handle=r1", ""},
	{"GET", "/api/tables", ""},
}

func TestEveryRouteIsGuarded(t *testing.T) {
	ts := start(t, small, token)
	bearer := "Bearer " + token
	for _, r := range routes {
		if code, body := ts.call(t, r.method, r.path, r.body); code != 401 || !strings.Contains(body, `"error"`) {
			t.Errorf("%s %s without the token: %d %s", r.method, r.path, code, body)
		}
		if code, _ := ts.call(t, r.method, r.path, r.body, "Authorization", "Bearer wrong"); code != 401 {
			t.Errorf("%s %s with a wrong token: %d", r.method, r.path, code)
		}
		if code, _ := ts.call(t, r.method, r.path, r.body, "Authorization", bearer, "Origin", "http://evil.example"); code != 403 {
			t.Errorf("%s %s from a foreign Origin: %d", r.method, r.path, code)
		}
		if code, _ := ts.call(t, r.method, r.path, r.body, "Authorization", bearer, "Host", "evil.example:"+strings.Split(ts.addr, ":")[1]); code != 403 {
			t.Errorf("%s %s with a foreign Host: %d", r.method, r.path, code)
		}
		if code, _ := ts.call(t, r.method, r.path, r.body, "Cookie", "cairn_token_"+strings.Split(ts.addr, ":")[1]+"=wrong"); code != 401 {
			t.Errorf("%s %s with a wrong cookie: %d", r.method, r.path, code)
		}
	}
	// A rebinding attacker's page would send its own name as Host, even with the port.
	if code, _ := ts.call(t, "GET", "/api/notebook", "", "Authorization", bearer, "Host", "attacker.example"); code != 403 {
		t.Errorf("foreign Host without port: %d", code)
	}
	// Same-origin requests with the token work, under each loopback name.
	port := strings.Split(ts.addr, ":")[1]
	for _, host := range []string{ts.addr, "localhost:" + port, "[::1]:" + port} {
		if code, body := ts.call(t, "GET", "/api/notebook", "", "Authorization", bearer, "Host", host, "Origin", "http://"+host); code != 200 {
			t.Errorf("Host %s: %d %s", host, code, body)
		}
	}
	if code, _ := ts.call(t, "POST", "/api/save", "", "Authorization", bearer, "Sec-Fetch-Site", "cross-site"); code != 403 {
		t.Errorf("cross-site fetch: %d", code)
	}
}

func TestTokenURLSetsCookieAndRedirects(t *testing.T) {
	ts := start(t, small, token)
	if code, _ := ts.call(t, "GET", "/?token=wrong", ""); code != 401 {
		t.Errorf("wrong token in URL: %d", code)
	}
	req, _ := http.NewRequest("GET", ts.url+"/?token="+token, nil)
	resp, err := noRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/" {
		t.Fatalf("token URL: %s, Location %q", resp.Status, resp.Header.Get("Location"))
	}
	c := resp.Cookies()
	if len(c) != 1 || c[0].Value != token || !c[0].HttpOnly || c[0].SameSite != http.SameSiteStrictMode || c[0].Path != "/" {
		t.Fatalf("cookie %+v", c)
	}
	// A browser-like client (cookie jar, following the redirect) then gets the page and the API.
	jar, _ := cookiejar.New(nil)
	browser := &http.Client{Jar: jar}
	resp, err = browser.Get(ts.url + "/?token=" + token)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Request.URL.RawQuery != "" {
		t.Fatalf("after redirect: %s at %s", resp.Status, resp.Request.URL)
	}
	resp, err = browser.Post(ts.url+"/api/cells", "application/json", strings.NewReader(`{"index":0,"kind":"code","source":"1"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("POST /api/cells with the cookie: %s", resp.Status)
	}
	for _, r := range routes[:3] {
		resp, err := browser.Get(ts.url + r.path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("GET %s with the cookie: %s", r.path, resp.Status)
		}
	}
}
