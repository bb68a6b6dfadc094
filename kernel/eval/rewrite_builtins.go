package eval

import (
	"go/ast"
	"go/constant"
	"go/parser"
	"go/token"
	"go/types"
	"slices"
	"strconv"
	"strings"
)

// call rewrites the Go 1.21 builtins yaegi lacks (min, max, clear) and spells out the
// inferred type arguments of generic function calls: yaegi's own inference fails on
// results-only type parameters, untyped constants and some stdlib generics (measured:
// Map(xs, func(int) string) infers R = int; slices.Reverse(xs) fails to compile), while it
// runs the explicit instantiation.
func (rw *rewriter) call(n *ast.CallExpr) ast.Expr {
	if x := rw.errorsAs(n); x != nil {
		return x
	}
	rw.keepMethods(n)
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
	return rw.instantiate(n)
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
// In the initializer of a global, yaegi rejects an explicitly instantiated function of
// another package ("not a generic type", measured), so such a top-level statement is marked
// to be split into typed declarations and an assignment (see splitGlobals).
func (rw *rewriter) instantiate(n *ast.CallExpr) ast.Expr {
	if rw.info == nil {
		return n
	}
	var id *ast.Ident
	switch f := n.Fun.(type) {
	case *ast.Ident:
		id = f
	case *ast.SelectorExpr:
		id = f.Sel
	default:
		return n // already explicit (F[int](x)), or not a named function
	}
	inst, ok := rw.info.Instances[id]
	if !ok || inst.TypeArgs.Len() == 0 {
		return n
	}
	if fn, ok := rw.info.Uses[id].(*types.Func); !ok || fn.Type().(*types.Signature).Recv() != nil {
		return n
	}
	pos := n.Pos()
	args := make([]ast.Expr, inst.TypeArgs.Len())
	for i := range args {
		if args[i], ok = rw.typeExpr(inst.TypeArgs.At(i), pos); !ok {
			return n // leave it to yaegi's inference
		}
	}
	if len(args) == 1 {
		n.Fun = &ast.IndexExpr{X: n.Fun, Lbrack: pos, Index: args[0], Rbrack: pos}
	} else {
		n.Fun = &ast.IndexListExpr{X: n.Fun, Lbrack: pos, Indices: args, Rbrack: pos}
	}
	if rw.inits > 0 && len(rw.funcs) == 0 {
		rw.split[rw.top] = true
	}
	return n
}

// splitGlobals rewrites the marked top-level statements x, y := f[T](...) and
// var x, y = f[T](...) into var x X; var y Y; x, y = f[T](...), which yaegi runs (measured;
// wrapping the call in a function instead breaks yaegi's cached instance for later cells).
// Comma-ok definitions at top level (v, ok := m[k]) are split the same way (isCommaOK).
func (rw *rewriter) splitGlobals(list []ast.Stmt) []ast.Stmt {
	var out []ast.Stmt
	for _, s := range list {
		if !rw.split[s] {
			out = append(out, s)
			continue
		}
		switch s := s.(type) {
		case *ast.AssignStmt:
			out = append(out, rw.declareAssign(s.Pos(), s.Lhs, nil, s.Rhs, s)...)
		case *ast.DeclStmt:
			for _, spec := range s.Decl.(*ast.GenDecl).Specs {
				vs := spec.(*ast.ValueSpec)
				lhs := make([]ast.Expr, len(vs.Names))
				for i, id := range vs.Names {
					lhs[i] = id
				}
				keep := &ast.DeclStmt{Decl: &ast.GenDecl{TokPos: vs.Pos(), Tok: token.VAR, Specs: []ast.Spec{vs}}}
				out = append(out, rw.declareAssign(vs.Pos(), lhs, vs.Type, vs.Values, keep)...)
			}
		default:
			out = append(out, s) // compound: it runs in a function (finish.go)
		}
	}
	return out
}

// declareAssign is var x X; ...; x, ... = rhs, or orig when a type is unknown.
func (rw *rewriter) declareAssign(pos token.Pos, lhs []ast.Expr, typ ast.Expr, rhs []ast.Expr, orig ast.Stmt) []ast.Stmt {
	if len(rhs) == 0 {
		return []ast.Stmt{orig}
	}
	var ts []types.Type
	if len(rhs) == 1 && len(lhs) > 1 {
		if tuple, ok := rw.typeOf(rhs[0]).(*types.Tuple); ok {
			for i := range tuple.Len() {
				ts = append(ts, tuple.At(i).Type())
			}
		}
	} else {
		for _, x := range rhs {
			ts = append(ts, rw.typeOf(x))
		}
	}
	if len(ts) != len(lhs) {
		return []ast.Stmt{orig}
	}
	var out []ast.Stmt
	lhs = slices.Clone(lhs) // orig keeps its own, for the give-ups below
	for i, x := range lhs {
		id, ok := x.(*ast.Ident)
		if !ok {
			continue
		}
		if id.Name == "_" { // yaegi mis-assigns "_" among globals (measured): a hidden name instead
			id = &ast.Ident{NamePos: id.NamePos, Name: rw.name("blank")}
			lhs[i] = id
		}
		t := typ
		if t == nil {
			if ts[i] == nil {
				return []ast.Stmt{orig}
			}
			if t, ok = rw.typeExpr(types.Default(ts[i]), pos); !ok {
				return []ast.Stmt{orig}
			}
		}
		out = append(out, varDecl(pos, t, id.Name))
	}
	return append(out, assign(pos, lhs, token.ASSIGN, rhs...))
}

// commaOKDefine reports v, ok := x or var v, ok = x with a comma-ok x.
func commaOKDefine(n ast.Node) bool {
	switch n := n.(type) {
	case *ast.AssignStmt:
		return n.Tok == token.DEFINE && len(n.Lhs) == 2 && len(n.Rhs) == 1 && isCommaOK(n.Rhs[0])
	case *ast.ValueSpec:
		return len(n.Names) == 2 && len(n.Values) == 1 && isCommaOK(n.Values[0])
	}
	return false
}

// isCommaOK reports a comma-ok expression: a map index, a type assertion or a receive. yaegi
// v0.16.1 panics ("nil type") compiling one that defines globals, v, ok := m[k] or
// var v, ok = x.(T), in any cell (measured); assigning to declared globals works.
func isCommaOK(x ast.Expr) bool {
	switch x := ast.Unparen(x).(type) {
	case *ast.IndexExpr, *ast.TypeAssertExpr:
		return true
	case *ast.UnaryExpr:
		return x.Op == token.ARROW
	}
	return false
}
