package sql

import "context"

// Deep pages of a sorted big result. ORDER BY … OFFSET sorts the whole result again for every
// page (about 1.5 s at row 5,000,000 of 10,000,000); the first pages are cheap (a top-N). So
// past deepOffset in a result of at least bigResult rows, the engine sorts the result once
// into a copy whose rowids follow the order and reads pages as rowid ranges of the copy. Only
// the latest copy is kept: it takes as much memory as its result. Variables for the tests.
var (
	deepOffset = 10_000
	bigResult  = 200_000
)

// sortedCopy records which result and order the copy holds.
type sortedCopy struct {
	handle string
	by     Sort
	name   string
}

// sortedName is the table of t's sorted copy.
func sortedName(t *table) string {
	return t.name + "_sorted"
}

// sortedCopy returns the name of t sorted by order, making the copy unless it is the latest.
func (e *Engine) sortedCopy(ctx context.Context, handle string, t *table, by Sort, order string) (string, error) {
	e.sortMu.Lock()
	defer e.sortMu.Unlock()
	old := e.sorted
	if old != nil && old.handle == handle && old.by == by {
		return old.name, nil
	}
	name := sortedName(t)
	if err := e.Exec(ctx, "CREATE OR REPLACE TABLE "+name+" AS SELECT * FROM "+t.name+" ORDER BY "+order); err != nil {
		return "", err
	}
	e.sorted = &sortedCopy{handle: handle, by: by, name: name}
	if old != nil && old.name != name {
		_ = e.Exec(context.Background(), "DROP TABLE IF EXISTS "+old.name)
	}
	return name, nil
}
