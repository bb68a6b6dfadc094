package session

import (
	"context"
	"fmt"
	"time"

	"github.com/cairn-notebook/cairn/app/notebook"
	"github.com/cairn-notebook/cairn/app/runtime"
)

// kernelState is the kernel and its run queue. Only the worker goroutine sets k.
type kernelState struct {
	k             *runtime.Kernel
	state, reason string
	restart       bool // (re)start the kernel before running anything else
	queue         []job
	cancel        context.CancelFunc // interrupts the running cell
	count         int                // cells run in this kernel's lifetime
}

// worker is the one goroutine that drives the kernel: it starts and restarts it and runs
// queued cells one at a time, so no two kernel operations ever overlap.
func (s *Session) worker() {
	defer close(s.done)
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		s.mu.Lock()
		switch {
		case s.closed:
			s.mu.Unlock()
			if s.kern.k != nil {
				s.kern.k.Close()
			}
			return
		case s.kern.restart:
			s.kern.restart = false
			s.mu.Unlock()
			s.startKernel()
			continue
		case len(s.kern.queue) > 0:
			j := s.kern.queue[0]
			s.kern.queue = s.kern.queue[1:]
			ctx, cancel := context.WithCancel(context.Background())
			s.beginLocked(j, cancel)
			s.mu.Unlock()
			res := s.kern.k.Execute(ctx, j.id, j.lang, j.source, j.opts, func(ev runtime.Event) { s.output(j.id, ev) })
			cancel()
			s.finish(j, res)
			continue
		}
		s.mu.Unlock()
		select {
		case <-s.wake:
		case <-tick.C:
			s.checkAlive()
		}
	}
}

func (s *Session) startKernel() {
	var err error
	if s.kern.k == nil {
		var k *runtime.Kernel
		if k, err = runtime.Start(s.opt.Kernel); err == nil {
			s.mu.Lock()
			s.kern.k = k
			s.mu.Unlock()
		}
	} else {
		err = s.kern.k.Restart()
	}
	if err == nil {
		err = s.runPrelude()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.kern.count = 0
	switch {
	case s.closed || s.kern.restart: // the loop handles it
	case err != nil:
		s.stopRunsLocked()
		s.setKernelLocked(KernelDead, err.Error())
	default:
		s.setKernelLocked(KernelIdle, "")
	}
}

// runPrelude runs Options.Prelude's code in the fresh kernel.
func (s *Session) runPrelude() error {
	if s.opt.Prelude == nil {
		return nil
	}
	s.mu.Lock()
	code, err := s.opt.Prelude(s.nb)
	s.mu.Unlock()
	if err != nil || code == "" {
		return err
	}
	res := s.kern.k.Execute(context.Background(), "prelude", notebook.LangGo, code, nil, func(runtime.Event) {})
	if res.Status != runtime.OK {
		msg := res.Reason
		if res.Err != nil {
			msg = res.Err.Error()
		}
		return fmt.Errorf("setting the notebook's parameters failed: %s", msg)
	}
	return nil
}

// beginLocked marks a cell running and clears its old outputs.
func (s *Session) beginLocked(j job, cancel context.CancelFunc) {
	s.kern.cancel = cancel
	s.kern.count++
	if c := s.nb.Cell(j.id); c != nil {
		if len(c.Outputs) > 0 {
			c.Outputs = nil
			s.markDirtyLocked()
		}
		s.publishLocked("clear_outputs", map[string]string{"id": j.id})
	}
	s.setStateLocked(j.id, CellStatus{State: CellRunning, ExecCount: s.kern.count})
	s.setKernelLocked(KernelBusy, "")
}

// finish records how a cell ended. A kernel death also empties the queue and marks the
// kernel dead; the failure is kept as an error output so the saved file shows it.
func (s *Session) finish(j job, res runtime.Result) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.kern.cancel = nil
	st := CellStatus{State: CellDone, ExecCount: s.kern.count, DurationMs: float64(res.Duration.Microseconds()) / 1000}
	if res.Status != runtime.OK {
		st.State, st.Error = CellError, errorView(res)
		msg := res.Reason
		if res.Err != nil {
			msg = res.Err.Error()
		}
		s.appendLocked(j.id, notebook.Output{Kind: notebook.OutputError, Text: msg})
	}
	s.setStateLocked(j.id, st)
	switch {
	case s.kern.restart || s.closed:
	case res.Status == runtime.Died:
		s.stopRunsLocked()
		s.setKernelLocked(KernelDead, res.Reason)
	case res.Status != runtime.OK:
		// Like Jupyter: the cells queued after a failed one would run on state it did not
		// make (Run all would cascade errors); they go back to idle.
		s.stopRunsLocked()
		s.setKernelLocked(KernelIdle, "")
	case len(s.kern.queue) == 0:
		s.setKernelLocked(KernelIdle, "")
	}
}

// checkAlive notices a kernel that died while no cell ran (a goroutine's panic, say).
func (s *Session) checkAlive() {
	s.mu.Lock()
	idle := s.kern.state == KernelIdle && s.kern.k != nil
	s.mu.Unlock()
	if !idle || s.kern.k.Alive() {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.kern.state == KernelIdle && !s.kern.restart {
		s.setKernelLocked(KernelDead, "the kernel process ended while no cell was running")
	}
}
