package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// result is one load run.
type result struct {
	conns    int
	requests int
	errors   int
	elapsed  time.Duration
	p50, p99 time.Duration
}

func (r result) rps() float64 { return float64(r.requests) / r.elapsed.Seconds() }

// predicts are single-row POST /predict requests of bodies to addr.
func predicts(addr string, bodies [][]byte) [][]byte {
	reqs := make([][]byte, len(bodies))
	for i, b := range bodies {
		reqs[i] = append(fmt.Appendf(nil, "POST /predict HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n", addr, len(b)), b...)
	}
	return reqs
}

// get is a GET request of path on addr.
func get(addr, path string) [][]byte {
	return [][]byte{fmt.Appendf(nil, "GET %s HTTP/1.1\r\nHost: %s\r\n\r\n", path, addr)}
}

// load sends the requests reqs (prepared bytes, in turn) over conns keep-alive HTTP/1.1
// connections to addr for d, at most maxReq in all. Like wrk, it writes prepared requests on
// raw connections and reads just the status, headers and body of each answer, so the client
// costs little beside the server it measures.
func load(addr string, reqs [][]byte, conns int, d time.Duration, maxReq int) result {
	var mu sync.Mutex
	var lat []time.Duration
	var sent atomic.Int64
	errs := 0
	deadline := time.Now().Add(d)
	start := time.Now()
	var wg sync.WaitGroup
	for c := range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mine := make([]time.Duration, 0, 1<<14)
			bad := 0
			var conn net.Conn
			var r *bufio.Reader
			for i := c; time.Now().Before(deadline); i += conns {
				if sent.Add(1) > int64(maxReq) {
					break
				}
				t0 := time.Now()
				if conn == nil {
					var err error
					if conn, err = net.Dial("tcp", addr); err != nil {
						bad++
						continue
					}
					r = bufio.NewReaderSize(conn, 64<<10)
				}
				if err := roundTrip(conn, r, reqs[i%len(reqs)]); err != nil {
					bad++
					conn.Close()
					conn = nil
				}
				mine = append(mine, time.Since(t0))
			}
			if conn != nil {
				conn.Close()
			}
			mu.Lock()
			lat = append(lat, mine...)
			errs += bad
			mu.Unlock()
		}()
	}
	wg.Wait()
	r := result{conns: conns, requests: len(lat), errors: errs, elapsed: time.Since(start)}
	slices.Sort(lat)
	if len(lat) > 0 {
		r.p50, r.p99 = lat[len(lat)/2], lat[len(lat)*99/100]
	}
	return r
}

// roundTrip writes one request and reads its answer; anything but a 200 is an error. It
// reads the header lines itself, without a map per answer, to cost the machine little.
func roundTrip(conn net.Conn, r *bufio.Reader, req []byte) error {
	if _, err := conn.Write(req); err != nil {
		return err
	}
	status, err := r.ReadSlice('\n')
	if err != nil {
		return err
	}
	ok := bytes.HasPrefix(status, []byte("HTTP/1.1 200 "))
	if !ok {
		status = bytes.Clone(status)
	}
	n, closing := -1, false
	for {
		line, err := r.ReadSlice('\n')
		if err != nil {
			return err
		}
		line = bytes.TrimRight(line, "\r\n")
		if len(line) == 0 {
			break
		}
		name, value, _ := bytes.Cut(line, []byte(":"))
		value = bytes.TrimSpace(value)
		switch {
		case bytes.EqualFold(name, []byte("Content-Length")):
			if n, err = strconv.Atoi(string(value)); err != nil {
				return fmt.Errorf("bad Content-Length %q", value)
			}
		case bytes.EqualFold(name, []byte("Connection")):
			closing = bytes.EqualFold(value, []byte("close"))
		}
	}
	if n < 0 {
		return fmt.Errorf("answer without Content-Length: %s", status)
	}
	if _, err := r.Discard(n); err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("answer %s", bytes.TrimSpace(status))
	}
	if closing {
		return io.EOF // reconnect
	}
	return nil
}
