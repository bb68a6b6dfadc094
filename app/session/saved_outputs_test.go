package session

import (
	"os"
	"strings"
	"testing"
	"time"
)

// A notebook opened with saved outputs shows them in its snapshot, without running: text,
// the table's saved rows and a chart's option, as they are in the file.
func TestReopenedNotebookShowsSavedOutputs(t *testing.T) {
	const chart = `{"series":[{"type":"bar","data":[1,2]}]}`
	const table = `{"columns":[{"name":"x","type":"INTEGER"}],"rows":5,"page":[[1],[2]]}`
	s, _ := open(t, "```sql id=q bind=df\nSELECT 1\n```\n\n```output display mime=text/plain\nx\n1\n```\n\n"+
		"```output display mime=application/vnd.cairn.table+json alt\n"+table+"\n```\n\n"+
		"```go id=c\nchart\n```\n\n```output display mime=application/vnd.cairn.echarts+json\n"+chart+"\n```\n", testOptions(t))
	snap := s.Snapshot()
	q, c := snap.Cells[0], snap.Cells[1]
	if len(q.Outputs) != 1 || q.Outputs[0].Data["application/vnd.cairn.table+json"] != table || q.Outputs[0].Data["text/plain"] != "x\n1" {
		t.Errorf("table output in the snapshot: %+v", q.Outputs)
	}
	if len(c.Outputs) != 1 || c.Outputs[0].Kind != "display" || c.Outputs[0].Data["application/vnd.cairn.echarts+json"] != chart {
		t.Errorf("chart output in the snapshot: %+v", c.Outputs)
	}
	if q.Options["bind"] != "df" || c.Options != nil { // the UI charts bind=df through df
		t.Errorf("options in the snapshot: %v, %v", q.Options, c.Options)
	}
	if q.State != CellIdle || c.State != CellIdle {
		t.Errorf("cells ran: %s, %s", q.State, c.State)
	}
}

// With `save: {outputs: false}` a run's outputs are shown but never written to the file.
func TestSaveRespectsOutputsSetting(t *testing.T) {
	s, path := open(t, "---\nsave:\n  outputs: false\n---\n\n```go id=a\nimport \"fmt\"\nfmt.Println(\"secret\")\n```\n", testOptions(t))
	sub, _ := s.Subscribe()
	defer sub.Close()
	if err := s.Run("a"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, sub, 30*time.Second, cellIs("a", "done"))
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	if out := s.Snapshot().Cells[0].Outputs; len(out) != 1 || out[0].Text != "secret\n" {
		t.Errorf("outputs in the snapshot after saving: %+v", out)
	}
	data, _ := os.ReadFile(path)
	if strings.Contains(string(data), "secret\n```") || strings.Contains(string(data), "```output") {
		t.Errorf("the file holds outputs:\n%s", data)
	}
}
