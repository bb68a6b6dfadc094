package typeinfo

import (
	"go/constant"
	"go/types"
	"math"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"unsafe"

	"github.com/traefik/yaegi/interp"
)

// oddExports is a symbol table with entries that cannot all be represented.
func oddExports() interp.Exports {
	old := 7
	fn := func(int) string { return "" }
	hidden := reflect.ValueOf(struct{ c constant.Value }{constant.MakeInt64(1)}).Field(0)
	return interp.Exports{"example.com/odd/odd": {
		"_Wrapper":  reflect.ValueOf((*struct{})(nil)),
		"Invalid":   {},
		"Unknown":   reflect.ValueOf(constant.MakeUnknown()),
		"Hidden":    hidden, // Interface() panics: skipped, not fatal
		"1bad":      reflect.ValueOf(1),
		"NaN":       reflect.ValueOf(math.NaN()),
		"Nil":       reflect.ValueOf(unsafe.Pointer(nil)),
		"OldVar":    reflect.ValueOf(&old),
		"FuncVar":   reflect.ValueOf(&fn).Elem(),
		"Fn":        reflect.ValueOf(func(chan func() error, ...[]byte) {}),
		"Value":     reflect.ValueOf(struct{ A int }{}),
		"Small":     reflect.ValueOf(int8(-3)),
		"Cplx":      reflect.ValueOf(complex(1, 2)),
		"UntypedC":  reflect.ValueOf(constant.MakeImag(constant.MakeInt64(2))),
		"Ints":      reflect.ValueOf((*[]int)(nil)),
		"P":         reflect.ValueOf((*atomic.Pointer[int])(nil)),
		"MaxUint":   reflect.ValueOf(uint64(math.MaxUint64)),
		"Truth":     reflect.ValueOf(true),
		"Precision": reflect.ValueOf(float32(0.1)),
		"SplitSeq":  reflect.ValueOf(strings.SplitSeq), // returns the instantiated iter.Seq[string]
	}}
}

func TestOddSymbolsAreSkippedNotFatal(t *testing.T) {
	imp := NewImporter(oddExports(), nil)
	pkg, err := imp.Import("example.com/odd")
	if err != nil {
		t.Fatal(err)
	}
	if pkg.Name() != "odd" || !pkg.Complete() {
		t.Errorf("package %s complete=%v", pkg.Name(), pkg.Complete())
	}
	for _, name := range []string{"_Wrapper", "Invalid", "Unknown", "Hidden", "1bad"} {
		if pkg.Scope().Lookup(name) != nil {
			t.Errorf("%s should have been skipped", name)
		}
	}
	want := map[string]string{
		"NaN":       "var example.com/odd.NaN float64",
		"Nil":       "var example.com/odd.Nil unsafe.Pointer",
		"OldVar":    "var example.com/odd.OldVar int",
		"FuncVar":   "var example.com/odd.FuncVar func(int) string",
		"Fn":        "func example.com/odd.Fn(chan func() error, ...[]uint8)",
		"Value":     "var example.com/odd.Value struct{A int}",
		"Small":     "const example.com/odd.Small int8 = -3",
		"Cplx":      "const example.com/odd.Cplx complex128 = (1 + 2i)",
		"UntypedC":  "const example.com/odd.UntypedC untyped complex = (0 + 2i)",
		"Ints":      "type example.com/odd.Ints = []int",
		"P":         "type example.com/odd.P = sync/atomic.Pointer[int]",
		"MaxUint":   "const example.com/odd.MaxUint uint64 = 18446744073709551615",
		"Truth":     "const example.com/odd.Truth bool = true",
		"Precision": "const example.com/odd.Precision float32 = 0.1",
	}
	for name, s := range want {
		obj := pkg.Scope().Lookup(name)
		if obj == nil {
			t.Errorf("%s is missing", name)
			continue
		}
		got := types.ObjectString(obj, nil)
		if c, ok := obj.(*types.Const); ok {
			got += " = " + c.Val().String()
		}
		if got != s {
			t.Errorf("%s = %s, want %s", name, got, s)
		}
	}
	c := check(t, imp, `
import "example.com/odd"
func f() {
	var p odd.P
	x := p.Load()
	var xs odd.Ints = []int{1}
	var s string = odd.FuncVar(odd.OldVar)
	for part := range odd.SplitSeq("a,b", ",") { _ = part }
	_, _, _ = x, xs, s
}`).ok(t)
	c.wantType(t, "x", "*int")
	c.wantType(t, "part", "string")
	seq := pkg.Scope().Lookup("SplitSeq").Type().(*types.Signature).Results().At(0).Type()
	if seq.String() != "iter.Seq[string]" {
		t.Errorf("SplitSeq returns %s", seq)
	}
}

func TestNothingBuiltBeforeImport(t *testing.T) {
	imp := newStdImporter()
	if len(imp.conv.named) != 0 || len(imp.conv.pkgs) != 0 {
		t.Fatal("NewImporter built packages eagerly")
	}
	if _, err := imp.Import("strings"); err != nil {
		t.Fatal(err)
	}
	if _, built := imp.done["net/http"]; built {
		t.Error("importing strings built net/http")
	}
	if n := len(imp.conv.named); n > 100 {
		t.Errorf("importing strings built %d named types", n)
	}
}
