// Package eval evaluates Go notebook cells on the yaegi interpreter, with modern Go (1.22+)
// constructs rewritten to what yaegi (about Go 1.21) runs, state shared across cells, the
// value of a trailing expression returned for display, errors positioned in the cell, and
// interrupts that wait until the cell's code has really stopped.
package eval

import (
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"io/fs"
	"os"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/traefik/yaegi/interp"
	"github.com/traefik/yaegi/stdlib"
	"github.com/traefik/yaegi/stdlib/unrestricted"

	"github.com/cairn-notebook/cairn/kernel/typeinfo"
)

// Options configure an Evaluator.
type Options struct {
	// Exports are the compiled packages cells can import (keys "importpath/pkgname", as
	// `yaegi extract` writes them). nil means yaegi's standard library, unrestricted (so
	// os.Exit exits, os.Getenv reads the real environment).
	Exports interp.Exports
	// Source is a GOPATH-style tree (src/<importpath>/*.go) of packages shipped as
	// interpreted source, such as generic helpers; nil for none.
	Source fs.FS
}

// Evaluator runs Go cells in one interpreter. Eval calls are serialised.
type Evaluator struct {
	mu       sync.Mutex
	in       *interp.Interpreter
	fset     *token.FileSet
	imp      *typeinfo.Importer
	env      *env
	trap     *stderrTrap
	cancel   *canceller
	blank    *blankSym
	pkgNames map[string]string // import path → package name, of compiled packages
	syms     interp.Exports    // import path → symbols, of compiled packages
	out      []reflect.Value   // set by the Out hook
	defers   []deferred        // the running cell's top-level defers (defer.go)
	at       atomic.Int64      // line<<32 | col of the running top-level statement
}

// New makes an interpreter loaded with opt's packages. The interpreter runs unrestricted:
// os.Exit really exits and the environment is the process's.
func New(opt Options) (*Evaluator, error) {
	exports := opt.Exports
	if exports == nil {
		exports = defaultExports()
	}
	src := opt.Source
	if src == nil {
		src = emptyFS{} // never look for packages on the real disk
	}
	e := &Evaluator{trap: &stderrTrap{out: os.Stderr}, env: newEnv(),
		pkgNames: map[string]string{}, syms: interp.Exports{}}
	e.in = interp.New(interp.Options{GoPath: ".", SourcecodeFilesystem: src, Unrestricted: true, Stderr: e.trap})
	e.fset = e.in.FileSet()
	var err error
	if e.cancel, err = newCanceller(e.in); err != nil {
		return nil, err
	}
	if e.blank, err = newBlankSym(e.in, e.cancel.mu); err != nil {
		return nil, err
	}
	hooks := e.hooks()
	if err := use(e.in, exports); err != nil {
		return nil, fmt.Errorf("loading symbols: %w", err)
	}
	if err := use(e.in, hooks); err != nil {
		return nil, fmt.Errorf("loading hooks: %w", err)
	}
	if opt.Source != nil {
		if err := LoadSource(e.in, opt.Source); err != nil {
			return nil, fmt.Errorf("loading source packages: %w", err)
		}
	}
	typed := interp.Exports{} // what go/types sees; an empty table (generic-only package) would hide its source
	for _, tab := range []interp.Exports{exports, hooks} {
		for k, v := range tab {
			if i := strings.LastIndexByte(k, '/'); i > 0 { // not "." (yaegi's MapTypes)
				e.pkgNames[k[:i]] = k[i+1:]
				e.syms[k[:i]] = v
				if len(v) > 0 {
					typed[k] = v
				}
			}
		}
	}
	e.imp = typeinfo.NewImporter(typed, typeSource(opt.Source))
	f, err := parser.ParseFile(e.fset, fileName, "package main; import "+hookName+` "`+hookPath+`"`, 0)
	if err == nil {
		_, err = e.compile(f)
	}
	if err != nil {
		return nil, fmt.Errorf("importing hooks: %w", err)
	}
	e.env.imports[hookName] = hookPath
	return e, nil
}

// defaultExports is yaegi's standard library with the unrestricted os.Exit and os/exec.
func defaultExports() interp.Exports {
	exports := interp.Exports{}
	for _, tab := range []interp.Exports{stdlib.Symbols, unrestricted.Symbols} {
		for k, syms := range tab {
			if exports[k] == nil {
				exports[k] = map[string]reflect.Value{}
			}
			for name, v := range syms {
				exports[k][name] = v
			}
		}
	}
	return exports
}

// use loads symbols, turning a panic inside yaegi (which compiles its generic stdlib sources
// in Use) into an error.
func use(in *interp.Interpreter, x interp.Exports) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("interpreter panic: %v", r)
		}
	}()
	return in.Use(x)
}

