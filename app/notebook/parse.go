package notebook

import (
	"fmt"
	"strings"
)

const bom = "\ufeff"

// Parse reads a notebook from the text of a .cairn.md (or any Markdown)
// file. A malformed file gives a *ParseError with the line of the problem.
func Parse(data []byte) (*Notebook, error) {
	nb := &Notebook{}
	s := string(data)
	if strings.HasPrefix(s, bom) {
		nb.bom, s = true, s[len(bom):]
	}
	// A file whose first line ends in CRLF is read and written with CRLF;
	// in memory every line ends in "\n".
	if i := strings.IndexByte(s, '\n'); i > 0 && s[i-1] == '\r' {
		nb.crlf, s = true, strings.ReplaceAll(s, "\r\n", "\n")
	}
	lines := strings.Split(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1] // the file's final newline ends a line
	}
	p := &parser{nb: nb, lines: lines}
	start, err := p.front()
	if err != nil {
		return nil, err
	}
	if err := p.body(start); err != nil {
		return nil, err
	}
	if err := assignIDs(nb.Cells, p.cellLines); err != nil {
		return nil, err
	}
	return nb, nil
}

// parser turns the lines of a file into cells. Markdown text is gathered
// until the next structural line (code fence, output fence, marker).
type parser struct {
	nb        *Notebook
	lines     []string
	cellLines []int // the line each cell starts on

	text       []string // pending Markdown lines
	textLine   int      // line of text[0]
	marked     *Cell    // Markdown cell whose marker line was read
	markedLine int
}

func (p *parser) body(i int) error {
	for i < len(p.lines) {
		kind, f := classify(p.lines[i])
		next, err := i+1, error(nil)
		switch kind {
		case codeOpen:
			p.flush(true)
			next, err = p.code(i, f)
		case outputOpen:
			p.flush(true)
			next, err = p.output(i, f)
		case markerLine:
			p.flush(true)
			next, err = p.marker(i, f.info)
		case otherFence:
			// A fence in Markdown hides what is inside it. One that is never
			// closed is taken as a plain line, so the rest of the file still
			// opens as a notebook.
			if j := findClose(p.lines, i+1, f); j >= 0 {
				next = j + 1
			}
			p.addText(i, next)
		default:
			p.addText(i, next)
		}
		if err != nil {
			return err
		}
		i = next
	}
	p.flush(false)
	return nil
}

func (p *parser) addText(from, to int) {
	if len(p.text) == 0 {
		p.textLine = from + 1
	}
	p.text = append(p.text, p.lines[from:to]...)
}

// flush ends the pending Markdown cell. Before a block, one empty line is
// the separator Marshal writes, not content. Text after a marker is kept
// exactly; unmarked text (from plain Markdown files) loses its blank edges
// and becomes a cell only if something is left.
func (p *parser) flush(beforeBlock bool) {
	text := p.text
	p.text = nil
	if beforeBlock && len(text) > 0 && text[len(text)-1] == "" {
		text = text[:len(text)-1]
	}
	if c := p.marked; c != nil {
		p.marked = nil
		c.Source = strings.Join(text, "\n")
		p.add(c, p.markedLine)
		return
	}
	line := p.textLine
	for len(text) > 0 && strings.TrimSpace(text[0]) == "" {
		text, line = text[1:], line+1
	}
	for len(text) > 0 && strings.TrimSpace(text[len(text)-1]) == "" {
		text = text[:len(text)-1]
	}
	if len(text) > 0 {
		p.add(&Cell{Kind: KindMarkdown, Source: strings.Join(text, "\n")}, line)
	}
}

func (p *parser) add(c *Cell, line int) {
	c.Line = line
	p.nb.Cells = append(p.nb.Cells, c)
	p.cellLines = append(p.cellLines, line)
}

// code reads a code cell opened by f on line i; it returns the next line.
func (p *parser) code(i int, f fence) (int, error) {
	lang, rest := firstWord(f.info)
	opts, err := parseOptions(rest)
	if err != nil {
		return 0, errorf(i+1, "malformed options in info string %q: %v", f.info, err)
	}
	id, opts, err := takeOption(opts, "id", true)
	if err != nil {
		return 0, errorf(i+1, "%v", err)
	}
	j := findClose(p.lines, i+1, f)
	if j < 0 {
		return 0, errorf(i+1, "code fence opened here is never closed")
	}
	p.add(&Cell{ID: id, Kind: KindCode, Lang: lang, Options: opts,
		Source: strings.Join(p.lines[i+1:j], "\n")}, i+1)
	return j + 1, nil
}

// marker starts a Markdown cell at a `<!-- cell ... -->` line. With
// end=TOKEN the cell is every line up to `<!-- end TOKEN -->`, verbatim.
func (p *parser) marker(i int, info string) (int, error) {
	opts, err := parseOptions(info)
	if err != nil {
		return 0, errorf(i+1, "malformed cell marker: %v", err)
	}
	id, opts, err := takeOption(opts, "id", true)
	if err != nil {
		return 0, errorf(i+1, "%v", err)
	}
	end, opts, err := takeOption(opts, "end", false)
	if err != nil {
		return 0, errorf(i+1, "%v", err)
	}
	c := &Cell{ID: id, Kind: KindMarkdown, Options: opts}
	if end == "" {
		p.marked, p.markedLine = c, i+1
		return i + 1, nil
	}
	term := endMarker(end)
	for j := i + 1; j < len(p.lines); j++ {
		if p.lines[j] == term {
			c.Source = strings.Join(p.lines[i+1:j], "\n")
			p.add(c, i+1)
			return j + 1, nil
		}
	}
	return 0, errorf(i+1, "Markdown cell marked end=%s is never closed by a line %s", end, term)
}

// takeOption removes option key from opts and returns its value. An id
// must be a valid cell id; any other present option must have a value.
func takeOption(opts []Option, key string, isID bool) (string, []Option, error) {
	for k, o := range opts {
		if o.Key != key {
			continue
		}
		switch {
		case isID && !validID(o.Value):
			return "", nil, fmt.Errorf("invalid cell id %q: use letters, digits, '_', '-' and '.' (at most 64)", o.Value)
		case o.Value == "":
			return "", nil, fmt.Errorf("option %s needs a value", key)
		}
		var rest []Option
		if len(opts) > 1 {
			rest = append(opts[:k:k], opts[k+1:]...)
		}
		return o.Value, rest, nil
	}
	return "", opts, nil
}
