package runtime

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/cairn-notebook/cairn/kernel/protocol"
)

// ExportModel asks the kernel for the *ml.Model in Go variable name, serialised with ml.Save;
// problem (the notebook's problem card as text) goes into it when the model has none. A
// missing variable or one that is not a model is a *protocol.Error saying so.
func (k *Kernel) ExportModel(ctx context.Context, name, problem string) ([]byte, error) {
	data, err := k.request(ctx, &protocol.Msg{Type: protocol.ExportModel, Name: name, Problem: problem}, protocol.ModelFileMIME)
	if err != nil {
		return nil, err
	}
	return []byte(data), nil
}

// ModelVar is a Go variable of the kernel that holds a model.
type ModelVar struct {
	Name   string `json:"name"`
	Kind   string `json:"kind"`
	Task   string `json:"task"`
	Target string `json:"target"`
}

// Models returns which of the Go variable names holds a *ml.Model (the app finds candidates
// in the notebook's cells: the kernel's evaluator does not list its variables).
func (k *Kernel) Models(ctx context.Context, names []string) ([]ModelVar, error) {
	data, err := k.request(ctx, &protocol.Msg{Type: protocol.Models, Names: names}, protocol.ModelsMIME)
	if err != nil {
		return nil, err
	}
	var out []ModelVar
	if err := json.Unmarshal([]byte(data), &out); err != nil {
		return nil, fmt.Errorf("the kernel's model list is not valid JSON: %w", err)
	}
	return out, nil
}
