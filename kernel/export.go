package kernel

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"go/token"

	"github.com/cairn-notebook/cairn/kernel/protocol"
	"github.com/cairn-notebook/cairn/ml"
)

// exportModel answers ExportModel: the *ml.Model in Go variable m.Name as an ml.Save file,
// given the notebook's problem card (m.Problem) when the model has none.
func (k *kernel) exportModel(m *protocol.Msg) {
	model, err := k.model(m.Name)
	if err != nil {
		k.refuse(m.ID, "export", err)
		return
	}
	if model.Problem == "" && m.Problem != "" {
		c := *model // the cell's model stays as the cell left it
		c.Problem = m.Problem
		model = &c
	}
	var b bytes.Buffer
	if err := ml.Save(&b, model); err != nil {
		k.refuse(m.ID, "export", err)
		return
	}
	_ = k.conn.Send(&protocol.Msg{Type: protocol.ExportModelResult, ID: m.ID,
		Data: map[string]string{protocol.ModelFileMIME: b.String()}})
}

// model returns the *ml.Model in Go variable name, or why it cannot.
func (k *kernel) model(name string) (*ml.Model, error) {
	if !token.IsIdentifier(name) || name == "_" {
		return nil, fmt.Errorf("%q is not a Go variable name", name)
	}
	v, err := k.goVar(context.Background(), name)
	if err != nil {
		return nil, fmt.Errorf("no variable %s in the kernel (did the cell that defines it run?): %v", name, err)
	}
	model, ok := v.(*ml.Model)
	if !ok {
		return nil, fmt.Errorf("%s is a %T, not a model (*ml.Model, from ml.Fit or ml.Train)", name, v)
	}
	if model == nil {
		return nil, fmt.Errorf("%s is a nil *ml.Model: the cell that trains it has not succeeded", name)
	}
	return model, nil
}

// modelInfo is one entry of a ModelsResult.
type modelInfo struct {
	Name   string  `json:"name"`
	Kind   string  `json:"kind"`
	Task   ml.Task `json:"task"`
	Target string  `json:"target"`
}

// models answers Models: which of the candidate names m.Names hold a *ml.Model.
func (k *kernel) models(m *protocol.Msg) {
	out := []modelInfo{}
	for _, name := range m.Names {
		if model, err := k.model(name); err == nil { // model refuses what is not a variable name
			out = append(out, modelInfo{name, model.Kind, model.Schema.Task, model.Schema.Target})
		}
	}
	b, _ := json.Marshal(out)
	_ = k.conn.Send(&protocol.Msg{Type: protocol.ModelsResult, ID: m.ID,
		Data: map[string]string{protocol.ModelsMIME: string(b)}})
}

func (k *kernel) refuse(id, kind string, err error) {
	_ = k.conn.Send(&protocol.Msg{Type: protocol.Fail, ID: id, Error: &protocol.Error{Kind: kind, Msg: err.Error()}})
}
