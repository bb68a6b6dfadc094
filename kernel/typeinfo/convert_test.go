package typeinfo

import (
	"bytes"
	"go/types"
	"io"
	"reflect"
	"testing"
	"time"

	"github.com/traefik/yaegi/interp"
	"github.com/traefik/yaegi/stdlib"
)

// node is a recursive named type: converting it must terminate.
type node struct {
	Name string `json:"name"`
	Next *node
	Kids []node
	ByID map[string]*node
	seen bool
}

func (n node) Len() int     { return len(n.Kids) }
func (n *node) Add(k node)  { n.Kids = append(n.Kids, k) }
func (n *node) find() *node { return n.Next } // unexported: reflect cannot see it
var _ = (*node).find

func TestTypeOfUnnamed(t *testing.T) {
	imp := newStdImporter()
	cases := []struct {
		v    any
		want string
	}{
		{map[string][]float64{}, "map[string][]float64"},
		{[]*int{}, "[]*int"},
		{[3]byte{}, "[3]uint8"},
		{(func(string, ...int) (bool, error))(nil), "func(string, ...int) (bool, error)"},
		{make(chan<- int), "chan<- int"},
		{make(<-chan string), "<-chan string"},
		{make(chan struct{}), "chan struct{}"},
		{struct {
			A int `k:"v"`
			b string
		}{}, "struct{A int \"k:\\\"v\\\"\"; b string}"},
		{new(any), "*interface{}"},
		{new(error), "*error"},
		{uintptr(0), "uintptr"},
	}
	for _, c := range cases {
		if got := imp.TypeOf(reflect.TypeOf(c.v)).String(); got != c.want {
			t.Errorf("TypeOf(%T) = %s, want %s", c.v, got, c.want)
		}
	}
	unexported := imp.TypeOf(reflect.TypeOf(struct{ b int }{})).(*types.Struct).Field(0)
	if unexported.Pkg() == nil || unexported.Pkg().Path() != reflect.TypeOf(node{}).PkgPath() {
		t.Errorf("unexported field b belongs to %v", unexported.Pkg())
	}
	if got := imp.TypeOf(nil); got != types.Typ[types.Invalid] {
		t.Errorf("TypeOf(nil) = %v", got)
	}
}

func TestTypeOfRecursiveAndMethods(t *testing.T) {
	imp := newStdImporter()
	typ := imp.TypeOf(reflect.TypeOf(node{seen: true}))
	n, ok := typ.(*types.Named)
	if !ok {
		t.Fatalf("TypeOf(node) = %T", typ)
	}
	st := n.Underlying().(*types.Struct)
	if st.NumFields() != 5 || st.Tag(0) != `json:"name"` {
		t.Fatalf("node struct = %s", st)
	}
	if next := st.Field(1).Type().(*types.Pointer).Elem(); next != n {
		t.Errorf("Next points to %v, not the same named node", next)
	}
	if kids := st.Field(2).Type().(*types.Slice).Elem(); kids != n {
		t.Errorf("Kids element is %v", kids)
	}
	if st.Field(4).Exported() {
		t.Error("field seen should be unexported")
	}
	// Len has a value receiver, Add a pointer one: node has Len only, *node both.
	if ms := types.NewMethodSet(n); ms.Len() != 1 || ms.At(0).Obj().Name() != "Len" {
		t.Errorf("method set of node = %v", ms)
	}
	if ms := types.NewMethodSet(types.NewPointer(n)); ms.Len() != 2 {
		t.Errorf("method set of *node = %v", ms)
	}
	if imp.TypeOf(reflect.TypeOf(&node{})).(*types.Pointer).Elem() != n {
		t.Error("second conversion of node gave a different object")
	}
}

func TestTypeOfMatchesImportedObjects(t *testing.T) {
	imp := newStdImporter()
	// Convert first, import later: both must meet on one object.
	got := imp.TypeOf(reflect.TypeOf(time.Duration(0)))
	if want := lookup(t, imp, "time", "Duration").Type(); got != want {
		t.Errorf("TypeOf(time.Duration) = %p, imported = %p", got, want)
	}
	buf := imp.TypeOf(reflect.TypeOf(&bytes.Buffer{}))
	writer := lookup(t, imp, "io", "Writer").Type()
	if !types.AssignableTo(buf, writer) {
		t.Error("*bytes.Buffer is not assignable to io.Writer")
	}
	if types.AssignableTo(imp.TypeOf(reflect.TypeOf(bytes.Buffer{})), writer) {
		t.Error("bytes.Buffer (not a pointer) should not implement io.Writer")
	}
	rw := imp.TypeOf(reflect.TypeOf((*io.ReadWriter)(nil)).Elem())
	if iface := rw.Underlying().(*types.Interface); iface.NumMethods() != 2 {
		t.Errorf("io.ReadWriter = %v", iface)
	}
	// A named type of a package missing from the table still converts, in its own package.
	ti := NewImporter(nil, nil).TypeOf(reflect.TypeOf(time.Month(1)))
	if n, ok := ti.(*types.Named); !ok || n.Obj().Pkg().Path() != "time" || n.NumMethods() == 0 {
		t.Errorf("time.Month without a table = %v", ti)
	}
}

// Types of interpreter values: yaegi builds interpreted types as unnamed reflect types
// (unexported field y becomes Xy, named C float64 is plain float64) and recursive ones as
// unnamed types that contain themselves, which must neither loop nor crash.
func TestTypeOfInterpreterValues(t *testing.T) {
	i := interp.New(interp.Options{})
	if err := i.Use(stdlib.Symbols); err != nil {
		t.Fatal(err)
	}
	_, err := i.Eval(`import "time"
type P struct { X float64; When time.Time; y string }
type N struct { V int; Next *N }
type C float64
var p = P{X: 1}
var n = &N{V: 1}
var c = C(2)`)
	if err != nil {
		t.Fatal(err)
	}
	imp := newStdImporter()
	typeOf := func(name string) types.Type {
		v, err := i.Eval(name)
		if err != nil {
			t.Fatal(err)
		}
		return imp.TypeOf(v.Type())
	}
	c := check(t, imp, `
import "time"
var p struct{ X float64; When time.Time; Xy string }`).ok(t)
	if got := typeOf("p"); !types.Identical(got, c.def(t, "p").Type()) {
		t.Errorf("TypeOf(p) = %v, not identical to the cell's struct", got)
	}
	if got := typeOf("c"); got != types.Typ[types.Float64] {
		t.Errorf("TypeOf(c) = %v", got)
	}
	rec, ok := typeOf("n").(*types.Named)
	if !ok || rec.Obj().Name() != "recursive" {
		t.Fatalf("TypeOf(n) = %v, want the cycle broken by a named type", typeOf("n"))
	}
	st := rec.Underlying().(*types.Pointer).Elem().(*types.Struct)
	if st.NumFields() != 2 || st.Field(1).Type() != rec {
		t.Errorf("recursive struct = %v", st)
	}
}

func TestGuessName(t *testing.T) {
	for path, want := range map[string]string{
		"github.com/go-echarts/go-echarts/v2": "goecharts",
		"gonum.org/v1/gonum/mat":              "mat",
		"math/rand/v2":                        "rand",
		"fmt":                                 "fmt",
	} {
		if got := guessName(path); got != want {
			t.Errorf("guessName(%q) = %q, want %q", path, got, want)
		}
	}
}
