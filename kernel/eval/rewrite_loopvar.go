package eval

import (
	"go/ast"
	"go/token"
	"go/types"
)

// forStmt gives a three-clause loop per-iteration variables (Go 1.22) when its body
// captures them (closures, &i, method calls that may take &i); other loops keep the cheaper
// shared variable, which they cannot tell from a fresh one.
//
//	for i := 0; i < n; i++ { body }
//
// becomes
//
//	for i := 0; i < n; i++ { p := &i; i := *p; { body }; next: *p = i }
//
// The body's i is a fresh variable each iteration; its last value is copied back before the
// post statement, as the Go spec says; `continue` in the body becomes `goto next` so the
// copy happens then too. (Inside a function yaegi makes a fresh variable for each
// execution of `:=`, measured; top-level loops run inside one, see finish.go.)
func (rw *rewriter) forStmt(n *ast.ForStmt) ast.Stmt {
	init, ok := n.Init.(*ast.AssignStmt)
	if !ok || init.Tok != token.DEFINE || !rw.captures(n.Body, init.Lhs...) {
		return n
	}
	pos := n.Body.Lbrace
	var ptrs, vars, derefs, addrs []ast.Expr
	for _, x := range init.Lhs {
		id, ok := x.(*ast.Ident)
		if !ok || id.Name == "_" {
			continue
		}
		p := rw.name("p")
		ptrs = append(ptrs, ident(p, pos))
		vars = append(vars, ident(id.Name, pos))
		derefs = append(derefs, &ast.StarExpr{Star: pos, X: ident(p, pos)})
		addrs = append(addrs, &ast.UnaryExpr{OpPos: pos, Op: token.AND, X: ident(id.Name, pos)})
	}
	label := rw.name("next")
	body := n.Body
	continues := retarget(body, rw.labels[n], func(b *ast.BranchStmt) ast.Stmt {
		if b.Tok != token.CONTINUE {
			return nil
		}
		return &ast.BranchStmt{TokPos: b.TokPos, Tok: token.GOTO, Label: ident(label, b.TokPos)}
	})
	var copyBack ast.Stmt = assign(pos, derefs, token.ASSIGN, vars...)
	if continues {
		copyBack = &ast.LabeledStmt{Label: ident(label, pos), Colon: pos, Stmt: copyBack}
	}
	n.Body = block(pos,
		assign(pos, ptrs, token.DEFINE, addrs...),
		assign(pos, vars, token.DEFINE, derefs...),
		body,
		copyBack)
	return n
}

// rangeCopies gives a range loop (over a slice, map, string or channel) per-iteration
// variables when its body captures them:
//
//	for k, v := range x { k := k; v := v; { body } }
//
// Inside a function (top-level statements run in one, see finish.go) yaegi makes each :=
// a fresh variable.
func (rw *rewriter) rangeCopies(n *ast.RangeStmt) ast.Stmt {
	if n.Tok != token.DEFINE || !rw.captures(n.Body, n.Key, n.Value) {
		return n
	}
	pos := n.Body.Lbrace
	var list []ast.Stmt
	for _, x := range []ast.Expr{n.Key, n.Value} {
		if id, ok := x.(*ast.Ident); ok && id.Name != "_" {
			list = append(list, assign(pos, idents(pos, id.Name), token.DEFINE, ident(id.Name, pos)))
		}
	}
	n.Body = block(pos, append(list, n.Body)...)
	return n
}

// captures reports whether body may keep a reference to one of the named variables beyond
// an iteration: a function literal mentions it, its address is taken, or one of its methods
// is used (a pointer receiver takes its address; without type information any selector on
// it counts).
func (rw *rewriter) captures(body ast.Node, vars ...ast.Expr) bool {
	names := map[string]bool{}
	for _, x := range vars {
		if id, ok := x.(*ast.Ident); ok && id.Name != "_" {
			names[id.Name] = true
		}
	}
	if len(names) == 0 {
		return false
	}
	mentions := func(n ast.Node) bool {
		found := false
		ast.Inspect(n, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && names[id.Name] {
				found = true
			}
			return !found
		})
		return found
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			found = found || mentions(n.Body)
			return false
		case *ast.UnaryExpr:
			found = found || n.Op == token.AND && mentions(n.X)
		case *ast.SelectorExpr:
			if id, ok := n.X.(*ast.Ident); ok && names[id.Name] {
				sel, known := rw.selection(n)
				found = !known || sel.Kind() != types.FieldVal
			}
		}
		return !found
	})
	return found
}

func (rw *rewriter) selection(n *ast.SelectorExpr) (*types.Selection, bool) {
	if rw.info == nil {
		return nil, false
	}
	sel, ok := rw.info.Selections[n]
	return sel, ok
}

// retarget replaces the break and continue statements of body that leave the loop owning
// body (label is the loop's label, or nil) with what f returns for them (nil keeps one). It
// does not enter function literals; unlabeled statements inside nested loops (and, for
// break, switch and select) belong to those. It reports whether anything was replaced.
func retarget(body *ast.BlockStmt, label *ast.Ident, f func(*ast.BranchStmt) ast.Stmt) bool {
	replaced := false
	loops, breakers := 0, 0 // nesting inside body
	pre := func(n ast.Node) bool {
		switch n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ForStmt, *ast.RangeStmt:
			loops++
			breakers++
		case *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
			breakers++
		}
		return true
	}
	post := func(n ast.Node) ast.Node {
		switch b := n.(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			loops--
			breakers--
		case *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
			breakers--
		case *ast.BranchStmt:
			mine := false
			switch {
			case b.Label != nil:
				mine = label != nil && b.Label.Name == label.Name
			case b.Tok == token.CONTINUE:
				mine = loops == 0
			case b.Tok == token.BREAK:
				mine = breakers == 0
			}
			if mine {
				if s := f(b); s != nil {
					replaced = true
					return s
				}
			}
		}
		return n
	}
	for i, s := range body.List {
		body.List[i] = edit(s, pre, post).(ast.Stmt)
	}
	return replaced
}
