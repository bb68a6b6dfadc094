package session

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

const threeCells = "# T\n\n```go id=a\nx := 1\n```\n\nSome *text*.\n\n```go id=b\ny := \"h😀i\"\n```\n"

func ids(s *Session) string {
	var out []string
	for _, c := range s.Snapshot().Cells {
		out = append(out, c.ID)
	}
	return strings.Join(out, ",")
}

func TestEdits(t *testing.T) {
	s, _ := open(t, threeCells, testOptions(t))
	if got := ids(s); got != "md1,a,md3,b" {
		t.Fatalf("ids %s", got)
	}
	id, err := s.InsertCell(1, "code", "", "z := 3")
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(s); got != "md1,"+id+",a,md3,b" {
		t.Fatalf("after insert: %s", got)
	}
	src, md := "x := 2", "markdown"
	if err := s.UpdateCell("a", Patch{Source: &src}); err != nil {
		t.Fatal(err)
	}
	if err := s.UpdateCell(id, Patch{Kind: &md}); err != nil {
		t.Fatal(err)
	}
	if err := s.MoveCell("b", 0); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteCell("md3"); err != nil {
		t.Fatal(err)
	}
	// "h😀i" in UTF-16: the emoji is two code units, so offset 9 is just after it.
	second, err := s.SplitCell("b", len(`y := "h`)+2)
	if err != nil {
		t.Fatal(err)
	}
	snap := s.Snapshot()
	if !snap.Dirty {
		t.Error("not dirty after edits")
	}
	want := []CellView{
		{ID: "b", Kind: "code", Lang: "go", Source: `y := "h😀`},
		{ID: second, Kind: "code", Lang: "go", Source: `i"`},
		{ID: "md1", Kind: "markdown", Source: "# T"},
		{ID: id, Kind: "markdown", Source: "z := 3"},
		{ID: "a", Kind: "code", Lang: "go", Source: "x := 2"},
	}
	if len(snap.Cells) != len(want) {
		t.Fatalf("cells %+v", snap.Cells)
	}
	for i, w := range want {
		c := snap.Cells[i]
		if c.ID != w.ID || c.Kind != w.Kind || c.Lang != w.Lang || c.Source != w.Source || c.State != "idle" {
			t.Errorf("cell %d = %+v, want %+v", i, c, w)
		}
	}
}

func TestBadEditsChangeNothing(t *testing.T) {
	s, _ := open(t, threeCells, testOptions(t))
	waitKernel(t, s, KernelIdle) // so that only the edits could change the snapshot
	before, _ := json.Marshal(s.Snapshot())
	bad, sql := "python", "sql"
	cases := []struct {
		name string
		err  error
		do   func() error
		msg  string
	}{
		{"unknown id", ErrNotFound, func() error { return s.DeleteCell("nope") }, `no cell with id "nope"`},
		{"update unknown", ErrNotFound, func() error { return s.UpdateCell("nope", Patch{Lang: &sql}) }, "nope"},
		{"insert past end", ErrBadInput, func() error { _, err := s.InsertCell(5, "code", "go", ""); return err }, "index 5 is out of range (0..4)"},
		{"insert negative", ErrBadInput, func() error { _, err := s.InsertCell(-1, "code", "go", ""); return err }, "out of range"},
		{"insert bad kind", ErrBadInput, func() error { _, err := s.InsertCell(0, "raw", "", ""); return err }, `unknown cell kind "raw"`},
		{"bad lang", ErrBadInput, func() error { return s.UpdateCell("a", Patch{Lang: &bad}) }, `unknown language "python"`},
		{"move out of range", ErrBadInput, func() error { return s.MoveCell("a", 4) }, "index 4 is out of range (0..3)"},
		{"split past end", ErrBadInput, func() error { _, err := s.SplitCell("a", 7); return err }, "split offset 7 is out of range (0..6)"},
		{"split inside emoji", ErrBadInput, func() error { _, err := s.SplitCell("b", len(`y := "h`)+1); return err }, "inside a character"},
		{"run unknown", ErrNotFound, func() error { return s.Run("a", "nope") }, "nope"},
		{"run above unknown", ErrNotFound, func() error { return s.RunAbove("nope") }, "nope"},
	}
	for _, c := range cases {
		err := c.do()
		if !errors.Is(err, c.err) || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s: error %v, want %v containing %q", c.name, err, c.err, c.msg)
		}
	}
	if after, _ := json.Marshal(s.Snapshot()); string(after) != string(before) {
		t.Errorf("bad input changed the notebook:\n%s\n%s", before, after)
	}
}
