package session

import (
	"github.com/cairn-notebook/cairn/app/notebook"
	"github.com/cairn-notebook/cairn/app/runtime"
)

// output records one output event of cell id (or of any cell, for update_display) and
// publishes it. Output for a cell that was deleted or made Markdown meanwhile is dropped.
func (s *Session) output(id string, ev runtime.Event) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch ev.Kind {
	case "stream":
		s.appendLocked(id, notebook.Output{Kind: notebook.OutputStream, Name: ev.Name, Text: ev.Text}, "")
	case "result", "display":
		s.appendLocked(id, notebook.Output{Kind: ev.Kind, Data: ev.Data}, ev.DisplayID)
	case "update_display":
		if !s.updateDisplayLocked(ev) {
			s.appendLocked(id, notebook.Output{Kind: notebook.OutputDisplay, Data: ev.Data}, ev.DisplayID)
		}
	}
}

// appendLocked adds an output to a code cell. Stream chunks are published one by one but
// kept joined: one saved stream output per run of the same stream.
func (s *Session) appendLocked(id string, o notebook.Output, displayID string) {
	c := s.nb.Cell(id)
	if c == nil || c.Kind != notebook.KindCode {
		return
	}
	s.publishLocked("output", map[string]any{"id": id, "output": outputView(o, displayID)})
	if n := len(c.Outputs); o.Kind == notebook.OutputStream && n > 0 && c.Outputs[n-1].Kind == o.Kind && c.Outputs[n-1].Name == o.Name {
		c.Outputs[n-1].Text += o.Text
	} else {
		r := s.cells[id]
		if r == nil {
			r = &cellRun{CellStatus: CellStatus{State: CellIdle}}
			s.cells[id] = r
		}
		r.displayIDs = append(r.ids(len(c.Outputs)), displayID)
		c.Outputs = append(c.Outputs, o)
	}
	s.markDirtyLocked()
}

// updateDisplayLocked replaces the output with the event's display id, in whichever cell
// shows it; false if none does.
func (s *Session) updateDisplayLocked(ev runtime.Event) bool {
	if ev.DisplayID == "" {
		return false
	}
	for _, c := range s.nb.Cells {
		for i, did := range s.cells[c.ID].ids(len(c.Outputs)) {
			if did != ev.DisplayID {
				continue
			}
			c.Outputs[i].Data = ev.Data
			s.publishLocked("update_display", map[string]any{"id": c.ID, "display_id": did, "output": outputView(c.Outputs[i], did)})
			s.markDirtyLocked()
			return true
		}
	}
	return false
}
