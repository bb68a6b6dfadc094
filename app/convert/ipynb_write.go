package convert

import (
	"bytes"
	"encoding/json"
	"fmt"
	"github.com/cairn-notebook/cairn/app/runtime"
	kernelnb "github.com/cairn-notebook/cairn/kernel/nb"
	"strings"

	"github.com/cairn-notebook/cairn/app/notebook"
	"github.com/cairn-notebook/cairn/ml"
)

// sqlMagic is the first line of a SQL cell in an .ipynb, so that it reads as SQL in Jupyter.
const sqlMagic = "%%sql"

// ToIpynb writes nb as an nbformat 4.5 notebook with GoNB's Go kernelspec. Cairn's cell
// ids, languages and options, the front matter and what outputs need to read back exactly
// live in metadata.cairn; charts get a text/html rendering Jupyter can show (see
// docs/convert.md).
func ToIpynb(nb *notebook.Notebook) ([]byte, error) {
	front, crlf := frontMatter(nb)
	w := &ipynbWriter{ids: map[string]bool{}}
	cells := make([]any, 0, len(nb.Cells))
	for _, c := range nb.Cells {
		if c != nil {
			cells = append(cells, w.cell(c))
		}
	}
	cairn := map[string]any{"front_matter": front}
	if crlf {
		cairn["crlf"] = true
	}
	doc := map[string]any{
		"cells": cells,
		"metadata": map[string]any{
			"kernelspec":    map[string]any{"name": "gonb", "language": "go", "display_name": "Go (gonb)"},
			"language_info": map[string]any{"name": "go", "file_extension": ".go", "mimetype": "text/x-go"},
			"cairn":         cairn,
		},
		"nbformat":       4,
		"nbformat_minor": 5,
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("writing the ipynb: %w", err)
	}
	return b.Bytes(), nil
}

// frontMatter returns what Cairn writes before the first cell, and whether the file's lines
// end in CRLF.
func frontMatter(nb *notebook.Notebook) (string, bool) {
	head := *nb
	head.Cells = nil
	return string(head.Marshal()), nb.CRLF()
}

type ipynbWriter struct {
	ids    map[string]bool // ipynb cell ids used so far
	charts int             // chart outputs written so far: the first carries ECharts
}

func (w *ipynbWriter) cell(c *notebook.Cell) map[string]any {
	meta := map[string]any{"id": c.ID}
	if len(c.Options) > 0 {
		opts := make([][2]string, len(c.Options))
		for i, o := range c.Options {
			opts[i] = [2]string{o.Key, o.Value}
		}
		meta["options"] = opts
	}
	cell := map[string]any{"id": w.cellID(c.ID), "metadata": map[string]any{"cairn": meta}}
	if c.Kind != notebook.KindCode {
		cell["cell_type"] = "markdown"
		cell["source"] = lines(c.Source)
		return cell
	}
	meta["lang"] = c.Lang
	src := c.Source
	if c.Lang == notebook.LangSQL {
		src = sqlMagic + "\n" + src
	}
	outs := make([]any, 0, len(c.Outputs))
	for _, o := range c.Outputs {
		outs = append(outs, w.output(c.ID, o))
	}
	cell["cell_type"] = "code"
	cell["source"] = lines(src)
	cell["execution_count"] = nil
	cell["outputs"] = outs
	return cell
}

// cellID turns a Cairn id into an nbformat one (letters, digits, - and _; Cairn also
// allows .), unique in the notebook. The Cairn id itself is in metadata.cairn.id.
func (w *ipynbWriter) cellID(id string) string {
	base := strings.ReplaceAll(id, ".", "_")
	if base == "" {
		base = "cell"
	}
	out := base
	for n := 2; w.ids[out]; n++ {
		out = fmt.Sprintf("%s-%d", base, n)
	}
	w.ids[out] = true
	return out
}

func (w *ipynbWriter) output(cellID string, o notebook.Output) map[string]any {
	switch o.Kind {
	case notebook.OutputStream:
		return map[string]any{"output_type": "stream", "name": o.Name, "text": lines(o.Text)}
	case notebook.OutputError:
		return map[string]any{"output_type": "error", "ename": "Error", "evalue": o.Text,
			"traceback": strings.Split(strings.TrimSuffix(o.Text, "\n"), "\n")}
	}
	data := map[string]any{}
	meta := map[string]any{}
	for mime, v := range o.Data {
		if !isJSONType(mime) {
			data[mime] = lines(v)
			continue
		}
		var buf bytes.Buffer
		if err := json.Compact(&buf, []byte(v)); err != nil {
			data[mime] = v // not JSON: kept as text, exactly
			addRaw(meta, mime, v)
			continue
		}
		data[mime] = json.RawMessage(buf.Bytes())
		if buf.String() != v {
			addRaw(meta, mime, v)
		}
	}
	if o.Text != "" || len(o.Data) == 0 {
		if _, ok := o.Data["text/plain"]; ok {
			meta["text"] = o.Text
		} else {
			data["text/plain"] = lines(o.Text)
			meta["from_text"] = true
		}
	}
	if h := w.generatedHTML(cellID, o.Data); h != "" {
		data["text/html"] = lines(h)
		meta["generated"] = []string{"text/html"}
	}
	out := map[string]any{"output_type": "display_data", "data": data, "metadata": map[string]any{}}
	if len(meta) > 0 {
		out["metadata"] = map[string]any{"cairn": meta}
	}
	if o.Kind == notebook.OutputResult {
		out["output_type"] = "execute_result"
		out["execution_count"] = nil
	}
	return out
}

// generatedHTML is a text/html rendering for Jupyter of a chart (drawn by ECharts), a table
// (its saved rows) or a model card, for outputs that have no text/html of their own.
func (w *ipynbWriter) generatedHTML(cellID string, data map[string]string) string {
	if _, has := data["text/html"]; has {
		return ""
	}
	if opt, ok := data[kernelnb.EChartsMIME]; ok {
		w.charts++
		return jupyterChart(fmt.Sprintf("cairn-chart-%s-%d", cellID, w.charts), opt, w.charts == 1)
	}
	if t, ok := data[runtime.TableMIME]; ok {
		if h, ok := renderTable(t); ok {
			return h
		}
	}
	if c, ok := data[ml.ModelMIME]; ok {
		if h, ok := renderModel(c); ok {
			return h
		}
	}
	return ""
}

func addRaw(meta map[string]any, mime, text string) {
	raw, _ := meta["raw"].(map[string]string)
	if raw == nil {
		raw = map[string]string{}
		meta["raw"] = raw
	}
	raw[mime] = text
}

// isJSONType reports whether nbformat stores the MIME type as JSON rather than text.
func isJSONType(mime string) bool {
	return mime == "application/json" || (strings.HasPrefix(mime, "application/") && strings.HasSuffix(mime, "+json"))
}
