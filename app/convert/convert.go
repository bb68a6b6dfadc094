// Package convert turns notebooks into other files and back: .cairn.md to and from .ipynb
// (nbformat 4.5), and .cairn.md or .ipynb to one self-contained HTML report. Formats are
// chosen by file name; docs/convert.md describes the mappings.
package convert

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/cairn-notebook/cairn/app/notebook"
)

// Format is a kind of file a notebook converts to or from.
type Format string

// The formats, named after their file extension.
const (
	Cairn Format = ".cairn.md" // also any .md file
	Ipynb Format = ".ipynb"
	HTML  Format = ".html"
)

// FormatOf returns the format a file name asks for.
func FormatOf(path string) (Format, error) {
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".md":
		return Cairn, nil
	case ".ipynb":
		return Ipynb, nil
	case ".html", ".htm":
		return HTML, nil
	}
	return "", fmt.Errorf("%s: unknown format: the file name must end in .cairn.md (or .md), .ipynb or .html", path)
}

// Options change a conversion.
type Options struct {
	NoOutputs bool // leave the outputs out
	HideCode  bool // HTML only: the code cells' source starts hidden
}

// Convert reads the notebook in and writes it to out in the format out's name asks for,
// replacing out if it exists (as cp does). out is written atomically; in is never changed.
func Convert(in, out string, opt Options) error {
	from, err := FormatOf(in)
	if err != nil {
		return err
	}
	to, err := FormatOf(out)
	if err != nil {
		return err
	}
	if from == HTML {
		return fmt.Errorf("%s: an HTML report cannot be read back as a notebook; convert from its .cairn.md or .ipynb", in)
	}
	if opt.HideCode && to != HTML {
		return fmt.Errorf("--hide-code applies to .html output only, not %s", out)
	}
	if same(in, out) {
		return fmt.Errorf("%s and %s are the same file (to strip its outputs in place: cairn convert --no-outputs %s)", in, out, in)
	}
	nb, err := Read(in)
	if err != nil {
		return err
	}
	if opt.NoOutputs {
		nb.StripOutputs()
	}
	var data []byte
	switch to {
	case Cairn:
		// Replaces whatever out holds, as cp would; validates and reads back before writing.
		return notebook.SaveWith(out, nb, notebook.SaveOptions{Force: true})
	case Ipynb:
		data, err = ToIpynb(nb)
	case HTML:
		data, err = ToHTML(nb, HTMLOptions{HideCode: opt.HideCode, Dir: filepath.Dir(in)})
	}
	if err != nil {
		return fmt.Errorf("%s: %w", out, err)
	}
	return notebook.WriteFile(out, data)
}

// Read loads a .cairn.md (or .md) or .ipynb notebook.
func Read(path string) (*notebook.Notebook, error) {
	f, err := FormatOf(path)
	if err != nil {
		return nil, err
	}
	if f == Cairn {
		return notebook.Load(path)
	}
	if f != Ipynb {
		return nil, fmt.Errorf("%s: cannot read a %s file as a notebook", path, f)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	nb, err := FromIpynb(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return nb, nil
}

// StripOutputs removes every saved output from a .cairn.md notebook, in place and
// atomically. A file that does not parse is left as it is.
func StripOutputs(path string) error {
	if f, err := FormatOf(path); err != nil {
		return err
	} else if f != Cairn {
		return fmt.Errorf("%s: outputs are stripped in place from .cairn.md notebooks only; to strip another format, convert it with --no-outputs", path)
	}
	nb, err := notebook.Load(path)
	if err != nil {
		return err
	}
	nb.StripOutputs()
	return notebook.Save(path, nb)
}

// same reports whether two paths name one existing file (or the same path).
func same(a, b string) bool {
	sa, errA := os.Stat(a)
	sb, errB := os.Stat(b)
	if errA == nil && errB == nil {
		return os.SameFile(sa, sb)
	}
	pa, _ := filepath.Abs(a)
	pb, _ := filepath.Abs(b)
	return errors.Is(errB, os.ErrNotExist) && pa == pb
}
