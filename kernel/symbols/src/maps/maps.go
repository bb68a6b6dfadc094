// Package maps is Cairn's interpreted copy of the standard package maps: the same
// functions and behaviour, run by yaegi as source because `yaegi extract` drops generic
// functions. Signatures take map[K]V where the standard ones take M ~map[K]V, and
// sequences as plain func types, because yaegi v0.16.1 cannot infer through constraints or
// generic named types.
package maps

import "iter"

// Equal reports whether two maps contain the same key/value pairs.
func Equal[K, V comparable](m1, m2 map[K]V) bool {
	if len(m1) != len(m2) {
		return false
	}
	for k, v1 := range m1 {
		if v2, ok := m2[k]; !ok || v1 != v2 {
			return false
		}
	}
	return true
}

// EqualFunc is like Equal, but compares values using eq. Keys are still compared with ==.
//
// K2 must be K. It is a type parameter of its own because yaegi v0.16.1 infers type
// arguments field by field, in the order they appear in the parameters: with m2 of type
// map[K]V2 it would take K for V2.
func EqualFunc[K comparable, V1 any, K2 comparable, V2 any](m1 map[K]V1, m2 map[K2]V2, eq func(V1, V2) bool) bool {
	if len(m1) != len(m2) {
		return false
	}
	for k, v1 := range m1 {
		if v2, ok := m2[any(k).(K2)]; !ok || !eq(v1, v2) {
			return false
		}
	}
	return true
}

// Clone returns a copy of m: a shallow clone with new keys and values set by ordinary
// assignment. Clone(nil) is nil.
func Clone[K comparable, V any](m map[K]V) map[K]V {
	if m == nil {
		return nil
	}
	out := make(map[K]V, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// Copy copies all key/value pairs in src adding them to dst, overwriting existing keys.
func Copy[K comparable, V any](dst, src map[K]V) {
	for k, v := range src {
		dst[k] = v
	}
}

// DeleteFunc deletes any key/value pairs from m for which del returns true.
func DeleteFunc[K comparable, V any](m map[K]V, del func(K, V) bool) {
	for k, v := range m {
		if del(k, v) {
			delete(m, k)
		}
	}
}

// All returns an iterator over key-value pairs from m, in no particular order.
func All[K comparable, V any](m map[K]V) iter.Seq2[K, V] {
	return func(yield func(K, V) bool) {
		for k, v := range m {
			if !yield(k, v) {
				return
			}
		}
	}
}

// Keys returns an iterator over keys in m, in no particular order.
func Keys[K comparable, V any](m map[K]V) iter.Seq[K] {
	return func(yield func(K) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// Values returns an iterator over values in m, in no particular order.
func Values[K comparable, V any](m map[K]V) iter.Seq[V] {
	return func(yield func(V) bool) {
		for _, v := range m {
			if !yield(v) {
				return
			}
		}
	}
}

// Insert adds the key-value pairs from seq to m, overwriting existing keys.
func Insert[K comparable, V any](m map[K]V, seq func(yield func(K, V) bool)) {
	seq(func(k K, v V) bool {
		m[k] = v
		return true
	})
}

// Collect collects key-value pairs from seq into a new map and returns it.
func Collect[K comparable, V any](seq func(yield func(K, V) bool)) map[K]V {
	m := make(map[K]V)
	Insert(m, seq)
	return m
}
