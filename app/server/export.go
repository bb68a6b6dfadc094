package server

import (
	"net/http"

	"github.com/cairn-notebook/cairn/app/export"
)

// models answers GET /api/models with the kernel's model variables:
// [{"name", "kind", "task", "target"}].
func (s *server) models(w http.ResponseWriter, r *http.Request) {
	ms, err := s.cur().Models(r.Context())
	if err != nil {
		fail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, ms)
}

// export answers POST /api/export {"model", "path", "target"} by writing the model's service
// binary: {"path", "size", "target"}. A missing or non-model variable, a bad target or an
// unwritable path is a 400 saying so.
func (s *server) export(w http.ResponseWriter, r *http.Request) {
	var req struct{ Model, Path, Target string }
	if !readJSON(w, r, &req) {
		return
	}
	if req.Target == "" {
		req.Target = export.Host()
	}
	path, size, err := s.cur().ExportModel(r.Context(), req.Model, req.Path, req.Target)
	if err != nil {
		fail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"path": path, "size": size, "target": req.Target})
}
