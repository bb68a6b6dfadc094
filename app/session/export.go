package session

import (
	"context"
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
	vs, err := ask(s, ctx, func(k *runtime.Kernel) ([]runtime.ModelVar, error) { return k.Models(ctx, names) })
	if vs == nil && err == nil {
		vs = []runtime.ModelVar{} // an empty JSON list, not null
	}
	return vs, err
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
	model, err := ask(s, ctx, func(k *runtime.Kernel) ([]byte, error) { return k.ExportModel(ctx, name, problem) })
	if err != nil {
		return "", 0, err
	}
	n, err := export.Write(path, target, model)
	if err != nil {
		return "", 0, badf("%v", err)
	}
	return path, n, nil
}
