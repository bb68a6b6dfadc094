package session

import (
	"errors"
	"slices"

	"github.com/cairn-notebook/cairn/app/notebook"
	"github.com/cairn-notebook/cairn/app/runtime"
)

// ErrKernelDead is returned by requests to a dead kernel (table pages, profiles); running
// cells restarts it instead.
var ErrKernelDead = errors.New("the kernel is not running: restart it")

// job is a queued cell, with the source it had when it was queued.
type job struct {
	id, lang, source string
	opts             map[string]string
}

// Run queues code cells to run, in the order given; Markdown cells and cells already queued
// are skipped. Unknown ids are an error and queue nothing.
func (s *Session) Run(ids ...string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	cells := make([]*notebook.Cell, 0, len(ids))
	for _, id := range ids {
		c, err := s.cellLocked(id)
		if err != nil {
			return err
		}
		cells = append(cells, c)
	}
	return s.queueLocked(cells)
}

// RunAll queues every code cell.
func (s *Session) RunAll() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.checkOpenLocked(); err != nil {
		return err
	}
	return s.queueLocked(s.nb.Cells)
}

// RunAbove queues the code cells above the cell id (not the cell itself).
func (s *Session) RunAbove(id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.cellLocked(id); err != nil {
		return err
	}
	return s.queueLocked(s.nb.Cells[:s.nb.Index(id)])
}

func (s *Session) queueLocked(cells []*notebook.Cell) error {
	if s.kern.state == KernelDead {
		// Running after a death starts a fresh kernel first, as Jupyter does: the old state
		// went with the process, and the cells run once it is up.
		s.kern.restart = true
		s.setKernelLocked(KernelStarting, "")
	}
	for _, c := range cells {
		if c.Kind != notebook.KindCode || s.queuedLocked(c.ID) {
			continue
		}
		s.kern.queue = append(s.kern.queue, job{c.ID, c.Lang, c.Source, runtime.CellOptions(c.Options)})
		s.setStateLocked(c.ID, CellStatus{State: CellQueued, ExecCount: s.statusLocked(c.ID).ExecCount})
	}
	s.poke()
	return nil
}

// Interrupt empties the run queue and interrupts the running cell.
func (s *Session) Interrupt() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.checkOpenLocked(); err != nil {
		return err
	}
	s.stopRunsLocked()
	return nil
}

// Restart empties the queue, stops the running cell and starts a fresh kernel (kernel
// state starting, then idle, or dead with the reason it failed).
func (s *Session) Restart() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.checkOpenLocked(); err != nil {
		return err
	}
	s.stopRunsLocked()
	s.kern.restart = true
	s.setKernelLocked(KernelStarting, "")
	s.poke()
	return nil
}

// stopRunsLocked returns queued cells to idle and cancels the running cell.
func (s *Session) stopRunsLocked() {
	for _, j := range s.kern.queue {
		s.setStateLocked(j.id, CellStatus{State: CellIdle, ExecCount: s.statusLocked(j.id).ExecCount})
	}
	s.kern.queue = nil
	if s.kern.cancel != nil {
		s.kern.cancel()
	}
}

func (s *Session) queuedLocked(id string) bool {
	return slices.ContainsFunc(s.kern.queue, func(j job) bool { return j.id == id })
}

func (s *Session) unqueueLocked(id string) {
	s.kern.queue = slices.DeleteFunc(s.kern.queue, func(j job) bool { return j.id == id })
}

// setStateLocked records a cell's run state and publishes it (unless the cell is gone).
func (s *Session) setStateLocked(id string, st CellStatus) {
	if s.nb.Cell(id) == nil {
		return
	}
	s.cells[id] = st
	s.publishCellLocked(id)
}

func (s *Session) setKernelLocked(state, reason string) {
	if s.kern.state == state && s.kern.reason == reason {
		return
	}
	s.kern.state, s.kern.reason = state, reason
	s.publishKernelLocked()
}

// poke wakes the worker; it never blocks.
func (s *Session) poke() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}
