package symbols

import (
	"context"
	"io/fs"
	"path"
	"regexp"
	"testing"

	"github.com/traefik/yaegi/interp"
)

// TestSourceIsAGoPath checks the wiring the README gives for packages of Source() that
// Load does not pre-compile: yaegi finds them under GoPath "." of SourcecodeFilesystem.
func TestSourceIsAGoPath(t *testing.T) {
	i := interp.New(interp.Options{GoPath: ".", SourcecodeFilesystem: Source()})
	if err := i.Use(Exports()); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := i.EvalWithContext(ctx, `import "iter"`); err != nil {
		t.Fatalf("import iter from Source(): %v", err)
	}
	if _, err := i.EvalWithContext(ctx, `func none() iter.Seq[int] { return func(func(int) bool) {} }`); err != nil {
		t.Fatalf("declaring with iter.Seq: %v", err)
	}
	v, err := i.EvalWithContext(ctx, `none() != nil`)
	if err != nil || v.Interface() != true {
		t.Fatalf("iter.Seq from Source(): %v %v", v, err)
	}
}

// TestSourceTree checks the layout every consumer relies on: src/<importpath>/*.go, one
// package per directory, every override package present.
func TestSourceTree(t *testing.T) {
	for _, pkg := range []string{"iter", "cmp", "slices", "maps"} {
		files, err := fs.Glob(Source(), path.Join("src", pkg, "*.go"))
		if err != nil || len(files) == 0 {
			t.Fatalf("no source for %s: %v", pkg, err)
		}
		for _, f := range files {
			b, err := fs.ReadFile(Source(), f)
			if err != nil {
				t.Fatal(err)
			}
			if !regexp.MustCompile(`(?m)^package ` + pkg + `$`).Match(b) {
				t.Errorf("%s does not declare package %s", f, pkg)
			}
		}
	}
}
