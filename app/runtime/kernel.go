package runtime

import (
	"context"
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cairn-notebook/cairn/app/notebook"
	"github.com/cairn-notebook/cairn/kernel/protocol"
)

// Kernel is a running kernel process, restarted on request. Methods are safe for concurrent
// use; cells run one at a time.
type Kernel struct {
	opt Options

	mu   sync.Mutex // held while a cell runs, or during restart
	proc *process
	ids  int

	// live is proc for requests that must not wait for a running cell (TablePage).
	live  atomic.Pointer[process]
	pages atomic.Int64 // table page request ids: p1, p2, …
}

// Start starts a kernel process and waits until it is ready.
func Start(opt Options) (*Kernel, error) {
	if opt.MemoryLimit == 0 {
		opt.MemoryLimit = DefaultMemoryLimit()
	}
	if opt.InterruptGrace == 0 {
		opt.InterruptGrace = 3 * time.Second
	}
	if opt.StartTimeout == 0 {
		opt.StartTimeout = 30 * time.Second
	}
	k := &Kernel{opt: opt}
	if err := k.start(); err != nil {
		return nil, err
	}
	return k, nil
}

func (k *Kernel) start() error {
	p, err := startProcess(k.opt)
	if err != nil {
		return err
	}
	select {
	case <-p.replies: // status idle
		k.proc = p
		k.live.Store(p)
		return nil
	case <-p.exited:
		return fmt.Errorf("kernel failed to start: %s", p.deathReason())
	case <-time.After(k.opt.StartTimeout):
		p.kill("")
		<-p.exited
		return fmt.Errorf("kernel failed to start within %v", k.opt.StartTimeout)
	}
}

// Restart ends the kernel process (if it still runs) and starts a fresh one.
func (k *Kernel) Restart() error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.proc != nil && k.proc.alive() {
		k.proc.kill("kernel restarted")
		<-k.proc.exited
	}
	return k.start()
}

// Close shuts the kernel down, asking nicely first.
func (k *Kernel) Close() error {
	k.mu.Lock()
	defer k.mu.Unlock()
	p := k.proc
	if p == nil || !p.alive() {
		return nil
	}
	_ = p.conn.Send(&protocol.Msg{Type: protocol.Shutdown})
	select {
	case <-p.exited:
	case <-time.After(2 * time.Second):
		p.kill("kernel shut down")
		<-p.exited
	}
	return nil
}

// Alive reports whether the kernel process is running.
func (k *Kernel) Alive() bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.proc != nil && k.proc.alive()
}

// Execute runs one cell with its options (bind=df; nil for none) and returns how it ended.
// Output is passed to sink as it arrives, one event at a time; output that goroutines print
// after the cell ended still goes to this sink until the next Execute. Cancelling ctx
// interrupts the cell; if it does not stop within the interrupt grace period the kernel is
// killed and the result is Died. After Died, call Restart.
func (k *Kernel) Execute(ctx context.Context, cell, lang, code string, opts map[string]string, sink func(Event)) Result {
	k.mu.Lock()
	defer k.mu.Unlock()
	start := time.Now()
	p := k.proc
	if p == nil || !p.alive() {
		return Result{Status: Died, Reason: "kernel is not running; restart it"}
	}
	p.setSink(sink)
	k.ids++
	id := strconv.Itoa(k.ids)
	if err := p.conn.Send(&protocol.Msg{Type: protocol.Execute, ID: id, Cell: cell, Lang: lang, Code: code, Options: opts}); err != nil {
		<-p.exited
		return Result{Status: Died, Reason: p.deathReason(), Duration: time.Since(start)}
	}
	res := Result{Status: OK}
	interrupt, grace := ctx.Done(), (<-chan time.Time)(nil)
	for {
		select {
		case m := <-p.replies:
			if m.ID != id {
				continue
			}
			if m.Type == protocol.Fail {
				res.Status, res.Err = Failed, m.Error
				if m.Error != nil && m.Error.Kind == "interrupted" {
					res.Status = Interrupted
				}
				continue
			}
			p.awaitMarkers(m.Seq)
			res.Duration = time.Since(start)
			return res
		case <-interrupt:
			_ = p.conn.Send(&protocol.Msg{Type: protocol.Interrupt})
			interrupt, grace = nil, time.After(k.opt.InterruptGrace)
		case <-grace:
			p.kill(fmt.Sprintf("kernel stopped: the cell did not stop within %v of the interrupt", k.opt.InterruptGrace))
		case <-p.exited:
			return Result{Status: Died, Reason: p.deathReason(), Duration: time.Since(start)}
		}
	}
}

// CellOptions is a cell's options as Execute takes them: key → value ("" for a bare flag);
// nil when there are none.
func CellOptions(opts []notebook.Option) map[string]string {
	if len(opts) == 0 {
		return nil
	}
	m := make(map[string]string, len(opts))
	for _, o := range opts {
		m[o.Key] = o.Value
	}
	return m
}
