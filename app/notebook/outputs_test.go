package notebook

import "testing"

func TestAppendOutputJoinsStreams(t *testing.T) {
	c := &Cell{Kind: KindCode}
	for _, o := range []Output{
		{Kind: OutputStream, Name: "stdout", Text: "a"},
		{Kind: OutputStream, Name: "stdout", Text: "b\n"},
		{Kind: OutputStream, Name: "stderr", Text: "e"},
		{Kind: OutputStream, Name: "stdout", Text: "c"},
		{Kind: OutputResult, Data: map[string]string{"text/plain": "1"}},
		{Kind: OutputResult, Data: map[string]string{"text/plain": "2"}},
	} {
		c.AppendOutput(o)
	}
	got := c.Outputs
	if len(got) != 5 || got[0].Text != "ab\n" || got[1].Text != "e" || got[2].Text != "c" || got[3].Data["text/plain"] != "1" || got[4].Data["text/plain"] != "2" {
		t.Fatalf("outputs %+v", got)
	}
}

func TestUpdateDisplayFindsItsOutput(t *testing.T) {
	nb := New()
	a := &Cell{ID: "a", Kind: KindCode}
	b := &Cell{ID: "b", Kind: KindCode}
	nb.Cells = []*Cell{a, b}
	a.AppendOutput(Output{Kind: OutputDisplay, Data: map[string]string{"text/plain": "old"}, DisplayID: "d1"})
	b.AppendOutput(Output{Kind: OutputStream, Name: "stdout", Text: "x"})
	c, i := nb.UpdateDisplay("d1", map[string]string{"text/plain": "new"})
	if c != a || i != 0 || a.Outputs[0].Data["text/plain"] != "new" {
		t.Fatalf("update went to %v %d: %+v", c, i, a.Outputs)
	}
	if c, _ := nb.UpdateDisplay("nope", nil); c != nil {
		t.Fatal("an unknown display id must change nothing")
	}
	if c, _ := nb.UpdateDisplay("", nil); c != nil {
		t.Fatal("an empty display id must match nothing")
	}
}
