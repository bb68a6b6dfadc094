package session

import (
	"path/filepath"
	"strings"

	"github.com/cairn-notebook/cairn/app/notebook"
	"github.com/cairn-notebook/cairn/app/runtime"
)

// Snapshot is the whole notebook as the frontend sees it (GET /api/notebook).
type Snapshot struct {
	Path      string     `json:"path"`
	Dir       string     `json:"dir"`
	Title     string     `json:"title"`
	Dirty     bool       `json:"dirty"`
	SaveError string     `json:"save_error,omitempty"` // why the last autosave failed
	Kernel    KernelView `json:"kernel"`
	Cells     []CellView `json:"cells"`
}

// KernelView is the kernel's state: starting, idle, busy or dead (with the reason).
type KernelView struct {
	State  string `json:"state"`
	Reason string `json:"reason"`
}

// Kernel states.
const (
	KernelStarting = "starting"
	KernelIdle     = "idle"
	KernelBusy     = "busy"
	KernelDead     = "dead"
)

// Cell run states.
const (
	CellIdle    = "idle"
	CellQueued  = "queued"
	CellRunning = "running"
	CellDone    = "done"
	CellError   = "error"
)

// CellView is one cell with its run state and outputs.
type CellView struct {
	ID   string `json:"id"`
	Kind string `json:"kind"`
	Lang string `json:"lang"`
	// Source is the cell's text.
	Source string `json:"source"`
	// Options are the fence's options (bind=df on a SQL cell), absent when none.
	Options map[string]string `json:"options,omitempty"`
	CellStatus
	Outputs []OutputView `json:"outputs"`
}

// CellStatus is a cell's run state: the payload of a `cell` event (with ID).
type CellStatus struct {
	State      string     `json:"state"`
	ExecCount  int        `json:"exec_count"`
	DurationMs float64    `json:"duration_ms"`
	Error      *ErrorView `json:"error"`
}

// ErrorView is why a cell failed; Kind "died" means the kernel process ended.
type ErrorView struct {
	Kind string `json:"kind"`
	Msg  string `json:"msg"`
	Line int    `json:"line,omitempty"`
	Col  int    `json:"col,omitempty"`
}

// OutputView is one output of a cell.
type OutputView struct {
	Kind      string            `json:"kind"`
	Name      string            `json:"name,omitempty"`
	Text      string            `json:"text,omitempty"`
	Data      map[string]string `json:"data,omitempty"`
	DisplayID string            `json:"display_id,omitempty"`
}

// Snapshot returns the whole notebook and its state.
func (s *Session) Snapshot() Snapshot {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.snapshotLocked()
}

func (s *Session) snapshotLocked() Snapshot {
	title := s.nb.Meta.Title
	if title == "" {
		title = strings.TrimSuffix(strings.TrimSuffix(filepath.Base(s.path), ".md"), ".cairn")
	}
	snap := Snapshot{
		Path: s.path, Dir: filepath.Dir(s.path), Title: title, Dirty: s.dirty, SaveError: s.saveErr,
		Kernel: KernelView{State: s.kern.state, Reason: s.kern.reason},
		Cells:  make([]CellView, 0, len(s.nb.Cells)),
	}
	for _, c := range s.nb.Cells {
		v := CellView{ID: c.ID, Kind: c.Kind, Lang: c.Lang, Source: c.Source, Options: runtime.CellOptions(c.Options),
			CellStatus: s.statusLocked(c.ID)}
		v.Outputs = make([]OutputView, len(c.Outputs))
		for i, o := range c.Outputs {
			v.Outputs[i] = outputView(o)
		}
		snap.Cells = append(snap.Cells, v)
	}
	return snap
}

func (s *Session) statusLocked(id string) CellStatus {
	if st, ok := s.cells[id]; ok {
		return st
	}
	return CellStatus{State: CellIdle}
}

func outputView(o notebook.Output) OutputView {
	return OutputView{Kind: o.Kind, Name: o.Name, Text: o.Text, Data: o.Data, DisplayID: o.DisplayID}
}

func errorView(res runtime.Result) *ErrorView {
	switch {
	case res.Status == runtime.Died:
		return &ErrorView{Kind: "died", Msg: res.Reason}
	case res.Err != nil:
		return &ErrorView{Kind: res.Err.Kind, Msg: res.Err.Msg, Line: res.Err.Line, Col: res.Err.Col}
	case res.Status != runtime.OK:
		return &ErrorView{Kind: string(res.Status), Msg: string(res.Status)}
	}
	return nil
}
