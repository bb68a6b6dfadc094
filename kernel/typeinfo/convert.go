package typeinfo

import (
	"go/token"
	"go/types"
	"path"
	"reflect"
	"strings"
)

// converter turns reflect types into go/types types. Named types are cached by reflect.Type,
// so every reference to, say, io.Reader (from io itself or from a bufio signature) yields
// the same *types.Named, which go/types needs for identity and assignability.
type converter struct {
	names map[string]string             // import path → package name (from the symbol table)
	pkgs  map[string]*types.Package     // every package seen so far, filled or not
	named map[reflect.Type]*types.Named // compiled named types built so far
	busy  map[reflect.Type]*types.Named // unnamed types being built; non-nil once found cyclic
	cur   *types.Package                // package owning the fields and params being built
}

func newConverter(names map[string]string) *converter {
	return &converter{
		names: names,
		pkgs:  map[string]*types.Package{},
		named: map[reflect.Type]*types.Named{},
		busy:  map[reflect.Type]*types.Named{},
	}
}

// pkg returns the one *types.Package for an import path, creating an empty one on first use.
// Its scope is filled only when the package itself is imported.
func (c *converter) pkg(p string) *types.Package {
	if pk, ok := c.pkgs[p]; ok {
		return pk
	}
	name, ok := c.names[p]
	if !ok {
		name = guessName(p)
	}
	pk := types.NewPackage(p, name)
	c.pkgs[p] = pk
	return pk
}

// guessName is the package name for a path missing from the symbol table (only used in
// messages): the last element, skipping a major version suffix like /v2.
func guessName(p string) string {
	base := path.Base(p)
	if len(base) > 1 && base[0] == 'v' && strings.Trim(base[1:], "0123456789") == "" {
		base = path.Base(path.Dir(p))
	}
	return strings.NewReplacer("-", "", ".", "").Replace(base)
}

// typ converts any reflect type.
func (c *converter) typ(t reflect.Type) types.Type {
	if t == nil {
		return types.Typ[types.Invalid]
	}
	if t.Name() != "" {
		if t.PkgPath() == "" {
			return predeclared(t)
		}
		return c.namedType(t)
	}
	return c.unnamed(t)
}

// unnamed converts an unnamed type. yaegi builds interpreted recursive types (type N struct
// { Next *N }) as unnamed reflect types that contain themselves; go/types cannot express an
// unnamed cycle, so the cycle is broken by a named type called "recursive".
func (c *converter) unnamed(t reflect.Type) (typ types.Type) {
	if n, ok := c.busy[t]; ok {
		if n == nil {
			n = types.NewNamed(types.NewTypeName(token.NoPos, c.cur, "recursive", nil), nil, nil)
			c.busy[t] = n
		}
		return n
	}
	c.busy[t] = nil
	defer func() {
		if n := c.busy[t]; n != nil {
			if n.Underlying() == nil { // only after a panic
				n.SetUnderlying(types.Typ[types.Invalid])
			}
			typ = n
		}
		delete(c.busy, t)
	}()
	u := c.structure(t)
	if n := c.busy[t]; n != nil {
		n.SetUnderlying(u)
	}
	return u
}

// predeclared maps unnamed-package named types: the basic types and error.
func predeclared(t reflect.Type) types.Type {
	if t.Kind() == reflect.Interface {
		if obj := types.Universe.Lookup(t.Name()); obj != nil {
			return obj.Type()
		}
	}
	return basic(t.Kind())
}

var basics = map[reflect.Kind]types.BasicKind{
	reflect.Bool: types.Bool, reflect.String: types.String,
	reflect.Int: types.Int, reflect.Int8: types.Int8, reflect.Int16: types.Int16,
	reflect.Int32: types.Int32, reflect.Int64: types.Int64,
	reflect.Uint: types.Uint, reflect.Uint8: types.Uint8, reflect.Uint16: types.Uint16,
	reflect.Uint32: types.Uint32, reflect.Uint64: types.Uint64, reflect.Uintptr: types.Uintptr,
	reflect.Float32: types.Float32, reflect.Float64: types.Float64,
	reflect.Complex64: types.Complex64, reflect.Complex128: types.Complex128,
	reflect.UnsafePointer: types.UnsafePointer,
}

// basic returns the basic type of a kind, or Invalid when the kind is not basic.
func basic(k reflect.Kind) *types.Basic {
	if b, ok := basics[k]; ok {
		return types.Typ[b]
	}
	return types.Typ[types.Invalid]
}

