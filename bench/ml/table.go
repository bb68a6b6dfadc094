package main

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// rowCells formats a result against its scikit-learn row, if that is in res.
func rowCells(r result, res []result) []string {
	var base *result
	for i := range res {
		if res[i].baseline && res[i].ref == r.ref {
			base = &res[i]
		}
	}
	delta, ratio, cpuRatio := "—", "—", "—"
	if base != nil && !r.baseline {
		delta = fmt.Sprintf("%+.4f", r.accuracy-base.accuracy)
		ratio = fmt.Sprintf("%.2f×", r.fit.Seconds()/base.fit.Seconds())
		cpuRatio = fmt.Sprintf("%.2f×", r.cpu.Seconds()/base.cpu.Seconds())
	}
	lat := "—"
	if r.predict > 0 {
		lat = r.predict.Round(100 * time.Nanosecond).String()
		if r.predict > time.Millisecond {
			lat = r.predict.Round(10 * time.Microsecond).String()
		}
	}
	return []string{r.name, fmt.Sprintf("%.4f", r.accuracy), delta,
		r.fit.Round(10 * time.Millisecond).String(), ratio, r.cpu.Round(10 * time.Millisecond).String(), cpuRatio, lat, strings.TrimSuffix(r.note, "; ")}
}

var header = []string{"model", "accuracy", "Δ accuracy vs sklearn", "fit time", "× sklearn", "fit CPU time", "× sklearn CPU", "1-row predict (median)", "note"}

// printTable prints the results as aligned text.
func printTable(w io.Writer, res []result) {
	const format = "%-62s %8s %9s %10s %9s %10s %9s %12s  %s\n"
	fmt.Fprintf(w, "\n"+format, "model", "accuracy", "Δ acc", "fit", "× sk", "fit CPU", "× sk CPU", "1-row pred", "note")
	for _, r := range res {
		c := rowCells(r, res)
		fmt.Fprintf(w, format, c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8])
	}
}

// writeMarkdown writes the results as a Markdown table with the command that produced it.
func writeMarkdown(w io.Writer, res []result, args []string) {
	fmt.Fprintf(w, "Command: `go run ./bench/ml %s`\n\n", strings.Join(args, " "))
	fmt.Fprintf(w, "| %s |\n|%s\n", strings.Join(header, " | "), strings.Repeat("---|", len(header)))
	for _, r := range res {
		fmt.Fprintf(w, "| %s |\n", strings.Join(rowCells(r, res), " | "))
	}
}
