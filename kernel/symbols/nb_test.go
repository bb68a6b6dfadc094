package symbols

import (
	"context"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/cairn-notebook/cairn/kernel/eval"
	"github.com/cairn-notebook/cairn/kernel/nb"
)

// displays records what cells show through nb, in order.
type displays struct {
	mu   sync.Mutex
	got  []map[string]string
	upds []bool
}

func (d *displays) sink(_ string, update bool, data map[string]string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.got, d.upds = append(d.got, data), append(d.upds, update)
}

// evaluator is a cell evaluator wired like the kernel's (type-checked cells, nb's sink).
func evaluator(t *testing.T) (func(string), *displays) {
	ev, err := eval.New(eval.Options{Exports: Exports(), Source: Source()})
	if err != nil {
		t.Fatal(err)
	}
	d := &displays{}
	nb.SetSink(d.sink, eval.Text)
	t.Cleanup(func() { nb.SetSink(func(string, bool, map[string]string) {}, eval.Text) })
	return func(code string) {
		t.Helper()
		if _, err := ev.Eval(context.Background(), code); err != nil {
			t.Fatalf("cell %q: %v", code, err)
		}
	}, d
}

func TestNbImportPaths(t *testing.T) {
	for _, path := range []string{"cairn/nb", "github.com/cairn-notebook/cairn/kernel/nb"} {
		t.Run(path, func(t *testing.T) {
			run, d := evaluator(t)
			run(`import "` + path + `"
nb.Display(nb.HTML("<b>hi</b>"))
var h nb.HTML = "<i>x</i>"
nb.Display(h)
bar := nb.Progress(3, "steps")
bar.Add(3)
bar.Done()`)
			// Two HTML displays, the bar, its full state, its finished state.
			if len(d.got) != 5 || d.got[0]["text/html"] != "<b>hi</b>" || d.got[1]["text/html"] != "<i>x</i>" {
				t.Fatalf("displays %v", d.got)
			}
			if last := d.got[4][nb.ProgressMIME]; !strings.Contains(last, `"done":3,"total":3`) || !d.upds[4] {
				t.Errorf("last progress update %v (update %v)", last, d.upds[4])
			}
		})
	}
	if e := Exports(); e["SetSink"] != nil || e["cairn/nb/nb"]["SetSink"].IsValid() || !e["cairn/nb/nb"]["Display"].IsValid() {
		t.Error("cells must see nb.Display and not nb.SetSink")
	}
}

// Interpreted types reach nb with their methods (the MapTypes table): MIMEBundle first,
// else String; other values render like a cell's result (field names shown).
func TestNbInterpretedValues(t *testing.T) {
	run, d := evaluator(t)
	run(`import "cairn/nb"
type card struct{ name string }
func (c card) MIMEBundle() map[string]string {
	return map[string]string{"text/plain": c.name, "application/vnd.cairn.model+json": "{}"}
}
type temp float64
func (x temp) String() string { return "warm" }
type point struct{ x, y int }`)
	run(`nb.Display(card{"m1"})
nb.Display(temp(30))
nb.Display(point{1, 2})
nb.Update("fixed", "first")
nb.Update("fixed", "second")`)
	want := []map[string]string{
		{"text/plain": "m1", "application/vnd.cairn.model+json": "{}"},
		{"text/plain": "warm"},
		{"text/plain": "{x:1 y:2}"},
		{"text/plain": "first"},
		{"text/plain": "second"},
	}
	if !reflect.DeepEqual(d.got, want) || !reflect.DeepEqual(d.upds, []bool{false, false, false, false, true}) {
		t.Errorf("displays %v (updates %v), want %v", d.got, d.upds, want)
	}
}
