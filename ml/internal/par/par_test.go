package par

import "testing"

func TestEachCoversEveryRowOnce(t *testing.T) {
	for _, n := range []int{0, 1, Block, 3*Block + 5} {
		for _, w := range []int{0, 1, 3} {
			seen := make([]int, n)
			Each(n, w, func(b, lo, hi int) {
				if lo != b*Block || hi > n || hi <= lo {
					t.Errorf("block %d: [%d, %d) of %d", b, lo, hi, n)
				}
				for i := lo; i < hi; i++ {
					seen[i]++
				}
			})
			for i, c := range seen {
				if c != 1 {
					t.Fatalf("n=%d workers=%d: row %d done %d times", n, w, i, c)
				}
			}
		}
	}
}
