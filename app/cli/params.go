package cli

import (
	"fmt"
	"go/token"
	"sort"
	"strconv"
	"strings"

	"github.com/cairn-notebook/cairn/app/notebook"
)

// paramCell returns Go code that defines the notebook's parameters as variables, with the
// defaults of the front matter overridden by --param k=v, each parsed as its default's type.
func paramCell(nb *notebook.Notebook, overrides []string) (string, error) {
	values := map[string]any{}
	var names []string
	for _, p := range nb.Meta.Params {
		if !token.IsIdentifier(p.Name) || token.IsKeyword(p.Name) {
			return "", fmt.Errorf("parameter %q is not a valid Go identifier", p.Name)
		}
		values[p.Name] = p.Default
		names = append(names, p.Name)
	}
	for _, o := range overrides {
		name, raw, ok := strings.Cut(o, "=")
		if !ok {
			return "", fmt.Errorf("--param %q: expected name=value", o)
		}
		def, known := values[name]
		if !known {
			return "", fmt.Errorf("--param %s: the notebook has no parameter %q (it declares: %s)", o, name, list(names))
		}
		v, err := parseLike(def, raw)
		if err != nil {
			return "", fmt.Errorf("--param %s: %v", o, err)
		}
		values[name] = v
	}
	if len(names) == 0 {
		return "", nil
	}
	var b strings.Builder
	b.WriteString("var (\n")
	for _, n := range names {
		typ, lit := goLiteral(values[n])
		fmt.Fprintf(&b, "\t%s %s = %s\n", n, typ, lit)
	}
	b.WriteString(")\n")
	return b.String(), nil
}

func list(names []string) string {
	if len(names) == 0 {
		return "no parameters"
	}
	s := append([]string(nil), names...)
	sort.Strings(s)
	return strings.Join(s, ", ")
}

// parseLike parses raw as a value of def's type.
func parseLike(def any, raw string) (any, error) {
	switch def.(type) {
	case int64, int:
		v, err := strconv.ParseInt(raw, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%q is not an integer (the parameter's default is %v)", raw, def)
		}
		return v, nil
	case float64:
		v, err := strconv.ParseFloat(raw, 64)
		if err != nil {
			return nil, fmt.Errorf("%q is not a number (the parameter's default is %v)", raw, def)
		}
		return v, nil
	case bool:
		v, err := strconv.ParseBool(raw)
		if err != nil {
			return nil, fmt.Errorf("%q is not true or false (the parameter's default is %v)", raw, def)
		}
		return v, nil
	}
	return raw, nil
}

// goLiteral returns the Go type and literal for a parameter value.
func goLiteral(v any) (typ, lit string) {
	switch x := v.(type) {
	case int64:
		return "int", strconv.FormatInt(x, 10)
	case int:
		return "int", strconv.Itoa(x)
	case float64:
		return "float64", strconv.FormatFloat(x, 'g', -1, 64)
	case bool:
		return "bool", strconv.FormatBool(x)
	case nil:
		return "string", `""`
	}
	return "string", strconv.Quote(fmt.Sprint(v))
}
