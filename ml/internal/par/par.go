// Package par runs work over fixed-size blocks of rows on several
// goroutines. Blocks do not depend on the worker count, so results that are
// reduced in block order are identical for any number of workers.
package par

import (
	"runtime"
	"sync"
)

// Block is the number of rows per block.
const Block = 4096

// Blocks returns the number of blocks covering n rows.
func Blocks(n int) int { return (n + Block - 1) / Block }

// Each calls fn(b, lo, hi) for every block b of rows [lo, hi) of n, on up to
// workers goroutines (0 = GOMAXPROCS), and returns when all are done. fn
// must write only to block b's own results.
func Each(n, workers int, fn func(b, lo, hi int)) {
	nb := Blocks(n)
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	next := make(chan int, nb)
	for b := range nb {
		next <- b
	}
	close(next)
	var wg sync.WaitGroup
	for range min(workers, nb) {
		wg.Go(func() {
			for b := range next {
				fn(b, b*Block, min((b+1)*Block, n))
			}
		})
	}
	wg.Wait()
}
