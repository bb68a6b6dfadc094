package server

import (
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/cairn-notebook/cairn/app/session"
)

func (s *server) cur() *session.Session { return s.opt.Sessions.Current() }

func (s *server) notebook(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, s.cur().Snapshot())
}

func (s *server) insertCell(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Index              *int
		Kind, Lang, Source string
	}
	if !readJSON(w, r, &req) {
		return
	}
	if req.Index == nil {
		writeError(w, http.StatusBadRequest, errors.New("index is required"))
		return
	}
	id, err := s.cur().InsertCell(*req.Index, req.Kind, req.Lang, req.Source)
	if err != nil {
		fail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"id": id})
}

func (s *server) updateCell(w http.ResponseWriter, r *http.Request) {
	var p session.Patch
	if readJSON(w, r, &p) {
		done(w, s.cur().UpdateCell(r.PathValue("id"), p))
	}
}

func (s *server) deleteCell(w http.ResponseWriter, r *http.Request) {
	done(w, s.cur().DeleteCell(r.PathValue("id")))
}

func (s *server) moveCell(w http.ResponseWriter, r *http.Request) {
	var req struct{ Index *int }
	if !readJSON(w, r, &req) {
		return
	}
	if req.Index == nil {
		writeError(w, http.StatusBadRequest, errors.New("index is required"))
		return
	}
	done(w, s.cur().MoveCell(r.PathValue("id"), *req.Index))
}

func (s *server) splitCell(w http.ResponseWriter, r *http.Request) {
	var req struct{ Offset *int }
	if !readJSON(w, r, &req) {
		return
	}
	if req.Offset == nil {
		writeError(w, http.StatusBadRequest, errors.New("offset is required"))
		return
	}
	id, err := s.cur().SplitCell(r.PathValue("id"), *req.Offset)
	if err != nil {
		fail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"id": id})
}

func (s *server) run(w http.ResponseWriter, r *http.Request) {
	var req struct {
		IDs   []string
		All   bool
		Above string
	}
	if !readJSON(w, r, &req) {
		return
	}
	sess := s.cur()
	switch {
	case req.All:
		done(w, sess.RunAll())
	case req.Above != "":
		done(w, sess.RunAbove(req.Above))
	case len(req.IDs) > 0:
		done(w, sess.Run(req.IDs...))
	default:
		writeError(w, http.StatusBadRequest, errors.New(`say what to run: {"ids": [...]}, {"all": true} or {"above": "id"}`))
	}
}

func (s *server) interrupt(w http.ResponseWriter, r *http.Request) { done(w, s.cur().Interrupt()) }
func (s *server) restart(w http.ResponseWriter, r *http.Request)   { done(w, s.cur().Restart()) }
func (s *server) save(w http.ResponseWriter, r *http.Request)      { done(w, s.cur().Save()) }

func (s *server) saveAs(w http.ResponseWriter, r *http.Request) {
	var req struct{ Path string }
	if readJSON(w, r, &req) {
		done(w, s.cur().SaveAs(req.Path))
	}
}

func (s *server) open(w http.ResponseWriter, r *http.Request) {
	var req struct{ Path string }
	if !readJSON(w, r, &req) {
		return
	}
	if req.Path == "" {
		writeError(w, http.StatusBadRequest, errors.New("path is required"))
		return
	}
	done(w, s.opt.Sessions.Open(req.Path))
}

// fileEntry is one file of the notebook's folder.
type fileEntry struct {
	Name     string `json:"name"`
	Path     string `json:"path"`
	Notebook bool   `json:"notebook"`
}

// files lists the notebook's folder: regular files, not hidden ones, notebooks marked.
func (s *server) files(w http.ResponseWriter, r *http.Request) {
	dir := filepath.Dir(s.cur().Path())
	ents, err := os.ReadDir(dir)
	if err != nil {
		fail(w, fmt.Errorf("listing %s: %w", dir, err))
		return
	}
	files := []fileEntry{}
	for _, e := range ents {
		if !e.Type().IsRegular() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		files = append(files, fileEntry{e.Name(), filepath.Join(dir, e.Name()), strings.HasSuffix(e.Name(), ".cairn.md")})
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Name < files[j].Name })
	writeJSON(w, http.StatusOK, map[string]any{"dir": dir, "files": files})
}

// client is the page saying it loaded; the desktop smoke test waits for the log line.
func (s *server) client(w http.ResponseWriter, r *http.Request) {
	var req struct{ Page string }
	if !readJSON(w, r, &req) {
		return
	}
	fmt.Fprintln(s.opt.Log, "frontend connected")
	w.WriteHeader(http.StatusNoContent)
}
