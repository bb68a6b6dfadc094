package session

import (
	"path/filepath"
	"sync"
)

// Manager holds the notebook that is open and switches to another on request (the app
// shows one notebook at a time).
type Manager struct {
	opt Options
	mu  sync.Mutex
	cur *Session
}

// NewManager returns a manager showing s; notebooks it opens later use opt (Create is
// ignored: they must exist).
func NewManager(s *Session, opt Options) *Manager {
	opt.Create = false
	return &Manager{opt: opt, cur: s}
}

// Current is the open notebook's session.
func (m *Manager) Current() *Session {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.cur
}

// Open opens the notebook at path (relative to the current notebook's folder) and then
// closes the current one, saving it if dirty. If the new one cannot be opened nothing
// changes. The old session's subscriptions end; subscribers move to Current.
func (m *Manager) Open(path string) error {
	m.mu.Lock()
	cur := m.cur
	if !filepath.IsAbs(path) {
		path = filepath.Join(filepath.Dir(cur.Path()), path)
	}
	if filepath.Clean(path) == cur.Path() {
		m.mu.Unlock()
		return nil
	}
	next, err := Open(path, m.opt)
	if err == nil {
		m.cur = next
	}
	m.mu.Unlock()
	if err != nil {
		return err
	}
	// Outside the lock: closing may wait for the running cell to stop, and requests that
	// ask for Current meanwhile already get the new notebook.
	return cur.Close()
}

// Close closes the open notebook (saving it if dirty) and stops its kernel.
func (m *Manager) Close() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.cur.Close()
}
