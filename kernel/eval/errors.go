package eval

import (
	"errors"
	"fmt"
	"go/scanner"
	"go/token"
	"regexp"
	"runtime"
	"strconv"
	"strings"

	"github.com/traefik/yaegi/interp"
)

// Error is a failed cell. Line and Col are 1-based in the cell's own source, 0 when unknown.
type Error struct {
	Kind  string // "compile", "runtime", "panic" or "interrupted"
	Line  int
	Col   int
	Msg   string
	Stack string // interpreted functions the panic went through, innermost first
}

func (e *Error) Error() string {
	s := e.Kind
	if e.Kind == "compile" || e.Kind == "runtime" {
		s += " error"
	}
	if e.Line > 0 {
		s += fmt.Sprintf(" at line %d:%d", e.Line, e.Col)
	}
	if e.Msg != "" {
		s += ": " + e.Msg
	}
	return s
}

// errAt makes a compile error at pos.
func errAt(fset *token.FileSet, pos token.Pos, format string, args ...any) *Error {
	p := fset.Position(pos)
	return &Error{Kind: "compile", Line: p.Line, Col: p.Column, Msg: fmt.Sprintf(format, args...)}
}

// posPrefix matches the "file:line:col: " or "line:col: " that yaegi puts before messages.
var posPrefix = regexp.MustCompile(`^(?s)(?:([^\s:]*):)?(\d+):(\d+): (.*)$`)

// compileError converts a parser or yaegi compile error. Positions inside the cell (file
// name fileName, thanks to the //line directives) become Line/Col; positions in library
// source stay in the message.
func compileError(err error) *Error {
	var list scanner.ErrorList
	if errors.As(err, &list) && len(list) > 0 {
		p := list[0].Pos
		return &Error{Kind: "compile", Line: p.Line, Col: p.Column, Msg: list[0].Msg}
	}
	msg := err.Error()
	if m := posPrefix.FindStringSubmatch(msg); m != nil && m[1] == fileName {
		line, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		return &Error{Kind: "compile", Line: line, Col: col, Msg: m[4]}
	}
	return &Error{Kind: "compile", Msg: msg}
}

// runError converts what Execute returned for a panic in the cell's goroutine.
// Go runtime errors (and reflect's, which is how yaegi indexes and converts) are "runtime";
// everything else the code passed to panic is "panic".
func runError(err error, line, col int, stack []string) *Error {
	e := &Error{Kind: "runtime", Line: line, Col: col, Msg: err.Error(), Stack: strings.Join(stack, "\n")}
	var p interp.Panic
	if errors.As(err, &p) {
		e.Kind = "panic"
		e.Msg = fmt.Sprint(p.Value)
		if _, ok := p.Value.(runtime.Error); ok || strings.HasPrefix(e.Msg, "reflect:") {
			e.Kind = "runtime"
		}
	}
	return e
}
