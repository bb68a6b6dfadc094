//go:build !cgo

package main

// golearnForest is skipped without cgo: golearn's ensemble package links liblinear.
func golearnForest(_, _ task, _, _ int, _ string) result {
	return result{name: "golearn RandomForest", ref: "sk_rf", note: "skipped: built without cgo"}
}
