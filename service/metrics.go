package service

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// paths are the routes metrics count by; anything else counts as "other".
var paths = [...]string{"/predict", "/healthz", "/readyz", "/schema", "/openapi.json", "/metrics", "/drift", "/model", "other"}

// codes are the statuses counted one by one; others count as "other".
var codes = [...]int{200, 400, 404, 405, 413, 415, 422, 500, 503, 0}

// buckets are the upper bounds (seconds) of the /predict latency histogram.
var buckets = [...]float64{0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5}

// metrics are lock-free counters: the predict path adds to them on every request.
type metrics struct {
	requests [len(paths)][len(codes)]atomic.Uint64
	latency  [len(buckets) + 1]atomic.Uint64 // the last bucket is +Inf
	latSum   atomic.Uint64                   // nanoseconds
	rows     atomic.Uint64
	classes  []atomic.Uint64 // predictions per class (classification)
}

func pathIndex(p string) int {
	for i, q := range paths[:len(paths)-1] {
		if p == q {
			return i
		}
	}
	return len(paths) - 1
}

func codeIndex(c int) int {
	for i, k := range codes[:len(codes)-1] {
		if c == k {
			return i
		}
	}
	return len(codes) - 1
}

// observe counts one answered request; latency is recorded for /predict.
func (m *metrics) observe(path, status int, d time.Duration) {
	m.requests[path][codeIndex(status)].Add(1)
	if path != 0 {
		return
	}
	s := d.Seconds()
	b := len(buckets)
	for i, le := range buckets {
		if s <= le {
			b = i
			break
		}
	}
	m.latency[b].Add(1)
	m.latSum.Add(uint64(d.Nanoseconds()))
}

// write renders the Prometheus text exposition format (version 0.0.4).
func (m *metrics) write(w io.Writer, classes []string) {
	fmt.Fprintln(w, "# HELP cairn_requests_total HTTP requests answered, by path and status code.")
	fmt.Fprintln(w, "# TYPE cairn_requests_total counter")
	for p := range paths {
		for c := range codes {
			if n := m.requests[p][c].Load(); n > 0 {
				fmt.Fprintf(w, "cairn_requests_total{path=%q,code=%q} %d\n", paths[p], codeLabel(c), n)
			}
		}
	}
	fmt.Fprintln(w, "# HELP cairn_request_errors_total Requests answered with a 4xx or 5xx status, by code.")
	fmt.Fprintln(w, "# TYPE cairn_request_errors_total counter")
	for c := range codes {
		if codes[c] != 0 && codes[c] < 400 {
			continue
		}
		var n uint64
		for p := range paths {
			n += m.requests[p][c].Load()
		}
		fmt.Fprintf(w, "cairn_request_errors_total{code=%q} %d\n", codeLabel(c), n)
	}
	fmt.Fprintln(w, "# HELP cairn_predict_duration_seconds Time to answer POST /predict.")
	fmt.Fprintln(w, "# TYPE cairn_predict_duration_seconds histogram")
	var cum uint64
	for i := range m.latency {
		cum += m.latency[i].Load()
		le := "+Inf"
		if i < len(buckets) {
			le = strconv.FormatFloat(buckets[i], 'g', -1, 64)
		}
		fmt.Fprintf(w, "cairn_predict_duration_seconds_bucket{le=%q} %d\n", le, cum)
	}
	fmt.Fprintf(w, "cairn_predict_duration_seconds_sum %g\n", float64(m.latSum.Load())/1e9)
	fmt.Fprintf(w, "cairn_predict_duration_seconds_count %d\n", cum)
	fmt.Fprintln(w, "# HELP cairn_predicted_rows_total Rows predicted.")
	fmt.Fprintln(w, "# TYPE cairn_predicted_rows_total counter")
	fmt.Fprintf(w, "cairn_predicted_rows_total %d\n", m.rows.Load())
	if len(classes) > 0 {
		fmt.Fprintln(w, "# HELP cairn_predictions_total Predicted rows by predicted class.")
		fmt.Fprintln(w, "# TYPE cairn_predictions_total counter")
		for i, c := range classes {
			fmt.Fprintf(w, "cairn_predictions_total{class=\"%s\"} %d\n", labelEscaper.Replace(c), m.classes[i].Load())
		}
	}
}

// labelEscaper escapes a label value as the exposition format wants.
var labelEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)

func codeLabel(i int) string {
	if codes[i] == 0 {
		return "other"
	}
	return strconv.Itoa(codes[i])
}
