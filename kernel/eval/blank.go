package eval

import (
	"fmt"
	"reflect"
	"sync"
	"unsafe"

	"github.com/traefik/yaegi/interp"
)

// yaegi v0.16.1 keeps a top-level "_" as a global symbol with the type of its first use and
// reuses it: after `x, _ := strconv.Atoi(s)` in one cell, `v, _ := m[k]` in a later one fails
// to compile ("nil type") and `_ = chart` panics (reflect.Set). So before each compile the
// evaluator deletes "_" from the main package's scope, and every use is the first again. The
// value an old "_" held stays in its frame slot: one per statement that assigned to "_".
type blankSym struct {
	scopes reflect.Value // interp.scopes: map[string]*scope, by package path
	mu     *sync.RWMutex // interp.mutex: guards scopes
}

func newBlankSym(in *interp.Interpreter, mu *sync.RWMutex) (*blankSym, error) {
	f := reflect.ValueOf(in).Elem().FieldByName("scopes")
	if !f.IsValid() || f.Kind() != reflect.Map {
		return nil, fmt.Errorf("yaegi's Interpreter has no scopes map: unsupported yaegi version")
	}
	sc, ok := f.Type().Elem().Elem().FieldByName("sym")
	if !ok || sc.Type.Kind() != reflect.Map || sc.Type.Key().Kind() != reflect.String {
		return nil, fmt.Errorf("yaegi's scope has no sym map: unsupported yaegi version")
	}
	return &blankSym{scopes: reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem(), mu: mu}, nil
}

// forget deletes the main package's "_".
func (b *blankSym) forget() {
	b.mu.Lock()
	defer b.mu.Unlock()
	sc := b.scopes.MapIndex(reflect.ValueOf("main"))
	if !sc.IsValid() || sc.IsNil() {
		return // no cell has run yet
	}
	f := sc.Elem().FieldByName("sym")
	sym := reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem()
	sym.SetMapIndex(reflect.ValueOf("_"), reflect.Value{})
}
