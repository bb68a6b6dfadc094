package eval

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
)

// rewriter turns Go 1.22+ code into code yaegi (about Go 1.21) runs the same way. Each
// construct has its own file (rewrite_*.go); this file walks the cell and names types.
type rewriter struct {
	e       *Evaluator
	c       *cell
	info    *types.Info // nil when the cell was not type-checked
	n       int         // counter for hidden names
	byPath  map[string]string
	imports map[string]string // hidden imports to add: name → path
	labels  map[ast.Stmt]*ast.Ident
	funcs   []*ast.FuncType // enclosing functions, innermost last
	inits   int             // > 0 in the initializer of a global (x := ... at top level, var x = ...)
	top     ast.Stmt        // the top-level statement being rewritten
	split   map[ast.Stmt]bool
	unlabel map[ast.Stmt]bool
	err     error
}

// rewrite applies every rewrite to c's declarations and statements.
func (e *Evaluator) rewrite(c *cell) error {
	rw := &rewriter{e: e, c: c, info: c.info, byPath: map[string]string{}, imports: map[string]string{},
		labels: map[ast.Stmt]*ast.Ident{}, unlabel: map[ast.Stmt]bool{}, split: map[ast.Stmt]bool{}}
	for name, p := range c.importNames(e) {
		if old, ok := rw.byPath[p]; !ok || strings.HasPrefix(old, "__") {
			rw.byPath[p] = name
		}
	}
	for _, r := range c.runs {
		switch r.kind {
		case segDecl:
			rw.top = nil
			edit(r.file, rw.pre, rw.post)
		case segStmt:
			for i, s := range r.body.List {
				rw.top = s
				r.body.List[i] = edit(s, rw.pre, rw.post).(ast.Stmt)
			}
			r.body.List = rw.splitGlobals(r.body.List)
		}
	}
	if x := c.trailing(); x != nil && rw.info != nil {
		if conv := rw.converted(x.X); conv != nil { // it goes to the display hook (finish.go)
			x.X = conv
		}
	}
	if rw.err != nil {
		return rw.err
	}
	return e.addImports(c, rw.imports)
}

func (rw *rewriter) pre(n ast.Node) bool {
	switch n := n.(type) {
	case *ast.FuncDecl:
		rw.funcs = append(rw.funcs, n.Type)
	case *ast.FuncLit:
		rw.funcs = append(rw.funcs, n.Type)
	case *ast.LabeledStmt:
		rw.labels[n.Stmt] = n.Label
	case *ast.ValueSpec, *ast.AssignStmt:
		rw.inits++
	}
	return rw.err == nil
}

func (rw *rewriter) post(n ast.Node) ast.Node {
	switch n := n.(type) {
	case *ast.FuncDecl, *ast.FuncLit:
		rw.funcs = rw.funcs[:len(rw.funcs)-1]
	case *ast.ValueSpec:
		rw.inits--
		if len(rw.funcs) == 0 && commaOKDefine(n) {
			rw.split[rw.top] = true // var v, ok = m[k]: see isCommaOK
		}
	case *ast.AssignStmt:
		rw.inits--
		if rw.top == ast.Stmt(n) && commaOKDefine(n) {
			rw.split[n] = true
		}
	case *ast.LabeledStmt:
		if rw.unlabel[n.Stmt] { // the loop became a block; its label has no users left
			return n.Stmt
		}
	case *ast.DeferStmt:
		if len(rw.funcs) == 0 { // before the loop rewrites, which must see its closure
			return rw.deferStmt(n)
		}
	case *ast.RangeStmt:
		return rw.rangeStmt(n)
	case *ast.ForStmt:
		return rw.forStmt(n)
	case *ast.CallExpr:
		return rw.call(n)
	}
	return n
}

// fail records the first construct that cannot be rewritten.
func (rw *rewriter) fail(pos token.Pos, format string, args ...any) {
	if rw.err == nil {
		rw.err = errAt(rw.e.fset, pos, format, args...)
	}
}

// failTyped reports the type error go/types found in n, for constructs yaegi cannot compile
// without a rewrite (so its own message would be beside the point).
func (rw *rewriter) failTyped(n ast.Node, what string) {
	for _, te := range rw.c.typeErrs {
		if te.Pos >= n.Pos() && te.Pos < n.End() {
			rw.fail(te.Pos, "%s", te.Msg)
			return
		}
	}
	rw.fail(n.Pos(), "cannot work out the type of %s", what)
}

// name returns a fresh hidden identifier.
func (rw *rewriter) name(hint string) string {
	rw.n++
	return fmt.Sprintf("__cairn_%s%d", hint, rw.n)
}

// typeOf is x's type as go/types worked it out, or nil.
func (rw *rewriter) typeOf(x ast.Expr) types.Type {
	if rw.info == nil {
		return nil
	}
	tv, ok := rw.info.Types[x]
	if !ok || tv.Type == nil || tv.Type == types.Typ[types.Invalid] {
		return nil
	}
	return tv.Type
}

// typeExpr writes t as an expression usable in the cell. Packages the cell does not import
// are imported under hidden names; types of earlier cells are package main's, unqualified.
func (rw *rewriter) typeExpr(t types.Type, pos token.Pos) (ast.Expr, bool) {
	s := types.TypeString(t, func(p *types.Package) string {
		if p.Path() == "main" {
			return ""
		}
		if name, ok := rw.byPath[p.Path()]; ok {
			return name
		}
		name := "__cairn_" + p.Name()
		for i := 2; rw.e.env.imports[name] != "" || rw.imports[name] != ""; i++ {
			name = fmt.Sprintf("__cairn_%s%d", p.Name(), i)
		}
		rw.imports[name] = p.Path()
		rw.byPath[p.Path()] = name
		return name
	})
	x, err := parser.ParseExpr(s)
	if err != nil {
		return nil, false
	}
	setPos(x, pos)
	return x, true
}

// addImports adds the hidden imports named types need to c's import run.
func (e *Evaluator) addImports(c *cell, imports map[string]string) error {
	if len(imports) == 0 {
		return nil
	}
	var b strings.Builder
	b.WriteString("package main\nimport (\n")
	for name, p := range imports {
		fmt.Fprintf(&b, "%s %q\n", name, p)
	}
	b.WriteString(")\n")
	f, err := parser.ParseFile(e.fset, fileName, b.String(), parser.SkipObjectResolution)
	if err != nil {
		return fmt.Errorf("hidden imports: %w", err)
	}
	if len(c.runs) > 0 && c.runs[0].kind == segImport {
		c.runs[0].file.Decls = append(c.runs[0].file.Decls, f.Decls...)
		return nil
	}
	c.runs = append([]*run{{kind: segImport, file: f}}, c.runs...)
	return nil
}

// rangeStmt rewrites range over an integer or a function, and gives range loops over
// anything else per-iteration variables when their body captures them.
func (rw *rewriter) rangeStmt(n *ast.RangeStmt) ast.Stmt {
	t := rw.typeOf(n.X)
	if t == nil && isIntLit(n.X) {
		t = types.Typ[types.UntypedInt]
	}
	if t != nil {
		if b, ok := t.Underlying().(*types.Basic); ok && b.Info()&types.IsInteger != 0 {
			return rw.rangeInt(n, t)
		}
		if sig, ok := t.Underlying().(*types.Signature); ok {
			return rw.rangeFunc(n, sig)
		}
	}
	return rw.rangeCopies(n)
}
