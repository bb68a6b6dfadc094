package export

import (
	"go/scanner"
	"go/token"
	"slices"
)

// Candidates returns the names the Go sources may bind at top level — identifiers followed by
// :=, = or a comma, or following var — for the kernel to check which hold a model. It is a
// superset on purpose: the kernel's evaluator cannot list its variables.
func Candidates(sources ...string) []string {
	seen := map[string]bool{}
	for _, src := range sources {
		var s scanner.Scanner
		fset := token.NewFileSet()
		f := fset.AddFile("cell.go", -1, len(src))
		s.Init(f, []byte(src), nil, 0)
		var prev token.Token
		var ident string
		for {
			_, tok, lit := s.Scan()
			if tok == token.EOF {
				break
			}
			if prev == token.IDENT && (tok == token.DEFINE || tok == token.ASSIGN || tok == token.COMMA) {
				seen[ident] = true
			}
			if tok == token.IDENT && prev == token.VAR {
				seen[lit] = true
			}
			prev, ident = tok, lit
		}
	}
	out := make([]string, 0, len(seen))
	for n := range seen {
		if n != "_" {
			out = append(out, n)
		}
	}
	slices.Sort(out)
	return out
}
