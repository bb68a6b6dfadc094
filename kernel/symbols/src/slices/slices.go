// Package slices is Cairn's interpreted copy of the standard package slices: the same
// functions and behaviour, run by yaegi as source because `yaegi extract` drops generic
// functions. Signatures take []E where the standard ones take S ~[]E, because yaegi
// v0.16.1 cannot infer E from S's constraint; results are []E, assignable to named slices.
package slices

import "cmp"

// Equal reports whether two slices have the same length and equal elements.
// Floating point NaNs are not considered equal.
func Equal[E comparable](s1, s2 []E) bool {
	if len(s1) != len(s2) {
		return false
	}
	for i := range s1 {
		if s1[i] != s2[i] {
			return false
		}
	}
	return true
}

// EqualFunc reports whether two slices are equal using eq on each pair of elements.
func EqualFunc[E1, E2 any](s1 []E1, s2 []E2, eq func(E1, E2) bool) bool {
	if len(s1) != len(s2) {
		return false
	}
	for i, v1 := range s1 {
		if !eq(v1, s2[i]) {
			return false
		}
	}
	return true
}

// Compare compares the elements of s1 and s2 with cmp.Compare, in order; the result is
// 0 if s1 == s2, -1 if s1 < s2, and +1 if s1 > s2. A shorter prefix is less.
//
// S is a type parameter of its own (not []E) so that this function's instances differ
// from cmp.Compare's: yaegi caches generic instances by function name and type arguments.
func Compare[E cmp.Ordered, S ~[]E](s1 []E, s2 S) int {
	for i, v1 := range s1 {
		if i >= len(s2) {
			return +1
		}
		if c := cmp.Compare(v1, s2[i]); c != 0 {
			return c
		}
	}
	if len(s1) < len(s2) {
		return -1
	}
	return 0
}

// CompareFunc is like Compare but uses a custom comparison function on each pair.
func CompareFunc[E1, E2 any](s1 []E1, s2 []E2, cmp func(E1, E2) int) int {
	for i, v1 := range s1 {
		if i >= len(s2) {
			return +1
		}
		if c := cmp(v1, s2[i]); c != 0 {
			return c
		}
	}
	if len(s1) < len(s2) {
		return -1
	}
	return 0
}

// Index returns the index of the first occurrence of v in s, or -1 if not present.
func Index[E comparable](s []E, v E) int {
	for i := range s {
		if v == s[i] {
			return i
		}
	}
	return -1
}

// IndexFunc returns the first index i satisfying f(s[i]), or -1 if none do.
func IndexFunc[E any](s []E, f func(E) bool) int {
	for i := range s {
		if f(s[i]) {
			return i
		}
	}
	return -1
}

// Contains reports whether v is present in s.
func Contains[E comparable](s []E, v E) bool {
	return Index(s, v) >= 0
}

// ContainsFunc reports whether at least one element e of s satisfies f(e).
func ContainsFunc[E any](s []E, f func(E) bool) bool {
	return IndexFunc(s, f) >= 0
}

// Insert inserts the values v... into s at index i and returns the modified slice.
// It panics if i is out of range.
func Insert[E any](s []E, i int, v ...E) []E {
	_ = s[i:] // bounds check
	tail := append([]E(nil), s[i:]...)
	s = append(s[:i], v...)
	return append(s, tail...)
}

// Delete removes the elements s[i:j] from s and returns the modified slice, zeroing the
// elements between the new and the old length. It panics if s[i:j] is not a valid slice.
func Delete[E any](s []E, i, j int) []E {
	_ = s[i:j:len(s)] // bounds check
	if i == j {
		return s
	}
	n := len(s)
	s = append(s[:i], s[j:]...)
	clearTail(s, n)
	return s
}

// DeleteFunc removes the elements for which del returns true and returns the modified
// slice, zeroing the elements between the new and the old length.
func DeleteFunc[E any](s []E, del func(E) bool) []E {
	n := len(s)
	out := s[:0]
	for _, v := range s {
		if !del(v) {
			out = append(out, v)
		}
	}
	clearTail(out, n)
	return out
}

// Replace replaces s[i:j] by v and returns the modified slice. It panics if s[i:j] is not
// a valid slice.
func Replace[E any](s []E, i, j int, v ...E) []E {
	_ = s[i:j] // bounds check
	n := len(s)
	tail := append([]E(nil), s[j:]...)
	s = append(s[:i], v...)
	s = append(s, tail...)
	if len(s) < n {
		clearTail(s, n)
	}
	return s
}

// clearTail zeroes s[len(s):n] so that removed elements do not keep values alive.
func clearTail[E any](s []E, n int) {
	var zero E
	full := s[:n]
	for k := len(s); k < n; k++ {
		full[k] = zero
	}
}

// Clone returns a copy of the slice; the result may have additional unused capacity.
// Clone(nil) is nil.
func Clone[E any](s []E) []E {
	if s == nil {
		return nil
	}
	return append([]E{}, s...)
}

// Compact replaces consecutive runs of equal elements with a single copy and returns
// the modified slice, zeroing the elements between the new and the old length.
func Compact[E comparable](s []E) []E {
	return CompactFunc(s, func(a, b E) bool { return a == b })
}

// CompactFunc is like Compact but uses eq to compare elements; it keeps the first
// element of each run.
func CompactFunc[E any](s []E, eq func(E, E) bool) []E {
	if len(s) < 2 {
		return s
	}
	n := len(s)
	out := s[:1]
	for k := 1; k < n; k++ {
		if !eq(out[len(out)-1], s[k]) {
			out = append(out, s[k])
		}
	}
	clearTail(out, n)
	return out
}

// Grow increases the slice's capacity, if necessary, to guarantee space for another n
// elements. It panics if n is negative.
func Grow[E any](s []E, n int) []E {
	if n < 0 {
		panic("cannot be negative")
	}
	if n -= cap(s) - len(s); n > 0 {
		s = append(s[:cap(s)], make([]E, n)...)[:len(s)]
	}
	return s
}

// Clip removes unused capacity from the slice, returning s[:len(s):len(s)].
func Clip[E any](s []E) []E {
	return s[:len(s):len(s)]
}

// Reverse reverses the elements of the slice in place.
func Reverse[E any](s []E) {
	for i, j := 0, len(s)-1; i < j; i, j = i+1, j-1 {
		s[i], s[j] = s[j], s[i]
	}
}

// Concat returns a new slice concatenating the passed in slices; nil if all are empty.
//
// first is a separate parameter because yaegi v0.16.1 cannot infer type arguments from a
// variadic parameter alone: Concat(a, b) works, Concat(parts...) does not.
func Concat[E any](first []E, rest ...[]E) []E {
	size := len(first)
	for _, s := range rest {
		size += len(s)
	}
	if size == 0 {
		return nil
	}
	out := append(make([]E, 0, size), first...)
	for _, s := range rest {
		out = append(out, s...)
	}
	return out
}

// Repeat returns a new slice that repeats x count times. It panics if count is negative.
func Repeat[E any](x []E, count int) []E {
	if count < 0 {
		panic("cannot be negative")
	}
	out := make([]E, 0, len(x)*count)
	for k := 0; k < count; k++ {
		out = append(out, x...)
	}
	return out
}
