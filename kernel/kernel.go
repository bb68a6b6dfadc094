// Package kernel is the kernel process: `cairn kernel`, started by the app as a child, one per
// open notebook. It evaluates cells and speaks the protocol on fds 3 (requests in) and 4
// (messages out); its fds 1 and 2 are pipes the app reads as the cells' output, which catches
// what interpreted code, compiled libraries and the Go runtime itself print, even when the
// kernel dies.
package kernel

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"reflect"
	"runtime/debug"
	"strings"
	"sync"
	"syscall"

	"github.com/cairn-notebook/cairn/internal/chartfail"
	"github.com/cairn-notebook/cairn/kernel/eval"
	"github.com/cairn-notebook/cairn/kernel/frame"
	"github.com/cairn-notebook/cairn/kernel/nb"
	"github.com/cairn-notebook/cairn/kernel/protocol"
	"github.com/cairn-notebook/cairn/kernel/sql"
	"github.com/cairn-notebook/cairn/kernel/symbols"
	"github.com/cairn-notebook/cairn/ml"
)

// Main runs the kernel until the app sends shutdown or closes the pipe. It returns the exit code.
func Main(args []string) int {
	fs := flag.NewFlagSet("kernel", flag.ContinueOnError)
	memLimit := fs.Int64("memory-limit", 0, "memory limit in bytes (0: none)")
	maxStack := fs.Int64("max-stack", 256<<20, "largest goroutine stack in bytes; deeper recursion ends the kernel")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *memLimit > 0 {
		if err := limitMemory(*memLimit); err != nil {
			fmt.Fprintf(os.Stderr, "cairn kernel: %v\n", err)
		}
	}
	if *memLimit > 0 {
		// Deep recursion should end as a stack overflow, not as an out-of-memory that hides it.
		*maxStack = min(*maxStack, *memLimit/8)
	}
	debug.SetMaxStack(int(*maxStack))

	conn := protocol.NewConn(os.NewFile(3, "requests"), os.NewFile(4, "messages"))
	// DuckDB gets three quarters of the kernel's memory; Go and the interpreter the rest.
	k, err := newKernel(conn, sql.Options{MemoryLimit: *memLimit / 4 * 3})
	if err != nil {
		fmt.Fprintf(os.Stderr, "cairn kernel: %v\n", err)
		return 1
	}
	return k.serve()
}

type kernel struct {
	conn *protocol.Conn
	ev   *eval.Evaluator
	sql  *sql.Engine // opens DuckDB on first use, so a kernel without SQL starts fast

	syncMu sync.Mutex
	seq    uint64 // of the last sync marker

	mu     sync.Mutex
	cancel context.CancelFunc // of the running cell, nil when idle
	execID string             // of the running or last cell: displays from its goroutines go there
}

func newKernel(conn *protocol.Conn, db sql.Options) (*kernel, error) {
	k := &kernel{conn: conn, sql: sql.New(db)}
	frame.Use(k.sql)
	ml.SetProgress(func(total int, label string) ml.Bar { return nb.Progress(total, label) })
	exports := symbols.Exports()
	// A cell's os.Exit ends the kernel like any Go program; tell the app first so it can say
	// why the kernel went away.
	exports["os/os"]["Exit"] = reflect.ValueOf(func(code int) {
		_ = conn.Send(&protocol.Msg{Type: protocol.Exiting, ExitCode: code})
		os.Exit(code)
	})
	ev, err := eval.New(eval.Options{Exports: exports, Source: symbols.Source()})
	if err != nil {
		return nil, err
	}
	k.ev = ev
	nb.SetSink(k.display, eval.Text)
	return k, nil
}

// display sends a cell's nb.Display or update, after what the cell printed before it.
func (k *kernel) display(displayID string, update bool, data map[string]string) {
	k.mu.Lock()
	id := k.execID
	k.mu.Unlock()
	typ := protocol.Display
	if update {
		typ = protocol.UpdateDisplay
	}
	_ = k.conn.Send(&protocol.Msg{Type: typ, ID: id, DisplayID: displayID, Data: data, Seq: k.sync()})
}

