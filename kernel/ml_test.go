package kernel_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/cairn-notebook/cairn/kernel/nb"
	"github.com/cairn-notebook/cairn/kernel/protocol"
)

// trainCell builds a dataset from SQL through a frame and fits a logistic regression.
const trainCell = `import ("cairn/frame"; "cairn/ml"; "cairn/ml/linear")
df, err := frame.Query("select range %% 7 as a, (range * 13) %% 11 as b, (range %% 7) + ((range * 13) %% 11) > 8 as y from range(%s)")
if err != nil { panic(err) }
ds, err := df.Dataset("y")
if err != nil { panic(err) }
m, err := ml.Fit(ds, linear.Logistic{%s}, ml.FitOptions{Seed: 1})
if err != nil { panic(err) }
m`

// A cell trains a model from SQL data without passing a context or progress: a progress bar
// shows, the model card is the result; interrupting a long fit stops it and keeps the kernel.
func TestTrainInCell(t *testing.T) {
	p := startKernel(t)
	msgs := p.run("go", fmt.Sprintf(trainCell, "2000", ""), nil)
	var bar, card bool
	for _, m := range msgs {
		bar = bar || m.Data[nb.ProgressMIME] != ""
		card = card || m.Type == protocol.Result && m.Data["application/vnd.cairn.model+json"] != ""
		if m.Error != nil {
			t.Fatalf("training failed: %v", describe(msgs))
		}
	}
	if !bar || !card {
		t.Errorf("progress %v, card %v: %v", bar, card, describe(msgs))
	}

	id := p.send(&protocol.Msg{Type: protocol.Execute, Lang: "go", Code: fmt.Sprintf(trainCell, "3000000", "MaxIter: 1000000, Tol: 1e-300")})
	for m := p.next(id); m.Data[nb.ProgressMIME] == ""; m = p.next(id) { // training has begun
		if m.Type == protocol.Done || m.Type == protocol.Fail {
			t.Fatalf("the long fit ended before it was interrupted: %+v", m)
		}
	}
	time.Sleep(200 * time.Millisecond)
	p.interrupt(t, id)
	if msgs := p.run("go", "1 + 1", nil); len(msgs) != 1 || msgs[0].Data["text/plain"] != "2" {
		t.Errorf("after interrupt: %v", describe(msgs))
	}
}
