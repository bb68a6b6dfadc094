package eval

import (
	"go/ast"
	"reflect"
)

// edit walks the AST under n depth-first. pre runs before a node's children and returns
// false to skip them (post is then not called either); post runs after the children and
// its result replaces the node in its parent when the parent's field can hold it. go/ast
// has no generic replace, hence reflect; comments and object links are not walked.
func edit(n ast.Node, pre func(ast.Node) bool, post func(ast.Node) ast.Node) ast.Node {
	if n == nil || reflect.ValueOf(n).IsNil() || !pre(n) {
		return n
	}
	v := reflect.ValueOf(n).Elem()
	t := v.Type()
	for i := 0; i < v.NumField(); i++ {
		switch t.Field(i).Name {
		case "Doc", "Comment", "Comments", "Imports", "Unresolved", "Obj", "Scope":
			continue
		}
		f := v.Field(i)
		switch f.Kind() {
		case reflect.Interface, reflect.Pointer:
			editField(f, pre, post)
		case reflect.Slice:
			for j := 0; j < f.Len(); j++ {
				editField(f.Index(j), pre, post)
			}
		}
	}
	return post(n)
}

func editField(f reflect.Value, pre func(ast.Node) bool, post func(ast.Node) ast.Node) {
	if f.IsNil() {
		return
	}
	child, ok := f.Interface().(ast.Node)
	if !ok {
		return
	}
	if r := edit(child, pre, post); r != child && reflect.TypeOf(r).AssignableTo(f.Type()) {
		f.Set(reflect.ValueOf(r))
	}
}
