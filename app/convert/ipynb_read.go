package convert

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/cairn-notebook/cairn/app/notebook"
)

// FromIpynb reads an nbformat 4 notebook. One that Cairn wrote reads back to the notebook it
// came from (metadata.cairn). A foreign one must be a Go notebook (or have no kernel): its
// code cells become Go cells, or SQL cells when they start with a %%sql line; Markdown
// attachments become data: URLs; raw cells become Markdown; missing or unusable ids are
// made up. Anything else is refused with an error that says why.
func FromIpynb(data []byte) (*notebook.Notebook, error) {
	var f ipynbFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("not an ipynb notebook (JSON): %w", err)
	}
	switch {
	case f.NBFormat == 0 && f.Worksheets == nil && f.Cells == nil:
		return nil, errors.New("not an ipynb notebook: no nbformat and no cells")
	case f.NBFormat != 4:
		return nil, fmt.Errorf("nbformat %d is not supported: Cairn reads nbformat 4 (convert it with `jupyter nbconvert --to notebook` first)", f.NBFormat)
	}
	if lang := f.Metadata.language(); lang != "" && lang != "go" {
		return nil, fmt.Errorf("this is a %s notebook (kernel %q): Cairn notebooks hold Go and SQL cells only", lang, f.Metadata.Kernelspec.Name)
	}
	nb, err := newNotebook(f.Metadata)
	if err != nil {
		return nil, err
	}
	r := reader{nb: nb, used: map[string]bool{}}
	for i := range f.Cells {
		if err := r.cell(&f.Cells[i]); err != nil {
			return nil, fmt.Errorf("cell %d: %w", i+1, err)
		}
	}
	notebook.NameCells(r.nb.Cells)
	if err := nb.Validate(); err != nil {
		return nil, fmt.Errorf("the notebook cannot be saved as .cairn.md: %w", err)
	}
	return nb, nil
}

func (m ipynbMeta) language() string {
	for _, l := range []string{m.Kernelspec.Language, m.LanguageInfo.Name} {
		if l != "" {
			return strings.ToLower(l)
		}
	}
	return ""
}

// newNotebook starts the notebook from the front matter Cairn kept, or the ipynb's title.
func newNotebook(m ipynbMeta) (*notebook.Notebook, error) {
	if m.Cairn == nil {
		nb := notebook.New()
		nb.Meta.Title = m.Title
		return nb, nil
	}
	head := m.Cairn.FrontMatter
	if m.Cairn.CRLF && !strings.Contains(head, "\r\n") {
		head += "\r\n" // a notebook without front matter: only the line ending is kept
	}
	nb, err := notebook.Parse([]byte(head))
	if err != nil {
		return nil, fmt.Errorf("metadata.cairn.front_matter: %w", err)
	}
	if len(nb.Cells) > 0 {
		return nil, errors.New("metadata.cairn.front_matter holds cells")
	}
	return nb, nil
}

type reader struct {
	nb   *notebook.Notebook
	used map[string]bool // ids taken
}

func (r *reader) cell(in *ipynbCell) error {
	c := &notebook.Cell{Source: string(in.Source)}
	meta := in.Metadata.Cairn
	if meta != nil {
		c.ID = meta.ID
		for _, o := range meta.Options {
			c.Options = append(c.Options, notebook.Option{Key: o[0], Value: o[1]})
		}
	} else if in.ID != "" {
		c.ID = in.ID
	}
	switch in.CellType {
	case "markdown", "raw":
		c.Kind = notebook.KindMarkdown
		c.Source = inlineAttachments(c.Source, in.Attachments)
	case "code":
		c.Kind, c.Lang = notebook.KindCode, notebook.LangGo
		first, rest, _ := strings.Cut(c.Source, "\n")
		magic := strings.TrimSpace(first) == sqlMagic
		if meta != nil && meta.Lang != "" {
			c.Lang = meta.Lang // Cairn's own: only its SQL cells start with the magic line
			magic = magic && c.Lang == notebook.LangSQL
		}
		if magic {
			c.Lang, c.Source = notebook.LangSQL, rest
		}
		for j := range in.Outputs {
			o, err := r.output(&in.Outputs[j])
			if err != nil {
				return fmt.Errorf("output %d: %w", j+1, err)
			}
			c.Outputs = append(c.Outputs, o)
		}
	default:
		return fmt.Errorf("unknown cell_type %q", in.CellType)
	}
	if c.ID != "" && (r.used[c.ID] || !notebook.ValidID(c.ID)) {
		c.ID = "" // a duplicate or not an id: made up by NameCells
	}
	r.used[c.ID] = c.ID != ""
	r.nb.Cells = append(r.nb.Cells, c)
	return nil
}

func (r *reader) output(in *ipynbOutput) (notebook.Output, error) {
	switch in.OutputType {
	case "stream":
		return notebook.Output{Kind: notebook.OutputStream, Name: in.Name, Text: string(in.Text)}, nil
	case "error":
		text := in.EValue // Cairn writes ename "Error"; Jupyter's kernels name the exception
		if in.EName != "" && in.EName != "Error" {
			text = in.EName + ": " + in.EValue
		}
		return notebook.Output{Kind: notebook.OutputError, Text: text}, nil
	case "execute_result", "display_data":
	default:
		return notebook.Output{}, fmt.Errorf("unknown output_type %q", in.OutputType)
	}
	o := notebook.Output{Kind: notebook.OutputDisplay, Data: map[string]string{}}
	if in.OutputType == "execute_result" {
		o.Kind = notebook.OutputResult
	}
	meta := in.Metadata.Cairn
	if meta == nil {
		meta = &cairnOutMeta{}
	}
	for mime, v := range in.Data {
		if slices.Contains(meta.Generated, mime) {
			continue
		}
		s, err := mimeValue(mime, v)
		if err != nil {
			return o, fmt.Errorf("data[%q]: %w", mime, err)
		}
		if raw, ok := meta.Raw[mime]; ok {
			s = raw
		}
		o.Data[mime] = s
	}
	if meta.FromText {
		o.Text = o.Data["text/plain"]
		delete(o.Data, "text/plain")
	} else if meta.Text != "" {
		o.Text = meta.Text
	}
	if len(o.Data) == 0 {
		o.Data = nil
	}
	return o, nil
}

// mimeValue is a MIME bundle entry as Cairn keeps it: JSON types as compact JSON text,
// the others as text (images stay base64).
func mimeValue(mime string, v json.RawMessage) (string, error) {
	var m multiline
	if err := json.Unmarshal(v, &m); err == nil && !isJSONType(mime) {
		return string(m), nil
	} else if !isJSONType(mime) {
		return "", err
	}
	var b bytes.Buffer
	if err := json.Compact(&b, v); err != nil {
		return "", err
	}
	return b.String(), nil
}

// inlineAttachments replaces attachment:NAME links with data: URLs of the attachment.
func inlineAttachments(src string, att map[string]map[string]multiline) string {
	names := make([]string, 0, len(att))
	for n := range att {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool { return len(names[i]) > len(names[j]) }) // longest first
	for _, name := range names {
		for mime, data := range att[name] {
			b64 := strings.Join(strings.Fields(string(data)), "")
			src = strings.ReplaceAll(src, "attachment:"+name, "data:"+mime+";base64,"+b64)
			break
		}
	}
	return src
}
