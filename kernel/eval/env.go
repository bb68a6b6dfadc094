package eval

import (
	"go/ast"
	"go/token"
	"path"
	"strconv"
	"strings"
)

// env remembers, as Go declarations, what earlier cells declared, so that a new cell can be
// type-checked in their context (yaegi itself cannot tell a variable's type).
type env struct {
	imports map[string]string // bound name → import path, of imports that ran ("." and "_" excluded)
	others  map[string]bool   // paths imported with "." or "_"
	names   map[string]*entry // package-level name (methods: "T.M") → its declaration
	defs    map[string]def    // types and methods yaegi compiled (see types.go)
}

// entry is an owned copy of a declaration: function bodies are dropped (types need only the
// signature) and names a later cell redeclares are blanked to _.
type entry struct {
	decl ast.Decl
	keys []string
}

func newEnv() *env {
	return &env{imports: map[string]string{}, others: map[string]bool{},
		names: map[string]*entry{}, defs: map[string]def{}}
}

// commit records what run r declared, once it ran.
func (e *Evaluator) commit(r *run) {
	switch r.kind {
	case segImport:
		for _, spec := range importSpecs(r.file) {
			name, p := e.importName(spec), importPath(spec)
			if name == "_" || name == "." {
				e.env.others[p] = true
			} else {
				e.env.imports[name] = p
			}
		}
	case segDecl:
		for _, d := range r.file.Decls {
			e.env.add(d)
		}
	case segStmt:
		for _, s := range r.body.List {
			if d := globalDecl(s); d != nil {
				e.env.add(d)
			}
		}
	}
}

// globalDecl is the package-level declaration of the globals a top-level statement makes
// (x, y := ... or var x = ...), or nil.
func globalDecl(s ast.Stmt) *ast.GenDecl {
	switch s := s.(type) {
	case *ast.AssignStmt:
		if s.Tok == token.DEFINE {
			return defineDecl(s)
		}
	case *ast.DeclStmt:
		if g, ok := s.Decl.(*ast.GenDecl); ok && g.Tok == token.VAR {
			return g
		}
	}
	return nil
}

// defineDecl is the package-level form of a top-level x, y := ... statement.
func defineDecl(a *ast.AssignStmt) *ast.GenDecl {
	names := make([]*ast.Ident, len(a.Lhs))
	for i, x := range a.Lhs {
		id, ok := x.(*ast.Ident)
		if !ok {
			id = &ast.Ident{Name: "_", NamePos: x.Pos()}
		}
		names[i] = id
	}
	return &ast.GenDecl{Tok: token.VAR, TokPos: a.Pos(),
		Specs: []ast.Spec{&ast.ValueSpec{Names: names, Values: a.Rhs}}}
}

// add stores an owned copy of d, blanking older declarations of the same names.
func (v *env) add(d ast.Decl) {
	ent := &entry{}
	switch d := d.(type) {
	case *ast.FuncDecl:
		cp := *d
		cp.Body = nil
		ent.decl, ent.keys = &cp, []string{funcKey(d)}
	case *ast.GenDecl:
		if d.Tok == token.IMPORT {
			return
		}
		cp := *d
		cp.Specs = make([]ast.Spec, len(d.Specs))
		for i, s := range d.Specs {
			switch s := s.(type) {
			case *ast.ValueSpec:
				vs := *s
				vs.Names = append([]*ast.Ident(nil), s.Names...)
				cp.Specs[i] = &vs
			case *ast.TypeSpec:
				ts := *s
				cp.Specs[i] = &ts
			}
		}
		ent.decl, ent.keys = &cp, declNames(&cp)
	}
	for _, k := range ent.keys {
		if old := v.names[k]; old != nil {
			old.blank(k)
		}
		v.names[k] = ent
	}
}

// blank renames the declaration of k to _, keeping the rest of its group (iota, a, b := f()).
func (ent *entry) blank(k string) {
	g, ok := ent.decl.(*ast.GenDecl)
	if !ok {
		return
	}
	for _, s := range g.Specs {
		switch s := s.(type) {
		case *ast.ValueSpec:
			for i, id := range s.Names {
				if id.Name == k {
					s.Names[i] = &ast.Ident{Name: "_", NamePos: id.NamePos}
				}
			}
		case *ast.TypeSpec:
			if s.Name.Name == k {
				s.Name = &ast.Ident{Name: "_", NamePos: s.Name.NamePos}
			}
		}
	}
}

// declNames lists the package-level names d declares (methods as "T.M").
func declNames(d ast.Decl) []string {
	var names []string
	switch d := d.(type) {
	case *ast.FuncDecl:
		names = append(names, funcKey(d))
	case *ast.GenDecl:
		for _, s := range d.Specs {
			switch s := s.(type) {
			case *ast.ValueSpec:
				for _, id := range s.Names {
					if id.Name != "_" {
						names = append(names, id.Name)
					}
				}
			case *ast.TypeSpec:
				names = append(names, s.Name.Name)
			}
		}
	}
	return names
}

// funcKey is a function's name, or "T.M" for method M of type T.
func funcKey(d *ast.FuncDecl) string {
	if d.Recv == nil || len(d.Recv.List) == 0 {
		return d.Name.Name
	}
	t := d.Recv.List[0].Type
	for {
		switch x := t.(type) {
		case *ast.StarExpr:
			t = x.X
			continue
		case *ast.IndexExpr:
			t = x.X
			continue
		case *ast.IndexListExpr:
			t = x.X
			continue
		case *ast.ParenExpr:
			t = x.X
			continue
		case *ast.Ident:
			return x.Name + "." + d.Name.Name
		}
		return d.Name.Name
	}
}

func importSpecs(f *ast.File) []*ast.ImportSpec {
	var specs []*ast.ImportSpec
	for _, d := range f.Decls {
		if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.IMPORT {
			for _, s := range g.Specs {
				specs = append(specs, s.(*ast.ImportSpec))
			}
		}
	}
	return specs
}

func importPath(spec *ast.ImportSpec) string {
	p, err := strconv.Unquote(spec.Path.Value)
	if err != nil {
		return spec.Path.Value
	}
	return p
}

// importName is the name an import binds: its explicit name, the package name of a compiled
// package, or for source packages the last path element (without a /vN suffix).
func (e *Evaluator) importName(spec *ast.ImportSpec) string {
	if spec.Name != nil {
		return spec.Name.Name
	}
	p := importPath(spec)
	if n, ok := e.pkgNames[p]; ok {
		return n
	}
	base := path.Base(p)
	if len(base) > 1 && base[0] == 'v' && strings.Trim(base[1:], "0123456789") == "" {
		base = path.Base(path.Dir(p))
	}
	return base
}
