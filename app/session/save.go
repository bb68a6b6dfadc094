package session

import (
	"path/filepath"
	"strings"
	"time"

	"github.com/cairn-notebook/cairn/app/notebook"
)

// changedLocked records an edit: structural edits (insert, delete, move, split, kind)
// send a snapshot; every edit marks the notebook dirty and schedules an autosave.
func (s *Session) changedLocked(structural bool) {
	if structural {
		s.dirty = true // the snapshot should say so
		s.publishSnapshotLocked()
	}
	s.markDirtyLocked()
}

// markDirtyLocked sends `dirty` on the first unsaved change and (re)arms the autosave timer.
// The timer restarts on each change (debounce) but not past a few delays after the first
// unsaved change, so a cell that prints without pause does not hold edits back.
func (s *Session) markDirtyLocked() {
	if !s.dirty || s.dirtySince.IsZero() {
		s.dirtySince = time.Now()
		s.publishLocked("dirty", map[string]bool{"dirty": true})
	}
	s.dirty = true
	d := s.opt.AutosaveDelay
	if d < 0 || s.closed {
		return
	}
	switch {
	case s.timer == nil:
		s.timer = time.AfterFunc(d, s.autosave)
	case time.Since(s.dirtySince) < 4*d:
		s.timer.Reset(d)
	}
}

func (s *Session) autosave() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.timer = nil
	if s.closed || !s.dirty {
		return
	}
	_ = s.saveLocked(s.path) // a failure is published and kept in the snapshot
}

// Save writes the notebook to its file, atomically. It refuses to replace a file that no
// longer parses as a notebook; the edits stay in memory.
func (s *Session) Save() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.checkOpenLocked(); err != nil {
		return err
	}
	return s.saveLocked(s.path)
}

// SaveAs writes the notebook to path (relative to the notebook's folder; it must end in
// .md) and makes that the notebook's file from now on.
func (s *Session) SaveAs(path string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.checkOpenLocked(); err != nil {
		return err
	}
	if path == "" || !strings.HasSuffix(path, ".md") {
		return badf("save as %q: a notebook file name ends in .cairn.md (or .md)", path)
	}
	if !filepath.IsAbs(path) {
		path = filepath.Join(filepath.Dir(s.path), path)
	}
	if err := s.saveLocked(filepath.Clean(path)); err != nil {
		return err
	}
	s.publishSnapshotLocked() // the path and title changed
	return nil
}

// saveLocked writes the file. A notebook whose front matter says `save: {outputs: false}` is
// written without outputs (notebook.Save); they stay in memory and in the snapshot.
func (s *Session) saveLocked(path string) error {
	if err := notebook.Save(path, s.nb); err != nil {
		s.saveErr = err.Error()
		s.publishLocked("save_failed", map[string]string{"path": path, "error": s.saveErr})
		return err
	}
	s.path, s.dirty, s.saveErr, s.dirtySince = path, false, "", time.Time{}
	if s.timer != nil {
		s.timer.Stop()
		s.timer = nil
	}
	s.publishLocked("saved", map[string]any{"path": path, "dirty": false})
	return nil
}
