package notebook

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// frontState is the front matter as read from the file.
type frontState struct {
	raw  string     // the front matter lines with their --- delimiters; "" if none
	meta Meta       // Meta as decoded from raw
	doc  *yaml.Node // the YAML document (unknown keys live here); nil if none
}

func isDelimiter(line string) bool { return strings.TrimRight(line, " \t\r") == "---" }

// front reads the front matter, if the file starts with a --- line, and
// returns the index of the first line after it.
func (p *parser) front() (int, error) {
	nb := p.nb
	nb.Meta = Meta{Format: CurrentFormat}
	nb.front = &frontState{meta: nb.Meta}
	if len(p.lines) == 0 || !isDelimiter(p.lines[0]) {
		return 0, nil
	}
	end := 1
	for end < len(p.lines) && !isDelimiter(p.lines[end]) {
		end++
	}
	if end == len(p.lines) {
		return 0, errorf(1, "front matter opened here is never closed by a --- line")
	}
	src := strings.Join(p.lines[1:end], "\n") + "\n"
	doc, err := parseYAML(src)
	if err != nil {
		return 0, err
	}
	meta, err := decodeMeta(doc)
	if err != nil {
		return 0, err
	}
	nb.Meta = meta
	nb.front = &frontState{raw: strings.Join(p.lines[:end+1], "\n") + "\n", meta: copyMeta(meta), doc: doc}
	return end + 1, nil
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): `)

// parseYAML parses front matter text. A blank line is put in front so that
// YAML line numbers are file line numbers (the opening --- is line 1).
func parseYAML(src string) (doc *yaml.Node, err error) {
	defer func() {
		if r := recover(); r != nil { // never let a YAML library bug crash the app
			doc, err = nil, errorf(1, "front matter: YAML parser failed: %v", r)
		}
	}()
	var n yaml.Node
	if err := yaml.Unmarshal([]byte("\n"+src), &n); err != nil {
		return nil, yamlError(err)
	}
	if n.Kind == 0 {
		return nil, nil // empty or only comments
	}
	return &n, nil
}

// yamlError turns a YAML syntax error into a ParseError. The YAML library
// counts lines from 1 in scanner errors but from 0 in parser errors (those
// that say "did not find expected ...").
func yamlError(err error) *ParseError {
	m := yamlLine.FindStringSubmatch(err.Error())
	if m == nil {
		return errorf(1, "front matter is not valid YAML: %s", strings.TrimPrefix(err.Error(), "yaml: "))
	}
	line, _ := strconv.Atoi(m[1])
	msg := strings.TrimPrefix(err.Error(), m[0])
	if strings.HasPrefix(msg, "did not find expected") {
		line++
	}
	return errorf(line, "front matter is not valid YAML: %s", msg)
}

// decodeMeta reads the known keys of the front matter document.
func decodeMeta(doc *yaml.Node) (Meta, error) {
	m := Meta{Format: CurrentFormat}
	root := rootMapping(doc)
	if root == nil {
		return m, nil
	}
	if root.Kind != yaml.MappingNode {
		return m, nodeErr(root, "front matter must be YAML keys and values (title: ..., params: ...)")
	}
	err := eachKey(root, "front matter", func(key string, v *yaml.Node) error {
		var err error
		switch key {
		case "format":
			var f int64
			if f, err = intValue(v, "format"); err == nil && f != CurrentFormat {
				err = nodeErr(v, "format version %d is not supported: this Cairn reads format %d", f, CurrentFormat)
			}
			m.Format = int(f)
		case "title":
			m.Title, err = stringValue(v, "title")
		case "problem":
			err = decodeFields(v, "problem", problemFields(&m.Problem))
		case "kernel":
			err = decodeFields(v, "kernel", kernelFields(&m.Kernel))
		case "save":
			err = decodeFields(v, "save", saveFields(&m.Save))
		case "params":
			m.Params, err = decodeParams(v)
		}
		return err
	})
	return m, err
}

// eachKey calls fn for each key of a mapping, rejecting duplicate keys.
func eachKey(n *yaml.Node, what string, fn func(key string, v *yaml.Node) error) error {
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], deref(n.Content[i+1])
		if k.Kind != yaml.ScalarNode {
			continue // not a key of ours; kept as it is
		}
		if l, dup := seen[k.Value]; dup {
			return nodeErr(k, "%s: key %q is given twice (first on line %d)", what, k.Value, l)
		}
		seen[k.Value] = k.Line
		if err := fn(k.Value, v); err != nil {
			return err
		}
	}
	return nil
}

// field is a known key of a front matter mapping.
type field struct {
	key string
	str *string // a text field, or
	num *int64  // an integer field, or
	off *bool   // a true/false field that is true when absent; *off is its negation
	// check validates a text value.
	check func(string) error
}

func problemFields(p *Problem) []field {
	return []field{{key: "what", str: &p.What}, {key: "why", str: &p.Why},
		{key: "how_used", str: &p.HowUsed}, {key: "who_asks", str: &p.WhoAsks},
		{key: "success", str: &p.Success}, {key: "by_hand", str: &p.ByHand}}
}

func kernelFields(k *KernelSettings) []field {
	return []field{{key: "seed", num: &k.Seed},
		{key: "memory_limit", str: &k.MemoryLimit, check: checkMemory},
		{key: "timeout", str: &k.Timeout, check: checkTimeout}}
}

func saveFields(s *SaveSettings) []field {
	return []field{{key: "outputs", off: &s.NoOutputs}}
}

// decodeFields reads a mapping (or an empty value) of known fields.
func decodeFields(n *yaml.Node, what string, fields []field) error {
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		return nodeErr(n, "%s must be keys and values", what)
	}
	return eachKey(n, what, func(key string, v *yaml.Node) error {
		for _, f := range fields {
			if f.key != key {
				continue
			}
			name := what + "." + key
			var err error
			if f.num != nil {
				*f.num, err = intValue(v, name)
				return err
			}
			if f.off != nil {
				var on bool
				on, err = boolValue(v, name)
				*f.off = !on
				return err
			}
			if *f.str, err = stringValue(v, name); err == nil && f.check != nil && *f.str != "" {
				if cerr := f.check(*f.str); cerr != nil {
					err = nodeErr(v, "%s: %v", name, cerr)
				}
			}
			return err
		}
		return nil
	})
}

func decodeParams(n *yaml.Node) ([]Param, error) {
	if isNull(n) {
		return nil, nil
	}
	if n.Kind != yaml.MappingNode {
		return nil, nodeErr(n, "params must be names with default values (rows: 1000)")
	}
	var ps []Param
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode || isNull(k) || k.Value == "" {
			return nil, nodeErr(k, "params: a parameter name must be plain text")
		}
		if _, dup := (&Meta{Params: ps}).Param(k.Value); dup {
			return nil, nodeErr(k, "params: parameter %q is given twice", k.Value)
		}
		d, err := paramValue(v)
		if err != nil {
			return nil, nodeErr(v, "params.%s: %v", k.Value, err)
		}
		ps = append(ps, Param{Name: k.Value, Default: d})
	}
	return ps, nil
}

// paramValue decodes a parameter default: nil, string, int64, float64 or bool.
func paramValue(n *yaml.Node) (any, error) {
	n = deref(n)
	if n.Kind != yaml.ScalarNode {
		return nil, fmt.Errorf("a default must be text, a number, true/false or empty")
	}
	switch n.ShortTag() {
	case "!!null":
		return nil, nil
	case "!!bool":
		var b bool
		err := n.Decode(&b)
		return b, err
	case "!!int":
		var i int64
		if err := n.Decode(&i); err != nil {
			return nil, fmt.Errorf("%s does not fit in a 64-bit integer", n.Value)
		}
		return i, nil
	case "!!float":
		var f float64
		err := n.Decode(&f)
		return f, err
	case "!!str", "!!binary", "!!timestamp":
		return stringValue(n, "")
	}
	return nil, fmt.Errorf("unsupported YAML tag %s", n.Tag)
}

// stringValue reads a text value; numbers and booleans count as their text.
func stringValue(n *yaml.Node, name string) (string, error) {
	n = deref(n)
	if n.Kind != yaml.ScalarNode {
		return "", nodeErr(n, "%s must be text", name)
	}
	switch n.ShortTag() {
	case "!!null":
		return "", nil
	case "!!str", "!!binary":
		var s string
		if err := n.Decode(&s); err != nil {
			return "", nodeErr(n, "%s: %v", name, err)
		}
		return s, nil
	}
	return n.Value, nil
}

func intValue(n *yaml.Node, name string) (int64, error) {
	n = deref(n)
	var i int64
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!int" || n.Decode(&i) != nil {
		return 0, nodeErr(n, "%s must be a whole number", name)
	}
	return i, nil
}

func boolValue(n *yaml.Node, name string) (bool, error) {
	n = deref(n)
	var b bool
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!bool" || n.Decode(&b) != nil {
		return false, nodeErr(n, "%s must be true or false", name)
	}
	return b, nil
}

func isNull(n *yaml.Node) bool {
	n = deref(n)
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// deref follows an alias to the node it names.
func deref(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

// rootMapping returns the top node of a document, or nil.
func rootMapping(doc *yaml.Node) *yaml.Node {
	if doc == nil || len(doc.Content) == 0 {
		return nil
	}
	return doc.Content[0]
}

// nodeErr is an error at node n (parseYAML makes n.Line the file line).
func nodeErr(n *yaml.Node, format string, args ...any) error {
	return errorf(n.Line, format, args...)
}
