package tree

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
)

// Fitted trees save in binary (encoding.BinaryMarshaler), which ml.Save puts in the model
// file's binary section: a 100-tree forest on 100,000 rows took 9 s to load as JSON numbers.
// The layout, all little-endian: u32 classes, u32 features, u32 len(baseline), f64 baseline…,
// u32 trees, then per tree u32 nodes, u32 width, u32 len(value), i32 feature[nodes],
// f64 threshold[nodes], u8 missing_left[nodes], i32 left[nodes], i32 right[nodes],
// f64 value[…]. Decoding checks the structure as the JSON form does.

func (d *DecisionTree) MarshalBinary() ([]byte, error) {
	return encodeTrees(d.NumClasses, d.NumFeatures, nil, []Tree{d.Tree}), nil
}

func (d *DecisionTree) UnmarshalBinary(b []byte) error {
	classes, features, _, trees, err := decodeTrees(b)
	if err != nil {
		return err
	}
	if len(trees) != 1 {
		return fmt.Errorf("tree: a decision tree holds %d trees", len(trees))
	}
	*d = DecisionTree{NumClasses: classes, NumFeatures: features, Tree: trees[0]}
	return checkModel(trees, classes, features, max(classes, 1))
}

func (f *Forest) MarshalBinary() ([]byte, error) {
	return encodeTrees(f.NumClasses, f.NumFeatures, nil, f.Trees), nil
}

func (f *Forest) UnmarshalBinary(b []byte) error {
	classes, features, _, trees, err := decodeTrees(b)
	if err != nil {
		return err
	}
	*f = Forest{NumClasses: classes, NumFeatures: features, Trees: trees}
	return checkModel(trees, classes, features, max(classes, 1))
}

func (m *GBT) MarshalBinary() ([]byte, error) {
	return encodeTrees(m.NumClasses, m.NumFeatures, m.Baseline, m.Trees), nil
}

func (m *GBT) UnmarshalBinary(b []byte) error {
	classes, features, baseline, trees, err := decodeTrees(b)
	if err != nil {
		return err
	}
	*m = GBT{NumClasses: classes, NumFeatures: features, Baseline: baseline, Trees: trees}
	return m.check()
}

func encodeTrees(classes, features int, baseline []float64, trees []Tree) []byte {
	var b bytes.Buffer
	le := binary.LittleEndian
	put := func(v any) { _ = binary.Write(&b, le, v) } // a bytes.Buffer does not fail
	put([]uint32{uint32(classes), uint32(features), uint32(len(baseline))})
	put(baseline)
	put(uint32(len(trees)))
	for _, t := range trees {
		put([]uint32{uint32(len(t.Feature)), uint32(t.Width), uint32(len(t.Value))})
		put(t.Feature)
		put(t.Threshold)
		put(t.MissingLeft)
		put(t.Left)
		put(t.Right)
		put(t.Value)
	}
	return b.Bytes()
}

// decodeTrees reads encodeTrees' layout; counts are checked against the bytes left before
// anything is allocated, so a damaged file cannot ask for gigabytes.
func decodeTrees(b []byte) (classes, features int, baseline []float64, trees []Tree, err error) {
	d := &decoder{r: bytes.NewReader(b)}
	classes, features = d.count(), d.count()
	baseline = readN[float64](d, d.count())
	n := d.count()
	if d.err == nil && n > d.r.Len()/12 { // 12: a tree's own three counts
		d.err = fmt.Errorf("tree: binary model claims %d trees in %d bytes", n, d.r.Len())
	}
	for i := 0; d.err == nil && i < n; i++ {
		nodes, width, values := d.count(), d.count(), d.count()
		t := Tree{Width: width}
		t.Feature, t.Threshold = readN[int32](d, nodes), readN[float64](d, nodes)
		t.MissingLeft, t.Left, t.Right = readN[bool](d, nodes), readN[int32](d, nodes), readN[int32](d, nodes)
		t.Value = readN[float64](d, values)
		if d.err != nil {
			d.err = fmt.Errorf("tree %d: %w", i, d.err)
		}
		trees = append(trees, t)
	}
	if d.err == nil && d.r.Len() != 0 {
		d.err = fmt.Errorf("tree: %d bytes left after the binary model", d.r.Len())
	}
	if d.err != nil {
		return 0, 0, nil, nil, d.err
	}
	return classes, features, baseline, trees, nil
}

// decoder reads little-endian values and keeps the first error; after it, reads are no-ops.
type decoder struct {
	r   *bytes.Reader
	err error
}

// count reads a u32.
func (d *decoder) count() int {
	var v uint32
	if d.err == nil {
		d.err = short(binary.Read(d.r, binary.LittleEndian, &v))
	}
	return int(v)
}

// readN reads n values of T, refusing counts the remaining bytes cannot hold.
func readN[T int32 | float64 | bool](d *decoder, n int) []T {
	var zero T
	if d.err != nil {
		return nil
	}
	if n < 0 || n > d.r.Len()/binary.Size(zero) {
		d.err = fmt.Errorf("tree: binary model claims %d values in %d bytes", n, d.r.Len())
		return nil
	}
	out := make([]T, n)
	d.err = short(binary.Read(d.r, binary.LittleEndian, out))
	return out
}

// short names a read past the end.
func short(err error) error {
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return fmt.Errorf("tree: the binary model is truncated")
	}
	return err
}
