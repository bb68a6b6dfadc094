//go:build plan9

package gen

// Excluded by its build constraint: it would redeclare Map.
func Map() {}
