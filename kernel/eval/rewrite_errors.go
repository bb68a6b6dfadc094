package eval

import (
	"go/ast"
	"go/parser"
	"go/types"
)

// errors.As(err, &target) with a target of a cell's type panics in yaegi ("*target must be
// interface or implement error"): reflect sees no methods on interpreted types. Interpreted
// code can still test an error with a type assertion, so such a call becomes asTemplate: it
// walks the tree errors.As walks (Unwrap chains, errors.Join), its arguments evaluated once and
// its names hidden. The hook Unwraps gives an error's children: interpreted code cannot
// assert a compiled error to interface{ Unwrap() []error } (measured).
const asTemplate = `func(__cairn_err error, __cairn_target *TYPE) bool {
	var __cairn_as func(error) bool
	__cairn_as = func(__cairn_e error) bool {
		if __cairn_t, __cairn_ok := __cairn_e.(TYPE); __cairn_ok {
			*__cairn_target = __cairn_t
			return true
		}
		for _, __cairn_x := range __cairn.Unwraps(__cairn_e) {
			if __cairn_as(__cairn_x) {
				return true
			}
		}
		return false
	}
	return __cairn_err != nil && __cairn_as(__cairn_err)
}(ERR, TARGET)`

// unwraps is the Unwraps hook: the errors err wraps, by Unwrap() error or Unwrap() []error.
func unwraps(err error) []error {
	switch u := err.(type) {
	case interface{ Unwrap() []error }:
		return u.Unwrap()
	case interface{ Unwrap() error }:
		if w := u.Unwrap(); w != nil {
			return []error{w}
		}
	}
	return nil
}

// errorsAs rewrites n when it is errors.As with a target of a cell-declared type; else nil.
func (rw *rewriter) errorsAs(n *ast.CallExpr) ast.Expr {
	sel, ok := n.Fun.(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "As" || len(n.Args) != 2 || rw.info == nil {
		return nil
	}
	pkg, ok := sel.X.(*ast.Ident)
	if !ok {
		return nil
	}
	if pn, ok := rw.info.Uses[pkg].(*types.PkgName); !ok || pn.Imported().Path() != "errors" {
		return nil
	}
	ptr, ok := rw.typeOf(n.Args[1]).(*types.Pointer)
	if !ok || !cellType(ptr.Elem()) {
		return nil
	}
	typ, ok := rw.typeExpr(ptr.Elem(), n.Pos())
	if !ok {
		return nil
	}
	x, err := parser.ParseExpr(asTemplate)
	if err != nil {
		panic(err) // the template is constant
	}
	setPos(x, n.Pos())
	parts := map[string]ast.Expr{"TYPE": typ, "TARGET": n.Args[1], "ERR": n.Args[0]}
	return edit(x, func(ast.Node) bool { return true }, func(m ast.Node) ast.Node {
		if id, ok := m.(*ast.Ident); ok && parts[id.Name] != nil {
			return parts[id.Name]
		}
		return m
	}).(ast.Expr)
}

// cellType reports a named non-interface type declared by the cells (package main), or a
// pointer to one. Instances of generic types are not: yaegi cannot name them in rewritten
// code ("type not found: main.Stack[int]", measured).
func cellType(t types.Type) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := t.(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "main" && !types.IsInterface(n) && n.TypeArgs().Len() == 0
}
