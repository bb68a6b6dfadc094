package eval

import (
	"go/ast"
	"go/printer"
	"go/token"
	"go/types"
	"strings"
)

// Types and methods are sticky in yaegi: a second declaration of a type, or of a method of
// a type, is silently ignored (measured), so new code would run against the old definition.
// Restating one identically (re-running its cell) is fine; changing one is refused with a
// message saying to restart the kernel. yaegi also keeps a method whose body failed to
// compile, so definitions are recorded when a run was compiled, even unsuccessfully, unless
// the error lies in the declaration's own type or signature (then yaegi did not take it).

// checkRedefs refuses a cell that changes a type or method an earlier cell declared.
func (e *Evaluator) checkRedefs(c *cell) error {
	here := map[string]def{} // this cell's, which count like earlier ones
	for _, r := range c.runs {
		if r.kind != segDecl {
			continue
		}
		for _, d := range r.file.Decls {
			for key, def := range e.defs(d) {
				old, ok := here[key]
				if !ok {
					old, ok = e.env.defs[key]
					here[key] = def
				}
				if !ok || old.text == def.text {
					continue
				}
				if old.method {
					return errAt(e.fset, def.pos, "method %s was already declared differently in this "+
						"kernel (by an earlier cell, maybe one that failed to compile), and the "+
						"interpreter keeps the first declaration of a method: restart the kernel to "+
						"change it, or use a new name", key)
				}
				return errAt(e.fset, def.pos, "type %s is already defined in this kernel as %s, and "+
					"the interpreter cannot change a type's definition: restart the kernel to "+
					"redefine it, or give the new type another name", key, old.text)
			}
		}
	}
	return nil
}

// recordDefs remembers the types and methods of a decl run yaegi compiled; compileErr is the
// compile error, if any.
func (e *Evaluator) recordDefs(r *run, compileErr *Error) {
	for _, d := range r.file.Decls {
		for key, def := range e.defs(d) {
			if compileErr == nil || !e.within(compileErr, def.from, def.to) {
				e.env.defs[key] = def
			}
		}
	}
}

// def is a type's definition or a method's source, as comparable text.
type def struct {
	text     string
	method   bool
	pos      token.Pos // of the name
	from, to token.Pos // the type spec, or the method's receiver and signature
}

// defs lists the types and methods d declares, keyed by name ("T.M" for methods).
func (e *Evaluator) defs(d ast.Decl) map[string]def {
	defs := map[string]def{}
	switch d := d.(type) {
	case *ast.FuncDecl:
		if d.Recv != nil {
			var b strings.Builder
			_ = printer.Fprint(&b, e.fset, d)
			defs[funcKey(d)] = def{text: b.String(), method: true, pos: d.Name.Pos(), from: d.Pos(), to: d.Type.End()}
		}
	case *ast.GenDecl:
		if d.Tok == token.TYPE {
			for _, s := range d.Specs {
				ts := s.(*ast.TypeSpec)
				noteXFields(ts)
				defs[ts.Name.Name] = def{text: typeDef(ts), pos: ts.Name.Pos(), from: ts.Pos(), to: ts.End()}
			}
		}
	}
	return defs
}

// within reports whether err's position lies in [from, to).
func (e *Evaluator) within(err *Error, from, to token.Pos) bool {
	a, b := e.fset.Position(from), e.fset.Position(to)
	before := func(l1, c1, l2, c2 int) bool { return l1 < l2 || l1 == l2 && c1 < c2 }
	return err.Line > 0 && !before(err.Line, err.Col, a.Line, a.Column) && before(err.Line, err.Col, b.Line, b.Column)
}

// typeDef is a type declaration as comparable text, without its name: type parameters, "="
// for an alias, the type, and struct tags (which types.ExprString leaves out).
func typeDef(ts *ast.TypeSpec) string {
	var b strings.Builder
	if ts.TypeParams != nil {
		b.WriteByte('[')
		for i, f := range ts.TypeParams.List {
			if i > 0 {
				b.WriteString(", ")
			}
			for j, n := range f.Names {
				if j > 0 {
					b.WriteString(", ")
				}
				b.WriteString(n.Name)
			}
			b.WriteString(" " + types.ExprString(f.Type))
		}
		b.WriteString("] ")
	}
	if ts.Assign.IsValid() {
		b.WriteString("= ")
	}
	b.WriteString(types.ExprString(ts.Type))
	ast.Inspect(ts.Type, func(n ast.Node) bool {
		if f, ok := n.(*ast.Field); ok && f.Tag != nil {
			b.WriteString(" " + f.Tag.Value)
		}
		return true
	})
	return b.String()
}
