// Package service is the exported model service: the HTTP handlers of a Cairn model (predict,
// schema, OpenAPI, metrics, drift, model card) and Main, the program of the service runtime
// that `cairn export` ships with a model bundle appended (service/bundle).
package service

import (
	"encoding/json"
	"errors"
	"fmt"
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

	// The server's timeouts (Server); 0 = none.
	ReadTimeout  time.Duration // to read a request, body included
	WriteTimeout time.Duration // to write an answer
	IdleTimeout  time.Duration // an idle keep-alive connection stays open; 0 = ReadTimeout
}

// Defaults of Options.
const (
	DefaultMaxBody     = 8 << 20
	DefaultDriftWindow = 1000
)

// Service answers a model's HTTP API (Server serves it). It is safe for concurrent use.
type Service struct {
	m       *ml.Model
	feats   features // the schema's features by name, for decoding
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
	s := &Service{m: m, feats: index(&m.Schema), opt: opt, drift: newDrift(m, opt.DriftWindow)}
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

// reply is an answer before a transport (server.go) writes it.
type reply struct {
	status int
	ctype  string
	body   []byte
	allow  string // the Allow header of a 405
}

// serve answers one request whose body was read within the limit, counts it, and turns a
// panic into a 500 rather than a dropped connection.
func (s *Service) serve(method, path, ctype string, body []byte) (rep reply) {
	start := time.Now()
	p := pathIndex(path)
	defer func() {
		if v := recover(); v != nil {
			s.opt.Log.Error("handler panic", "path", path, "panic", fmt.Sprint(v))
			rep = s.fail(method, path, refuse(http.StatusInternalServerError, "internal error: %v", v))
		}
		s.met.observe(p, rep.status, time.Since(start))
		if s.opt.LogRequests {
			s.opt.Log.Info("request", "method", method, "path", path, "status", rep.status, "duration_us", time.Since(start).Microseconds())
		}
	}()
	return s.route(method, path, ctype, body, p)
}

func (s *Service) route(method, path, ctype string, body []byte, p int) reply {
	route := paths[p]
	if route == "other" {
		return s.fail(method, path, refuse(http.StatusNotFound, "no such path %q: see GET /openapi.json", path))
	}
	if route == "/predict" {
		if method != http.MethodPost {
			rep := s.fail(method, path, refuse(http.StatusMethodNotAllowed, "%s /predict: use POST", method))
			rep.allow = "POST"
			return rep
		}
		return s.predict(method, path, ctype, body)
	}
	if method != http.MethodGet && method != http.MethodHead {
		rep := s.fail(method, path, refuse(http.StatusMethodNotAllowed, "%s %s: use GET", method, route))
		rep.allow = "GET, HEAD"
		return rep
	}
	switch route {
	case "/healthz":
		return jsonReply(http.StatusOK, []byte(`{"status":"ok"}`))
	case "/readyz":
		if s.drain.Load() {
			return jsonReply(http.StatusServiceUnavailable, []byte(`{"status":"shutting down"}`))
		}
		return jsonReply(http.StatusOK, []byte(`{"status":"ready"}`))
	case "/metrics":
		var b strings.Builder
		s.met.write(&b, s.m.Schema.Classes)
		return reply{status: http.StatusOK, ctype: "text/plain; version=0.0.4; charset=utf-8", body: []byte(b.String())}
	case "/drift":
		b, _ := json.Marshal(s.drift.report())
		return jsonReply(http.StatusOK, b)
	}
	return jsonReply(http.StatusOK, s.static[route])
}

func jsonReply(status int, body []byte) reply {
	return reply{status: status, ctype: "application/json", body: body}
}

// fail answers err (a *RequestError, else a 400) as JSON and logs it.
func (s *Service) fail(method, path string, err error) reply {
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
	s.opt.Log.Info("request refused", "method", method, "path", path, "status", re.Status, "error", re.Error())
	return jsonReply(re.Status, body)
}
