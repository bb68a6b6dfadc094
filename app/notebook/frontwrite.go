package notebook

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// frontText returns the front matter to write: as read when Meta did not
// change; otherwise the document as read with only the changed keys
// rewritten, so unknown keys and comments elsewhere survive.
func (nb *Notebook) frontText() string {
	var doc *yaml.Node
	var old Meta
	if f := nb.front; f != nil {
		if metaEqual(nb.Meta, f.meta) {
			return f.raw
		}
		if f.doc != nil {
			doc, old = copyNode(f.doc), f.meta
		}
	}
	if text, err := encodeMeta(doc, nb.Meta, old); err == nil {
		return text
	}
	// The old document could not carry the new values (a YAML library
	// quirk); write the known keys alone rather than a wrong file.
	text, _ := encodeMeta(nil, nb.Meta, Meta{})
	return text
}

// encodeMeta writes m into doc (a fresh document if nil), touching only the
// keys whose value differs from old, and checks the text reads back as m.
func encodeMeta(doc *yaml.Node, m, old Meta) (text string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("yaml: %v", r)
		}
	}()
	fresh := doc == nil
	if fresh {
		doc = &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{{Kind: yaml.MappingNode, Tag: "!!map"}}}
	}
	root := doc.Content[0]
	format := int64(normFormat(m.Format))
	if fresh {
		root.Content = append(root.Content, strNode("format"), intNode(format))
	} else if format != int64(normFormat(old.Format)) {
		setField(root, field{key: "format", num: &format}, false)
	}
	if fresh || m.Title != old.Title {
		setField(root, field{key: "title", str: &m.Title}, m.Title == "")
	}
	if fresh || m.Problem != old.Problem {
		setSection(root, "problem", problemFields(&m.Problem))
	}
	if fresh || !paramsEqual(m.Params, old.Params) {
		setParams(root, m.Params)
	}
	if fresh || m.Kernel != old.Kernel {
		setSection(root, "kernel", kernelFields(&m.Kernel))
	}
	if fresh || m.Save != old.Save {
		setSection(root, "save", saveFields(&m.Save))
	}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return "", err
	}
	if err := enc.Close(); err != nil {
		return "", err
	}
	text = b.String()
	for _, l := range strings.Split(text, "\n") {
		if isDelimiter(l) {
			return "", fmt.Errorf("front matter holds a --- line")
		}
	}
	back, err := parseYAML(text)
	if err != nil {
		return "", err
	}
	if got, err := decodeMeta(back); err != nil || !metaEqual(got, m) {
		return "", fmt.Errorf("front matter does not read back")
	}
	return "---\n" + text + "---\n", nil
}

// setField sets a scalar key of mapping n, unless the value is unchanged
// or the key is absent and omit is true.
func setField(n *yaml.Node, f field, omit bool) {
	if i := keyIndex(n, f.key); i >= 0 {
		old := n.Content[i+1]
		if !f.same(old) {
			v := f.node()
			v.LineComment = old.LineComment
			n.Content[i+1] = v
		}
		return
	}
	if !omit {
		n.Content = append(n.Content, strNode(f.key), f.node())
	}
}

// setSection writes a mapping of fields under key, field by field if the
// key already holds a mapping (keeping its unknown keys), else anew.
func setSection(root *yaml.Node, key string, fields []field) {
	i := keyIndex(root, key)
	if i >= 0 && root.Content[i+1].Kind == yaml.MappingNode {
		for _, f := range fields {
			setField(root.Content[i+1], f, f.zero())
		}
		return
	}
	m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	for _, f := range fields {
		setField(m, f, f.zero())
	}
	switch {
	case i >= 0:
		root.Content[i+1] = m
	case len(m.Content) > 0:
		root.Content = append(root.Content, strNode(key), m)
	}
}

