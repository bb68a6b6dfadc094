package typeinfo

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"strings"
	"testing"

	"github.com/traefik/yaegi/stdlib"
)

// newStdImporter is an importer over yaegi's stdlib table and the testdata source tree.
func newStdImporter() *Importer {
	return NewImporter(stdlib.Symbols, os.DirFS("testdata"))
}

// checked is a type-checked cell.
type checked struct {
	info *types.Info
	errs []error
}

// check type-checks src (a file body after the package clause) and collects every error.
func check(t testing.TB, imp types.Importer, src string) checked {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "cell.go", "package cell\n"+src, parser.SkipObjectResolution)
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	var c checked
	c.info = &types.Info{
		Types: map[ast.Expr]types.TypeAndValue{},
		Defs:  map[*ast.Ident]types.Object{},
		Uses:  map[*ast.Ident]types.Object{},
	}
	conf := types.Config{Importer: imp, Error: func(err error) { c.errs = append(c.errs, err) }}
	_, _ = conf.Check("cell", fset, []*ast.File{f}, c.info) // errors are collected above
	return c
}

// ok fails the test when the cell had errors.
func (c checked) ok(t testing.TB) checked {
	t.Helper()
	for _, err := range c.errs {
		t.Errorf("unexpected error: %v", err)
	}
	return c
}

// wantErr fails the test unless some error contains every fragment.
func (c checked) wantErr(t testing.TB, fragments ...string) {
	t.Helper()
	for _, err := range c.errs {
		all := true
		for _, f := range fragments {
			all = all && strings.Contains(err.Error(), f)
		}
		if all {
			return
		}
	}
	t.Errorf("want an error containing %q, got %v", fragments, c.errs)
}

// def returns the object a cell declares under name.
func (c checked) def(t testing.TB, name string) types.Object {
	t.Helper()
	for id, obj := range c.info.Defs {
		if id.Name == name && obj != nil {
			return obj
		}
	}
	t.Fatalf("%s is not declared in the cell", name)
	return nil
}

// typeString is the type of name as go/types prints it, qualified by package path.
func (c checked) typeString(t testing.TB, name string) string {
	t.Helper()
	return c.def(t, name).Type().String()
}

// wantType asserts the printed type of a declared name.
func (c checked) wantType(t testing.TB, name, want string) {
	t.Helper()
	if got := c.typeString(t, name); got != want {
		t.Errorf("type of %s = %s, want %s", name, got, want)
	}
}

// lookup returns a package-level object of an imported package.
func lookup(t testing.TB, imp types.Importer, path, name string) types.Object {
	t.Helper()
	pkg, err := imp.Import(path)
	if err != nil {
		t.Fatalf("import %s: %v", path, err)
	}
	obj := pkg.Scope().Lookup(name)
	if obj == nil {
		t.Fatalf("%s.%s not found", path, name)
	}
	return obj
}
