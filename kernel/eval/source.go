package eval

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path"
	"strconv"
	"testing/fstest"

	"github.com/traefik/yaegi/interp"
	"github.com/traefik/yaegi/stdlib/generic"
)

// yaegi's Use of the standard library compiles its own generic cmp, maps and slices (Go 1.22
// subsets, partly broken) and registers them by package name, so a cell's import of those
// paths never reaches Options.Source. LoadSource compiles Source's versions over them, after
// the Source packages they import (iter), each file under its own name (yaegi keys a
// file's imports by file name). Other Source packages are imported on demand.
func LoadSource(in *interp.Interpreter, src fs.FS) error {
	var order []string
	seen := map[string]bool{}
	var visit func(p string) error
	visit = func(p string) error {
		if seen[p] {
			return nil
		}
		seen[p] = true
		files, err := parseDir(token.NewFileSet(), src, p, parser.ImportsOnly)
		if err != nil || len(files) == 0 {
			return err
		}
		for _, f := range files {
			for _, spec := range f.Imports {
				if dep, err := strconv.Unquote(spec.Path.Value); err == nil {
					if err := visit(dep); err != nil {
						return err
					}
				}
			}
		}
		order = append(order, p)
		return nil
	}
	for p := range embeddedGenerics() {
		if err := visit(p); err != nil {
			return err
		}
	}
	for _, p := range order {
		files, err := parseDir(in.FileSet(), src, p, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		for _, f := range files {
			if err := compileFile(in, f); err != nil {
				return fmt.Errorf("compiling %s: %w", in.FileSet().Position(f.Pos()).Filename, err)
			}
		}
	}
	return nil
}

func compileFile(in *interp.Interpreter, f *ast.File) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("interpreter panic: %v", r)
		}
	}()
	_, err = in.CompileAST(f)
	return err
}

// parseDir parses the .go files of package p in src (src/<p>/*.go); none if p is not there.
func parseDir(fset *token.FileSet, src fs.FS, p string, mode parser.Mode) ([]*ast.File, error) {
	dir := path.Join("src", p)
	entries, err := fs.ReadDir(src, dir)
	if err != nil {
		return nil, nil
	}
	var files []*ast.File
	for _, e := range entries {
		if e.IsDir() || path.Ext(e.Name()) != ".go" {
			continue
		}
		name := path.Join(dir, e.Name())
		b, err := fs.ReadFile(src, name)
		if err != nil {
			return nil, err
		}
		f, err := parser.ParseFile(fset, name, b, mode)
		if err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	return files, nil
}

// embeddedGenerics maps the packages whose generic source yaegi embeds to that source.
func embeddedGenerics() map[string]string {
	m := map[string]string{}
	for _, s := range generic.Sources {
		if f, err := parser.ParseFile(token.NewFileSet(), "", s, parser.PackageClauseOnly); err == nil {
			m[f.Name.Name] = s
		}
	}
	return m
}

// typeSource is the source tree go/types reads packages from: Source when given, else
// yaegi's embedded generic packages, so that their calls can be type-checked too.
func typeSource(src fs.FS) fs.FS {
	if src != nil {
		return src
	}
	m := fstest.MapFS{}
	for p, s := range embeddedGenerics() {
		m[path.Join("src", p, p+".go")] = &fstest.MapFile{Data: []byte(s)}
	}
	return m
}
