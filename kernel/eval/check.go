package eval

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
)

// dropReimports removes imports an earlier cell already ran (yaegi rejects a second import of
// a name, "redeclared in this block", so re-running a cell would fail) and refuses to bind a
// name to a different package than before.
func (e *Evaluator) dropReimports(c *cell) error {
	if len(c.runs) == 0 || c.runs[0].kind != segImport {
		return nil
	}
	f := c.runs[0].file
	for _, d := range f.Decls {
		g := d.(*ast.GenDecl)
		kept := g.Specs[:0]
		for _, s := range g.Specs {
			spec := s.(*ast.ImportSpec)
			name, p := e.importName(spec), importPath(spec)
			if name == "_" || name == "." {
				if !e.env.others[p] {
					kept = append(kept, s)
				}
				continue
			}
			old, ok := e.env.imports[name]
			if ok && old != p {
				return errAt(e.fset, spec.Pos(), "%s is already imported as %q in this kernel; "+
					"import %q under another name, e.g. import %s2 %q", name, old, p, name, p)
			}
			if !ok {
				kept = append(kept, s)
			}
		}
		g.Specs = kept
	}
	decls := f.Decls[:0]
	for _, d := range f.Decls {
		if len(d.(*ast.GenDecl).Specs) > 0 {
			decls = append(decls, d)
		}
	}
	f.Decls = decls
	return nil
}

// needsTypes reports whether rewriting c needs type information: range loops (over an int,
// a function or else), min/max/clear, calls of generic functions (to instantiate them
// explicitly) and a trailing call (to know whether it has results). Other cells skip the
// type check, which keeps a trivial cell's round trip small.
func (e *Evaluator) needsTypes(c *cell) bool {
	imports := c.importNames(e)
	need := false
	inspect := func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.RangeStmt, *ast.DeferStmt: // a top-level defer keeps constants typed (defer.go)
			need = true
		case *ast.AssignStmt, *ast.ValueSpec: // split into typed globals (splitGlobals)
			need = need || commaOKDefine(n)
		case *ast.CallExpr:
			switch f := n.Fun.(type) {
			case *ast.Ident:
				need = need || f.Name == "min" || f.Name == "max" || f.Name == "clear" || e.isGeneric(c, f.Name)
			case *ast.SelectorExpr:
				if x, ok := f.X.(*ast.Ident); ok {
					if p, ok := imports[x.Name]; ok {
						_, compiled := e.syms[p][f.Sel.Name]
						need = need || !compiled || cellCallArg(n, imports) || p == "errors" && f.Sel.Name == "As" // rewrite_methods.go, rewrite_errors.go
					}
				}
			}
		}
		return !need
	}
	for _, r := range c.runs {
		ast.Inspect(r.node(), inspect)
		if need {
			return true
		}
	}
	if x := c.trailing(); x != nil {
		if call, ok := ast.Unparen(x.X).(*ast.CallExpr); ok {
			sel, isSel := call.Fun.(*ast.SelectorExpr)
			return !isSel || !isPrint(nil, sel)
		}
	}
	return false
}

// cellCallArg reports an argument of call that calls something other than a package's
// function: it may return a value of a cell's type, whose methods need keeping.
func cellCallArg(call *ast.CallExpr, imports map[string]string) bool {
	for _, a := range call.Args {
		c, ok := ast.Unparen(a).(*ast.CallExpr)
		if !ok {
			continue
		}
		sel, isSel := c.Fun.(*ast.SelectorExpr)
		if !isSel {
			return true
		}
		if x, ok := sel.X.(*ast.Ident); !ok || imports[x.Name] == "" {
			return true
		}
	}
	return false
}

// isGeneric reports whether name is a generic function declared by c or an earlier cell.
func (e *Evaluator) isGeneric(c *cell, name string) bool {
	if ent := e.env.names[name]; ent != nil {
		if fd, ok := ent.decl.(*ast.FuncDecl); ok && fd.Type.TypeParams != nil {
			return true
		}
	}
	for _, r := range c.runs {
		if r.kind == segDecl {
			for _, d := range r.file.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Name.Name == name && fd.Type.TypeParams != nil {
					return true
				}
			}
		}
	}
	return false
}

