// Command kernel measures a trivial cell's round trip and kernel start time, and prints each as
// a ratio against yaegi's own Eval and interpreter creation measured in the same run.
//
//	go run ./bench/kernel [-n 2000] [-starts 20]
//
// Goals (issue 2): round trip ≤ 1 ms median; kernel ready ≤ 100 ms.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"sort"
	"time"

	"github.com/traefik/yaegi/interp"
	"github.com/traefik/yaegi/stdlib"

	"github.com/cairn-notebook/cairn/app/runtime"
	"github.com/cairn-notebook/cairn/kernel"
	"github.com/cairn-notebook/cairn/kernel/eval"
	"github.com/cairn-notebook/cairn/kernel/symbols"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "kernel" { // this binary is its own kernel
		os.Exit(kernel.Main(os.Args[2:]))
	}
	n := flag.Int("n", 2000, "round trips per measurement")
	starts := flag.Int("starts", 20, "kernel starts per measurement")
	flag.Parse()
	ctx := context.Background()

	// Round trip of `1 + 1`.
	yi := interp.New(interp.Options{})
	must(yi.Use(stdlib.Symbols))
	base := sample(*n, func() { _, err := yi.Eval("1 + 1"); must(err) })

	ev, err := eval.New(eval.Options{Exports: symbols.Exports(), Source: symbols.Source()})
	must(err)
	wrapped := sample(*n, func() { _, err := ev.Eval(ctx, "1 + 1"); must(err) })

	k, err := runtime.Start(runtime.Options{})
	must(err)
	proto := sample(*n, func() {
		if res := k.Execute(ctx, "bench", "go", "1 + 1", func(runtime.Event) {}); res.Status != runtime.OK {
			panic(fmt.Sprint(res))
		}
	})
	printHeader("trivial cell round trip (1 + 1)", *n)
	printRow("yaegi interp.Eval, in process (baseline)", base, base)
	printRow("kernel/eval Evaluator.Eval, in process", wrapped, base)
	printRow("kernel process via protocol (goal ≤ 1 ms)", proto, base)

	// Start: interpreter creation vs a ready kernel process.
	baseStart := sample(*starts, func() {
		i := interp.New(interp.Options{})
		must(i.Use(stdlib.Symbols))
	})
	evalStart := sample(*starts, func() {
		_, err := eval.New(eval.Options{Exports: symbols.Exports(), Source: symbols.Source()})
		must(err)
	})
	procStart := sample(*starts, func() {
		k, err := runtime.Start(runtime.Options{})
		must(err)
		k.Close()
	})
	restart := sample(*starts, func() { must(k.Restart()) })
	k.Close()
	printHeader("kernel start", *starts)
	printRow("yaegi interp.New + stdlib, in process (baseline)", baseStart, baseStart)
	printRow("kernel/eval New, in process", evalStart, baseStart)
	printRow("kernel process start to ready (goal ≤ 100 ms)", procStart, baseStart)
	printRow("kernel restart (kill + start to ready)", restart, baseStart)
}

type stats struct{ median, p90, p99 time.Duration }

func sample(n int, f func()) stats {
	f() // warm up
	d := make([]time.Duration, n)
	for i := range d {
		t := time.Now()
		f()
		d[i] = time.Since(t)
	}
	sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
	at := func(q float64) time.Duration { return d[min(n-1, int(q*float64(n)))] }
	return stats{at(0.5), at(0.9), at(0.99)}
}

func printHeader(what string, n int) {
	fmt.Printf("\n%s, %d runs\n%-50s %12s %12s %12s %10s\n", what, n, "", "median", "p90", "p99", "× baseline")
}

func printRow(name string, s, base stats) {
	fmt.Printf("%-50s %12v %12v %12v %9.1f×\n", name, s.median, s.p90, s.p99, float64(s.median)/float64(base.median))
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}
