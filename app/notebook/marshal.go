package notebook

import (
	"fmt"
	"slices"
	"strings"
)

// Marshal writes the notebook as .cairn.md text. Parse gives back an equal
// notebook for any notebook that passes Validate, and Marshal of a parsed
// file Cairn wrote is that file, byte for byte.
//
// Layout: front matter, then one block per Markdown cell, code cell and
// output, separated by one empty line.
func (nb *Notebook) Marshal() []byte {
	w := &writer{}
	w.b.WriteString(nb.frontText())
	w.started = w.b.Len() > 0
	for _, c := range nb.Cells {
		switch {
		case c == nil:
		case c.Kind == KindCode:
			w.fenced(c.Lang+idOption(c.ID)+formatOptions(c.Options), splitLines(c.Source))
			for _, o := range c.Outputs {
				w.writeOutput(o)
			}
		default:
			w.markdown(c)
		}
	}
	s := w.b.String()
	if nb.crlf {
		s = strings.ReplaceAll(s, "\n", "\r\n")
	}
	if nb.bom {
		s = bom + s
	}
	return []byte(s)
}

type writer struct {
	b       strings.Builder
	started bool
}

// block starts a block: every block but the first follows an empty line.
func (w *writer) block() {
	if w.started {
		w.b.WriteByte('\n')
	}
	w.started = true
}

func (w *writer) lines(lines []string) {
	for _, l := range lines {
		w.b.WriteString(l)
		w.b.WriteByte('\n')
	}
}

// fenced writes a fenced block with a fence its content cannot close.
func (w *writer) fenced(info string, content []string) {
	w.block()
	f := fenceFor(content)
	w.lines([]string{f + info})
	w.lines(content)
	w.lines([]string{f})
}

// markdown writes a marker line and the cell's text. Text that would not
// read back as one cell (it holds a ```go fence, a marker or an unclosed
// fence) is written verbatim up to an end line that it does not contain.
func (w *writer) markdown(c *Cell) {
	w.block()
	lines := splitLines(c.Source)
	opts := idOption(c.ID) + formatOptions(c.Options)
	if markdownIsPlain(lines) {
		w.lines([]string{"<!-- cell" + opts + " -->"})
		w.lines(lines)
		return
	}
	base := c.ID
	if base == "" {
		base = "md"
	}
	token := base
	for k := 2; slices.Contains(lines, endMarker(token)); k++ {
		token = fmt.Sprintf("%s-%d", base, k)
	}
	w.lines([]string{"<!-- cell" + opts + " end=" + formatValue(token) + " -->"})
	w.lines(lines)
	w.lines([]string{endMarker(token)})
}

func idOption(id string) string {
	if id == "" {
		return ""
	}
	return " id=" + formatValue(id)
}
