package eval

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
)

// A defer among a cell's top-level statements runs when the cell ends, last first, as in a
// function. yaegi alone would attach it to the global frame and run it after every later
// run, so the evaluator rewrites it: the function and its arguments are evaluated where the
// defer stands, into hidden variables, and __cairn.Defer keeps the call; Eval runs the kept
// calls after the cell's last run, also when a run failed (not when it was interrupted).

// deferred is a kept call and the position of its defer statement.
type deferred struct {
	call      func()
	line, col int
}

// deferStmt rewrites the top-level `defer f(a, b)` into
// { d := f; d0 := a; d1 := b; __cairn.Defer(line, col, func() { d(d0, d1) }) }. Constant
// arguments stay in the call (a captured untyped constant would take its default type), and
// so do builtins' names, which are not values.
func (e *Evaluator) deferStmt(n *ast.DeferStmt, info *types.Info) ast.Stmt {
	pos := n.Pos()
	e.defers.n++
	name := fmt.Sprintf("__cairn_defer%d", e.defers.n)
	var list []ast.Stmt
	keep := func(x ast.Expr, suffix string) ast.Expr {
		v := name + suffix
		list = append(list, assign(x.Pos(), idents(x.Pos(), v), token.DEFINE, x))
		return ident(v, x.Pos())
	}
	c := *n.Call
	if id, ok := ast.Unparen(c.Fun).(*ast.Ident); !ok || !builtin(id, info) {
		c.Fun = keep(c.Fun, "")
	}
	c.Args = make([]ast.Expr, len(n.Call.Args))
	for i, a := range n.Call.Args {
		if isConstant(a, info) {
			c.Args[i] = a
		} else {
			c.Args[i] = keep(a, fmt.Sprintf("_%d", i))
		}
	}
	p := e.fset.Position(pos)
	later := funcLit(pos, fields(pos), nil, exprStmt(&c))
	list = append(list, exprStmt(call(hook("Defer", pos), pos, intLit(p.Line, pos), intLit(p.Column, pos), later)))
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