// setParams rewrites the params mapping, reusing the nodes (and comments)
// of parameters whose name and default did not change.
func setParams(root *yaml.Node, ps []Param) {
	i := keyIndex(root, "params")
	if i < 0 && len(ps) == 0 {
		return
	}
	m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	if len(ps) == 0 {
		m.Style = yaml.FlowStyle
	}
	var old *yaml.Node
	if i >= 0 && root.Content[i+1].Kind == yaml.MappingNode {
		old = root.Content[i+1]
	}
	for _, p := range ps {
		k, v := strNode(p.Name), valueNode(p.Default)
		if j := keyIndex(old, p.Name); j >= 0 {
			if d, err := paramValue(old.Content[j+1]); err == nil && valueEqual(d, p.Default) {
				k, v = old.Content[j], old.Content[j+1]
			}
		}
		m.Content = append(m.Content, k, v)
	}
	if i >= 0 {
		root.Content[i+1] = m
	} else {
		root.Content = append(root.Content, strNode("params"), m)
	}
}

func (f field) zero() bool {
	if f.num != nil {
		return *f.num == 0
	}
	if f.off != nil {
		return !*f.off
	}
	return *f.str == ""
}

func (f field) node() *yaml.Node {
	if f.num != nil {
		return intNode(*f.num)
	}
	if f.off != nil {
		return valueNode(!*f.off)
	}
	return strNode(*f.str)
}

// same reports whether the old value node already holds f's value.
func (f field) same(old *yaml.Node) bool {
	if f.num != nil {
		v, err := intValue(old, f.key)
		return err == nil && v == *f.num
	}
	if f.off != nil {
		v, err := boolValue(old, f.key)
		return err == nil && v == !*f.off
	}
	v, err := stringValue(old, f.key)
	return err == nil && v == *f.str
}

// keyIndex returns the index of key's key node in mapping n, or -1.
func keyIndex(n *yaml.Node, key string) int {
	if n == nil {
		return -1
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i]; k.Kind == yaml.ScalarNode && k.Value == key {
			return i
		}
	}
	return -1
}

func strNode(s string) *yaml.Node {
	var n yaml.Node
	if err := n.Encode(s); err != nil {
		panic(err) // encoding a string does not fail
	}
	return &n
}

func intNode(i int64) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.FormatInt(i, 10)}
}

// valueNode encodes a parameter default so that it decodes to the same
// type: a float always has a '.', an exponent or is .inf/.nan.
func valueNode(d any) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode}
	switch v := d.(type) {
	case nil:
		n.Tag, n.Value = "!!null", "null"
	case bool:
		n.Tag, n.Value = "!!bool", strconv.FormatBool(v)
	case int64:
		return intNode(v)
	case float64:
		n.Tag = "!!float"
		switch {
		case math.IsNaN(v):
			n.Value = ".nan"
		case math.IsInf(v, 1):
			n.Value = ".inf"
		case math.IsInf(v, -1):
			n.Value = "-.inf"
		default:
			n.Value = strconv.FormatFloat(v, 'g', -1, 64)
			if !strings.ContainsAny(n.Value, ".e") {
				n.Value += ".0"
			}
		}
	case string:
		return strNode(v)
	default:
		return strNode(fmt.Sprint(v))
	}
	return n
}

// copyNode deep-copies a YAML tree so Marshal never changes the notebook.
// An empty null key is spelled "null" in the copy: the YAML encoder would
// write it as an empty quoted string, which reads back as text.
func copyNode(n *yaml.Node) *yaml.Node {
	if n == nil {
		return nil
	}
	c := *n
	c.Content = make([]*yaml.Node, len(n.Content))
	for i, k := range n.Content {
		c.Content[i] = copyNode(k)
		isKey := n.Kind == yaml.MappingNode && i%2 == 0
		if isKey && k.Kind == yaml.ScalarNode && k.ShortTag() == "!!null" && k.Value == "" {
			c.Content[i].Value = "null"
		}
	}
	return &c
}
