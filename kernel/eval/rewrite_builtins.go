package eval

import (
	"go/ast"
	"go/constant"
	"go/parser"
	"go/token"
	"go/types"
	"strconv"
	"strings"
)

// call rewrites the Go 1.21 builtins yaegi lacks (min, max, clear) and spells out the
// inferred type arguments of generic function calls: yaegi's own inference fails on
// results-only type parameters, untyped constants and some stdlib generics (measured:
// Map(xs, func(int) string) infers R = int; slices.Reverse(xs) fails to compile), while it
// runs the explicit instantiation.
func (rw *rewriter) call(n *ast.CallExpr) ast.Expr {
	if id, ok := n.Fun.(*ast.Ident); ok && rw.info != nil {
		if _, builtin := rw.info.Uses[id].(*types.Builtin); builtin {
			switch id.Name {
			case "min", "max":
				return rw.minMax(n, id.Name == "min")
			case "clear":
				n.Fun = hook("Clear", id.Pos())
			}
			return n
		}
	}
	rw.instantiate(n)
	return n
}

// minMax: a constant call becomes its value; otherwise
// func() T { m := T(a); if v := T(b); v < m || v != v { m = v }; ...; return m }()
// (v != v only for floats: a NaN argument makes the result NaN, as in Go).
func (rw *rewriter) minMax(n *ast.CallExpr, isMin bool) ast.Expr {
	pos := n.Pos()
	tv, ok := rw.info.Types[n]
	if !ok || tv.Type == nil || tv.Type == types.Typ[types.Invalid] || len(n.Args) == 0 {
		rw.failTyped(n, "this call")
		return n
	}
	if tv.Value != nil {
		if x, ok := rw.constant(tv, pos); ok {
			return x
		}
	}
	typ, ok := rw.typeExpr(tv.Type, pos)
	if !ok {
		rw.fail(pos, "cannot name the type %s of this call", tv.Type)
		return n
	}
	op := token.GTR
	if isMin {
		op = token.LSS
	}
	float := false
	if b, ok := tv.Type.Underlying().(*types.Basic); ok {
		float = b.Info()&types.IsFloat != 0
	}
	m := rw.name("m")
	body := []ast.Stmt{assign(pos, idents(pos, m), token.DEFINE, call(typ, pos, n.Args[0]))}
	for _, a := range n.Args[1:] {
		v := rw.name("v")
		var cond ast.Expr = binary(ident(v, pos), op, ident(m, pos))
		if float {
			cond = binary(cond, token.LOR, binary(ident(v, pos), token.NEQ, ident(v, pos)))
		}
		st := ifStmt(pos, cond, assign(pos, idents(pos, m), token.ASSIGN, ident(v, pos)))
		st.Init = assign(pos, idents(pos, v), token.DEFINE, call(typ, pos, a))
		body = append(body, st)
	}
	body = append(body, ret(pos, ident(m, pos)))
	return call(funcLit(pos, fields(pos), fields(pos, field(typ)), body...), pos)
}

// constant writes a constant value as a literal, converted to its type when typed.
func (rw *rewriter) constant(tv types.TypeAndValue, pos token.Pos) (ast.Expr, bool) {
	var text string
	switch v := tv.Value; v.Kind() {
	case constant.String:
		text = strconv.Quote(constant.StringVal(v))
	case constant.Float:
		f, _ := constant.Float64Val(v)
		text = strconv.FormatFloat(f, 'g', -1, 64)
		if !strings.ContainsAny(text, ".eIN") {
			text += ".0" // stay a float constant
		}
	default:
		text = v.ExactString()
	}
	x, err := parser.ParseExpr(text)
	if err != nil {
		return nil, false
	}
	setPos(x, pos)
	if isUntyped(tv.Type) {
		return x, true
	}
	typ, ok := rw.typeExpr(tv.Type, pos)
	return call(typ, pos, x), ok
}

// instantiate turns F(args) into F[T1, T2](args) when go/types inferred F's type arguments.
func (rw *rewriter) instantiate(n *ast.CallExpr) {
	if rw.info == nil {
		return
	}
	var id *ast.Ident
	switch f := n.Fun.(type) {
	case *ast.Ident:
		id = f
	case *ast.SelectorExpr:
		id = f.Sel
	default:
		return // already explicit (F[int](x)), or not a named function
	}
	inst, ok := rw.info.Instances[id]
	if !ok || inst.TypeArgs.Len() == 0 {
		return
	}
	if fn, ok := rw.info.Uses[id].(*types.Func); !ok || fn.Type().(*types.Signature).Recv() != nil {
		return
	}
	pos := n.Pos()
	args := make([]ast.Expr, inst.TypeArgs.Len())
	for i := range args {
		if args[i], ok = rw.typeExpr(inst.TypeArgs.At(i), pos); !ok {
			return // leave it to yaegi's inference
		}
	}
	if len(args) == 1 {
		n.Fun = &ast.IndexExpr{X: n.Fun, Lbrack: pos, Index: args[0], Rbrack: pos}
	} else {
		n.Fun = &ast.IndexListExpr{X: n.Fun, Lbrack: pos, Indices: args, Rbrack: pos}
	}
}
