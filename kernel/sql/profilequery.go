package sql

import (
	"context"
	"fmt"
	"math"
	"math/big"
	"strings"
)

// profile runs one aggregate query for all columns, then one query per number column (its
// histogram) and per text column (its top values).
func (e *Engine) profile(ctx context.Context, t *table) (*Profile, error) {
	p := &Profile{Rows: t.rows, Columns: make([]ColumnProfile, len(t.columns))}
	var all []stat
	var owner []int // column of each stat
	for i, c := range t.columns {
		p.Columns[i] = ColumnProfile{Name: c.Name, Type: c.Type, Kind: kind(c.Type), DistinctApprox: t.rows > exactDistinct}
		for _, s := range stats(c, t.rows) {
			all = append(all, s)
			owner = append(owner, i)
		}
	}
	if len(all) > 0 {
		exprs := make([]string, len(all))
		for i, s := range all {
			exprs[i] = s.expr
		}
		db, err := e.DB()
		if err != nil {
			return nil, err
		}
		vals := make([]any, len(all))
		ptrs := make([]any, len(all))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		q := "SELECT " + strings.Join(exprs, ", ") + " FROM " + t.name
		if err := db.QueryRowContext(ctx, q).Scan(ptrs...); err != nil {
			return nil, fmt.Errorf("profiling: %w", err)
		}
		for i, s := range all {
			s.set(&p.Columns[owner[i]], vals[i])
		}
	}
	for i := range p.Columns {
		c := &p.Columns[i]
		c.Nulls = int64(t.rows) - c.Count
		if t.rows > 0 {
			c.NullShare = float64(c.Nulls) / float64(t.rows)
		}
		var err error
		switch {
		case c.Kind == "number" && c.Count > 0:
			c.Histogram, err = e.histogram(ctx, t.name, c.Name)
		case c.Kind == "text" && c.Count > 0:
			c.Top, err = e.top(ctx, t.name, c.Name)
		}
		if err != nil {
			return nil, fmt.Errorf("profiling %s: %w", c.Name, err)
		}
	}
	return p, nil
}

// histogram counts the finite values of a number column in equal-width bins.
func (e *Engine) histogram(ctx context.Context, name, col string) (*Histogram, error) {
	d := Ident(col) + "::DOUBLE"
	finite := " FROM " + name + " WHERE isfinite(" + d + ")"
	h := &Histogram{}
	db, err := e.DB()
	if err != nil {
		return nil, err
	}
	var lo, hi *float64
	var n int64
	if err := db.QueryRowContext(ctx, "SELECT min("+d+"), max("+d+"), count(*)"+finite).Scan(&lo, &hi, &n); err != nil {
		return nil, err
	}
	if lo == nil {
		return nil, nil // no finite values
	}
	h.Lo, h.Hi = *lo, *hi
	if h.Lo == h.Hi {
		h.Counts = []int64{n}
		return h, nil
	}
	h.Counts = make([]int64, histogramBins)
	width := (h.Hi - h.Lo) / histogramBins
	bin := fmt.Sprintf("least(greatest(floor((%s - $1) / $2)::BIGINT, 0), %d)", d, histogramBins-1)
	rows, err := e.Query(ctx, "SELECT "+bin+" AS b, count(*)"+finite+" GROUP BY 1", h.Lo, width)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var b, n int64
		if err := rows.Scan(&b, &n); err != nil {
			return nil, err
		}
		h.Counts[b] = n
	}
	return h, rows.Err()
}

// top returns the most frequent values of a text column, ties in value order.
func (e *Engine) top(ctx context.Context, name, col string) ([]TopValue, error) {
	q := Ident(col)
	rows, err := e.Query(ctx, fmt.Sprintf("SELECT %s, count(*) AS n FROM %s WHERE %s IS NOT NULL GROUP BY %s ORDER BY n DESC, %s LIMIT %d",
		q, name, q, q, q, topValues))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var top []TopValue
	for rows.Next() {
		var v TopValue
		if err := rows.Scan(&v.Value, &v.Count); err != nil {
			return nil, err
		}
		top = append(top, v)
	}
	return top, rows.Err()
}

func toInt(v any) int64 {
	if p := toIntPtr(v); p != nil {
		return *p
	}
	return 0
}

func toIntPtr(v any) *int64 {
	var n int64
	switch x := v.(type) {
	case int64:
		n = x
	case int32:
		n = int64(x)
	case uint64:
		n = int64(x)
	case *big.Int: // count_if is a HUGEINT
		n = x.Int64()
	default:
		return nil
	}
	return &n
}

// toFloat keeps finite numbers only: NaN and infinities have no JSON.
func toFloat(v any) *float64 {
	x, ok := v.(float64)
	if !ok || math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	return &x
}
