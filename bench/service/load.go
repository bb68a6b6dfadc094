package main

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/textproto"
	"slices"
	"strconv"
	"strings"
	"sync"
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

// load sends single-row POST /predict requests over conns keep-alive HTTP/1.1 connections for
// d (at most maxReq requests in all), cycling through bodies. Like wrk, it writes prepared
// requests on raw connections and reads just the status, headers and body of each answer, so
// the client costs little beside the server it measures.
func load(addr string, bodies [][]byte, conns int, d time.Duration, maxReq int) result {
	reqs := make([][]byte, len(bodies))
	for i, b := range bodies {
		reqs[i] = append(fmt.Appendf(nil, "POST /predict HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n", addr, len(b)), b...)
	}
	var mu sync.Mutex
	var lat []time.Duration
	errs, sent := 0, 0
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
				mu.Lock()
				if sent >= maxReq {
					mu.Unlock()
					break
				}
				sent++
				mu.Unlock()
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

// roundTrip writes one request and reads its answer; anything but a 200 is an error.
func roundTrip(conn net.Conn, r *bufio.Reader, req []byte) error {
	if _, err := conn.Write(req); err != nil {
		return err
	}
	tp := textproto.NewReader(r)
	status, err := tp.ReadLine()
	if err != nil {
		return err
	}
	h, err := tp.ReadMIMEHeader()
	if err != nil {
		return err
	}
	n, err := strconv.Atoi(h.Get("Content-Length"))
	if err != nil {
		return fmt.Errorf("answer without Content-Length: %s", status)
	}
	if _, err := r.Discard(n); err != nil {
		return err
	}
	if !strings.HasPrefix(status, "HTTP/1.1 200 ") {
		return fmt.Errorf("answer %s", status)
	}
	if strings.EqualFold(h.Get("Connection"), "close") {
		return io.EOF // reconnect
	}
	return nil
}
