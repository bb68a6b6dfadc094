package eval

import (
	"go/ast"
	"go/token"
	"go/types"
)

func isIntLit(x ast.Expr) bool {
	lit, ok := ast.Unparen(x).(*ast.BasicLit)
	return ok && (lit.Kind == token.INT || lit.Kind == token.CHAR)
}

// rangeInt: for k := range n { body } becomes
// for i, lim := T(0), T(n); i < lim; i++ { k := i; { body } } — n evaluated once, k fresh
// in each iteration, and assigning to k in the body does not change the iteration.
func (rw *rewriter) rangeInt(n *ast.RangeStmt, t types.Type) ast.Stmt {
	pos := n.For
	i, lim := rw.name("i"), rw.name("n")
	if isUntyped(t) && n.Tok == token.ASSIGN && n.Key != nil {
		t = rw.typeOf(n.Key) // for k = range 10 with k an int64: the constant is an int64
	}
	zero, x := ast.Expr(intLit(0, pos)), n.X
	if t != nil && !isUntyped(t) {
		typ, ok := rw.typeExpr(t, pos)
		if !ok {
			rw.fail(pos, "cannot name the type %s of this range expression", t)
			return n
		}
		zero, x = call(typ, pos, zero), call(typ, pos, x)
	}
	body := n.Body
	if id, ok := n.Key.(*ast.Ident); !ok || id.Name != "_" {
		if n.Key != nil {
			body = block(body.Lbrace, assign(pos, []ast.Expr{n.Key}, n.Tok, ident(i, pos)), body)
		}
	}
	return &ast.ForStmt{For: pos,
		Init: assign(pos, idents(pos, i, lim), token.DEFINE, zero, x),
		Cond: binary(ident(i, pos), token.LSS, ident(lim, pos)),
		Post: &ast.IncDecStmt{X: ident(i, pos), TokPos: pos, Tok: token.INC},
		Body: body}
}

func isUntyped(t types.Type) bool {
	b, ok := t.(*types.Basic)
	return ok && b.Info()&types.IsUntyped != 0
}
