package main

import (
	"fmt"
	"os/exec"
	"runtime"
	"strings"
	"time"
)

type report struct {
	exportTotal, exportStep time.Duration
	size, model             int64
	starts                  []time.Duration
	cairn, fastapi          []result
	bare                    result // GET /healthz at 1 connection: the round trip without a model
	agree                   int
	maxDiff                 float64
	big                     *bigResult // bigmodel.go
}

func ms(d time.Duration) string { return fmt.Sprintf("%.3f ms", float64(d.Microseconds())/1000) }

func verdict(ok bool) string {
	if ok {
		return "met"
	}
	return "NOT met"
}

// markdown renders the results, the goals and the machine.
func (r report) markdown(cairn string) string {
	var b strings.Builder
	cpu := "unknown CPU"
	if out, err := exec.Command("sh", "-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2").Output(); err == nil {
		cpu = strings.TrimSpace(string(out))
	}
	fmt.Fprintf(&b, "Machine: %s, %d cores, %s/%s, %s. Command: `go run ./bench/service -cairn %s`.\n\n",
		cpu, runtime.NumCPU(), runtime.GOOS, runtime.GOARCH, runtime.Version(), cairn)
	fmt.Fprintf(&b, "Model: logistic regression, 6 numeric features + 1 category (4 values), 4000 training rows; "+
		"requests are single rows from 1000 held-out rows. Cairn and scikit-learn agree on %d/1000 labels "+
		"(largest probability difference %.2g).\n\n", r.agree, r.maxDiff)
	b.WriteString("| service | connections | requests | errors | req/s | p50 | p99 |\n|---|---|---|---|---|---|---|\n")
	for i, c := range r.cairn {
		for _, row := range []struct {
			name string
			res  result
		}{{"Cairn export", c}, {"FastAPI + uvicorn", r.fastapi[i]}} {
			fmt.Fprintf(&b, "| %s | %d | %d | %d | %.0f | %s | %s |\n", row.name, row.res.conns, row.res.requests,
				row.res.errors, row.res.rps(), ms(row.res.p50), ms(row.res.p99))
		}
	}
	ratio1, ratio32 := r.cairn[0].rps()/r.fastapi[0].rps(), r.cairn[1].rps()/r.fastapi[1].rps()
	start := r.starts[len(r.starts)/2]
	runtimeMB, totalMB := float64(r.size-r.model-24)/1e6, float64(r.size)/1e6
	fmt.Fprintf(&b, "\nThroughput ratio (Cairn / FastAPI): %.1f× at 1 connection, %.1f× at 32.\n\n", ratio1, ratio32)
	b.WriteString("| goal | measured | |\n|---|---|---|\n")
	errs := 0
	for _, x := range append(r.cairn, r.fastapi[0], r.fastapi[1], r.bare) {
		errs += x.errors
	}
	fmt.Fprintf(&b, "| zero errors | %d errors | %s |\n", errs, verdict(errs == 0))
	fmt.Fprintf(&b, "| single-row throughput ≥ 50× FastAPI's, under load (32 connections) | %.1f× | %s |\n", ratio32, verdict(ratio32 >= 50))
	fmt.Fprintf(&b, "| the same at 1 connection | %.1f×; the same server answering GET /healthz (no model, no body) at 1 connection: %.0f req/s = %.1f× | %s |\n",
		ratio1, r.bare.rps(), r.bare.rps()/r.fastapi[0].rps(), verdict(ratio1 >= 50))
	fmt.Fprintf(&b, "| p99 ≤ 1 ms at 1 connection | %s | %s |\n", ms(r.cairn[0].p99), verdict(r.cairn[0].p99 <= time.Millisecond))
	fmt.Fprintf(&b, "| export ≤ 1 s | %s export step; %s for the whole `cairn export` (kernel start and notebook run included) | %s |\n",
		ms(r.exportStep), ms(r.exportTotal), verdict(r.exportStep <= time.Second))
	fmt.Fprintf(&b, "| start to ready ≤ 50 ms | %s median of %d (min %s, max %s) | %s |\n", ms(start), len(r.starts),
		ms(r.starts[0]), ms(r.starts[len(r.starts)-1]), verdict(start <= 50*time.Millisecond))
	fmt.Fprintf(&b, "| binary ≤ 12 MB plus the model | %.2f MB runtime + %.1f kB model = %.2f MB | %s |\n",
		runtimeMB, float64(r.model)/1e3, totalMB, verdict(runtimeMB <= 12))
	if r.big != nil {
		b.WriteString(r.big.markdown())
	}
	return b.String()
}
