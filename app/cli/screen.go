package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strings"
	"sync"

	"github.com/cairn-notebook/cairn/app/runtime"
	"github.com/cairn-notebook/cairn/kernel/nb"
)

// screen prints what cells output during `cairn run`: streams as they come, displays and
// results as their text/plain, and progress bars in place on a terminal (carriage return) or,
// on a pipe or file, as a few lines: the first, one per tenth done, the last.
type screen struct {
	mu       sync.Mutex
	out, err io.Writer
	tty      bool
	open     string               // tty: the bar on the unfinished current line
	bars     map[string]*barLines // pipe: what was printed of each bar
}

type barLines struct {
	tenth   int64  // tenths done when last printed
	pending string // latest state not printed yet
}

func newScreen(out, err *os.File) *screen {
	fi, statErr := out.Stat()
	return &screen{out: out, err: err, tty: statErr == nil && fi.Mode()&os.ModeCharDevice != 0,
		bars: map[string]*barLines{}}
}

// event prints one runtime event; it is the sink of every Execute.
func (s *screen) event(ev runtime.Event) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if js, ok := ev.Data[nb.ProgressMIME]; ok && (ev.Kind == "display" || ev.Kind == "update_display") {
		s.progress(ev.DisplayID, ev.Data["text/plain"], js)
		return
	}
	s.endLine()
	switch ev.Kind {
	case "stream":
		w := s.out
		if ev.Name == "stderr" {
			w = s.err
		}
		_, _ = io.WriteString(w, ev.Text)
	case "result", "display", "update_display":
		if t, ok := ev.Data["text/plain"]; ok {
			fmt.Fprintln(s.out, t)
		} else if len(ev.Data) > 0 {
			fmt.Fprintf(s.out, "<%s>\n", strings.Join(slices.Sorted(maps.Keys(ev.Data)), ", "))
		}
	}
}

func (s *screen) progress(id, text, js string) {
	var st struct {
		Done, Total int64
		Finished    bool
	}
	_ = json.Unmarshal([]byte(js), &st) // a bad state shows as the first or a pending line
	last := st.Finished || (st.Total > 0 && st.Done >= st.Total)
	if s.tty {
		if s.open != id {
			s.endLine()
		}
		fmt.Fprintf(s.out, "\r%s\x1b[K", text)
		s.open = id
		if st.Finished {
			s.endLine()
		}
		return
	}
	tenth := int64(-1)
	if st.Total > 0 {
		tenth = min(st.Done, st.Total) * 10 / st.Total
	}
	b, seen := s.bars[id]
	switch {
	case !seen:
		b = &barLines{tenth: tenth}
		s.bars[id] = b
	case last && b.pending == "" && b.tenth == 10:
		return // the full bar is already printed; Done adds nothing new
	case last, tenth > b.tenth:
		b.tenth = max(tenth, b.tenth)
	default:
		b.pending = text
		return
	}
	if last {
		b.tenth = 10
	}
	b.pending = ""
	fmt.Fprintln(s.out, text)
}

// flush ends a cell's output: it ends a bar's line on a terminal and prints the latest
// unprinted state of bars elsewhere.
func (s *screen) flush() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.endLine()
	for _, id := range slices.Sorted(maps.Keys(s.bars)) {
		if b := s.bars[id]; b.pending != "" {
			fmt.Fprintln(s.out, b.pending)
			b.pending = ""
		}
	}
}

// endLine moves past a bar being redrawn on the terminal's current line.
func (s *screen) endLine() {
	if s.open != "" {
		fmt.Fprintln(s.out)
		s.open = ""
	}
}
