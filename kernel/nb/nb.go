// Package nb is what notebook cells import to show rich output: `import "cairn/nb"`, then
// nb.Display(nb.HTML("<b>hi</b>")), nb.Update(id, v) to replace a display in place, and
// nb.Progress for progress bars. It is compiled Go, cheap to call often, and safe for
// concurrent use. It does not know the kernel: the kernel installs a Sink at start.
package nb

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"reflect"
	"sync"
	"sync/atomic"
)

// Sink receives every display: data is a MIME bundle; update says it replaces the display
// shown earlier under id. It may be called from any goroutine.
type Sink func(id string, update bool, data map[string]string)

var (
	sinkMu sync.RWMutex
	sink   Sink = printSink
	textOf      = defaultText
)

// SetSink makes s receive every display, and text render values that have no richer form
// (the kernel passes the rendering it uses for cell results). Cells cannot call it: it is
// left out of their symbol table.
func SetSink(s Sink, text func(reflect.Value) string) {
	sinkMu.Lock()
	defer sinkMu.Unlock()
	sink, textOf = s, text
}

func send(id string, update bool, data map[string]string) {
	sinkMu.RLock()
	s := sink
	sinkMu.RUnlock()
	s(id, update, data)
}

// printSink is the sink outside a kernel (a compiled program using nb): text only.
func printSink(_ string, update bool, data map[string]string) {
	if t, ok := data["text/plain"]; ok && !update {
		fmt.Println(t)
	}
}

func defaultText(v reflect.Value) string {
	if !v.IsValid() {
		return "<nil>"
	}
	return fmt.Sprintf("%+v", v.Interface())
}

// Display shows v below the cell, in the richest form it has (see Bundle).
func Display(v any) { send("", false, Bundle(v)) }

// shown holds the display ids Update has shown, so later calls replace them.
var shown sync.Map

// Update shows v under id the first time it is called with that id and replaces that display
// in place afterwards. Any non-empty string is an id; DisplayID makes unique ones.
func Update(id string, v any) {
	if id == "" {
		panic("nb.Update: empty display id (get one from nb.DisplayID())")
	}
	_, seen := shown.LoadOrStore(id, true)
	send(id, seen, Bundle(v))
}

var (
	idPrefix = newPrefix()
	idCount  atomic.Uint64
)

// newPrefix is random per process, so that a restarted kernel's ids cannot collide with
// displays still on screen from the previous one.
func newPrefix() string {
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	return "d" + hex.EncodeToString(b) + "-"
}

// DisplayID returns a new unique display id for Update.
func DisplayID() string { return fmt.Sprint(idPrefix, idCount.Add(1)) }
