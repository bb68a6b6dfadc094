package typeinfo

import (
	"go/types"
	"strings"
	"testing"
	"testing/fstest"
)

func TestGenericSourcePackage(t *testing.T) {
	imp := newStdImporter()
	c := check(t, imp, `
import ("example.com/gen"; "strconv"; "strings")
func f() {
	ys := gen.Map([]int{1, 2}, strconv.Itoa)
	lens := gen.Map(ys, func(s string) int { return len(s) })
	total := gen.Sum(1.5, 2)
	n := gen.Sum(lens...)
	p := gen.Pair[string, int]{Key: "a", Val: 1}
	var b *strings.Builder = gen.Upper("x")
	_, _, _ = total, n, b
	_ = p
}`).ok(t)
	c.wantType(t, "ys", "[]string")
	c.wantType(t, "lens", "[]int")
	c.wantType(t, "total", "float64")
	c.wantType(t, "n", "int")
	c.wantType(t, "p", "example.com/gen.Pair[string, int]")

	// gen.Upper's *strings.Builder is the compiled strings.Builder the table describes.
	upper := lookup(t, imp, "example.com/gen", "Upper").Type().(*types.Signature)
	builder := lookup(t, imp, "strings", "Builder").Type()
	if upper.Results().At(0).Type().(*types.Pointer).Elem() != builder {
		t.Error("source package sees a different strings.Builder")
	}

	check(t, imp, `
import "example.com/gen"
var s = gen.Sum("a", "b")`).wantErr(t, "string does not satisfy gen.Number")
}

func TestSourcePackageErrors(t *testing.T) {
	imp := newStdImporter()
	_, err := imp.Import("example.com/broken")
	if err == nil || !strings.Contains(err.Error(), `source package "example.com/broken" does not type-check`) ||
		!strings.Contains(err.Error(), "broken.go:4") {
		t.Errorf("broken package error = %v", err)
	}
	// The failure is remembered, and does not spoil other imports.
	if _, err2 := imp.Import("example.com/broken"); err2 == nil || err2.Error() != err.Error() {
		t.Errorf("second import error = %v", err2)
	}
	if _, err := imp.Import("example.com/gen"); err != nil {
		t.Errorf("gen after broken: %v", err)
	}
	if _, err := imp.Import("example.com/cycle"); err == nil || !strings.Contains(err.Error(), "import cycle") {
		t.Errorf("cycle error = %v", err)
	}
}

func TestSourceFilesystemEdgeCases(t *testing.T) {
	fsys := fstest.MapFS{
		"src/a/a.go":       {Data: []byte("package a\nfunc F() int { return 1 }\n")},
		"src/a/README.md":  {Data: []byte("not Go")},
		"src/empty/doc.md": {Data: []byte("no Go here")},
		"src/two/x.go":     {Data: []byte("package x\n")},
		"src/two/y.go":     {Data: []byte("package y\n")},
		"src/syntax/s.go":  {Data: []byte("package s\nfunc (\n")},
	}
	imp := NewImporter(nil, fsys)
	if pkg, err := imp.Import("a"); err != nil || pkg.Scope().Lookup("F") == nil {
		t.Errorf("import a = %v, %v", pkg, err)
	}
	for path, want := range map[string]string{
		"empty":  "no Go files",
		"two":    "found packages x and y",
		"syntax": "src/syntax/s.go:2",
		"nope":   "not available",
	} {
		if _, err := imp.Import(path); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("import %s: error %v, want it to contain %q", path, err, want)
		}
	}
	if pkg, err := NewImporter(nil, nil).Import("unsafe"); err != nil || pkg != types.Unsafe {
		t.Errorf("unsafe = %v, %v", pkg, err)
	}
}
