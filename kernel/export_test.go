package kernel_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/cairn-notebook/cairn/kernel/protocol"
	"github.com/cairn-notebook/cairn/ml"
	_ "github.com/cairn-notebook/cairn/ml/linear" // ml.Load of the exported file
)

// export_model answers a cell's model as an ml.Save file (the problem card filled in when the
// model has none, without changing the cell's model); models picks the model variables among
// candidates; a missing, non-model or nil variable is refused by name.
func TestExportModelRequests(t *testing.T) {
	p := startKernel(t)
	cell := "import (\n\t\"cairn/ml\"\n\t\"cairn/ml/linear\"\n)\n" +
		"xs, ys := []float64{}, []string{}\nfor i := 0; i < 40; i++ {\n\txs = append(xs, float64(i))\n\tys = append(ys, map[bool]string{true: \"hi\", false: \"lo\"}[i > 20])\n}\n" +
		"ds, _ := ml.NewDataset([]ml.Column{ml.Floats(\"x\", xs), ml.Strings(\"y\", ys)}, \"y\")\n" +
		"m, err := ml.Fit(ds, linear.Logistic{}, ml.FitOptions{})\nn := 7\nvar none *ml.Model\n"
	for _, m := range p.run("go", cell, nil) { // progress displays, no error
		if m.Type == protocol.Fail {
			t.Fatalf("training cell: %v", describe([]*protocol.Msg{m}))
		}
	}
	m := p.next(p.send(&protocol.Msg{Type: protocol.ExportModel, Name: "m", Problem: "What: x above 20."}))
	if m.Type != protocol.ExportModelResult {
		t.Fatalf("export_model: %v", describe([]*protocol.Msg{m}))
	}
	model, err := ml.Load(bytes.NewReader([]byte(m.Data[protocol.ModelFileMIME])))
	if err != nil || model.Problem != "What: x above 20." || model.Schema.Target != "y" {
		t.Fatalf("exported model: %v %+v", err, model)
	}
	if msgs := p.run("go", "m.Problem", nil); len(msgs) != 1 || msgs[0].Data["text/plain"] != `""` && msgs[0].Data["text/plain"] != "" {
		t.Errorf("the cell's model changed: %v", describe(msgs))
	}
	for name, want := range map[string]string{
		"nosuch": "no variable nosuch", "n": "n is a int, not a model", "none": "nil *ml.Model", "1x": "not a Go variable name",
	} {
		m := p.next(p.send(&protocol.Msg{Type: protocol.ExportModel, Name: name}))
		if m.Type != protocol.Fail || m.Error == nil || !strings.Contains(m.Error.Msg, want) {
			t.Errorf("export_model %s: %v, want %q", name, describe([]*protocol.Msg{m}), want)
		}
	}
	m = p.next(p.send(&protocol.Msg{Type: protocol.Models, Names: []string{"ds", "err", "m", "n", "none", "nosuch", "func", "_"}}))
	type modelInfo struct {
		Name, Kind string
		Task       ml.Task
		Target     string
	}
	var list []modelInfo
	if m.Type != protocol.ModelsResult || json.Unmarshal([]byte(m.Data[protocol.ModelsMIME]), &list) != nil ||
		len(list) != 1 || list[0] != (modelInfo{"m", "logistic_regression", ml.Classification, "y"}) {
		t.Errorf("models: %v", describe([]*protocol.Msg{m}))
	}
}
