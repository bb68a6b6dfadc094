// Package iter is Cairn's interpreted copy of the standard package iter: yaegi v0.16.1
// cannot use generic types from compiled code, so cells get these source definitions.
// Pull and Pull2 are left out (they need the runtime's coroutines; a goroutine stand-in
// would let a panic inside the sequence crash the kernel).
package iter

// Seq is an iterator over sequences of individual values.
type Seq[V any] func(yield func(V) bool)

// Seq2 is an iterator over sequences of pairs of values.
type Seq2[K, V any] func(yield func(K, V) bool)
