package symbols

import (
	"embed"
	"fmt"
	"go/parser"
	"io/fs"
	"path"

	"github.com/traefik/yaegi/interp"
)

// src holds the packages yaegi runs as source, laid out as a GOPATH (src/<importpath>/).
// They are ordinary Go packages too, so the compiler, go vet and staticcheck check them.
//
//go:embed src
var src embed.FS

// Source returns the GOPATH-style tree src/<importpath>/*.go of the packages cells get as
// interpreted source: iter, cmp, slices and maps (Go 1.26 API, see README.md).
func Source() fs.FS { return src }

// override lists, in dependency order, the source packages that Load compiles over the
// ones interp.Use pre-compiles: yaegi embeds its own cmp, maps and slices sources (Go
// 1.22, half of them unusable) and registers them by package name, so a GOPATH import of
// these paths never reaches Source(). iter comes first because slices and maps import it.
var override = []string{"iter", "cmp", "slices", "maps"}

// Load makes everything in this package available to the cells of i: it calls
// i.Use(Exports()), then compiles the override packages from Source() into i, replacing
// yaegi's own generic sources. Any other package of Source() is imported on demand when
// i was created with GoPath "." and SourcecodeFilesystem Source().
func Load(i *interp.Interpreter) error {
	if err := i.Use(Exports()); err != nil {
		return fmt.Errorf("symbols: loading compiled packages: %w", err)
	}
	for _, pkg := range override {
		dir := path.Join("src", pkg)
		files, err := fs.ReadDir(src, dir)
		if err != nil {
			return fmt.Errorf("symbols: %w", err)
		}
		for _, f := range files {
			if path.Ext(f.Name()) == ".go" {
				if err := compile(i, path.Join(dir, f.Name())); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// compile compiles one source file into i. Each file is parsed under its own name: yaegi
// keys a file's imports by file name, so two files of a package compiled as anonymous
// sources may not import the same compiled package. yaegi reports some internal errors
// by panicking; a panic becomes an error naming the file.
func compile(i *interp.Interpreter, name string) (err error) {
	b, err := src.ReadFile(name)
	if err != nil {
		return fmt.Errorf("symbols: %w", err)
	}
	f, err := parser.ParseFile(i.FileSet(), name, b, parser.SkipObjectResolution)
	if err != nil {
		return fmt.Errorf("symbols: %w", err)
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("symbols: compiling %s: panic: %v", name, r)
		}
	}()
	if _, err := i.CompileAST(f); err != nil {
		return fmt.Errorf("symbols: compiling %s: %w", name, err)
	}
	return nil
}
