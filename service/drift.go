package service

import (
	"slices"
	"sync"

	"github.com/cairn-notebook/cairn/ml"
)

// DriftThreshold is the PSI above which a feature is flagged as drifted (a common reading);
// DriftMinRows the rows the window needs before it flags anything (fewer are noise).
const (
	DriftThreshold = 0.2
	DriftMinRows   = 50
)

// drift keeps the reference bins of the last window predicted rows, per feature, in a ring.
type drift struct {
	m     *ml.Model
	feats []ml.Feature
	refs  []*ml.Reference // by feature; nil when the model has none for it

	mu   sync.Mutex
	bins []int16 // window × features; -1 = missing
	next int     // ring position of the next row
	n    int     // rows held, ≤ window
}

func newDrift(m *ml.Model, window int) *drift {
	d := &drift{m: m, feats: m.Schema.Features, refs: make([]*ml.Reference, len(m.Schema.Features))}
	for i := range m.Reference {
		for j, f := range d.feats {
			if m.Reference[i].Feature == f.Name {
				d.refs[j] = &m.Reference[i]
			}
		}
	}
	d.bins = make([]int16, max(window, 1)*len(d.feats))
	return d
}

func (d *drift) window() int { return len(d.bins) / max(len(d.feats), 1) }

// add records rows that were predicted (so they are valid for the schema).
func (d *drift) add(rows []map[string]any) {
	nf := len(d.feats)
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, r := range rows {
		dst := d.bins[d.next*nf : (d.next+1)*nf]
		for j := range d.feats {
			dst[j] = d.bin(j, r[d.feats[j].Name])
		}
		d.next = (d.next + 1) % d.window()
		d.n = min(d.n+1, d.window())
	}
}

// bin places one value in its feature's reference bins (-1: missing), reading it the way the
// model does (ml.Model.BinValue).
func (d *drift) bin(j int, v any) int16 {
	x, ok := d.m.BinValue(j, v)
	if !ok || d.refs[j] == nil {
		return -1
	}
	return int16(d.refs[j].Bin(d.feats[j].Kind, x))
}

// FeatureDrift is one feature's population stability index over the window.
type FeatureDrift struct {
	Feature string   `json:"feature"`
	PSI     *float64 `json:"psi"` // null without rows or training reference
	Drift   bool     `json:"drift"`
}

// DriftReport is the /drift answer.
type DriftReport struct {
	Window    int            `json:"window"` // rows the window holds at most
	Rows      int            `json:"rows"`   // rows in it now
	Threshold float64        `json:"threshold"`
	MinRows   int            `json:"min_rows"` // no flag below this many rows
	Drift     bool           `json:"drift"`    // any feature above the threshold
	Features  []FeatureDrift `json:"features"`
}

func (d *drift) report() DriftReport {
	d.mu.Lock()
	defer d.mu.Unlock()
	rep := DriftReport{Window: d.window(), Rows: d.n, Threshold: DriftThreshold, MinRows: DriftMinRows, Features: []FeatureDrift{}}
	nf := len(d.feats)
	for j, f := range d.feats {
		fd := FeatureDrift{Feature: f.Name}
		if ref := d.refs[j]; ref != nil && d.n > 0 {
			// Expected and actual shares over the bins, then the missing share last.
			actual := make([]float64, len(ref.Shares)+1)
			for i := 0; i < d.n; i++ {
				if b := d.bins[i*nf+j]; b < 0 || int(b) >= len(ref.Shares) {
					actual[len(ref.Shares)]++
				} else {
					actual[b]++
				}
			}
			for i := range actual {
				actual[i] /= float64(d.n)
			}
			if psi, err := ml.PSI(append(slices.Clone(ref.Shares), ref.Missing), actual); err == nil {
				fd.PSI, fd.Drift = &psi, psi > DriftThreshold && d.n >= DriftMinRows
				rep.Drift = rep.Drift || fd.Drift
			}
		}
		rep.Features = append(rep.Features, fd)
	}
	return rep
}
