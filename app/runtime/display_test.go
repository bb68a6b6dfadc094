package runtime

import (
	"fmt"
	"strings"
	"testing"
)

// Displays keep their place among what the cell prints, before and after them, and updates
// carry their display id.
func TestDisplaysInOrderWithOutput(t *testing.T) {
	k := startKernel(t, Options{})
	res, rec := run(t, k, `import ("fmt"; "cairn/nb")
for i := range 20 {
	nb.Update("d", i)
	fmt.Println("p", i)
}`)
	if res.Status != OK {
		t.Fatalf("%+v", res)
	}
	var got, want []string
	for i := range 20 {
		kind := "update_display"
		if i == 0 {
			kind = "display"
		}
		want = append(want, fmt.Sprintf("%s d %d", kind, i), fmt.Sprintf("p %d", i))
	}
	rec.mu.Lock()
	for _, ev := range rec.events {
		if ev.Kind == "stream" {
			got = append(got, strings.Split(strings.TrimSuffix(ev.Text, "\n"), "\n")...)
		} else {
			got = append(got, fmt.Sprintf("%s %s %s", ev.Kind, ev.DisplayID, ev.Data["text/plain"]))
		}
	}
	rec.mu.Unlock()
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("events\n%q\nwant\n%q", got, want)
	}
}