// importNames maps the names imported by c and by earlier cells to their paths.
func (c *cell) importNames(e *Evaluator) map[string]string {
	names := make(map[string]string, len(e.env.imports))
	for k, v := range e.env.imports {
		names[k] = v
	}
	if len(c.runs) > 0 && c.runs[0].kind == segImport {
		for _, spec := range importSpecs(c.runs[0].file) {
			names[e.importName(spec)] = importPath(spec)
		}
	}
	return names
}

// check type-checks c in the context of the earlier cells. The result is advice for the
// rewrites only: errors are ignored (yaegi decides what compiles), and whatever go/types
// could work out is recorded in the returned Info.
func (e *Evaluator) check(c *cell) (info *types.Info) {
	info = &types.Info{
		Types:      map[ast.Expr]types.TypeAndValue{},
		Defs:       map[*ast.Ident]types.Object{},
		Uses:       map[*ast.Ident]types.Object{},
		Instances:  map[*ast.Ident]types.Instance{},
		Selections: map[*ast.SelectorExpr]*types.Selection{},
	}
	defer func() {
		if recover() != nil { // go/types on an odd AST: go on without types
			info = nil
		}
	}()
	conf := types.Config{Importer: e.imp, DisableUnusedImportCheck: true, Error: func(err error) {
		if te, ok := err.(types.Error); ok && !te.Soft {
			c.typeErrs = append(c.typeErrs, te)
		}
	}}
	_, _ = conf.Check("main", e.fset, []*ast.File{e.checkFile(c)}, info)
	return info
}

// checkFile assembles one file: the imports of all cells, the declarations of earlier cells
// that c does not redeclare, c's declarations, c's top-level x := ... as package variables
// (they are globals in the interpreter) and c's other top-level statements in a function.
func (e *Evaluator) checkFile(c *cell) *ast.File {
	imports := &ast.GenDecl{Tok: token.IMPORT}
	decls := []ast.Decl{imports}
	var stmts []ast.Stmt
	defined := map[string]bool{}
	for _, r := range c.runs {
		switch r.kind {
		case segImport:
			for _, spec := range importSpecs(r.file) {
				imports.Specs = append(imports.Specs, spec)
				defined["import "+e.importName(spec)] = true
			}
		case segDecl:
			for _, d := range r.file.Decls {
				decls = append(decls, d)
				for _, k := range declNames(d) {
					defined[k] = true
				}
			}
		case segStmt:
			for _, s := range r.body.List {
				d := globalDecl(s)
				if d == nil {
					stmts = append(stmts, s)
					continue
				}
				if _, ok := s.(*ast.AssignStmt); ok {
					// x, err := ... with err from this cell is an assignment to err
					spec := d.Specs[0].(*ast.ValueSpec)
					for i, id := range spec.Names {
						if defined[id.Name] {
							spec.Names[i] = &ast.Ident{Name: "_", NamePos: id.NamePos}
						}
					}
				}
				for _, k := range declNames(d) {
					defined[k] = true
				}
				decls = append(decls, d)
			}
		}
	}
	for name, p := range e.env.imports {
		if !defined["import "+name] {
			imports.Specs = append(imports.Specs, &ast.ImportSpec{Name: ast.NewIdent(name),
				Path: &ast.BasicLit{Kind: token.STRING, Value: strconv.Quote(p)}})
		}
	}
	seen := map[*entry]bool{}
	for _, ent := range e.env.names {
		if seen[ent] {
			continue
		}
		seen[ent] = true
		var hidden []string
		for _, k := range ent.keys {
			if defined[k] {
				hidden = append(hidden, k)
			}
		}
		switch {
		case len(hidden) == 0:
			decls = append(decls, ent.decl)
		case len(hidden) < len(ent.keys):
			cp := &env{names: map[string]*entry{}}
			cp.add(ent.decl)
			for _, k := range hidden {
				cp.names[k].blank(k)
			}
			decls = append(decls, cp.names[ent.keys[0]].decl)
		}
	}
	body := &ast.FuncDecl{Name: ast.NewIdent("_"), Type: &ast.FuncType{Params: &ast.FieldList{}},
		Body: &ast.BlockStmt{List: stmts}}
	return &ast.File{Name: ast.NewIdent("main"), Decls: append(decls, body)}
}