// namedType builds a compiled named type once. It is cached before its underlying type and
// methods are built, so recursive types (a struct holding *itself) terminate.
func (c *converter) namedType(t reflect.Type) *types.Named {
	if n, ok := c.named[t]; ok {
		return n
	}
	pkg := c.pkg(t.PkgPath())
	// Instantiated generic types are named like "Seq[string]": kept as an opaque named type
	// with the right underlying type and methods, since reflect does not expose the origin.
	n := types.NewNamed(types.NewTypeName(token.NoPos, pkg, t.Name(), nil), nil, nil)
	c.named[t] = n

	saved := c.cur
	c.cur = pkg
	defer func() {
		c.cur = saved
		// Never leave a half-built type behind: go/types would crash on a nil underlying.
		if n.Underlying() == nil {
			n.SetUnderlying(types.Typ[types.Invalid])
		}
	}()
	n.SetUnderlying(c.structure(t))
	if t.Kind() != reflect.Interface { // interface methods live in the underlying type
		c.addMethods(n, t)
	}
	return n
}

// addMethods attaches the exported methods reflect knows: those of T have value receivers,
// those only *T has have pointer receivers.
func (c *converter) addMethods(n *types.Named, t reflect.Type) {
	onValue := map[string]bool{}
	for i := 0; i < t.NumMethod(); i++ {
		m := t.Method(i)
		onValue[m.Name] = true
		c.addMethod(n, n, m)
	}
	pt := reflect.PointerTo(t)
	for i := 0; i < pt.NumMethod(); i++ {
		if m := pt.Method(i); !onValue[m.Name] {
			c.addMethod(n, types.NewPointer(n), m)
		}
	}
}

func (c *converter) addMethod(n *types.Named, recvType types.Type, m reflect.Method) {
	recv := types.NewParam(token.NoPos, c.cur, "", recvType)
	sig := c.signature(m.Type, 1, recv) // In(0) is the receiver
	n.AddMethod(types.NewFunc(token.NoPos, c.methodPkg(m), m.Name, sig))
}

// methodPkg is the package that qualifies a method name: its own for unexported ones.
func (c *converter) methodPkg(m reflect.Method) *types.Package {
	if m.PkgPath != "" {
		return c.pkg(m.PkgPath)
	}
	return c.cur
}

// structure converts the type structure of t, ignoring its name (the underlying type).
func (c *converter) structure(t reflect.Type) types.Type {
	switch t.Kind() {
	case reflect.Pointer:
		return types.NewPointer(c.typ(t.Elem()))
	case reflect.Slice:
		return types.NewSlice(c.typ(t.Elem()))
	case reflect.Array:
		return types.NewArray(c.typ(t.Elem()), int64(t.Len()))
	case reflect.Map:
		return types.NewMap(c.typ(t.Key()), c.typ(t.Elem()))
	case reflect.Chan:
		return types.NewChan(chanDir(t.ChanDir()), c.typ(t.Elem()))
	case reflect.Func:
		return c.signature(t, 0, nil)
	case reflect.Struct:
		return c.structType(t)
	case reflect.Interface:
		return c.interfaceType(t)
	}
	return basic(t.Kind())
}

func chanDir(d reflect.ChanDir) types.ChanDir {
	switch d {
	case reflect.SendDir:
		return types.SendOnly
	case reflect.RecvDir:
		return types.RecvOnly
	}
	return types.SendRecv
}

// signature converts a func type, skipping its first skip inputs (the receiver of a method).
func (c *converter) signature(t reflect.Type, skip int, recv *types.Var) *types.Signature {
	params := make([]*types.Var, 0, t.NumIn()-skip)
	for i := skip; i < t.NumIn(); i++ {
		params = append(params, types.NewParam(token.NoPos, c.cur, "", c.typ(t.In(i))))
	}
	results := make([]*types.Var, 0, t.NumOut())
	for i := 0; i < t.NumOut(); i++ {
		results = append(results, types.NewParam(token.NoPos, c.cur, "", c.typ(t.Out(i))))
	}
	return types.NewSignatureType(recv, nil, nil, types.NewTuple(params...), types.NewTuple(results...), t.IsVariadic())
}

func (c *converter) structType(t reflect.Type) *types.Struct {
	fields := make([]*types.Var, t.NumField())
	tags := make([]string, t.NumField())
	for i := range fields {
		f := t.Field(i)
		pkg := c.cur
		if f.PkgPath != "" { // unexported: the name is qualified by its package
			pkg = c.pkg(f.PkgPath)
		}
		fields[i] = types.NewField(token.NoPos, pkg, f.Name, c.typ(f.Type), f.Anonymous)
		tags[i] = string(f.Tag)
	}
	return types.NewStruct(fields, tags)
}

// interfaceType lists the full method set reflect reports (embedded interfaces flattened).
// Complete computes the type set now, as go/types asks before concurrent use.
func (c *converter) interfaceType(t reflect.Type) *types.Interface {
	methods := make([]*types.Func, 0, t.NumMethod())
	for i := 0; i < t.NumMethod(); i++ {
		m := t.Method(i)
		methods = append(methods, types.NewFunc(token.NoPos, c.methodPkg(m), m.Name, c.signature(m.Type, 0, nil)))
	}
	return types.NewInterfaceType(methods, nil).Complete()
}
