// Package service is the exported model service: the HTTP handlers of a Cairn model (predict,
// schema, OpenAPI, metrics, drift, model card) and Main, the program of the service runtime
// that `cairn export` ships with a model bundle appended (service/bundle).
package service

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"github.com/cairn-notebook/cairn/ml"
)

// Options tune a Service.
type Options struct {
	MaxBody     int64        // request body limit in bytes; 0 = DefaultMaxBody
	DriftWindow int          // recent rows kept for /drift; 0 = DefaultDriftWindow
	Log         *slog.Logger // nil: no logs
	LogRequests bool         // log every request, not only refused ones
}

// Defaults of Options.
const (
	DefaultMaxBody     = 8 << 20
	DefaultDriftWindow = 1000
)

// Service answers a model's HTTP API. It is safe for concurrent use.
type Service struct {
	m       *ml.Model
	opt     Options
	met     metrics
	drift   *drift
	classes [][]byte // JSON-quoted class labels
	static  map[string][]byte
	drain   atomic.Bool
}

// New makes the service of model m.
func New(m *ml.Model, opt Options) (*Service, error) {
	if opt.MaxBody <= 0 {
		opt.MaxBody = DefaultMaxBody
	}
	if opt.DriftWindow <= 0 {
		opt.DriftWindow = DefaultDriftWindow
	}
	if opt.Log == nil {
		opt.Log = slog.New(slog.DiscardHandler)
	}
	s := &Service{m: m, opt: opt, drift: newDrift(m, opt.DriftWindow)}
	s.met.classes = make([]atomic.Uint64, len(m.Schema.Classes))
	for _, c := range m.Schema.Classes {
		q, _ := json.Marshal(c)
		s.classes = append(s.classes, q)
	}
	var err error
	if s.static, err = describe(m); err != nil {
		return nil, err
	}
	return s, nil
}

// Drain makes /readyz answer 503 (the service is shutting down) while requests still run.
func (s *Service) Drain() { s.drain.Store(true) }

// ServeHTTP routes a request, counts it and never lets a panic become a dropped connection.
func (s *Service) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	p := pathIndex(r.URL.Path)
	status := http.StatusInternalServerError
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.opt.Log.Error("handler panic", "path", r.URL.Path, "panic", fmt.Sprint(v))
			status = s.fail(w, r, refuse(http.StatusInternalServerError, "internal error: %v", v))
		}
		s.met.observe(p, status, time.Since(start))
		if s.opt.LogRequests {
			s.opt.Log.Info("request", "method", r.Method, "path", r.URL.Path, "status", status, "duration_us", time.Since(start).Microseconds())
		}
	}()
	status = s.route(w, r, p)
}

func (s *Service) route(w http.ResponseWriter, r *http.Request, p int) int {
	path := paths[p]
	if path == "other" {
		return s.fail(w, r, refuse(http.StatusNotFound, "no such path %q: see GET /openapi.json", r.URL.Path))
	}
	if path == "/predict" {
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", "POST")
			return s.fail(w, r, refuse(http.StatusMethodNotAllowed, "%s /predict: use POST", r.Method))
		}
		return s.predict(w, r)
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		return s.fail(w, r, refuse(http.StatusMethodNotAllowed, "%s %s: use GET", r.Method, path))
	}
	switch path {
	case "/healthz":
		return s.write(w, http.StatusOK, "application/json", []byte(`{"status":"ok"}`))
	case "/readyz":
		if s.drain.Load() {
			return s.write(w, http.StatusServiceUnavailable, "application/json", []byte(`{"status":"shutting down"}`))
		}
		return s.write(w, http.StatusOK, "application/json", []byte(`{"status":"ready"}`))
	case "/metrics":
		var b strings.Builder
		s.met.write(&b, s.m.Schema.Classes)
		return s.write(w, http.StatusOK, "text/plain; version=0.0.4; charset=utf-8", []byte(b.String()))
	case "/drift":
		b, _ := json.Marshal(s.drift.report())
		return s.write(w, http.StatusOK, "application/json", b)
	}
	return s.write(w, http.StatusOK, "application/json", s.static[path])
}

func (s *Service) write(w http.ResponseWriter, status int, ctype string, body []byte) int {
	w.Header().Set("Content-Type", ctype)
	w.WriteHeader(status)
	_, _ = w.Write(body)
	return status
}

// fail answers err (a *RequestError, else a 400) as JSON and logs it.
func (s *Service) fail(w http.ResponseWriter, r *http.Request, err error) int {
	var re *RequestError
	if !errors.As(err, &re) {
		re = refuse(http.StatusBadRequest, "%v", err)
	}
	// The body is the RequestError with its "error" replaced by the whole sentence (row and
	// feature included), so a client that reads only "error" still learns where.
	body, _ := json.Marshal(struct {
		*RequestError
		Error string `json:"error"`
	}{re, re.Error()})
	s.opt.Log.Info("request refused", "method", r.Method, "path", r.URL.Path, "status", re.Status, "error", re.Error())
	return s.write(w, re.Status, "application/json", body)
}

// readBody reads the request body within the limit.
func (s *Service) readBody(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	if r.ContentLength > s.opt.MaxBody {
		return nil, refuse(http.StatusRequestEntityTooLarge, "the body is %d bytes; the limit is %d (--max-body)", r.ContentLength, s.opt.MaxBody)
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.opt.MaxBody))
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return nil, refuse(http.StatusRequestEntityTooLarge, "the body is larger than the limit of %d bytes (--max-body)", mbe.Limit)
	}
	if err != nil {
		return nil, refuse(http.StatusBadRequest, "reading the body: %v", err)
	}
	return body, nil
}
