// Package gen is a generic helper package shipped as source, as kernel/symbols ships its own.
package gen

import "strings"

// Number is a constraint written here because yaegi symbol tables cannot carry cmp.Ordered.
type Number interface {
	~int | ~int64 | ~float64
}

// Map applies f to every element of xs.
func Map[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

// Sum adds numbers.
func Sum[T Number](xs ...T) T {
	var s T
	for _, x := range xs {
		s += x
	}
	return s
}

// Pair holds two values.
type Pair[K comparable, V any] struct {
	Key K
	Val V
}

// Upper uses a compiled package from the symbol table.
func Upper(s string) *strings.Builder {
	var b strings.Builder
	b.WriteString(strings.ToUpper(s))
	return &b
}
