package typeinfo

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/traefik/yaegi/stdlib"
)

const smallCell = `
import ("fmt"; "strconv"; "strings")
func f() {
	x, err := strconv.Atoi(strings.TrimSpace(" 42 "))
	fmt.Println(x, err)
}`

// The evaluator type-checks every cell: a fresh importer plus the first cell must stay cheap.
func TestFirstCellIsCheap(t *testing.T) {
	start := time.Now()
	check(t, newStdImporter(), smallCell).ok(t)
	if d := time.Since(start); d > 100*time.Millisecond { // measured ~1ms; generous for CI
		t.Errorf("fresh importer + fmt/strings/strconv cell took %v", d)
	}
}

// Every symbol of the stdlib table converts, without error or panic.
func TestWholeStdlibTable(t *testing.T) {
	imp := newStdImporter()
	start := time.Now()
	symbols := 0
	for key, syms := range stdlib.Symbols {
		i := strings.LastIndexByte(key, '/')
		if i < 0 {
			continue // "." holds yaegi's MapTypes, not a package
		}
		pkg, err := imp.Import(key[:i])
		if err != nil {
			t.Errorf("import %s: %v", key[:i], err)
			continue
		}
		for name := range syms {
			if name[0] == '_' { // interface wrappers are yaegi's business
				continue
			}
			symbols++
			if pkg.Scope().Lookup(name) == nil {
				t.Errorf("%s.%s was dropped", key[:i], name)
			}
		}
	}
	t.Logf("%d packages, %d symbols, %d named types in %v", len(stdlib.Symbols), symbols, len(imp.conv.named), time.Since(start))
}

func BenchmarkFirstCell(b *testing.B) {
	for b.Loop() {
		check(b, newStdImporter(), smallCell)
	}
}

func BenchmarkCachedCell(b *testing.B) {
	imp := newStdImporter()
	for b.Loop() {
		check(b, imp, smallCell)
	}
}

func BenchmarkImportOS(b *testing.B) {
	for b.Loop() {
		if _, err := newStdImporter().Import("os"); err != nil {
			b.Fatal(err)
		}
	}
}

// Cells of several notebooks may be checked at once through one importer.
func TestConcurrentUse(t *testing.T) {
	imp := newStdImporter()
	var wg sync.WaitGroup
	for _, cell := range []string{smallCell, `import "os"; var f, _ = os.Open("x")`, `import "example.com/gen"; var n = gen.Sum(1, 2)`} {
		wg.Go(func() {
			for range 3 {
				if c := check(t, imp, cell); len(c.errs) > 0 {
					t.Error(c.errs)
				}
			}
		})
	}
	wg.Wait()
}
