package runtime

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cairn-notebook/cairn/kernel/protocol"
)

// process is one kernel process: its pipes, and the goroutines that read them.
type process struct {
	cmd   *exec.Cmd
	conn  *protocol.Conn
	reqW  *os.File
	limit int64

	replies chan *protocol.Msg // error and done messages for the running Execute
	exited  chan struct{}      // closed once the process ended and its pipes are drained

	pendMu  sync.Mutex
	pending map[string]chan *protocol.Msg // requests other than Execute, by id (TablePage, Profile)

	sinkMu sync.Mutex
	sink   func(Event) // where output goes: the running cell's, or the last one's

	markMu  sync.Mutex
	seen    [2]uint64     // last sync marker read on stdout and stderr
	handled uint64        // Seq of the last message handled by readMessages
	marked  chan struct{} // closed (and replaced) when a marker arrives or a message is handled

	crash      *crashFilter // holds back what looks like a crash report on stderr
	tail       tailBuffer   // the end of stderr, to explain a death
	exitCode   atomic.Int64 // os.Exit code announced by the kernel, -1 if none
	killReason atomic.Value // string: why the app killed it, if it did
	waitErr    error
}

func startProcess(opt Options) (*process, error) {
	exe := opt.Exe
	if exe == "" {
		var err error
		if exe, err = os.Executable(); err != nil {
			return nil, fmt.Errorf("finding the cairn executable to start a kernel: %w", err)
		}
	}
	var files []*os.File // every pipe end, closed on failure
	pipe := func() (r, w *os.File) {
		r, w, err := os.Pipe()
		if err != nil {
			panic(err) // only on fd exhaustion; caught below
		}
		files = append(files, r, w)
		return r, w
	}
	p := &process{limit: opt.MemoryLimit, replies: make(chan *protocol.Msg, 16),
		exited: make(chan struct{}), marked: make(chan struct{}), pending: map[string]chan *protocol.Msg{}}
	p.exitCode.Store(-1)
	p.crash = newCrashFilter(func(text string) { p.emit(Event{Kind: "stream", Name: "stderr", Text: text}) })
	var reqR, msgR, msgW, outR, outW, errR, errW *os.File
	err := func() (err error) {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("creating kernel pipes: %v", r)
			}
		}()
		reqR, p.reqW = pipe()
		msgR, msgW = pipe()
		outR, outW = pipe()
		errR, errW = pipe()
		return nil
	}()
	if err != nil {
		closeAll(files)
		return nil, err
	}

	cmd := exec.Command(exe, "kernel", "--memory-limit", fmt.Sprint(opt.MemoryLimit))
	cmd.Dir = opt.Dir
	// Tracebacks of the interpreter's internals say nothing to a notebook user; the panic line does.
	cmd.Env = append(append(os.Environ(), "GOTRACEBACK=none"), opt.Env...)
	cmd.Stdout, cmd.Stderr = outW, errW
	cmd.ExtraFiles = []*os.File{reqR, msgW} // fds 3 and 4
	setProcAttr(cmd)
	if err := cmd.Start(); err != nil {
		closeAll(files)
		return nil, fmt.Errorf("starting the kernel (%s kernel): %w", exe, err)
	}
	closeAll([]*os.File{reqR, msgW, outW, errW}) // the child's ends
	p.cmd = cmd
	p.conn = protocol.NewConn(msgR, p.reqW)

	var readers sync.WaitGroup
	readers.Add(3)
	go func() { defer readers.Done(); p.readStream(outR, 0, "stdout") }()
	go func() { defer readers.Done(); p.readStream(errR, 1, "stderr") }()
	go func() { defer readers.Done(); p.readMessages() }()
	go func() {
		p.waitErr = cmd.Wait()
		// A process the cell started may hold the pipes open; don't wait for it forever.
		drained := make(chan struct{})
		go func() { readers.Wait(); close(drained) }()
		select {
		case <-drained:
		case <-time.After(500 * time.Millisecond):
		}
		p.crash.processExited()
		closeAll([]*os.File{outR, errR, msgR, p.reqW})
		close(p.exited)
	}()
	return p, nil
}

func closeAll(files []*os.File) {
	for _, f := range files {
		if f != nil {
			f.Close()
		}
	}
}

