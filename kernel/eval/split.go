package eval

import (
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"strings"
)

// fileName is the file name of every cell in the interpreter's FileSet. yaegi scopes imports
// by file name, so all cells must share one for an import to stay visible in later cells.
const fileName = "cell"

// segKind classifies a top-level item of a cell.
type segKind int

const (
	segImport  segKind = iota
	segDecl            // func, method, type, const
	segStmt            // statements, and var declarations
	segPackage         // a package clause pasted with a program: ignored
)

// segment is one top-level item of a cell: [start, end) byte offsets into the source.
type segment struct {
	kind       segKind
	start, end int
}

// run is a maximal sequence of same-kind segments, parsed. yaegi parses a source starting
// with a declaration as declarations only, so declarations and statements are evaluated as
// separate runs, in cell order; imports are hoisted into one run at the front.
type run struct {
	kind  segKind
	segs  []segment
	file  *ast.File      // segImport, segDecl
	body  *ast.BlockStmt // segStmt: the block handed to yaegi
	probe ast.Stmt       // the trailing expression to run instead if showing it fails to compile
}

// node is what yaegi compiles for r.
func (r *run) node() ast.Node {
	if r.kind == segStmt {
		return r.body
	}
	return r.file
}

// first is the position of r's first item; the position of the whole run's node lies in the
// wrapper text before the //line directive.
func (r *run) first() token.Pos {
	if r.kind == segStmt && len(r.body.List) > 0 {
		return r.body.List[0].Pos()
	}
	if r.kind != segStmt && len(r.file.Decls) > 0 {
		return r.file.Decls[0].Pos()
	}
	return token.NoPos
}

// empty reports whether nothing is left to run.
func (r *run) empty() bool {
	if r.kind == segStmt {
		return len(r.body.List) == 0
	}
	return len(r.file.Decls) == 0
}

// splitCell cuts src into top-level segments with go/scanner: a segment ends at a semicolon
// (explicit or inserted at a newline) outside any brackets. Scan errors are left for the
// parser to report with better messages.
func splitCell(src string) []segment {
	var s scanner.Scanner
	fset := token.NewFileSet()
	file := fset.AddFile("", -1, len(src))
	s.Init(file, []byte(src), func(token.Position, string) {}, 0)
	var segs []segment
	var toks []token.Token
	depth, start, header := 0, -1, false
	flush := func(end int) {
		if start >= 0 {
			segs = append(segs, segment{kind: classify(toks), start: start, end: end})
		}
		start, toks, header = -1, toks[:0], false
	}
	for {
		pos, tok, lit := s.Scan()
		off := file.Offset(pos)
		switch {
		case tok == token.EOF:
			flush(len(src))
			return segs
		case tok == token.SEMICOLON && depth == 0 && (lit == "\n" || !header):
			// An explicit ; in a segment that started a for/if/switch may be a clause
			// separator of its header (for i := 0; i < n; i++), so only newlines end those.
			flush(off)
			continue
		case (tok == token.FOR || tok == token.IF || tok == token.SWITCH) && depth == 0:
			header = true
		case tok == token.LPAREN || tok == token.LBRACK || tok == token.LBRACE:
			depth++
		case tok == token.RPAREN || tok == token.RBRACK || tok == token.RBRACE:
			if depth > 0 {
				depth--
			}
		}
		if start < 0 {
			start = off
		}
		if len(toks) < 64 { // enough to classify
			toks = append(toks, tok)
		}
	}
}

// classify tells declarations from statements by their first tokens. `func` starts a
// declaration when a name follows, or a receiver then a name then `(` or `[`; otherwise it is
// a function literal in a statement.
func classify(toks []token.Token) segKind {
	switch toks[0] {
	case token.PACKAGE:
		return segPackage
	case token.IMPORT:
		return segImport
	case token.TYPE, token.CONST:
		return segDecl
	case token.VAR:
		// A statement: yaegi fails a package-level var whose initializer uses a global made
		// by := ("variable definition loop", measured), and cells run in order anyway.
		return segStmt
	case token.FUNC:
		if len(toks) > 1 && toks[1] == token.IDENT {
			return segDecl
		}
		if len(toks) > 1 && toks[1] == token.LPAREN {
			depth := 0
			for i := 1; i < len(toks); i++ {
				switch toks[i] {
				case token.LPAREN:
					depth++
				case token.RPAREN:
					depth--
				}
				if depth == 0 {
					if i+2 < len(toks) && toks[i+1] == token.IDENT &&
						(toks[i+2] == token.LPAREN || toks[i+2] == token.LBRACK) {
						return segDecl
					}
					return segStmt
				}
			}
		}
	}
	return segStmt
}

// groupRuns hoists imports to the front and merges neighbouring segments of the same kind.
func groupRuns(segs []segment) []*run {
	var runs []*run
	var imports *run
	for _, s := range segs {
		if s.kind == segPackage {
			continue
		}
		if s.kind == segImport {
			if imports == nil {
				imports = &run{kind: segImport}
			}
			imports.segs = append(imports.segs, s)
			continue
		}
		if n := len(runs); n > 0 && runs[n-1].kind == s.kind {
			runs[n-1].segs = append(runs[n-1].segs, s)
			continue
		}
		runs = append(runs, &run{kind: s.kind, segs: []segment{s}})
	}
	if imports != nil {
		runs = append([]*run{imports}, runs...)
	}
	return runs
}

// parseRun parses the run's segments in fset. The other segments of the cell are blanked
// (newlines kept) and a //line directive starts the cell at 1:1, so every position in the
// AST, and so in go/types and yaegi errors, is the user's own line and column.
func parseRun(fset *token.FileSet, src string, r *run) error {
	var b strings.Builder
	if r.kind == segStmt {
		b.WriteString("package main\nfunc main() {\n//line " + fileName + ":1:1\n")
	} else {
		b.WriteString("package main\n//line " + fileName + ":1:1\n")
	}
	at := 0
	semis := r.kind == segStmt // a ; between statements on one line (a; b) still separates them
	for _, s := range r.segs {
		blank(&b, src[at:s.start], semis)
		b.WriteString(src[s.start:s.end])
		at = s.end
	}
	blank(&b, src[at:], semis)
	if r.kind == segStmt {
		b.WriteString("\n}")
	}
	f, err := parser.ParseFile(fset, fileName, b.String(), parser.SkipObjectResolution)
	if err != nil {
		return err
	}
	if r.kind == segStmt {
		r.body = f.Decls[0].(*ast.FuncDecl).Body
	} else {
		r.file = f
	}
	return nil
}

// blank writes s as spaces, keeping its newlines, and its semicolons when semis (in a
// function body a stray one is an empty statement).
func blank(b *strings.Builder, s string, semis bool) {
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\n', s[i] == ';' && semis:
			b.WriteByte(s[i])
		default:
			b.WriteByte(' ')
		}
	}
}
