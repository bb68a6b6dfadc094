package session

import "sync"

// Event is one change of the session, in the order they happened (Seq increases by one).
// Type and Data follow the API contract: snapshot, cell, output, update_display,
// clear_outputs, kernel, saved, dirty, and save_failed {path, error}.
type Event struct {
	Seq  uint64
	Type string
	Data any
}

// subscriberBuffer is how many events a subscriber may fall behind before it is dropped.
const subscriberBuffer = 4096

// Subscription delivers events on C until it is closed. C is closed when the subscriber is
// closed, the session closes, or the subscriber fell too far behind (then Dropped reports
// true and the subscriber should re-read the snapshot and subscribe again).
type Subscription struct {
	C <-chan Event

	c       chan Event
	s       *Session
	once    sync.Once
	dropped bool // set before c is closed, so readers of a closed C see it
}

// Subscribe returns a subscription and the snapshot it starts from: every later change
// arrives as an event. On a closed session C is closed at once.
func (s *Session) Subscribe() (*Subscription, Snapshot) {
	c := make(chan Event, subscriberBuffer)
	sub := &Subscription{C: c, c: c, s: s}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		sub.end(false)
	} else {
		s.subs[sub] = struct{}{}
	}
	return sub, s.snapshotLocked()
}

// Close ends the subscription.
func (sub *Subscription) Close() {
	sub.s.mu.Lock()
	delete(sub.s.subs, sub)
	sub.s.mu.Unlock()
	sub.end(false)
}

// Dropped reports whether the subscription ended because its reader fell behind; valid once
// C is closed.
func (sub *Subscription) Dropped() bool { return sub.dropped }

func (sub *Subscription) end(dropped bool) {
	sub.once.Do(func() {
		sub.dropped = dropped
		close(sub.c)
	})
}

// publishLocked sends an event to every subscriber without ever blocking the session: a
// subscriber whose buffer is full is dropped.
func (s *Session) publishLocked(typ string, data any) {
	s.seq++
	ev := Event{Seq: s.seq, Type: typ, Data: data}
	for sub := range s.subs {
		select {
		case sub.c <- ev:
		default:
			delete(s.subs, sub)
			sub.end(true)
		}
	}
}

func (s *Session) publishSnapshotLocked() {
	s.publishLocked("snapshot", s.snapshotLocked())
}

func (s *Session) publishCellLocked(id string) {
	st := s.statusLocked(id)
	s.publishLocked("cell", struct {
		ID string `json:"id"`
		CellStatus
	}{id, st})
}

func (s *Session) publishKernelLocked() {
	s.publishLocked("kernel", KernelView{State: s.kern.state, Reason: s.kern.reason})
}
