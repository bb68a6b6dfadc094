// Package server is Cairn's HTTP API and page server: one http.Handler that serves the
// embedded frontend and the JSON + Server-Sent Events API of the open notebook. `cairn serve`
// puts it behind a net/http server (with a token and Host/Origin checks); the desktop window
// calls it in-process (no token).
package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/cairn-notebook/cairn/app/notebook"
	"github.com/cairn-notebook/cairn/app/session"
)

// Options configure the handler.
type Options struct {
	Sessions *session.Manager // the open notebook; POST /api/open switches it
	Assets   fs.FS            // the built frontend, index.html at its root

	// Token is the secret every request must carry (cookie, ?token= once, or
	// Authorization: Bearer); empty turns off the token and the Host/Origin checks (desktop
	// mode, where only the app's own window reaches the handler).
	Token string
	// Addr is the host:port the server listens on; Host headers other than it and
	// 127.0.0.1, localhost and [::1] with its port are refused (DNS rebinding).
	Addr string

	Log          io.Writer     // where `frontend connected` and the like go; default stderr
	PingInterval time.Duration // SSE keep-alive comments; default 15 s
}

// maxBody bounds request bodies: a cell's source is the largest thing a client sends.
const maxBody = 8 << 20

type server struct {
	opt Options
}

// New returns the handler for every page and API route.
func New(opt Options) http.Handler {
	if opt.Log == nil {
		opt.Log = os.Stderr
	}
	if opt.PingInterval == 0 {
		opt.PingInterval = 15 * time.Second
	}
	s := &server{opt: opt}
	mux := http.NewServeMux()
	route := func(path string, methods map[string]http.HandlerFunc) {
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			if h, ok := methods[r.Method]; ok {
				r.Body = http.MaxBytesReader(w, r.Body, maxBody)
				h(w, r)
				return
			}
			allow := make([]string, 0, len(methods))
			for m := range methods {
				allow = append(allow, m)
			}
			w.Header().Set("Allow", strings.Join(allow, ", "))
			writeError(w, http.StatusMethodNotAllowed, fmt.Errorf("%s is not allowed on %s", r.Method, r.URL.Path))
		})
	}
	route("/api/notebook", map[string]http.HandlerFunc{"GET": s.notebook})
	route("/api/events", map[string]http.HandlerFunc{"GET": s.events})
	route("/api/cells", map[string]http.HandlerFunc{"POST": s.insertCell})
	route("/api/cells/{id}", map[string]http.HandlerFunc{"PATCH": s.updateCell, "DELETE": s.deleteCell})
	route("/api/cells/{id}/move", map[string]http.HandlerFunc{"POST": s.moveCell})
	route("/api/cells/{id}/split", map[string]http.HandlerFunc{"POST": s.splitCell})
	route("/api/run", map[string]http.HandlerFunc{"POST": s.run})
	route("/api/interrupt", map[string]http.HandlerFunc{"POST": s.interrupt})
	route("/api/restart", map[string]http.HandlerFunc{"POST": s.restart})
	route("/api/save", map[string]http.HandlerFunc{"POST": s.save})
	route("/api/save-as", map[string]http.HandlerFunc{"POST": s.saveAs})
	route("/api/files", map[string]http.HandlerFunc{"GET": s.files})
	route("/api/open", map[string]http.HandlerFunc{"POST": s.open})
	route("/api/client", map[string]http.HandlerFunc{"POST": s.client})
	route("/api/table", map[string]http.HandlerFunc{"GET": s.table})
	route("/api/profile", map[string]http.HandlerFunc{"GET": s.profile})
	route("/api/tables", map[string]http.HandlerFunc{"GET": s.tables})
	route("/api/models", map[string]http.HandlerFunc{"GET": s.models})
	route("/api/export", map[string]http.HandlerFunc{"POST": s.export})
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, fmt.Errorf("no API route %s", r.URL.Path))
	})
	route("/", map[string]http.HandlerFunc{"GET": s.assets, "HEAD": s.assets})
	if opt.Token == "" {
		return mux
	}
	return s.guard(mux)
}

func (s *server) assets(w http.ResponseWriter, r *http.Request) {
	if s.opt.Assets == nil {
		writeError(w, http.StatusNotFound, errors.New("this build has no frontend"))
		return
	}
	http.FileServerFS(s.opt.Assets).ServeHTTP(w, r)
}

// readJSON decodes a request body strictly: unknown fields and trailing data are errors.
func readJSON(w http.ResponseWriter, r *http.Request, v any) bool {
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil && dec.More() {
		err = errors.New("trailing data after the JSON value")
	}
	if err != nil {
		status := http.StatusBadRequest
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			status = http.StatusRequestEntityTooLarge
		}
		writeError(w, status, fmt.Errorf("bad request body: %v", err))
		return false
	}
	return true
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, status int, err error) {
	writeJSON(w, status, map[string]string{"error": err.Error()})
}

// fail answers a session error with the status that fits it.
func fail(w http.ResponseWriter, err error) {
	status := http.StatusInternalServerError
	switch {
	case errors.Is(err, session.ErrNotFound):
		status = http.StatusNotFound
	case errors.Is(err, session.ErrBadInput), errors.Is(err, fs.ErrNotExist):
		status = http.StatusBadRequest
	case errors.Is(err, session.ErrKernelDead), errors.Is(err, notebook.ErrNotNotebook):
		status = http.StatusConflict
	}
	writeError(w, status, err)
}

// done answers a request that returns nothing.
func done(w http.ResponseWriter, err error) {
	if err != nil {
		fail(w, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
