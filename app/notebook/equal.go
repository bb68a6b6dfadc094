package notebook

import (
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Equal reports whether two notebooks have the same content: meta data
// (including front matter keys Cairn does not know), cells, options and
// outputs. Layout details (line endings, YAML formatting) do not count, and
// a nil slice or map equals an empty one.
func Equal(a, b *Notebook) bool {
	if !metaEqual(a.Meta, b.Meta) || a.extraKeys() != b.extraKeys() {
		return false
	}
	return slices.EqualFunc(a.Cells, b.Cells, cellEqual)
}

func cellEqual(a, b *Cell) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.ID == b.ID && a.Kind == b.Kind && a.Lang == b.Lang && a.Source == b.Source &&
		slices.Equal(a.Options, b.Options) && slices.EqualFunc(a.Outputs, b.Outputs, outputEqual)
}

func outputEqual(a, b Output) bool {
	if a.Kind != b.Kind || a.Name != b.Name || a.Text != b.Text || len(a.Data) != len(b.Data) {
		return false
	}
	for k, v := range a.Data {
		if w, ok := b.Data[k]; !ok || v != w {
			return false
		}
	}
	return true
}

var knownKeys = map[string]bool{"format": true, "title": true, "problem": true, "params": true, "kernel": true, "save": true}

// extraKeys renders the front matter keys Cairn does not know, by value.
func (nb *Notebook) extraKeys() string {
	if nb.front == nil {
		return ""
	}
	root := rootMapping(nb.front.doc)
	if root == nil {
		return ""
	}
	var b strings.Builder
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if k.Kind == yaml.ScalarNode && knownKeys[k.Value] {
			continue
		}
		var key, val any
		if k.Decode(&key) != nil {
			key = k.Value
		}
		if v.Decode(&val) != nil {
			val = v.Value
		}
		fmt.Fprintf(&b, "%#v: %#v\n", key, val)
	}
	return b.String()
}
