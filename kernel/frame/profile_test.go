package frame

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/cairn-notebook/cairn/kernel/sql"
)

// A frame and a registered table profile in one call each; failures show as text.
func TestProfile(t *testing.T) {
	if p := ProfileTable("x"); p.Err() == nil || !strings.Contains(p.MIMEBundle()["text/plain"], "no SQL engine") {
		t.Errorf("profile without an engine: %v", p.Err())
	}
	useEngine(t)
	type row struct {
		K string
		V float64
	}
	rows := []row{{"a", 1}, {"b", 2}, {"a", 3}, {"c", 6}}
	f, err := FromStructs(rows)
	if err != nil {
		t.Fatal(err)
	}
	var got sql.Profile
	b := f.Profile().MIMEBundle()
	if err := json.Unmarshal([]byte(b[sql.ProfileMIME]), &got); err != nil {
		t.Fatalf("%v in %v", err, b)
	}
	k, v := got.Columns[0], got.Columns[1]
	if got.Rows != 4 || k.Distinct != 3 || k.Top[0] != (sql.TopValue{Value: "a", Count: 2}) || *v.Mean != 3 || v.Max != 6.0 {
		t.Errorf("frame profile %s", b[sql.ProfileMIME])
	}
	if !strings.Contains(b["text/plain"], "4 rows") {
		t.Errorf("text %q", b["text/plain"])
	}
	if err := Register("sales", rows); err != nil {
		t.Fatal(err)
	}
	p := ProfileTable("sales")
	if p.Err() != nil || !strings.Contains(p.MIMEBundle()[sql.ProfileMIME], `"table":"sales"`) {
		t.Errorf("table profile %v: %v", p, p.Err())
	}
	if p := ProfileTable("nope"); p.Err() == nil || !strings.Contains(p.String(), "nope") {
		t.Errorf("unknown table: %v", p)
	}
}
