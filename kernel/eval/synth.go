package eval

import (
	"go/ast"
	"go/token"
	"reflect"
	"strconv"
)

// Builders for rewritten code. Every node gets a real position in the cell: yaegi resolves
// imports through the file name of a node's position (a node without one cannot see
// imported packages), and errors in rewritten code then point at the construct it replaced.

func ident(name string, pos token.Pos) *ast.Ident { return &ast.Ident{Name: name, NamePos: pos} }

func idents(pos token.Pos, names ...string) []ast.Expr {
	xs := make([]ast.Expr, len(names))
	for i, n := range names {
		xs[i] = ident(n, pos)
	}
	return xs
}

func intLit(n int, pos token.Pos) *ast.BasicLit {
	return &ast.BasicLit{Kind: token.INT, Value: strconv.Itoa(n), ValuePos: pos}
}

// hook is the selector __cairn.name of a hook function.
func hook(name string, pos token.Pos) *ast.SelectorExpr {
	return &ast.SelectorExpr{X: ident(hookName, pos), Sel: ident(name, pos)}
}

func call(fun ast.Expr, pos token.Pos, args ...ast.Expr) *ast.CallExpr {
	return &ast.CallExpr{Fun: fun, Lparen: pos, Args: args, Rparen: pos}
}

func exprStmt(x ast.Expr) *ast.ExprStmt { return &ast.ExprStmt{X: x} }

func block(pos token.Pos, list ...ast.Stmt) *ast.BlockStmt {
	return &ast.BlockStmt{Lbrace: pos, List: list, Rbrace: pos}
}

func assign(pos token.Pos, lhs []ast.Expr, tok token.Token, rhs ...ast.Expr) *ast.AssignStmt {
	return &ast.AssignStmt{Lhs: lhs, TokPos: pos, Tok: tok, Rhs: rhs}
}

func ret(pos token.Pos, results ...ast.Expr) *ast.ReturnStmt {
	return &ast.ReturnStmt{Return: pos, Results: results}
}

func ifStmt(pos token.Pos, cond ast.Expr, body ...ast.Stmt) *ast.IfStmt {
	return &ast.IfStmt{If: pos, Cond: cond, Body: block(pos, body...)}
}

func binary(x ast.Expr, op token.Token, y ast.Expr) *ast.BinaryExpr {
	return &ast.BinaryExpr{X: x, OpPos: x.Pos(), Op: op, Y: y}
}

func fields(pos token.Pos, list ...*ast.Field) *ast.FieldList {
	return &ast.FieldList{Opening: pos, List: list, Closing: pos}
}

func field(typ ast.Expr, names ...*ast.Ident) *ast.Field { return &ast.Field{Names: names, Type: typ} }

func funcLit(pos token.Pos, params, results *ast.FieldList, body ...ast.Stmt) *ast.FuncLit {
	return &ast.FuncLit{Type: &ast.FuncType{Func: pos, Params: params, Results: results}, Body: block(pos, body...)}
}

// iife is func() { s }(), which runs s in a function scope.
func iife(s ast.Stmt) ast.Stmt {
	pos := s.Pos()
	return exprStmt(call(funcLit(pos, fields(pos), nil, s), pos))
}

// setPos gives every position field under n the position pos. It is for small parsed
// expressions (type names) whose positions come from a scratch FileSet. CallExpr.Ellipsis
// and TypeSpec.Assign are left alone: there NoPos carries meaning.
func setPos(n ast.Node, pos token.Pos) {
	posType := reflect.TypeOf(token.NoPos)
	callType, specType := reflect.TypeOf(ast.CallExpr{}), reflect.TypeOf(ast.TypeSpec{})
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer, reflect.Interface:
			if !v.IsNil() {
				walk(v.Elem())
			}
		case reflect.Slice:
			for i := 0; i < v.Len(); i++ {
				walk(v.Index(i))
			}
		case reflect.Struct:
			t := v.Type()
			for i := 0; i < v.NumField(); i++ {
				f := t.Field(i)
				switch {
				case f.Type == posType:
					if !(t == callType && f.Name == "Ellipsis" || t == specType && f.Name == "Assign") {
						v.Field(i).Set(reflect.ValueOf(pos))
					}
				case f.Name != "Obj" && f.Name != "Scope":
					walk(v.Field(i))
				}
			}
		}
	}
	walk(reflect.ValueOf(n))
}
