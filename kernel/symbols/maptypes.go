package symbols

import (
	"encoding"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"log"
	"reflect"

	"github.com/cairn-notebook/cairn/kernel/nb"
)

// mapTypes tells yaegi which interfaces to look for when an interpreted value is passed
// to these compiled functions, so that fmt calls an interpreted String or Format method,
// encoding/json and xml call interpreted (Un)Marshal methods, and nb sees MIMEBundle.
// Copied from yaegi's stdlib/maptypes.go; interp.Use reads it from the "." entry.
var mapTypes = map[reflect.Value][]reflect.Type{}

func init() {
	Symbols["."] = map[string]reflect.Value{"MapTypes": reflect.ValueOf(mapTypes)}

	printers := ifaceTypes((*fmt.Formatter)(nil), (*fmt.Stringer)(nil))
	for _, f := range []any{
		fmt.Errorf, fmt.Fprint, fmt.Fprintf, fmt.Fprintln, fmt.Print, fmt.Printf, fmt.Println,
		fmt.Sprint, fmt.Sprintf, fmt.Sprintln,
		log.Fatal, log.Fatalf, log.Fatalln, log.Panic, log.Panicf, log.Panicln,
	} {
		mapTypes[reflect.ValueOf(f)] = printers
	}
	scanners := ifaceTypes((*fmt.Scanner)(nil))
	for _, f := range []any{fmt.Scan, fmt.Scanf, fmt.Scanln} {
		mapTypes[reflect.ValueOf(f)] = scanners
	}
	// nb.Display and friends honour an interpreted MIMEBundle method, else String or Error.
	displayers := ifaceTypes((*nb.MIMEBundler)(nil), (*fmt.Stringer)(nil), (*error)(nil))
	for _, f := range []any{nb.Display, nb.Update, nb.Bundle} {
		mapTypes[reflect.ValueOf(f)] = displayers
	}
	mapTypes[reflect.ValueOf(json.Marshal)] = ifaceTypes((*json.Marshaler)(nil), (*encoding.TextMarshaler)(nil))
	mapTypes[reflect.ValueOf(json.Unmarshal)] = ifaceTypes((*json.Unmarshaler)(nil), (*encoding.TextUnmarshaler)(nil))
	mapTypes[reflect.ValueOf(xml.Marshal)] = ifaceTypes((*xml.Marshaler)(nil), (*encoding.TextMarshaler)(nil))
	mapTypes[reflect.ValueOf(xml.Unmarshal)] = ifaceTypes((*xml.Unmarshaler)(nil), (*encoding.TextUnmarshaler)(nil))
}

// ifaceTypes returns the interface types that the given nil interface pointers point to.
func ifaceTypes(ptrs ...any) []reflect.Type {
	out := make([]reflect.Type, len(ptrs))
	for i, p := range ptrs {
		out[i] = reflect.TypeOf(p).Elem()
	}
	return out
}
