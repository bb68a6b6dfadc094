package typeinfo

import (
	"errors"
	"fmt"
	"go/ast"
	"go/build"
	"go/parser"
	"go/types"
	"io"
	"io/fs"
	"path"
	"strings"
)

// srcDir is where a source package lives in the GOPATH-style tree yaegi reads.
func srcDir(importPath string) string { return path.Join("src", importPath) }

// checkSource parses and type-checks a package shipped as source, importing its own imports
// through imp (with imp.mu held).
func (imp *Importer) checkSource(importPath string) (*types.Package, error) {
	if imp.loading[importPath] {
		return nil, fmt.Errorf("import cycle through source package %q", importPath)
	}
	imp.loading[importPath] = true
	defer delete(imp.loading, importPath)

	files, err := imp.parseDir(srcDir(importPath))
	if err != nil {
		return nil, fmt.Errorf("source package %q: %w", importPath, err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("source package %q: no Go files in %s", importPath, srcDir(importPath))
	}
	conf := types.Config{Importer: lockedImporter{imp}}
	pkg, err := conf.Check(importPath, imp.fset, files, nil)
	if err != nil {
		return nil, fmt.Errorf("source package %q does not type-check: %w", importPath, err)
	}
	return pkg, nil
}

// parseDir parses the non-test .go files of dir that match this platform's build constraints
// (file name suffixes and //go:build lines), as yaegi would load them.
func (imp *Importer) parseDir(dir string) ([]*ast.File, error) {
	entries, err := fs.ReadDir(imp.src, dir)
	if err != nil {
		return nil, err
	}
	ctx := build.Default
	ctx.CgoEnabled = false
	ctx.JoinPath = path.Join
	ctx.OpenFile = func(name string) (io.ReadCloser, error) { return imp.src.Open(name) }

	var files []*ast.File
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasSuffix(name, "_test.go") {
			continue
		}
		if ok, err := ctx.MatchFile(dir, name); err != nil {
			return nil, err
		} else if !ok {
			continue // not Go, or excluded by build constraints
		}
		file := path.Join(dir, name)
		data, err := fs.ReadFile(imp.src, file)
		if err != nil {
			return nil, err
		}
		f, err := parser.ParseFile(imp.fset, file, data, parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		if len(files) > 0 && f.Name.Name != files[0].Name.Name {
			return nil, errors.New("found packages " + files[0].Name.Name + " and " + f.Name.Name + " in " + dir)
		}
		files = append(files, f)
	}
	return files, nil
}
