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

	"github.com/traefik/yaegi/interp"
	"github.com/traefik/yaegi/stdlib"

	"github.com/cairn-notebook/cairn/app/runtime"
	"github.com/cairn-notebook/cairn/bench/measure"
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
	measure.Must(yi.Use(stdlib.Symbols))
	base := measure.Sample(*n, func() { _, err := yi.Eval("1 + 1"); measure.Must(err) })

	ev, err := eval.New(eval.Options{Exports: symbols.Exports(), Source: symbols.Source()})
	measure.Must(err)
	wrapped := measure.Sample(*n, func() { _, err := ev.Eval(ctx, "1 + 1"); measure.Must(err) })

	k, err := runtime.Start(runtime.Options{})
	measure.Must(err)
	proto := measure.Sample(*n, func() {
		if res := k.Execute(ctx, "bench", "go", "1 + 1", nil, func(runtime.Event) {}); res.Status != runtime.OK {
			panic(fmt.Sprint(res))
		}
	})
	measure.Header("trivial cell round trip (1 + 1)", *n)
	measure.Row("yaegi interp.Eval, in process (baseline)", base, base)
	measure.Row("kernel/eval Evaluator.Eval, in process", wrapped, base)
	measure.Row("kernel process via protocol (goal ≤ 1 ms)", proto, base)

	// Start: interpreter creation vs a ready kernel process.
	baseStart := measure.Sample(*starts, func() {
		i := interp.New(interp.Options{})
		measure.Must(i.Use(stdlib.Symbols))
	})
	evalStart := measure.Sample(*starts, func() {
		_, err := eval.New(eval.Options{Exports: symbols.Exports(), Source: symbols.Source()})
		measure.Must(err)
	})
	procStart := measure.Sample(*starts, func() {
		k, err := runtime.Start(runtime.Options{})
		measure.Must(err)
		k.Close()
	})
	restart := measure.Sample(*starts, func() { measure.Must(k.Restart()) })
	k.Close()
	measure.Header("kernel start", *starts)
	measure.Row("yaegi interp.New + stdlib, in process (baseline)", baseStart, baseStart)
	measure.Row("kernel/eval New, in process", evalStart, baseStart)
	measure.Row("kernel process start to ready (goal ≤ 100 ms)", procStart, baseStart)
	measure.Row("kernel restart (kill + start to ready)", restart, baseStart)
}
