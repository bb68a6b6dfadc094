package server

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/cairn-notebook/cairn/app/session"
)

// events streams the open notebook's events as Server-Sent Events: its snapshot first,
// then every change. When the notebook is switched, or this client fell behind and was
// dropped, the stream carries on with a fresh snapshot. Inside Wails the writer is not an
// http.Flusher, so flushing is done only where it is supported.
func (s *server) events(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	rc := http.NewResponseController(w)
	flush := func() { _ = rc.Flush() } // ErrNotSupported in Wails: the write goes out anyway
	ping := time.NewTicker(s.opt.PingInterval)
	defer ping.Stop()
	for {
		sess := s.cur()
		sub, snap := sess.Subscribe()
		if writeEvent(w, "snapshot", snap) != nil {
			sub.Close()
			return
		}
		flush()
		ended := s.pump(w, r, sub, ping.C, flush)
		sub.Close()
		// Go on only if there is something new to follow: another notebook, or this one
		// after falling behind. A session that closed for good ends the stream.
		if !ended || (s.cur() == sess && !sub.Dropped()) {
			return
		}
	}
}

// pump copies events until the subscription ends (true) or the client goes away (false).
func (s *server) pump(w io.Writer, r *http.Request, sub *session.Subscription, ping <-chan time.Time, flush func()) bool {
	for {
		select {
		case ev, ok := <-sub.C:
			if !ok {
				return true
			}
			if writeEvent(w, ev.Type, ev.Data) != nil {
				return false
			}
			// Write what has queued up before flushing once: fewer syscalls under load.
			for more := len(sub.C); more > 0; more-- {
				ev, ok := <-sub.C
				if !ok {
					return true
				}
				if writeEvent(w, ev.Type, ev.Data) != nil {
					return false
				}
			}
			flush()
		case <-ping:
			if _, err := io.WriteString(w, ": ping\n\n"); err != nil {
				return false
			}
			flush()
		case <-r.Context().Done():
			return false
		}
	}
}

func writeEvent(w io.Writer, typ string, data any) error {
	b, err := json.Marshal(data)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "event: %s\ndata: %s\n\n", typ, b)
	return err
}
