package notebook

import (
	"sort"
	"strings"
)

// An output is written as fenced blocks after its code cell:
//
//	```output KIND[=NAME] [mime=TYPE] [noeol] [alt]
//
// The block without mime= holds Text; each mime= block holds one Data
// entry; blocks after the first of one output are marked alt. The newline
// before the closing fence ends stream text (unless noeol); for every other
// block it is not part of the content.

// output reads an output block on line i and attaches it to the code cell
// just before it; it returns the next line.
func (p *parser) output(i int, f fence) (int, error) {
	_, rest := firstWord(f.info)
	opts, err := parseOptions(rest)
	if err != nil {
		return 0, errorf(i+1, "malformed options in info string %q: %v", f.info, err)
	}
	kind, name := opts[0].Key, opts[0].Value
	var mime string
	var alt, noeol bool
	for _, o := range opts[1:] {
		switch {
		case o.Key == "mime" && o.Value != "":
			mime = o.Value
		case o.Key == "mime":
			return 0, errorf(i+1, "output option mime needs a MIME type")
		case (o.Key == "alt" || o.Key == "noeol") && o.Value != "":
			return 0, errorf(i+1, "output option %s takes no value", o.Key)
		case o.Key == "alt":
			alt = true
		case o.Key == "noeol":
			noeol = true
		default:
			return 0, errorf(i+1, "unknown output option %q (known: mime, alt, noeol)", o.Key)
		}
	}
	j := findClose(p.lines, i+1, f)
	if j < 0 {
		return 0, errorf(i+1, "output fence opened here is never closed")
	}
	cells := p.nb.Cells
	if len(cells) == 0 || cells[len(cells)-1].Kind != KindCode {
		return 0, errorf(i+1, "output block is not right after a code cell")
	}
	c := cells[len(cells)-1]
	text := strings.Join(p.lines[i+1:j], "\n")
	if mime == "" && kind == OutputStream && !noeol && j > i+1 {
		text += "\n"
	}
	if !alt {
		c.Outputs = append(c.Outputs, Output{Kind: kind, Name: name})
	} else if len(c.Outputs) == 0 {
		return 0, errorf(i+1, "output block marked alt does not follow an output")
	}
	o := &c.Outputs[len(c.Outputs)-1]
	switch {
	case alt && (o.Kind != kind || o.Name != name):
		return 0, errorf(i+1, "output block marked alt is %s but the output before it is %s", outputHead(kind, name), outputHead(o.Kind, o.Name))
	case alt && mime == "":
		return 0, errorf(i+1, "output block marked alt needs mime=")
	case mime == "":
		o.Text = text
	default:
		if _, dup := o.Data[mime]; dup {
			return 0, errorf(i+1, "mime=%s appears twice in one output", mime)
		}
		if o.Data == nil {
			o.Data = map[string]string{}
		}
		o.Data[mime] = text
	}
	return j + 1, nil
}

// writeOutput writes o as its blocks.
func (w *writer) writeOutput(o Output) {
	head := outputHead(o.Kind, o.Name)
	alt := ""
	if o.Text != "" || len(o.Data) == 0 {
		if o.Kind == OutputStream && (o.Text == "" || strings.HasSuffix(o.Text, "\n")) {
			var lines []string
			if o.Text != "" {
				lines = strings.Split(o.Text[:len(o.Text)-1], "\n")
			}
			w.fenced(head, lines)
		} else if o.Kind == OutputStream {
			w.fenced(head+" noeol", splitLines(o.Text))
		} else {
			w.fenced(head, splitLines(o.Text))
		}
		alt = " alt"
	}
	for _, m := range mimeOrder(o.Data) {
		w.fenced(head+" mime="+formatValue(m)+alt, splitLines(o.Data[m]))
		alt = " alt"
	}
}

func outputHead(kind, name string) string {
	if name == "" {
		return "output " + kind
	}
	return "output " + kind + "=" + formatValue(name)
}

// mimeOrder lists text/plain first (the most readable in a Markdown
// viewer), then the other types sorted.
func mimeOrder(data map[string]string) []string {
	keys := make([]string, 0, len(data))
	for k := range data {
		if k != "text/plain" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	if _, ok := data["text/plain"]; ok {
		keys = append([]string{"text/plain"}, keys...)
	}
	return keys
}
