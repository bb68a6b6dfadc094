// Package notebook reads and writes Cairn notebooks: .cairn.md Markdown files
// whose ```go and ```sql fenced blocks are code cells (format: docs/format.md).
package notebook

// CurrentFormat is the format version this package reads and writes.
const CurrentFormat = 1

// Cell kinds, code languages and output kinds.
const (
	KindMarkdown = "markdown"
	KindCode     = "code"

	LangGo  = "go"
	LangSQL = "sql"

	OutputStream  = "stream"
	OutputResult  = "result"
	OutputDisplay = "display"
	OutputError   = "error"
)

// Notebook is one .cairn.md file: front matter and cells.
type Notebook struct {
	Meta  Meta
	Cells []*Cell

	// front remembers the front matter as read, so that an unchanged Meta is
	// written back byte for byte and unknown keys survive. nil for a notebook
	// built in code.
	front *frontState
	crlf  bool // the file used CRLF line endings; Marshal writes them back (CRLF)
	bom   bool // the file started with a UTF-8 byte order mark
}

// Meta is the YAML front matter.
type Meta struct {
	Format  int // format version; 0 in a notebook built in code means CurrentFormat
	Title   string
	Problem Problem
	Params  []Param
	Kernel  KernelSettings
	Save    SaveSettings
}

// Problem is the "problem card": what the notebook answers and for whom.
type Problem struct {
	What    string // yaml: what
	Why     string // yaml: why
	HowUsed string // yaml: how_used
	WhoAsks string // yaml: who_asks
	Success string // yaml: success
	ByHand  string // yaml: by_hand
}

// Param is a notebook parameter, overridable by `cairn run --param`.
type Param struct {
	Name string
	// Default is nil (no default), a string, int64, float64 or bool.
	Default any
}

// KernelSettings configure the kernel process that runs the notebook.
type KernelSettings struct {
	Seed        int64  // yaml: seed
	MemoryLimit string // yaml: memory_limit, e.g. "4GiB"; "" = default
	Timeout     string // yaml: timeout, a Go duration such as "10m"; "" = none
}

// SaveSettings change what the notebook's file keeps (yaml: save).
type SaveSettings struct {
	// NoOutputs (yaml: `outputs: false`) saves the notebook without its outputs: they are
	// shown while it is open but never written to its file.
	NoOutputs bool
}

// Cell is a Markdown cell or a code cell with its saved outputs.
type Cell struct {
	ID      string
	Kind    string // KindMarkdown or KindCode
	Lang    string // LangGo or LangSQL for code cells, "" for Markdown
	Source  string
	Options []Option
	Outputs []Output

	// Line is where the cell starts in the file it was read from (its fence or marker line,
	// 1-based), so errors can name a file line; 0 for cells built in code. Not saved.
	Line int
}

// Option is one key=value option of a cell, in file order. A bare flag
// (`hidden`) has an empty Value.
type Option struct {
	Key, Value string
}

// Output is one saved output of a code cell.
type Output struct {
	Kind string            // OutputStream, OutputResult, OutputDisplay or OutputError
	Name string            // stream name: "stdout" or "stderr"
	Text string            // stream and error text; text/plain of a result without Data
	Data map[string]string // MIME type -> content (JSON text for +json types)

	// DisplayID names a display that later updates replace in place. It lives in memory
	// only: the file does not keep it.
	DisplayID string
}

// New returns an empty notebook of the current format.
func New() *Notebook {
	return &Notebook{Meta: Meta{Format: CurrentFormat}}
}

// Cell returns the cell with the given id, or nil.
func (nb *Notebook) Cell(id string) *Cell {
	if i := nb.Index(id); i >= 0 {
		return nb.Cells[i]
	}
	return nil
}

// Index returns the position of the cell with the given id, or -1.
func (nb *Notebook) Index(id string) int {
	for i, c := range nb.Cells {
		if c.ID == id {
			return i
		}
	}
	return -1
}

// Param returns the parameter with the given name.
func (m *Meta) Param(name string) (Param, bool) {
	for _, p := range m.Params {
		if p.Name == name {
			return p, true
		}
	}
	return Param{}, false
}

// CodeCells returns the code cells, in order.
func (nb *Notebook) CodeCells() []*Cell {
	var cs []*Cell
	for _, c := range nb.Cells {
		if c.Kind == KindCode {
			cs = append(cs, c)
		}
	}
	return cs
}

// AppendOutput adds o to the cell's outputs. A stream chunk that continues the last output's
// stream joins it, so a run of one stream is saved as one output.
func (c *Cell) AppendOutput(o Output) {
	if n := len(c.Outputs); o.Kind == OutputStream && n > 0 && c.Outputs[n-1].Kind == OutputStream && c.Outputs[n-1].Name == o.Name {
		c.Outputs[n-1].Text += o.Text
		return
	}
	c.Outputs = append(c.Outputs, o)
}

// UpdateDisplay replaces the data of the output with display id id, in whichever cell shows
// it, and returns that cell and the output's index; nil if no output has that id.
func (nb *Notebook) UpdateDisplay(id string, data map[string]string) (*Cell, int) {
	if id == "" {
		return nil, 0
	}
	for _, c := range nb.Cells {
		for i := range c.Outputs {
			if c.Outputs[i].DisplayID == id {
				c.Outputs[i].Data = data
				return c, i
			}
		}
	}
	return nil, 0
}

// StripOutputs removes every saved output.
func (nb *Notebook) StripOutputs() {
	for _, c := range nb.Cells {
		c.Outputs = nil
	}
}

// withoutOutputs returns a copy of nb whose cells have no outputs; nb is unchanged.
func (nb *Notebook) withoutOutputs() *Notebook {
	cp := *nb
	cp.Cells = make([]*Cell, len(nb.Cells))
	for i, c := range nb.Cells {
		if c != nil {
			cc := *c
			cc.Outputs = nil
			c = &cc
		}
		cp.Cells[i] = c
	}
	return &cp
}

// Option returns the value of the option key and whether the cell has it.
func (c *Cell) Option(key string) (string, bool) {
	for _, o := range c.Options {
		if o.Key == key {
			return o.Value, true
		}
	}
	return "", false
}

// SetOption sets the option key, keeping its place if present.
func (c *Cell) SetOption(key, value string) {
	for i, o := range c.Options {
		if o.Key == key {
			c.Options[i].Value = value
			return
		}
	}
	c.Options = append(c.Options, Option{key, value})
}

// CRLF reports whether the file's lines end in CRLF (Marshal writes them so).
func (nb *Notebook) CRLF() bool { return nb.crlf }
