package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/cairn-notebook/cairn/app/runtime"
	"github.com/cairn-notebook/cairn/kernel/nb"
)

// barEvents are the events of a bar counting to 100 in steps of 3, then Done.
func barEvents(id string) []runtime.Event {
	var evs []runtime.Event
	for done := 0; ; done = min(done+3, 100) {
		js, _ := json.Marshal(map[string]any{"label": "b", "done": done, "total": 100, "finished": false})
		kind := "update_display"
		if done == 0 {
			kind = "display"
		}
		evs = append(evs, runtime.Event{Kind: kind, DisplayID: id,
			Data: map[string]string{nb.ProgressMIME: string(js), "text/plain": fmt.Sprintf("b %d/100", done)}})
		if done == 100 {
			break
		}
	}
	js, _ := json.Marshal(map[string]any{"done": 100, "total": 100, "finished": true})
	return append(evs, runtime.Event{Kind: "update_display", DisplayID: id,
		Data: map[string]string{nb.ProgressMIME: string(js), "text/plain": "b 100/100 done"}})
}

func TestScreenPipeShowsFewBarLines(t *testing.T) {
	var out, errb bytes.Buffer
	s := &screen{out: &out, err: &errb, bars: map[string]*barLines{}}
	for _, ev := range barEvents("x") {
		s.event(ev)
	}
	s.event(runtime.Event{Kind: "display", Data: map[string]string{"text/html": "<b>"}})
	s.event(runtime.Event{Kind: "stream", Name: "stderr", Text: "warn\n"})
	s.flush()
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	// 0, then one line per tenth (12, 21, ..., 90 and 100 when it is reached), not Done's.
	want := []string{"b 0/100", "b 12/100", "b 21/100", "b 30/100", "b 42/100", "b 51/100", "b 60/100",
		"b 72/100", "b 81/100", "b 90/100", "b 100/100", "<text/html>"}
	if strings.Join(lines, "|") != strings.Join(want, "|") || errb.String() != "warn\n" {
		t.Errorf("stdout:\n%s\nstderr: %q", out.String(), errb.String())
	}
	// A bar that stops early shows its last state when the cell ends.
	out.Reset()
	s.event(barEvents("y")[0])
	s.event(barEvents("y")[1])
	s.flush()
	if out.String() != "b 0/100\nb 3/100\n" {
		t.Errorf("unfinished bar: %q", out.String())
	}
}

func TestScreenTerminalRedrawsInPlace(t *testing.T) {
	var out bytes.Buffer
	s := &screen{out: &out, err: &out, tty: true, bars: map[string]*barLines{}}
	evs := barEvents("x")
	s.event(evs[0])
	s.event(evs[1])
	s.event(runtime.Event{Kind: "stream", Name: "stdout", Text: "log\n"})
	s.event(evs[2])
	s.event(evs[len(evs)-1])
	s.flush()
	want := "\rb 0/100\x1b[K\rb 3/100\x1b[K\nlog\n\rb 6/100\x1b[K\rb 100/100 done\x1b[K\n"
	if out.String() != want {
		t.Errorf("terminal output %q\nwant %q", out.String(), want)
	}
}
