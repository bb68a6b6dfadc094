package eval

import (
	"go/ast"
	"go/token"
)

// trailing is the cell's last top-level statement when it is an expression statement.
func (c *cell) trailing() *ast.ExprStmt {
	if len(c.runs) == 0 {
		return nil
	}
	r := c.runs[len(c.runs)-1]
	if r.kind != segStmt || len(r.body.List) == 0 {
		return nil
	}
	x, _ := r.body.List[len(r.body.List)-1].(*ast.ExprStmt)
	return x
}

// finish readies the statement runs for yaegi:
//   - Compound top-level statements (if, for, switch, select, blocks) run inside
//     func() { ... }(). At the interpreter's global level yaegi gets scopes wrong: a := in a
//     nested block assigns the global of that name, and a loop body's `i := i` changes the
//     loop variable (measured); inside a function both behave.
//   - Before each top-level statement but the first, __cairn.At(line, col) records where the
//     cell is, so a panic or an interrupt can name the line (yaegi's own panic positions are
//     wrong).
//   - A return outside functions ends the cell (it panics with stopCell, which Eval takes as
//     success). (A defer there was rewritten to run when the cell ends: defer.go.)
//   - The trailing expression is passed to __cairn.Out to be returned by Eval, in the same
//     run; when it is not known whether it has a value (no type information), it goes to a
//     run of its own that falls back to running it as a plain statement (see runOne).
func (e *Evaluator) finish(c *cell, show display) error {
	last := c.trailing()
	var probe *run
	for _, r := range c.runs {
		if r.kind != segStmt {
			continue
		}
		list := make([]ast.Stmt, 0, 2*len(r.body.List))
		for i, s := range r.body.List {
			if i > 0 {
				list = append(list, e.marker(s.Pos()))
			}
			switch {
			case s == last && show == displayShow:
				s = exprStmt(call(hook("Out", s.Pos()), s.Pos(), last.X))
			case s == last && show == displayProbe:
				probe = &run{kind: segStmt, probe: s,
					body: block(s.Pos(), exprStmt(call(hook("Out", s.Pos()), s.Pos(), last.X)))}
				if i > 0 {
					list = list[:len(list)-1]
				}
				continue
			}
			var err error
			if s, err = e.topLevel(s); err != nil {
				return err
			}
			if compound(s) {
				s = iife(s)
			}
			list = append(list, s)
		}
		r.body.List = list
	}
	if probe != nil {
		c.runs = append(c.runs, probe)
	}
	runMain(c)
	return nil
}

// stopCell is the panic value of a top-level return.
type stopCell struct{}

// topLevel rewrites return in top-level statement s, outside functions (the rewriter did
// defer: defer.go).
func (e *Evaluator) topLevel(s ast.Stmt) (ast.Stmt, error) {
	var err error
	pre := func(n ast.Node) bool {
		_, lit := n.(*ast.FuncLit)
		return !lit && err == nil
	}
	s = edit(s, pre, func(n ast.Node) ast.Node {
		switch n := n.(type) {
		case *ast.ReturnStmt:
			if len(n.Results) > 0 {
				err = errAt(e.fset, n.Pos(), "a cell cannot return values")
			}
			return exprStmt(call(hook("Stop", n.Pos()), n.Pos()))
		}
		return n
	}).(ast.Stmt)
	return s, err
}

func (e *Evaluator) marker(pos token.Pos) ast.Stmt {
	p := e.fset.Position(pos)
	return exprStmt(call(hook("At", pos), pos, intLit(p.Line, pos), intLit(p.Column, pos)))
}

func compound(s ast.Stmt) bool {
	switch s.(type) {
	case *ast.IfStmt, *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt,
		*ast.SelectStmt, *ast.BlockStmt, *ast.LabeledStmt:
		return true
	}
	return false
}

// runMain renames a func main the cell declares and calls it at the end of the cell, so a
// pasted program runs once. yaegi runs a declared main after every later compile (measured).
func runMain(c *cell) {
	for _, r := range c.runs {
		if r.kind != segDecl {
			continue
		}
		for _, d := range r.file.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Name.Name == "main" && fd.Type.TypeParams == nil {
				fd.Name = ident(mainName, fd.Name.Pos())
				pos := fd.Pos()
				c.runs = append(c.runs, &run{kind: segStmt, body: block(pos, exprStmt(call(ident(mainName, pos), pos)))})
			}
		}
	}
}

const mainName = "__cairn_main"