// readStream turns one of the kernel's output pipes into stream events.
func (p *process) readStream(r io.Reader, idx int, name string) {
	var u protocol.Unmarker
	buf := make([]byte, 32<<10)
	for {
		n, err := r.Read(buf)
		if n > 0 {
			// At each marker, the message sent with it goes first: a display comes after
			// what was printed before it, and before what was printed after it.
			rest := u.FeedEach(buf[:n], func(text []byte, seq uint64) {
				p.streamText(idx, name, text)
				p.markerArrived(idx, seq)
				p.awaitHandled(seq)
			})
			p.streamText(idx, name, rest)
		}
		if err != nil {
			if rest := u.Flush(); len(rest) > 0 && idx == 0 {
				p.emit(Event{Kind: "stream", Name: name, Text: string(rest)})
			} else if len(rest) > 0 {
				p.crash.write(rest)
			}
			return
		}
	}
}

func (p *process) streamText(idx int, name string, text []byte) {
	switch {
	case idx == 1:
		p.tail.Write(text)
		p.crash.write(text)
	case len(text) > 0:
		p.emit(Event{Kind: "stream", Name: name, Text: string(text)})
	}
}

// readMessages routes protocol messages: outputs to the sink, answers to the request waiting
// for them (table pages), replies to the running Execute.
func (p *process) readMessages() {
	for {
		m, err := p.conn.Recv()
		if err != nil {
			if !errors.Is(err, io.EOF) && !errors.Is(err, os.ErrClosed) && !errors.Is(err, io.ErrUnexpectedEOF) {
				p.emit(Event{Kind: "stream", Name: "stderr", Text: err.Error() + "\n"})
			}
			return
		}
		if isRequestID(m.ID) { // the answer to a request beside the cells (a page, a profile)
			p.answer(m) // dropped when its request has given up
			continue
		}
		switch m.Type {
		case protocol.Display, protocol.UpdateDisplay, protocol.Result:
			p.awaitMarkers(m.Seq) // what the cell printed before this comes first
			p.emit(Event{Kind: m.Type, Data: m.Data, DisplayID: m.DisplayID})
			p.messageHandled(m.Seq)
		case protocol.Exiting:
			p.exitCode.Store(int64(m.ExitCode))
		case protocol.Fail, protocol.Done:
			p.messageHandled(m.Seq)
			p.replies <- m
		case protocol.Status:
			if m.State == "idle" && m.ID == "" {
				select { // the first idle says the kernel is ready
				case p.replies <- m:
				default:
				}
			}
		}
	}
}

func (p *process) markerArrived(idx int, seq uint64) {
	p.markMu.Lock()
	defer p.markMu.Unlock()
	p.seen[idx] = seq
	close(p.marked)
	p.marked = make(chan struct{})
}

func (p *process) messageHandled(seq uint64) {
	p.markMu.Lock()
	defer p.markMu.Unlock()
	p.handled = max(p.handled, seq)
	close(p.marked)
	p.marked = make(chan struct{})
}

// awaitHandled holds a stream at marker seq until the message sent with it is handled, so
// that output printed after a display is not shown before it. A marker whose message never
// comes (the kernel failed to send it) holds the stream for at most a second.
func (p *process) awaitHandled(seq uint64) {
	p.await(func() bool { return p.handled >= seq })
}

// awaitMarkers waits until both output streams have delivered sync marker seq, so that all
// output written before it is in. A cell that closed its stdout never sends one: give up after
// a second.
func (p *process) awaitMarkers(seq uint64) {
	p.await(func() bool { return p.seen[0] >= seq && p.seen[1] >= seq })
}

// await waits, for at most a second, until cond (called with markMu held) is true.
func (p *process) await(cond func() bool) {
	timeout := time.After(time.Second)
	for {
		p.markMu.Lock()
		done, ch := cond(), p.marked
		p.markMu.Unlock()
		if done {
			return
		}
		select {
		case <-ch:
		case <-p.exited:
			return
		case <-timeout:
			return
		}
	}
}

func (p *process) emit(ev Event) {
	p.sinkMu.Lock()
	defer p.sinkMu.Unlock()
	if p.sink != nil {
		p.sink(ev)
	}
}

func (p *process) setSink(sink func(Event)) {
	p.sinkMu.Lock()
	p.sink = sink
	p.sinkMu.Unlock()
}

// kill ends the process; why is reported as the reason it died.
func (p *process) kill(why string) {
	if why != "" {
		p.killReason.CompareAndSwap(nil, why)
	}
	_ = p.cmd.Process.Kill()
}

func (p *process) alive() bool {
	select {
	case <-p.exited:
		return false
	default:
		return true
	}
}
