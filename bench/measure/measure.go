// Package measure times repeated runs and prints them as rows of a table, each with its ratio
// to a baseline measured in the same run.
package measure

import (
	"fmt"
	"sort"
	"time"
)

// Summary is the distribution of a set of timings.
type Summary struct{ Median, P90, P99 time.Duration }

// Sample runs f once to warm up, then n times, and summarises the timings.
func Sample(n int, f func()) Summary {
	f()
	d := make([]time.Duration, n)
	for i := range d {
		t := time.Now()
		f()
		d[i] = time.Since(t)
	}
	return Of(d)
}

// Of summarises timings measured elsewhere; it sorts d.
func Of(d []time.Duration) Summary {
	sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
	at := func(q float64) time.Duration { return d[min(len(d)-1, int(q*float64(len(d))))] }
	return Summary{at(0.5), at(0.9), at(0.99)}
}

// Header starts a table.
func Header(what string, n int) {
	fmt.Printf("\n%s, %d runs\n%-50s %12s %12s %12s %10s\n", what, n, "", "median", "p90", "p99", "× baseline")
}

// Row prints one measurement and its median's ratio to the baseline's.
func Row(name string, s, base Summary) {
	fmt.Printf("%-50s %12v %12v %12v %9.1f×\n", name, s.Median, s.P90, s.P99, float64(s.Median)/float64(base.Median))
}

// Must panics on an error: a benchmark that cannot run has nothing to report.
func Must(err error) {
	if err != nil {
		panic(err)
	}
}
