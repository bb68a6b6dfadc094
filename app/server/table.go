package server

import (
	"fmt"
	"net/http"
	"strconv"
)

// table answers GET /api/table?handle=r3&offset=100&limit=50&sort=x&desc=1 with one page of a
// result table (the table output's JSON), fetched from the kernel even while a cell runs. The
// session checks the numbers (limit at most session.MaxPageRows).
func (s *server) table(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	offset, err := intParam(q.Get("offset"), "offset", 0)
	if err != nil {
		writeError(w, http.StatusBadRequest, err)
		return
	}
	limit, err := intParam(q.Get("limit"), "limit", 50)
	if err != nil {
		writeError(w, http.StatusBadRequest, err)
		return
	}
	var desc bool
	switch q.Get("desc") {
	case "", "0", "false":
	case "1", "true":
		desc = true
	default:
		writeError(w, http.StatusBadRequest, fmt.Errorf("desc=%q: want 1 or 0", q.Get("desc")))
		return
	}
	page, err := s.cur().TablePage(r.Context(), q.Get("handle"), offset, limit, q.Get("sort"), desc)
	if err != nil {
		fail(w, err)
		return
	}
	writeJSONText(w, page)
}

// profile answers GET /api/profile?handle=r3 (a result) or ?table=name (a table or view)
// with its column profile, computed by the kernel even while a cell runs.
func (s *server) profile(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var p string
	var err error
	if name := q.Get("table"); name != "" {
		p, err = s.cur().ProfileTable(r.Context(), name)
	} else {
		p, err = s.cur().Profile(r.Context(), q.Get("handle"))
	}
	if err != nil {
		fail(w, err)
		return
	}
	writeJSONText(w, p)
}

// tables answers GET /api/tables with the tables and views cells made:
// [{"name", "kind", "columns", "rows"}].
func (s *server) tables(w http.ResponseWriter, r *http.Request) {
	ts, err := s.cur().Tables(r.Context())
	if err != nil {
		fail(w, err)
		return
	}
	writeJSONText(w, ts)
}

// writeJSONText writes JSON the kernel made; it changes with every cell, so never cached.
func writeJSONText(w http.ResponseWriter, js string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.Write([]byte(js))
}

// intParam reads a whole number from a query parameter; empty gives def.
func intParam(v, name string, def int) (int, error) {
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, fmt.Errorf("%s=%q is not a whole number", name, v)
	}
	return n, nil
}
