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
		s.appendLocked(id, notebook.Output{Kind: notebook.OutputStream, Name: ev.Name, Text: ev.Text})
	case "result", "display":
		s.appendLocked(id, notebook.Output{Kind: ev.Kind, Data: ev.Data, DisplayID: ev.DisplayID})
	case "update_display":
		if !s.updateDisplayLocked(ev) {
			s.appendLocked(id, notebook.Output{Kind: notebook.OutputDisplay, Data: ev.Data, DisplayID: ev.DisplayID})
		}
	}
}

// appendLocked adds an output to a code cell. Stream chunks are published one by one but
// kept joined: one saved stream output per run of the same stream.
func (s *Session) appendLocked(id string, o notebook.Output) {
	c := s.nb.Cell(id)
	if c == nil || c.Kind != notebook.KindCode {
		return
	}
	s.publishLocked("output", map[string]any{"id": id, "output": outputView(o)})
	c.AppendOutput(o)
	s.markDirtyLocked()
}

// updateDisplayLocked replaces the output with the event's display id, in whichever cell
// shows it; false if none does.
func (s *Session) updateDisplayLocked(ev runtime.Event) bool {
	c, i := s.nb.UpdateDisplay(ev.DisplayID, ev.Data)
	if c == nil {
		return false
	}
	s.publishLocked("update_display", map[string]any{"id": c.ID, "display_id": ev.DisplayID, "output": outputView(c.Outputs[i])})
	s.markDirtyLocked()
	return true
}
