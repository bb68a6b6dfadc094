package eval

import (
	"go/ast"
	"go/types"
)

// yaegi hands a compiled function (fmt.Println, the display hook Out) the result of a call to
// interpreted code without the methods of its cell-declared type: fmt.Println(Make()) prints
// {7} where Go prints S(7), and a cell ending in s.Double() shows the struct, not its String
// (measured, also in plain yaegi). A conversion keeps them, so such an argument g() becomes
// T(g()).

// keepMethods converts the arguments of n that need it when n calls another package's code.
func (rw *rewriter) keepMethods(n *ast.CallExpr) {
	if rw.info == nil || !rw.compiled(n.Fun) {
		return
	}
	for i, a := range n.Args {
		if x := rw.converted(a); x != nil {
			n.Args[i] = x
		}
	}
}

// converted is T(a) when a is a call (not a conversion) whose type T, or *T, is declared by
// the cells and has methods; else nil.
func (rw *rewriter) converted(a ast.Expr) ast.Expr {
	c, ok := ast.Unparen(a).(*ast.CallExpr)
	if !ok {
		return nil
	}
	if tv, ok := rw.info.Types[c.Fun]; !ok || tv.IsType() {
		return nil
	}
	t := rw.typeOf(a)
	if !cellMethods(t) {
		return nil
	}
	typ, ok := rw.typeExpr(t, a.Pos())
	if !ok {
		return nil
	}
	if _, ptr := t.(*types.Pointer); ptr {
		typ = &ast.ParenExpr{Lparen: a.Pos(), X: typ, Rparen: a.Pos()}
	}
	return &ast.CallExpr{Fun: typ, Lparen: a.Pos(), Args: []ast.Expr{a}, Rparen: a.End()}
}

// cellMethods reports a cellType with methods.
func cellMethods(t types.Type) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := t.(*types.Named)
	return ok && cellType(n) && n.NumMethods() > 0
}

// compiled reports a callee of another package than the cells' (fmt.Println, a method of a
// compiled type such as (*json.Encoder).Encode).
func (rw *rewriter) compiled(fun ast.Expr) bool {
	f, ok := ast.Unparen(fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	obj := rw.info.Uses[f.Sel]
	if sel, ok := rw.info.Selections[f]; ok {
		obj = sel.Obj()
	}
	return obj != nil && obj.Pkg() != nil && obj.Pkg().Path() != "main"
}
