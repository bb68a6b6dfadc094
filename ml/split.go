package ml

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

// groups returns this view's rows shuffled by seed, one group per class for
// classification (so splits keep class shares), a single group otherwise.
func (d *Dataset) groups(seed uint64) [][]int {
	k := max(len(d.classes), 1)
	g := make([][]int, k)
	for i := range d.Len() {
		c := 0
		if d.task == Classification {
			c = d.yCode[d.row(i)]
		}
		g[c] = append(g[c], i)
	}
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	for _, rows := range g {
		rng.Shuffle(len(rows), func(a, b int) { rows[a], rows[b] = rows[b], rows[a] })
	}
	return g
}

// Split returns a shuffled train/test split with testFrac of the rows in
// test, stratified by class for classification. Rows keep their original
// order within each part. The same seed gives the same split.
func (d *Dataset) Split(testFrac float64, seed uint64) (train, test *Dataset, err error) {
	if !(testFrac > 0 && testFrac < 1) {
		return nil, nil, fmt.Errorf("ml: test fraction %v must be between 0 and 1", testFrac)
	}
	var tr, te []int
	for _, rows := range d.groups(seed) {
		nt := int(math.Round(testFrac * float64(len(rows))))
		te, tr = append(te, rows[:nt]...), append(tr, rows[nt:]...)
	}
	if len(tr) == 0 || len(te) == 0 {
		return nil, nil, fmt.Errorf("ml: %d rows are too few to split with test fraction %v", d.Len(), testFrac)
	}
	slices.Sort(tr)
	slices.Sort(te)
	return d.view(tr), d.view(te), nil
}

// Fold is one round of k-fold cross-validation.
type Fold struct{ Train, Test *Dataset }

// KFold splits the rows into k folds (stratified by class for
// classification); fold i tests on its rows and trains on the others.
func (d *Dataset) KFold(k int, seed uint64) ([]Fold, error) {
	if k < 2 || k > d.Len() {
		return nil, fmt.Errorf("ml: k-fold needs 2 ≤ k ≤ rows (%d), got k=%d", d.Len(), k)
	}
	of := make([]int, d.Len()) // fold of each row
	next := 0
	for _, rows := range d.groups(seed) {
		for _, r := range rows { // deal round-robin, carrying on across classes
			of[r], next = next, (next+1)%k
		}
	}
	folds := make([]Fold, k)
	for f := range folds {
		var tr, te []int
		for r, fr := range of {
			if fr == f {
				te = append(te, r)
			} else {
				tr = append(tr, r)
			}
		}
		folds[f] = Fold{Train: d.view(tr), Test: d.view(te)}
	}
	return folds, nil
}

// Hash returns "sha256:<hex>" of the dataset's rows as the model sees them:
// target and feature names, types and kinds, and every value and null, in
// row order. Equal data gives equal hashes on any machine.
func (d *Dataset) Hash() string {
	h := sha256.New()
	var buf []byte
	str := func(s string) {
		buf = binary.AppendUvarint(buf, uint64(len(s)))
		buf = append(buf, s...)
	}
	str(string(d.task))
	cols := append([]Column{d.target}, d.feats...)
	for i, c := range cols {
		str(c.Name)
		str(string(c.Type()))
		if i > 0 {
			str(string(d.kinds[i-1]))
		}
	}
	for i := range d.Len() {
		r := d.row(i)
		for _, c := range cols {
			switch {
			case c.missing(r):
				buf = append(buf, 0)
			case c.Float != nil:
				buf = binary.LittleEndian.AppendUint64(append(buf, 1), math.Float64bits(c.Float[r]))
			case c.Int != nil:
				buf = binary.LittleEndian.AppendUint64(append(buf, 1), uint64(c.Int[r]))
			default:
				buf = append(buf, 1)
				str(c.cat(r))
			}
		}
		if len(buf) > 1<<16 {
			h.Write(buf)
			buf = buf[:0]
		}
	}
	h.Write(buf)
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}
