package eval

import (
	"fmt"
	"go/ast"
	"go/types"
	"reflect"
	"regexp"
	"strconv"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/traefik/yaegi/interp"
)

// hookPath is the compiled package through which rewritten cells call back into the
// evaluator; cells see it as hookName, a name no user code can write by accident.
const (
	hookPath = "cairn/hook"
	hookName = "__cairn"
)

// hooks are the evaluator's compiled functions that rewritten cells call.
func (e *Evaluator) hooks() interp.Exports {
	out := reflect.ValueOf(func(v ...any) {
		e.out = make([]reflect.Value, len(v))
		for i, x := range v {
			e.out[i] = reflect.ValueOf(x)
		}
	})
	stringer := reflect.TypeOf((*fmt.Stringer)(nil)).Elem()
	errType := reflect.TypeOf((*error)(nil)).Elem()
	return interp.Exports{
		hookPath + "/hook": {
			"Out":     out,
			"At":      reflect.ValueOf(e.setAt),
			"Clear":   reflect.ValueOf(clearValue),
			"Stop":    reflect.ValueOf(func() { panic(stopCell{}) }),
			"Unwraps": reflect.ValueOf(unwraps),
			"Defer": reflect.ValueOf(func(line, col int, f func()) {
				e.defers = append(e.defers, deferred{f, line, col})
			}),
			// The cell's defers, last first; a panic stops the rest (unlike Go's).
			"RunDefers": reflect.ValueOf(func() {
				for n := len(e.defers); n > 0; n = len(e.defers) {
					d := e.defers[n-1]
					e.defers = e.defers[:n-1]
					e.setAt(d.line, d.col)
					d.call()
				}
			}),
		},
		// Interpreted values with a String or Error method reach Out wrapped so that they
		// keep the method (the same mechanism yaegi uses for fmt.Println). fmt.Errorf's
		// arguments may be errors too: yaegi maps only Formatter and Stringer, so a cell's
		// error type given to %w printed %!w(...) and broke the chain.
		".": {"MapTypes": reflect.ValueOf(map[reflect.Value][]reflect.Type{out: {stringer, errType},
			reflect.ValueOf(fmt.Errorf): {errType, reflect.TypeFor[fmt.Formatter](), stringer}})},
	}
}

// clearValue is the builtin clear (Go 1.21) for yaegi, which lacks it: maps are emptied and
// slice elements zeroed in place, through reflect, so any element type works.
func clearValue(x any) {
	v := reflect.ValueOf(x)
	if v.Kind() == reflect.Map || v.Kind() == reflect.Slice {
		v.Clear()
	}
}

// display decides what happens to a cell's trailing expression statement.
type display int

const (
	displayNone  display = iota // a statement, or a call without results: just run it
	displayShow                 // pass its values to Out
	displayProbe                // unknown (no type information): try Out, fall back to running it
)

// displayOf classifies the trailing expression x. Calls of fmt's Print functions are not
// shown: their byte count and nil error are noise in a notebook.
func displayOf(info *types.Info, x ast.Expr) display {
	call, ok := ast.Unparen(x).(*ast.CallExpr)
	if !ok {
		return displayShow
	}
	if sel, ok := call.Fun.(*ast.SelectorExpr); ok && isPrint(info, sel) {
		return displayNone
	}
	if info == nil {
		return displayProbe
	}
	tv, ok := info.Types[call]
	switch {
	case !ok || tv.Type == nil || tv.Type == types.Typ[types.Invalid]:
		return displayProbe
	case tv.IsVoid():
		return displayNone
	}
	return displayShow
}

// isPrint reports whether sel is fmt.Print, Printf, Println (or Fprint... to any writer).
func isPrint(info *types.Info, sel *ast.SelectorExpr) bool {
	pkg, ok := sel.X.(*ast.Ident)
	if !ok {
		return false
	}
	switch sel.Sel.Name {
	case "Print", "Printf", "Println", "Fprint", "Fprintf", "Fprintln":
	default:
		return false
	}
	if info != nil {
		if pn, ok := info.Uses[pkg].(*types.PkgName); ok {
			return pn.Imported().Path() == "fmt"
		}
	}
	return pkg.Name == "fmt"
}

// yaegi makes interpreted struct types with reflect.StructOf, which needs exported names:
// field x becomes Xx. Text shows the name the user wrote; xFields holds the fields cells
// really named X<lowercase>..., which must stay as they are.
var (
	renamedField = regexp.MustCompile(`[{ ]X[a-z_][A-Za-z0-9_]*:`)
	xFields      sync.Map
)

// noteXFields records the fields of ts named X<lowercase>...
func noteXFields(ts *ast.TypeSpec) {
	ast.Inspect(ts.Type, func(n ast.Node) bool {
		if f, ok := n.(*ast.Field); ok {
			for _, id := range f.Names {
				if renamedField.MatchString(" " + id.Name + ":") {
					xFields.Store(id.Name, true)
				}
			}
		}
		return true
	})
}

// renames reports whether t contains an interpreted struct type with a renamed field.
func renames(t reflect.Type, seen map[reflect.Type]bool) bool {
	if seen[t] {
		return false
	}
	seen[t] = true
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Chan:
		return renames(t.Elem(), seen)
	case reflect.Map:
		return renames(t.Key(), seen) || renames(t.Elem(), seen)
	case reflect.Struct:
		for i := range t.NumField() {
			f := t.Field(i)
			if t.Name() == "" && len(f.Name) > 1 && f.Name[0] == 'X' && (f.Name[1] == '_' || unicode.IsLower(rune(f.Name[1]))) {
				return true
			}
			if renames(f.Type, seen) {
				return true
			}
		}
	}
	return false
}

// maxText bounds Text's result: a displayed million-element slice must not flood the app.
const maxText = 64 << 10

// Text renders a displayed value as text/plain: strings quoted (so "" and " 1" are visible
// and "1" differs from 1), values with a String or Error method as those say, anything else
// like %+v (struct field names shown). Invalid values (a nil interface) are "<nil>".
func Text(v reflect.Value) string {
	var s string
	switch {
	case !v.IsValid():
		return "<nil>"
	case !v.CanInterface():
		s = v.String()
	default:
		switch x := v.Interface().(type) {
		case fmt.Formatter, fmt.Stringer, error:
			s = fmt.Sprint(x)
		default:
			if v.Kind() == reflect.String {
				s = strconv.Quote(v.String())
			} else {
				s = fmt.Sprintf("%+v", x)
				if renames(v.Type(), map[reflect.Type]bool{}) {
					s = renamedField.ReplaceAllStringFunc(s, func(m string) string {
						if _, declared := xFields.Load(m[1 : len(m)-1]); declared {
							return m
						}
						return m[:1] + m[2:]
					})
				}
			}
		}
	}
	if len(s) > maxText {
		n := maxText
		for !utf8.RuneStart(s[n]) {
			n--
		}
		s = s[:n] + fmt.Sprintf("… (%d more bytes)", len(s)-n)
	}
	return s
}
