package session

import (
	"context"
	"encoding/json"
	"path/filepath"

	"github.com/cairn-notebook/cairn/app/export"
	"github.com/cairn-notebook/cairn/app/runtime"
)

// Models lists the kernel's Go variables that hold a model (*ml.Model), among the names the
// notebook's Go cells bind. Errors as for TablePage.
func (s *Session) Models(ctx context.Context) ([]runtime.ModelVar, error) {
	s.mu.Lock()
	var srcs []string
	for _, c := range s.nb.CodeCells() {
		if c.Lang == "go" {
			srcs = append(srcs, c.Source)
		}
	}
	s.mu.Unlock()
	names := export.Candidates(srcs...)
	out, err := s.ask(ctx, func(k *runtime.Kernel) (string, error) {
		vs, err := k.Models(ctx, names)
		b, _ := json.Marshal(vs)
		return string(b), err
	})
	if err != nil {
		return nil, err
	}
	vs := []runtime.ModelVar{}
	return vs, json.Unmarshal([]byte(out), &vs)
}

// ExportModel writes the model in Go variable name as a service binary for target ("" = this
// machine's) at path (relative to the notebook's folder) and returns the path and size. A
// missing variable or one that is not a model wraps ErrBadInput.
func (s *Session) ExportModel(ctx context.Context, name, path, target string) (string, int64, error) {
	if name == "" || path == "" {
		return "", 0, badf("model and path are required")
	}
	s.mu.Lock()
	problem := export.ProblemText(s.nb.Meta.Problem)
	if !filepath.IsAbs(path) {
		path = filepath.Join(filepath.Dir(s.path), path)
	}
	s.mu.Unlock()
	model, err := s.ask(ctx, func(k *runtime.Kernel) (string, error) {
		b, err := k.ExportModel(ctx, name, problem)
		return string(b), err
	})
	if err != nil {
		return "", 0, err
	}
	n, err := export.Write(path, target, []byte(model))
	if err != nil {
		return "", 0, badf("%v", err)
	}
	return path, n, nil
}
