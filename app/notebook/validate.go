package notebook

import (
	"errors"
	"fmt"
)

// Validate reports the first thing in nb that the file format cannot
// hold, so that what Marshal writes parses back equal. Save calls it.
func (nb *Notebook) Validate() error {
	m := nb.Meta
	if m.Format != 0 && m.Format != CurrentFormat {
		return fmt.Errorf("format version %d is not supported: this Cairn writes format %d", m.Format, CurrentFormat)
	}
	for i, p := range m.Params {
		if p.Name == "" {
			return fmt.Errorf("parameter %d has no name", i+1)
		}
		if _, dup := (&Meta{Params: m.Params[:i]}).Param(p.Name); dup {
			return fmt.Errorf("parameter %q is given twice", p.Name)
		}
		switch p.Default.(type) {
		case nil, string, int64, float64, bool:
		default:
			return fmt.Errorf("parameter %q: default of type %T: use a string, int64, float64, bool or nil", p.Name, p.Default)
		}
	}
	if _, err := m.Kernel.MemoryBytes(); err != nil {
		return fmt.Errorf("kernel memory_limit: %v", err)
	}
	if _, err := m.Kernel.TimeoutDuration(); err != nil {
		return fmt.Errorf("kernel timeout: %v", err)
	}
	ids := map[string]bool{}
	for i, c := range nb.Cells {
		if c == nil {
			return fmt.Errorf("cell %d is nil", i+1)
		}
		if err := c.validate(); err != nil {
			return fmt.Errorf("cell %d (id %q): %v", i+1, c.ID, err)
		}
		if ids[c.ID] {
			return fmt.Errorf("cell %d: duplicate cell id %q", i+1, c.ID)
		}
		ids[c.ID] = true
	}
	return nil
}

func (c *Cell) validate() error {
	if !validID(c.ID) {
		return errors.New("invalid id: use 1 to 64 letters, digits, '_', '-' and '.'")
	}
	switch {
	case c.Kind == KindMarkdown && c.Lang != "":
		return fmt.Errorf("a Markdown cell has no language (got %q)", c.Lang)
	case c.Kind == KindMarkdown && len(c.Outputs) > 0:
		return errors.New("a Markdown cell has no outputs")
	case c.Kind == KindCode && c.Lang != LangGo && c.Lang != LangSQL:
		return fmt.Errorf("unknown code language %q (use go or sql)", c.Lang)
	case c.Kind != KindMarkdown && c.Kind != KindCode:
		return fmt.Errorf("unknown cell kind %q (use markdown or code)", c.Kind)
	}
	seen := map[string]bool{"id": true, "end": c.Kind == KindMarkdown}
	for _, o := range c.Options {
		if !validKey(o.Key) {
			return fmt.Errorf("bad option name %q: use letters, digits, '_', '-' and '.'", o.Key)
		}
		if seen[o.Key] {
			return fmt.Errorf("option %q is reserved or given twice", o.Key)
		}
		seen[o.Key] = true
	}
	for i, o := range c.Outputs {
		if !outputKinds[o.Kind] {
			return fmt.Errorf("output %d: unknown kind %q (use stream, result, display or error)", i+1, o.Kind)
		}
		for mime := range o.Data {
			if mime == "" {
				return fmt.Errorf("output %d: empty MIME type", i+1)
			}
		}
	}
	return nil
}
