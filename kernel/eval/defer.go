package eval

import (
	"go/ast"
	"go/token"
	"go/types"
)

// A defer among a cell's top-level statements runs when the cell ends, last first, as in a
// function. yaegi alone would attach it to the global frame and run it after every later
// run, so the rewriter turns it into a call of the Defer hook with the deferred call, its
// function and arguments evaluated where the defer stands; Eval runs the kept calls after
// the cell's last run, also when a run failed (not when it was interrupted).

// deferred is a kept call and the position of its defer statement.
type deferred struct {
	call      func()
	line, col int
}

// deferStmt rewrites the top-level `defer f(a, b)` into
// __cairn.Defer(line, col, func(p0 F, p1 A, p2 B) func() { return func() { p0(p1, p2) } }(f, a, b)):
// f and its arguments are evaluated where the defer stands and passed as parameters, which
// stay apart in each loop iteration (variables a closure captures from a loop body do not in
// yaegi, measured). Constant arguments and builtins' names (not values) stay in the call.
// Without types, the values go to hidden variables of a block instead (right outside loops).
func (rw *rewriter) deferStmt(n *ast.DeferStmt) ast.Stmt {
	pos := n.Pos()
	c := *n.Call
	var params []*ast.Field
	var values []ast.Expr
	var list []ast.Stmt // the untyped form's hidden variables
	typed := rw.info != nil
	keep := func(x ast.Expr) ast.Expr {
		v := ident(rw.name("defer"), x.Pos())
		if t := rw.typeOf(x); typed && t != nil {
			if typ, ok := rw.typeExpr(types.Default(t), x.Pos()); ok {
				params, values = append(params, field(typ, v)), append(values, x)
				return ident(v.Name, x.Pos())
			}
		}
		typed = false
		list = append(list, assign(x.Pos(), []ast.Expr{ident(v.Name, x.Pos())}, token.DEFINE, x))
		return ident(v.Name, x.Pos())
	}
	if id, ok := ast.Unparen(c.Fun).(*ast.Ident); !ok || !builtin(id, rw.info) {
		c.Fun = keep(c.Fun)
	}
	c.Args = make([]ast.Expr, len(n.Call.Args))
	for i, a := range n.Call.Args {
		if isConstant(a, rw.info) {
			c.Args[i] = a
		} else {
			c.Args[i] = keep(a)
		}
	}
	later := ast.Expr(funcLit(pos, fields(pos), nil, exprStmt(&c)))
	if typed {
		thunk := &ast.FuncType{Func: pos, Params: fields(pos)}
		later = call(funcLit(pos, fields(pos, params...), fields(pos, field(thunk)), ret(pos, later)), pos, values...)
	}
	p := rw.e.fset.Position(pos)
	list = append(list, exprStmt(call(hook("Defer", pos), pos, intLit(p.Line, pos), intLit(p.Column, pos), later)))
	if len(list) == 1 {
		return list[0]
	}
	return block(pos, list...)
}

// builtin reports a predeclared function's name (close, delete, panic, println, ...).
func builtin(id *ast.Ident, info *types.Info) bool {
	if info != nil {
		if obj := info.Uses[id]; obj != nil {
			_, ok := obj.(*types.Builtin)
			return ok
		}
	}
	_, ok := types.Universe.Lookup(id.Name).(*types.Builtin)
	return ok
}

// isConstant reports an argument that is a constant (a literal when types are unknown).
func isConstant(x ast.Expr, info *types.Info) bool {
	if info != nil {
		if tv, ok := info.Types[x]; ok {
			return tv.Value != nil
		}
	}
	_, lit := ast.Unparen(x).(*ast.BasicLit)
	return lit
}
