package typeinfo

import (
	"go/constant"
	"go/token"
	"go/types"
	"reflect"
	"sort"
)

var constValueType = reflect.TypeOf((*constant.Value)(nil)).Elem()

// fill declares every representable symbol of one yaegi symbol table in pkg's scope.
// Names are sorted so that building is deterministic.
func (c *converter) fill(pkg *types.Package, syms map[string]reflect.Value) {
	names := make([]string, 0, len(syms))
	for name := range syms {
		names = append(names, name)
	}
	sort.Strings(names)
	saved := c.cur
	defer func() { c.cur = saved }()
	for _, name := range names {
		c.cur = pkg
		if obj := c.object(pkg, name, syms[name]); obj != nil {
			pkg.Scope().Insert(obj)
		}
	}
}

// object converts one symbol following `yaegi extract` conventions:
//
//	type T     reflect.ValueOf((*T)(nil))          nil pointer, not addressable
//	var V      reflect.ValueOf(&V).Elem()          addressable (older tables: reflect.ValueOf(&V))
//	const C    reflect.ValueOf(constant.Value)     untyped constant
//	const C T  reflect.ValueOf(C)                  typed constant of a basic kind
//	func F     reflect.ValueOf(F)                  func, not addressable
//
// Interface wrappers (_Name) and symbols that cannot be represented return nil; a panic
// while converting skips only that symbol.
func (c *converter) object(pkg *types.Package, name string, v reflect.Value) (obj types.Object) {
	if name == "" || name[0] == '_' || !v.IsValid() || !token.IsIdentifier(name) {
		return nil
	}
	defer func() {
		if recover() != nil {
			obj = nil
		}
	}()
	t := v.Type()
	switch {
	case t.Kind() == reflect.Pointer && v.IsNil() && !v.CanAddr():
		return c.typeName(pkg, name, t.Elem())
	case v.CanAddr():
		return types.NewVar(token.NoPos, pkg, name, c.typ(t))
	case t.Implements(constValueType):
		return untypedConst(pkg, name, v)
	case t.Kind() == reflect.Func:
		return types.NewFunc(token.NoPos, pkg, name, c.signature(t, 0, nil))
	case basic(t.Kind()) != types.Typ[types.Invalid]:
		return typedConst(pkg, name, c.typ(t), v)
	case t.Kind() == reflect.Pointer:
		return types.NewVar(token.NoPos, pkg, name, c.typ(t.Elem()))
	}
	return types.NewVar(token.NoPos, pkg, name, c.typ(t))
}

// typeName declares name as the type t: the type's own object when t is pkg.name itself,
// otherwise an alias (os.FileInfo = fs.FileInfo, or an alias of an unnamed type).
func (c *converter) typeName(pkg *types.Package, name string, t reflect.Type) types.Object {
	typ := c.typ(t)
	if n, ok := typ.(*types.Named); ok && n.Obj().Pkg() == pkg && n.Obj().Name() == name {
		return n.Obj()
	}
	if typ == types.Typ[types.Invalid] {
		return nil
	}
	return types.NewAlias(types.NewTypeName(token.NoPos, pkg, name, nil), typ).Obj()
}

var untypedKinds = map[constant.Kind]types.BasicKind{
	constant.Bool:    types.UntypedBool,
	constant.String:  types.UntypedString,
	constant.Int:     types.UntypedInt,
	constant.Float:   types.UntypedFloat,
	constant.Complex: types.UntypedComplex,
}

func untypedConst(pkg *types.Package, name string, v reflect.Value) types.Object {
	val, _ := v.Interface().(constant.Value)
	if val == nil {
		return nil
	}
	kind, ok := untypedKinds[val.Kind()]
	if !ok {
		return nil
	}
	return types.NewConst(token.NoPos, pkg, name, types.Typ[kind], val)
}

// typedConst reads the value of a typed constant stored as its Go value.
func typedConst(pkg *types.Package, name string, typ types.Type, v reflect.Value) types.Object {
	var val constant.Value
	switch k := v.Kind(); {
	case k == reflect.Bool:
		val = constant.MakeBool(v.Bool())
	case k == reflect.String:
		val = constant.MakeString(v.String())
	case v.CanInt():
		val = constant.MakeInt64(v.Int())
	case v.CanUint():
		val = constant.MakeUint64(v.Uint())
	case v.CanFloat():
		val = constant.MakeFloat64(v.Float())
	case v.CanComplex():
		z := v.Complex()
		val = constant.BinaryOp(constant.MakeFloat64(real(z)), token.ADD, constant.MakeImag(constant.MakeFloat64(imag(z))))
	default: // unsafe.Pointer values are not constants
		return types.NewVar(token.NoPos, pkg, name, typ)
	}
	if val.Kind() == constant.Unknown { // NaN or Inf cannot be a constant
		return types.NewVar(token.NoPos, pkg, name, typ)
	}
	return types.NewConst(token.NoPos, pkg, name, typ, val)
}
