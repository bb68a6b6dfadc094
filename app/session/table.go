package session

import (
	"context"
	"errors"
	"fmt"

	"github.com/cairn-notebook/cairn/app/runtime"
	"github.com/cairn-notebook/cairn/kernel/protocol"
)

// MaxPageRows is the most rows one table page may ask for: the browser holds a page at a time.
const MaxPageRows = 1000

// TablePage returns rows offset..offset+limit of the kernel's result table handle, sorted by
// column sortBy ("" keeps the result's order), as the table JSON (runtime.TableMIME). It does
// not wait for the running cell. Errors wrap ErrBadInput (bad numbers, a column the table
// lacks), ErrNotFound (a handle the kernel does not know, e.g. from before a restart) or
// ErrKernelDead.
func (s *Session) TablePage(ctx context.Context, handle string, offset, limit int, sortBy string, desc bool) (string, error) {
	switch {
	case handle == "":
		return "", badf("handle is required")
	case offset < 0:
		return "", badf("offset %d is negative", offset)
	case limit < 1 || limit > MaxPageRows:
		return "", badf("limit %d is not between 1 and %d", limit, MaxPageRows)
	}
	return ask(s, ctx, func(k *runtime.Kernel) (string, error) {
		return k.TablePage(ctx, handle, offset, limit, sortBy, desc)
	})
}

// Profile returns the column profile of the kernel's result table handle (the JSON of
// runtime.ProfileMIME), without waiting for the running cell. Errors as for TablePage.
func (s *Session) Profile(ctx context.Context, handle string) (string, error) {
	if handle == "" {
		return "", badf("handle is required")
	}
	return ask(s, ctx, func(k *runtime.Kernel) (string, error) { return k.Profile(ctx, handle) })
}

// ProfileTable is Profile for a table or view by name (see Tables).
func (s *Session) ProfileTable(ctx context.Context, name string) (string, error) {
	if name == "" {
		return "", badf("table is required")
	}
	return ask(s, ctx, func(k *runtime.Kernel) (string, error) { return k.ProfileTable(ctx, name) })
}

// Tables returns the JSON list of the tables and views cells made (protocol.TablesMIME).
func (s *Session) Tables(ctx context.Context) (string, error) {
	return ask(s, ctx, func(k *runtime.Kernel) (string, error) { return k.Tables(ctx) })
}

// ask runs a request beside the cells (a page, a profile, a model) on the live kernel and maps
// its errors: a dead kernel, an unknown handle (ErrNotFound), other refusals (ErrBadInput).
func ask[T any](s *Session, ctx context.Context, req func(*runtime.Kernel) (T, error)) (T, error) {
	var zero T
	s.mu.Lock()
	if err := s.checkOpenLocked(); err != nil {
		s.mu.Unlock()
		return zero, err
	}
	k, state := s.kern.k, s.kern.state
	s.mu.Unlock()
	if k == nil || state == KernelDead {
		return zero, ErrKernelDead
	}
	out, err := req(k)
	var perr *protocol.Error
	switch {
	case err == nil:
		return out, nil
	case errors.Is(err, runtime.ErrNotRunning):
		return zero, fmt.Errorf("%w (%v)", ErrKernelDead, err)
	case errors.As(err, &perr) && perr.Kind == notFoundKind:
		return zero, fmt.Errorf("%w: %s", ErrNotFound, perr.Msg)
	case errors.As(err, &perr):
		return zero, badf("%s", perr.Msg)
	}
	return zero, err
}

// notFoundKind is the kind of the kernel's error for a table handle it does not know.
const notFoundKind = "unknown_handle"
