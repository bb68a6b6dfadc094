// Package typeinfo gives go/types a view of the packages a cell can import: compiled ones
// known only as yaegi symbol tables, and generic helpers shipped as Go source.
package typeinfo

import (
	"fmt"
	"go/token"
	"go/types"
	"io/fs"
	"reflect"
	"strings"
	"sync"

	"github.com/traefik/yaegi/interp"
)

// Importer builds *types.Package values lazily, one package on its first import, and caches
// them. It is safe for concurrent use.
type Importer struct {
	mu      sync.Mutex
	exports interp.Exports
	keys    map[string]string // import path → key in exports ("path/name")
	src     fs.FS
	fset    *token.FileSet // positions of source packages
	conv    *converter
	done    map[string]*types.Package
	failed  map[string]error
	loading map[string]bool // source packages being checked, to report import cycles
}

// NewImporter returns an importer for the packages in exports (keys "importpath/pkgname", as
// `yaegi extract` writes them) and, for paths not in exports, Go source under src in GOPATH
// layout (src/<importpath>/*.go). src may be nil. Nothing is built until a package is imported.
func NewImporter(exports interp.Exports, src fs.FS) *Importer {
	keys := make(map[string]string, len(exports))
	names := make(map[string]string, len(exports))
	for key := range exports {
		i := strings.LastIndexByte(key, '/')
		if i <= 0 { // not an import path (yaegi's stdlib has a "." entry for MapTypes)
			continue
		}
		keys[key[:i]] = key
		names[key[:i]] = key[i+1:]
	}
	return &Importer{
		exports: exports,
		keys:    keys,
		src:     src,
		fset:    token.NewFileSet(),
		conv:    newConverter(names),
		done:    map[string]*types.Package{},
		failed:  map[string]error{},
		loading: map[string]bool{},
	}
}

// Import implements types.Importer.
func (imp *Importer) Import(path string) (*types.Package, error) {
	return imp.ImportFrom(path, "", 0)
}

// ImportFrom implements types.ImporterFrom; dir and mode are ignored (there is no vendoring).
func (imp *Importer) ImportFrom(path, dir string, mode types.ImportMode) (*types.Package, error) {
	imp.mu.Lock()
	defer imp.mu.Unlock()
	return imp.load(path)
}

// TypeOf converts a reflect type, such as the type of an interpreter global, to a go/types
// type. Named types of compiled packages are the same objects the importer hands out, so
// identity and method sets work; unnamed types (including the struct types yaegi makes for
// interpreted ones) become structurally equal types.
func (imp *Importer) TypeOf(t reflect.Type) (typ types.Type) {
	imp.mu.Lock()
	defer imp.mu.Unlock()
	defer func() {
		if recover() != nil { // never crash the caller over an odd type
			typ = types.Typ[types.Invalid]
		}
	}()
	imp.conv.cur = nil
	return imp.conv.typ(t)
}

// load imports path with imp.mu held.
func (imp *Importer) load(path string) (*types.Package, error) {
	if pkg, ok := imp.done[path]; ok {
		return pkg, nil
	}
	if err, ok := imp.failed[path]; ok {
		return nil, err
	}
	pkg, err := imp.build(path)
	if err != nil {
		imp.failed[path] = err
		return nil, err
	}
	imp.done[path] = pkg
	return pkg, nil
}

func (imp *Importer) build(path string) (*types.Package, error) {
	if path == "unsafe" {
		return types.Unsafe, nil
	}
	if key, ok := imp.keys[path]; ok {
		pkg := imp.conv.pkg(path)
		imp.conv.fill(pkg, imp.exports[key])
		pkg.MarkComplete()
		return pkg, nil
	}
	if imp.src != nil {
		if _, err := fs.Stat(imp.src, srcDir(path)); err == nil {
			return imp.checkSource(path)
		}
	}
	return nil, fmt.Errorf("package %q is not available: not in the interpreter's symbol table nor shipped as source", path)
}

// lockedImporter lets source packages import through imp while imp.mu is already held.
type lockedImporter struct{ imp *Importer }

func (l lockedImporter) Import(path string) (*types.Package, error) { return l.imp.load(path) }

func (l lockedImporter) ImportFrom(path, _ string, _ types.ImportMode) (*types.Package, error) {
	return l.imp.load(path)
}
