package runtime

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/cairn-notebook/cairn/kernel/protocol"
)

// TableMIME is the MIME type of a table output and of a TablePage answer.
const TableMIME = "application/vnd.cairn.table+json"

// ProfileMIME is the MIME type of a column profile, a Profile answer.
const ProfileMIME = "application/vnd.cairn.profile+json"

// ErrNotRunning is wrapped by TablePage's error when the kernel process has ended.
var ErrNotRunning = errors.New("the kernel is not running")

// TablePage asks the kernel for rows offset..offset+limit of the result table handle, sorted
// by column sortBy ("" keeps the result's order), and returns the table JSON (TableMIME).
// It does not wait for a running cell: the kernel answers pages while cells run. ctx ends the
// wait. A refusal by the kernel (unknown handle, bad column) is a *protocol.Error.
func (k *Kernel) TablePage(ctx context.Context, handle string, offset, limit int, sortBy string, desc bool) (string, error) {
	req := &protocol.Msg{Type: protocol.TablePage, Handle: handle, Offset: offset, Limit: limit, SortBy: sortBy, Desc: desc}
	return k.request(ctx, req, TableMIME)
}

// Profile asks the kernel for the column profile of the result table handle and returns its
// JSON (ProfileMIME). Like TablePage, it does not wait for a running cell.
func (k *Kernel) Profile(ctx context.Context, handle string) (string, error) {
	return k.request(ctx, &protocol.Msg{Type: protocol.Profile, Handle: handle}, ProfileMIME)
}

// ProfileTable is Profile for a table or view by name (in DuckDB's main schema).
func (k *Kernel) ProfileTable(ctx context.Context, name string) (string, error) {
	return k.request(ctx, &protocol.Msg{Type: protocol.Profile, Table: name}, ProfileMIME)
}

// Tables asks the kernel for the tables and views that cells made and returns their JSON
// list (protocol.TablesMIME). Like TablePage, it does not wait for a running cell.
func (k *Kernel) Tables(ctx context.Context) (string, error) {
	return k.request(ctx, &protocol.Msg{Type: protocol.Tables}, protocol.TablesMIME)
}

// request sends req, a request about a result table, under a fresh id and returns the mime
// part of the kernel's answer.
func (k *Kernel) request(ctx context.Context, req *protocol.Msg, mime string) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	p := k.live.Load()
	if p == nil || !p.alive() {
		return "", ErrNotRunning
	}
	req.ID = "p" + strconv.FormatInt(k.pages.Add(1), 10)
	reply := p.expect(req.ID)
	defer p.forget(req.ID)
	if err := p.conn.Send(req); err != nil {
		return "", fmt.Errorf("%w: %v", ErrNotRunning, err)
	}
	select {
	case m := <-reply:
		if m.Type == protocol.Fail {
			if m.Error == nil {
				return "", fmt.Errorf("the kernel refused the %s request without saying why", req.Type)
			}
			return "", m.Error
		}
		data, ok := m.Data[mime]
		if !ok {
			return "", fmt.Errorf("the kernel's %s answer has no %s", req.Type, mime)
		}
		return data, nil
	case <-ctx.Done():
		return "", ctx.Err()
	case <-p.exited:
		return "", fmt.Errorf("%w: %s", ErrNotRunning, p.deathReason())
	}
}

// expect registers a request id; its reply (a table page result or an error) goes to the
// returned channel instead of the running Execute.
func (p *process) expect(id string) <-chan *protocol.Msg {
	c := make(chan *protocol.Msg, 1)
	p.pendMu.Lock()
	p.pending[id] = c
	p.pendMu.Unlock()
	return c
}

func (p *process) forget(id string) {
	p.pendMu.Lock()
	delete(p.pending, id)
	p.pendMu.Unlock()
}

// isRequestID tells the ids of requests beside the cells (TablePage, Profile, Tables) from
// execution ids (numbers).
func isRequestID(id string) bool { return strings.HasPrefix(id, "p") }

// answer hands m to the request waiting for its id, if any.
func (p *process) answer(m *protocol.Msg) {
	p.pendMu.Lock()
	c, ok := p.pending[m.ID]
	delete(p.pending, m.ID)
	p.pendMu.Unlock()
	if ok {
		c <- m // buffered: never blocks
	}
}
