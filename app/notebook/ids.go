package notebook

import (
	"crypto/rand"
	"fmt"
)

const idAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789"

// NewID returns a fresh random cell id: 8 lowercase letters and digits,
// starting with a letter. The caller makes sure it is unused (a clash is
// about one in 10^12).
func NewID() string {
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on supported platforms
	}
	for i := range b {
		n := len(idAlphabet)
		if i == 0 {
			n = 26
		}
		b[i] = idAlphabet[int(b[i])%n]
	}
	return string(b)
}

// validID reports whether id can be a cell id: ASCII letters, digits, '_',
// '-' and '.', not starting with '-' or '.', at most 64 bytes.
func validID(id string) bool {
	if id == "" || len(id) > 64 || id[0] == '-' || id[0] == '.' {
		return false
	}
	for i := 0; i < len(id); i++ {
		if !isKeyByte(id[i], false) {
			return false
		}
	}
	return true
}

// assignIDs checks explicit ids for clashes and names the cells without one
// (NameCells). lines[i] is where cell i starts.
func assignIDs(cells []*Cell, lines []int) error {
	first := map[string]int{}
	for i, c := range cells {
		if c.ID == "" {
			continue
		}
		if l, dup := first[c.ID]; dup {
			return errorf(lines[i], "duplicate cell id %q (first used on line %d)", c.ID, l)
		}
		first[c.ID] = lines[i]
	}
	NameCells(cells)
	return nil
}

// NameCells gives every cell without an id one derived from its kind and position ("md1",
// "go2", "sql3"), avoiding the ids the cells have, so the same cells always get the same
// ids. Importers from other formats use it too.
func NameCells(cells []*Cell) {
	used := map[string]bool{}
	for _, c := range cells {
		used[c.ID] = c.ID != ""
	}
	for i, c := range cells {
		if c.ID != "" {
			continue
		}
		prefix := c.Lang
		if c.Kind == KindMarkdown {
			prefix = "md"
		}
		id := fmt.Sprintf("%s%d", prefix, i+1)
		for k := 2; used[id]; k++ {
			id = fmt.Sprintf("%s%d-%d", prefix, i+1, k)
		}
		c.ID, used[id] = id, true
	}
}

// ValidID reports whether id can be a cell id (see validID), for importers that make up
// ids for cells from other formats.
func ValidID(id string) bool { return validID(id) }
