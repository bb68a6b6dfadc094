package eval

import (
	"go/ast"
	"go/token"
	"go/types"
)

// rangeFunc rewrites range over a function (Go 1.23 iterators):
//
//	for k, v := range seq { body }
//
// becomes
//
//	{
//		var ret bool; var r0 R0 // only if body returns; R0... are the function's results
//		ctl := 0                // only if body breaks or continues an outer loop
//		seq(func(k K, v V) bool { { body' }; return true })
//		if ret { return r0 }
//		if ctl == 1 { break Outer }
//	}
//
// where in body' this loop's continue is `return true`, its break `return false`, a return
// stores the results and returns false, and a branch to an outer loop sets ctl and returns
// false. Inner loops were rewritten first (the walk is post-order), so their dispatch
// statements are handled like user code. goto out of the body and defer in it are refused.
func (rw *rewriter) rangeFunc(n *ast.RangeStmt, sig *types.Signature) ast.Stmt {
	pos := n.For
	if sig.Params().Len() != 1 || sig.Results().Len() != 0 {
		return n // not an iterator: yaegi reports it
	}
	yield, ok := sig.Params().At(0).Type().Underlying().(*types.Signature)
	if !ok || yield.Params().Len() > 2 || yield.Results().Len() != 1 {
		return n
	}
	var params []*ast.Field
	var copies []ast.Stmt
	vars := []ast.Expr{n.Key, n.Value}
	if k := yield.Params().Len(); k < 2 && vars[k] != nil {
		rw.fail(vars[k].Pos(), "range over %s permits only %d iteration variables", types.ExprString(n.X), k)
		return n
	}
	for i := 0; i < yield.Params().Len(); i++ {
		typ, ok := rw.typeExpr(yield.Params().At(i).Type(), pos)
		if !ok {
			rw.fail(pos, "cannot name the type %s this iterator yields", yield.Params().At(i).Type())
			return n
		}
		name := "_"
		if id, ok := vars[i].(*ast.Ident); ok && n.Tok == token.DEFINE {
			name = id.Name
		} else if vars[i] != nil && n.Tok == token.ASSIGN {
			name = rw.name("v")
			copies = append(copies, assign(pos, []ast.Expr{vars[i]}, token.ASSIGN, ident(name, pos)))
		}
		params = append(params, field(typ, ident(name, pos)))
	}

	x := &exits{rw: rw, pos: pos, own: rw.labels[n], inner: labelsIn(n.Body)}
	if len(rw.funcs) > 0 {
		x.results = rw.funcs[len(rw.funcs)-1].Results
	}
	body := n.Body
	for i, s := range body.List {
		body.List[i] = edit(s, x.pre, x.post).(ast.Stmt)
	}
	if x.err {
		return n
	}
	retarget(body, x.own, func(b *ast.BranchStmt) ast.Stmt {
		return ret(b.TokPos, ident(map[token.Token]string{token.BREAK: "false", token.CONTINUE: "true"}[b.Tok], b.TokPos))
	})

	yieldFn := funcLit(pos, fields(pos, params...), fields(pos, field(ident("bool", pos))),
		append(copies, body, ret(pos, ident("true", pos)))...)
	out := block(pos)
	if x.ret != "" {
		out.List = append(out.List, varDecl(pos, ident("bool", pos), x.ret))
		for i, r := range x.vars {
			out.List = append(out.List, varDecl(pos, x.types[i], r.(*ast.Ident).Name))
		}
	}
	if x.ctl != "" {
		out.List = append(out.List, assign(pos, idents(pos, x.ctl), token.DEFINE, intLit(0, pos)))
	}
	out.List = append(out.List, exprStmt(call(n.X, pos, yieldFn)))
	if x.ret != "" {
		out.List = append(out.List, ifStmt(pos, ident(x.ret, pos), ret(pos, x.vars...)))
	}
	for i, b := range x.branches {
		out.List = append(out.List, ifStmt(pos, binary(ident(x.ctl, pos), token.EQL, intLit(i+1, pos)), b))
	}
	rw.unlabel[out] = true
	return out
}

// exits rewrites the statements of a range-over-func body that leave the loop other than
// through its own break and continue: returns and branches to outer labels.
type exits struct {
	rw       *rewriter
	pos      token.Pos
	own      *ast.Ident      // the loop's label, or nil
	inner    map[string]bool // labels defined inside the body
	results  *ast.FieldList  // of the enclosing function
	ret      string          // name of the "returned" flag, once needed
	vars     []ast.Expr      // result variables
	types    []ast.Expr
	ctl      string     // name of the control variable, once needed
	branches []ast.Stmt // branch for ctl == i+1
	err      bool
}

func (x *exits) pre(n ast.Node) bool {
	_, lit := n.(*ast.FuncLit)
	return !lit && !x.err
}

func (x *exits) post(n ast.Node) ast.Node {
	switch s := n.(type) {
	case *ast.DeferStmt:
		x.fail(s.Pos(), "defer inside a loop over a function is not supported; move it out of the loop")
	case *ast.BranchStmt:
		if s.Label == nil || x.inner[s.Label.Name] || x.own != nil && s.Label.Name == x.own.Name {
			return n // stays inside the body, or is this loop's own (see retarget)
		}
		if s.Tok == token.GOTO {
			x.fail(s.Pos(), "goto out of a loop over a function is not supported")
			return n
		}
		if x.ctl == "" {
			x.ctl = x.rw.name("ctl")
		}
		x.branches = append(x.branches, s)
		return block(s.Pos(), assign(s.Pos(), idents(s.Pos(), x.ctl), token.ASSIGN, intLit(len(x.branches), s.Pos())),
			ret(s.Pos(), ident("false", s.Pos())))
	case *ast.ReturnStmt:
		return x.returnStmt(s)
	}
	return n
}

func (x *exits) returnStmt(s *ast.ReturnStmt) ast.Stmt {
	pos := s.Pos()
	if x.ret == "" {
		x.ret = x.rw.name("ret")
		if x.results != nil {
			for _, f := range x.results.List {
				for range max(1, len(f.Names)) {
					x.vars = append(x.vars, ident(x.rw.name("r"), x.pos))
					x.types = append(x.types, f.Type)
				}
			}
		}
	}
	list := []ast.Stmt{assign(pos, idents(pos, x.ret), token.ASSIGN, ident("true", pos))}
	if len(s.Results) > 0 {
		list = append(list, assign(pos, x.vars, token.ASSIGN, s.Results...))
	} else if len(x.vars) > 0 { // bare return with named results: return them as they are then
		var named []ast.Expr
		for _, f := range x.results.List {
			for _, id := range f.Names {
				named = append(named, ident(id.Name, pos))
			}
		}
		list = append(list, assign(pos, x.vars, token.ASSIGN, named...))
	}
	return block(pos, append(list, ret(pos, ident("false", pos)))...)
}

func (x *exits) fail(pos token.Pos, msg string) {
	x.rw.fail(pos, "%s", msg)
	x.err = true
}

// labelsIn lists the labels declared in body outside function literals.
func labelsIn(body ast.Node) map[string]bool {
	labels := map[string]bool{}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.LabeledStmt:
			labels[n.Label.Name] = true
		}
		return true
	})
	return labels
}

func varDecl(pos token.Pos, typ ast.Expr, name string) ast.Stmt {
	return &ast.DeclStmt{Decl: &ast.GenDecl{TokPos: pos, Tok: token.VAR,
		Specs: []ast.Spec{&ast.ValueSpec{Names: []*ast.Ident{ident(name, pos)}, Type: typ}}}}
}
