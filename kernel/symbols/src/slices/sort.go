package slices

import (
	"cmp"
	"sort"
)

// Sort sorts a slice of any ordered type in ascending order; NaNs come first.
// []int, []float64 and []string are sorted by compiled code; other types call back into
// the interpreter for each comparison.
func Sort[E cmp.Ordered](x []E) {
	switch s := any(x).(type) {
	case []int:
		sort.Ints(s)
	case []float64:
		sort.Float64s(s)
	case []string:
		sort.Strings(s)
	default:
		sort.Slice(x, func(i, j int) bool { return cmp.Less(x[i], x[j]) })
	}
}

// SortFunc sorts the slice x in ascending order as determined by cmp, which returns a
// negative number when a < b, a positive number when a > b and zero when a == b. The
// sort is not guaranteed to be stable.
func SortFunc[E any](x []E, cmp func(a, b E) int) {
	sort.Slice(x, func(i, j int) bool { return cmp(x[i], x[j]) < 0 })
}

// SortStableFunc sorts x like SortFunc, keeping the original order of equal elements.
func SortStableFunc[E any](x []E, cmp func(a, b E) int) {
	sort.SliceStable(x, func(i, j int) bool { return cmp(x[i], x[j]) < 0 })
}

// IsSorted reports whether x is sorted in ascending order.
func IsSorted[E cmp.Ordered](x []E) bool {
	for i := len(x) - 1; i > 0; i-- {
		if cmp.Less(x[i], x[i-1]) {
			return false
		}
	}
	return true
}

// IsSortedFunc reports whether x is sorted in ascending order, with cmp as in SortFunc.
func IsSortedFunc[E any](x []E, cmp func(a, b E) int) bool {
	for i := len(x) - 1; i > 0; i-- {
		if cmp(x[i], x[i-1]) < 0 {
			return false
		}
	}
	return true
}

// Min returns the minimal value in x. It panics if x is empty. For floating-point
// numbers, Min propagates NaNs (any NaN value in x forces the output to be NaN).
func Min[E cmp.Ordered](x []E) E {
	if len(x) < 1 {
		panic("slices.Min: empty list")
	}
	m := x[0]
	for _, v := range x {
		if isNaNElem(v) {
			return v
		}
		if v < m {
			m = v
		}
	}
	return m
}

// MinFunc returns the first minimal value in x, using cmp. It panics if x is empty.
func MinFunc[E any](x []E, cmp func(a, b E) int) E {
	if len(x) < 1 {
		panic("slices.MinFunc: empty list")
	}
	m := x[0]
	for i := 1; i < len(x); i++ {
		if cmp(x[i], m) < 0 {
			m = x[i]
		}
	}
	return m
}

// Max returns the maximal value in x. It panics if x is empty. For floating-point E,
// Max propagates NaNs (any NaN value in x forces the output to be NaN).
func Max[E cmp.Ordered](x []E) E {
	if len(x) < 1 {
		panic("slices.Max: empty list")
	}
	m := x[0]
	for _, v := range x {
		if isNaNElem(v) {
			return v
		}
		if v > m {
			m = v
		}
	}
	return m
}

// MaxFunc returns the first maximal value in x, using cmp. It panics if x is empty.
func MaxFunc[E any](x []E, cmp func(a, b E) int) E {
	if len(x) < 1 {
		panic("slices.MaxFunc: empty list")
	}
	m := x[0]
	for i := 1; i < len(x); i++ {
		if cmp(x[i], m) > 0 {
			m = x[i]
		}
	}
	return m
}

// BinarySearch searches for target in a sorted slice and returns the earliest position
// where target is found, or the position where it would appear in the sort order, and a
// bool saying whether the target is really found. x must be sorted in increasing order.
func BinarySearch[E cmp.Ordered](x []E, target E) (int, bool) {
	n := len(x)
	i, j := 0, n
	for i < j {
		h := int(uint(i+j) >> 1)
		if cmp.Less(x[h], target) {
			i = h + 1
		} else {
			j = h
		}
	}
	return i, i < n && (x[i] == target || (isNaNElem(x[i]) && isNaNElem(target)))
}

// BinarySearchFunc works like BinarySearch, but uses cmp, which returns 0 if the slice
// element matches the target, a negative number if it precedes it and a positive number
// if it follows it. x must be sorted in the order cmp defines.
func BinarySearchFunc[E, T any](x []E, target T, cmp func(E, T) int) (int, bool) {
	n := len(x)
	i, j := 0, n
	for i < j {
		h := int(uint(i+j) >> 1)
		if cmp(x[h], target) < 0 {
			i = h + 1
		} else {
			j = h
		}
	}
	return i, i < n && cmp(x[i], target) == 0
}

// isNaNElem reports whether v is a NaN. Its name differs from cmp's isNaN because yaegi
// caches generic instances by function name and type arguments across packages.
func isNaNElem[E cmp.Ordered](v E) bool {
	return v != v
}
