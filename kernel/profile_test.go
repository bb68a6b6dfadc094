package kernel_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/cairn-notebook/cairn/kernel/protocol"
	"github.com/cairn-notebook/cairn/kernel/sql"
)

// The app asks for a result's profile by handle; a Go cell profiles a frame or a registered
// table in one call. (A profile while a cell runs: TestInterruptAndConcurrentPages.)
func TestProfileRequests(t *testing.T) {
	p := startKernel(t)
	pg := table(t, p.run("sql", "select range as x, 'a' || (range % 4) as s from range(200)", map[string]string{"bind": "df"}))
	m := p.next(p.send(&protocol.Msg{Type: protocol.Profile, Handle: pg.Handle}))
	var prof sql.Profile
	if m.Type != protocol.ProfileResult || json.Unmarshal([]byte(m.Data[sql.ProfileMIME]), &prof) != nil ||
		prof.Rows != 200 || prof.Columns[0].Min != float64(0) || prof.Columns[0].Max != float64(199) || prof.Columns[1].Distinct != 4 ||
		prof.Columns[1].Top[0] != (sql.TopValue{Value: "a0", Count: 50}) || !strings.Contains(m.Data["text/plain"], "200 rows") {
		t.Errorf("profile reply %v", describe([]*protocol.Msg{m}))
	}
	if m := p.next(p.send(&protocol.Msg{Type: protocol.Profile, Handle: "r999"})); m.Type != protocol.Fail || m.Error.Kind != "unknown_handle" {
		t.Errorf("profile of an unknown handle: %v", describe([]*protocol.Msg{m}))
	}
	p.run("sql", "create table hits as select 'emotet' as family, 10 as size", nil)
	for code, want := range map[string]string{
		"df.Profile()": `"mean":99.5`,
		"import \"cairn/frame\"\nframe.ProfileTable(\"hits\")": `"table":"hits"`,
	} {
		if msgs := p.run("go", code, nil); len(msgs) != 1 || !strings.Contains(msgs[0].Data[sql.ProfileMIME], want) {
			t.Errorf("%s: %v", code, describe(msgs))
		}
	}
	msgs := p.run("go", "import \"cairn/frame\"\nframe.ProfileTable(\"nope\")", nil)
	if len(msgs) != 1 || !strings.Contains(msgs[0].Data["text/plain"], "no profile") || !strings.Contains(msgs[0].Data["text/plain"], "nope") {
		t.Errorf("profile of an unknown table: %v", describe(msgs))
	}
}