// Eval runs one Go cell. It returns the values of the cell's trailing expression (nil when
// the cell ends with a statement or a call without results). It returns only once the
// cell's code has stopped; after ctx is cancelled that is an *Error of Kind "interrupted".
// Failures are *Error values.
func (e *Evaluator) Eval(ctx context.Context, src string) ([]reflect.Value, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if ctx.Err() != nil {
		return nil, &Error{Kind: "interrupted", Msg: ctx.Err().Error() + " before the cell started"}
	}
	c, err := e.prepare(src)
	if err != nil {
		return nil, err
	}
	e.out, e.defers = nil, nil
	for _, r := range c.runs {
		if r.empty() {
			continue
		}
		if err = e.runOne(ctx, c, r); err != nil {
			break
		}
	}
	if len(e.defers) > 0 && ctx.Err() == nil {
		pos := c.runs[0].first()
		if derr := e.runOne(ctx, c, &run{kind: segStmt, body: block(pos, exprStmt(call(hook("RunDefers", pos), pos)))}); err == nil || err == errStopped {
			err = derr
		}
	}
	if err != nil && err != errStopped {
		return nil, err
	}
	return e.out, nil
}

// cell is a parsed, checked and rewritten cell, ready to run.
type cell struct {
	runs     []*run
	info     *types.Info   // nil when the cell was not type-checked
	typeErrs []types.Error // what go/types found wrong, for messages yaegi would garble
}

// prepare parses src and rewrites it for yaegi; it runs nothing.
func (e *Evaluator) prepare(src string) (*cell, error) {
	c := &cell{runs: groupRuns(splitCell(src))}
	for _, r := range c.runs {
		if err := parseRun(e.fset, src, r); err != nil {
			return nil, atEnd(compileError(err), src)
		}
	}
	if err := e.dropReimports(c); err != nil {
		return nil, err
	}
	if err := e.checkRedefs(c); err != nil {
		return nil, err
	}
	if e.needsTypes(c) {
		c.info = e.check(c)
	}
	show := displayNone
	if x := c.trailing(); x != nil {
		show = displayOf(c.info, x.X) // before rewriting: it looks the call up in c.info
	}
	if err := e.rewrite(c); err != nil {
		return nil, err
	}
	if err := e.finish(c, show); err != nil {
		return nil, err
	}
	return c, nil
}

// atEnd moves a parse error found in the wrapper after the cell (an unclosed bracket
// meets the wrapper's closing brace or the end of the file) to the end of the cell.
func atEnd(err *Error, src string) *Error {
	lines := strings.Split(src, "\n")
	if err.Line > len(lines) {
		err.Line, err.Col = len(lines), len(lines[len(lines)-1])+1
		err.Msg = strings.Replace(err.Msg, "found '}'", "found 'EOF'", 1)
	}
	err.Msg = strings.Replace(err.Msg, "found 'EOF'", "found the end of the cell", 1)
	return err
}

// runOne compiles and executes one run, then records what it declared.
func (e *Evaluator) runOne(ctx context.Context, c *cell, r *run) error {
	prog, err := e.compile(r.node())
	if err != nil && r.probe != nil {
		// The trailing call may have no result to show: run it as a plain statement.
		r.body.List = []ast.Stmt{r.probe}
		prog, err = e.compile(r.node())
	}
	var ce *Error
	if err != nil {
		ce = e.explain(compileError(err), c, r)
	}
	if r.kind == segDecl {
		e.recordDefs(r, ce)
	}
	if ce != nil {
		return ce
	}
	pos := e.fset.Position(r.first())
	e.setAt(pos.Line, pos.Column)
	e.trap.take()
	cancelled, err := e.cancel.execute(ctx, e.in, prog)
	line, col := e.where()
	if cancelled {
		return &Error{Kind: "interrupted", Line: line, Col: col, Msg: ctx.Err().Error()}
	}
	if p, ok := err.(interp.Panic); ok && p.Value == (stopCell{}) {
		e.trap.take()
		err = errStopped
	} else if err != nil {
		return runError(err, line, col, e.trap.take())
	}
	e.commit(r)
	return err
}

// garbled are yaegi compile errors that say nothing useful: an undefined name can make yaegi
// crash, or report a "constant definition loop" for `y := undefinedName + x`.
var garbled = []string{"interpreter panic", "definition loop"}

// explain replaces a garbled compile error by what go/types found wrong in the run, if
// anything.
func (e *Evaluator) explain(ce *Error, c *cell, r *run) *Error {
	if !slices.ContainsFunc(garbled, func(g string) bool { return strings.Contains(ce.Msg, g) }) {
		return ce
	}
	if c.info == nil {
		c.info = e.check(c)
	}
	from, to := r.first(), r.node().End()
	for _, te := range c.typeErrs {
		if te.Pos >= from && te.Pos < to {
			return errAt(e.fset, te.Pos, "%s", te.Msg)
		}
	}
	return ce
}

// errStopped tells Eval that the cell returned early.
var errStopped = errors.New("cell returned")

// compile is CompileAST, with yaegi's internal panics turned into errors.
func (e *Evaluator) compile(n ast.Node) (p *interp.Program, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("interpreter panic while compiling: %v", r)
		}
	}()
	e.blank.forget()
	return e.in.CompileAST(n)
}

type emptyFS struct{}

func (emptyFS) Open(string) (fs.File, error) { return nil, fs.ErrNotExist }

// setAt records where the cell is (the At hook, a deferred call, a run's start).
func (e *Evaluator) setAt(line, col int) { e.at.Store(int64(line)<<32 | int64(col)) }

// where is the line and column setAt recorded last.
func (e *Evaluator) where() (line, col int) {
	at := e.at.Load()
	return int(at >> 32), int(at & 0xffffffff)
}