// serve reads requests; cells run one at a time on a worker so that interrupts get through.
func (k *kernel) serve() int {
	work := make(chan *protocol.Msg)
	defer close(work)
	go func() {
		for m := range work {
			k.execute(m)
		}
	}()
	if err := k.conn.Send(&protocol.Msg{Type: protocol.Status, State: "idle"}); err != nil {
		return 1
	}
	for {
		m, err := k.conn.Recv()
		if err == io.EOF {
			return 0
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "cairn kernel: %v\n", err)
			return 1
		}
		switch m.Type {
		case protocol.Execute:
			work <- m
		case protocol.Interrupt:
			k.mu.Lock()
			if k.cancel != nil {
				k.cancel()
			}
			k.mu.Unlock()
		case protocol.TablePage:
			go k.answer(m, protocol.TablePageResult, k.page)
		case protocol.Profile:
			go k.answer(m, protocol.ProfileResult, k.profile)
		case protocol.Tables:
			go k.answer(m, protocol.TablesResult, k.tables)
		case protocol.ExportModel:
			go k.exportModel(m)
		case protocol.Models:
			go k.models(m)
		case protocol.Shutdown:
			return 0
		default:
			fmt.Fprintf(os.Stderr, "cairn kernel: unknown request %q\n", m.Type)
		}
	}
}

func (k *kernel) execute(m *protocol.Msg) {
	ctx, cancel := context.WithCancel(context.Background())
	k.mu.Lock()
	k.cancel, k.execID = cancel, m.ID
	k.mu.Unlock()
	defer func() {
		k.mu.Lock()
		k.cancel = nil
		k.mu.Unlock()
		cancel()
		frame.SetContext(context.Background()) // goroutines the cell left keep querying
		ml.SetContext(context.Background())
	}()
	frame.SetContext(ctx) // queries from the cell's Go code stop on interrupt
	ml.SetContext(ctx)    // so does training
	_ = k.conn.Send(&protocol.Msg{Type: protocol.Status, State: "busy", ID: m.ID})

	switch m.Lang {
	case "go", "":
		chartfail.Take() // a goroutine of an earlier cell's, not this cell's
		vals, err := k.ev.Eval(ctx, m.Code)
		if err != nil {
			k.fail(m.ID, err)
			break
		}
		if b := rich(vals); b != nil {
			k.result(m.ID, b) // a frame shows as a table, a go-echarts chart as a chart
		} else if len(vals) > 0 {
			texts := make([]string, len(vals))
			for i, v := range vals {
				texts[i] = eval.Text(v)
			}
			k.result(m.ID, map[string]string{"text/plain": strings.Join(texts, "\n")})
		}
		if fails := chartfail.Take(); len(fails) > 0 { // after the chart that shows it
			k.fail(m.ID, errors.Join(fails...))
		}
	case "sql":
		if err := k.runSQL(ctx, m); err != nil {
			k.fail(m.ID, err)
		}
	default:
		k.fail(m.ID, &protocol.Error{Kind: "unsupported", Msg: fmt.Sprintf("%s cells are not supported yet", m.Lang)})
	}

	_ = k.conn.Send(&protocol.Msg{Type: protocol.Done, ID: m.ID, Seq: k.sync()})
	_ = k.conn.Send(&protocol.Msg{Type: protocol.Status, State: "idle"})
}

// sync writes a new marker to fd 1 and fd 2 and returns its number. A message sent with it is
// shown by the app after everything printed before it.
func (k *kernel) sync() uint64 {
	k.syncMu.Lock()
	defer k.syncMu.Unlock()
	k.seq++
	marker := protocol.Marker(k.seq)
	_, _ = syscall.Write(1, marker)
	_, _ = syscall.Write(2, marker)
	return k.seq
}

// rich returns the bundle of a cell's single value when it is a compiled nb.MIMEBundler (a
// *frame.Frame) or go-echarts chart, else nil (the value shows as text).
func rich(vals []reflect.Value) map[string]string {
	if len(vals) != 1 || !vals[0].IsValid() || !vals[0].CanInterface() {
		return nil
	}
	v := vals[0].Interface()
	switch v.(type) {
	case nb.MIMEBundler, nb.Chart:
		if rv := reflect.ValueOf(v); rv.Kind() == reflect.Pointer && rv.IsNil() {
			return nil
		}
		return nb.Bundle(v)
	}
	return nil
}

// result sends a cell's result after what the cell printed.
func (k *kernel) result(id string, data map[string]string) {
	_ = k.conn.Send(&protocol.Msg{Type: protocol.Result, ID: id, Seq: k.sync(), Data: data})
}

func (k *kernel) fail(id string, err error) {
	pe, ok := err.(*protocol.Error)
	if e, isEval := err.(*eval.Error); isEval {
		pe, ok = &protocol.Error{Kind: e.Kind, Msg: e.Msg, Line: e.Line, Col: e.Col, Stack: e.Stack}, true
	}
	if !ok {
		pe = &protocol.Error{Kind: "runtime", Msg: err.Error()}
	}
	_ = k.conn.Send(&protocol.Msg{Type: protocol.Fail, ID: id, Error: pe})
}
