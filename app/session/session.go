// Package session is one open notebook: the single writer of its document. Every edit, run,
// output and save goes through a Session's methods (under one mutex), so the HTTP layer, the
// kernel's output and autosave never race. Changes are published as Events to subscribers.
package session

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/cairn-notebook/cairn/app/notebook"
	"github.com/cairn-notebook/cairn/app/runtime"
)

// Options configure a session.
type Options struct {
	// Create lets Open start an empty notebook when the path does not exist; the file is
	// written on the first save.
	Create bool
	// AutosaveDelay is how long after the last change the notebook is saved; 0 means 2 s,
	// a negative value turns autosave off.
	AutosaveDelay time.Duration
	// Prelude returns Go code to run in each fresh kernel before any cell: the notebook's
	// parameters as variables (see `cairn run`). nil runs nothing.
	Prelude func(*notebook.Notebook) (string, error)
	// Kernel configures the kernel process. Dir defaults to the notebook's folder and
	// MemoryLimit to the notebook's kernel.memory_limit.
	Kernel runtime.Options
}

// Session is one open notebook and its kernel. Methods are safe for concurrent use.
type Session struct {
	opt Options

	mu      sync.Mutex
	path    string // absolute
	nb      *notebook.Notebook
	cells   map[string]CellStatus // run state by cell id; absent = idle, never ran
	dirty   bool
	saveErr string // the last autosave's failure, until a save succeeds
	timer   *time.Timer
	// dirtySince is when the first unsaved change was made.
	dirtySince time.Time
	closed     bool

	kern    kernelState
	subs    map[*Subscription]struct{}
	seq     uint64
	wake    chan struct{} // pokes the worker (buffered 1)
	done    chan struct{} // closed when the worker has stopped
	closeMu sync.Mutex    // serialises Close
}

// ErrNotFound is wrapped by errors about an unknown cell id.
var ErrNotFound = errors.New("not found")

// ErrBadInput is wrapped by errors about a request that cannot be carried out as asked.
var ErrBadInput = errors.New("bad input")

func badf(format string, a ...any) error {
	return fmt.Errorf("%w: %s", ErrBadInput, fmt.Sprintf(format, a...))
}

// Open loads the notebook at path and starts its kernel in the background (kernel events
// follow). A missing path is an error unless opt.Create.
func Open(path string, opt Options) (*Session, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	nb, err := notebook.Load(abs)
	switch {
	case errors.Is(err, fs.ErrNotExist) && opt.Create:
		if st, derr := os.Stat(filepath.Dir(abs)); derr != nil || !st.IsDir() {
			return nil, fmt.Errorf("cannot create %s: its folder does not exist", abs)
		}
		nb, err = notebook.New(), nil
	case err != nil:
		return nil, err
	}
	if st, err := os.Stat(abs); err == nil && st.IsDir() {
		return nil, fmt.Errorf("%s is a folder, not a notebook", abs)
	}
	if opt.AutosaveDelay == 0 {
		opt.AutosaveDelay = 2 * time.Second
	}
	if opt.Kernel.Dir == "" {
		opt.Kernel.Dir = filepath.Dir(abs)
	}
	if opt.Kernel.MemoryLimit == 0 {
		if opt.Kernel.MemoryLimit, err = nb.Meta.Kernel.MemoryBytes(); err != nil {
			return nil, fmt.Errorf("%s: kernel memory_limit: %v", abs, err)
		}
	}
	s := &Session{
		opt:   opt,
		path:  abs,
		nb:    nb,
		cells: map[string]CellStatus{},
		subs:  map[*Subscription]struct{}{},
		wake:  make(chan struct{}, 1),
		done:  make(chan struct{}),
		kern:  kernelState{state: KernelStarting, restart: true},
	}
	go s.worker()
	return s, nil
}

// Path is the notebook's file (absolute).
func (s *Session) Path() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.path
}

// Close saves the notebook if it has unsaved changes, stops the kernel and ends every
// subscription. It returns the save's error, if any.
func (s *Session) Close() error {
	s.closeMu.Lock()
	defer s.closeMu.Unlock()
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	if s.timer != nil {
		s.timer.Stop()
	}
	var err error
	if s.dirty {
		err = s.saveLocked(s.path)
	}
	s.stopRunsLocked()
	for sub := range s.subs {
		sub.end(false)
	}
	s.subs = nil
	s.mu.Unlock()
	s.poke()
	<-s.done
	return err
}
