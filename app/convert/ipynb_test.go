package convert

import (
	"bytes"
	"encoding/json"
	kernelnb "github.com/cairn-notebook/cairn/kernel/nb"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/cairn-notebook/cairn/app/notebook"
)

// samples are notebooks to convert: Cairn-written ones (which must come back byte for
// byte) and plain Markdown ones (which must come back as Cairn would save them).
var samples = []string{
	"testdata/report.cairn.md",
	"../notebook/testdata/full.cairn.md",
	"../notebook/testdata/crlf.cairn.md",
	"../notebook/testdata/empty.cairn.md",
	"../notebook/testdata/frontonly.cairn.md",
	"../notebook/testdata/plain.md",
	"../notebook/testdata/tricky.md",
	"../../notebooks/malware.cairn.md",
}

// cairnWritten reports whether a sample is as Cairn writes it (the others are plain Markdown).
func cairnWritten(path string) bool {
	return strings.HasSuffix(path, ".cairn.md") && !strings.Contains(path, "malware")
}

func load(t *testing.T, path string) (*notebook.Notebook, []byte) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	nb, err := notebook.Parse(data)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return nb, data
}

func toIpynb(t *testing.T, nb *notebook.Notebook) []byte {
	t.Helper()
	data, err := ToIpynb(nb)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestIpynbRoundTripKeepsEverything(t *testing.T) {
	for _, path := range samples {
		t.Run(filepath.Base(path), func(t *testing.T) {
			nb, orig := load(t, path)
			want := nb.Marshal() // what Cairn writes: the file itself when Cairn wrote it
			back, err := FromIpynb(toIpynb(t, nb))
			if err != nil {
				t.Fatal(err)
			}
			if !notebook.Equal(back, nb) {
				t.Errorf("the notebook read back differs")
			}
			if got := back.Marshal(); !bytes.Equal(got, want) {
				t.Errorf("round trip is not byte-identical:\n--- want\n%s\n--- got\n%s", want, got)
			}
			if cairnWritten(path) && !bytes.Equal(want, orig) {
				t.Errorf("%s is not a file Cairn wrote: Marshal changes it", path)
			}
		})
	}
}

// The parts Jupyter and readers rely on: kernelspec, ids, %%sql, metadata, MIME bundles.
func TestIpynbLayout(t *testing.T) {
	nb, _ := load(t, "testdata/report.cairn.md")
	var doc struct {
		Metadata struct {
			Kernelspec map[string]string `json:"kernelspec"`
		} `json:"metadata"`
		Cells []struct {
			ID       string          `json:"id"`
			CellType string          `json:"cell_type"`
			Source   []string        `json:"source"`
			Metadata json.RawMessage `json:"metadata"`
			Outputs  []struct {
				OutputType string                     `json:"output_type"`
				Data       map[string]json.RawMessage `json:"data"`
			} `json:"outputs"`
		} `json:"cells"`
	}
	raw := toIpynb(t, nb)
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	if ks := doc.Metadata.Kernelspec; ks["name"] != "gonb" || ks["language"] != "go" {
		t.Errorf("kernelspec = %v, want GoNB's (name gonb, language go)", ks)
	}
	idRE := regexp.MustCompile(`^[a-zA-Z0-9_-]{1,64}$`)
	cells := map[string]int{}
	for i, c := range doc.Cells {
		if !idRE.MatchString(c.ID) {
			t.Errorf("cell %d: id %q is not a valid nbformat id", i, c.ID)
		}
		cells[c.ID] = i
	}
	meta := func(i int) string {
		var b bytes.Buffer
		_ = json.Compact(&b, doc.Cells[i].Metadata)
		return b.String()
	}
	load := doc.Cells[cells["load"]]
	if m := meta(cells["load"]); load.Source[0] != "%%sql\n" || m != `{"cairn":{"id":"load","lang":"sql","options":[["bind","sales"]]}}` {
		t.Errorf("SQL cell: source %q, metadata %s; want a %%%%sql first line and cairn lang and options", load.Source, m)
	}
	bar, ok := cells["bar_chart"]
	if !ok || !strings.Contains(meta(bar), `"id":"bar.chart"`) {
		t.Fatalf("cell bar.chart: want ipynb id bar_chart with the Cairn id in metadata; ids %v", cells)
	}
	var table []string
	if err := json.Unmarshal(load.Outputs[0].Data["text/html"], &table); err != nil || !strings.Contains(strings.Join(table, ""), "1,231 more rows") {
		t.Errorf("the table output has no text/html of its saved rows for Jupyter: %v %q", err, table)
	}
	var chartHTML []string
	for _, id := range []string{"bar_chart", "pie"} {
		for _, o := range doc.Cells[cells[id]].Outputs {
			if _, ok := o.Data[kernelnb.EChartsMIME]; ok {
				var h []string
				if err := json.Unmarshal(o.Data["text/html"], &h); err != nil {
					t.Fatalf("%s: chart output without text/html: %v", id, err)
				}
				chartHTML = append(chartHTML, strings.Join(h, ""))
			}
		}
	}
	if len(chartHTML) != 2 {
		t.Fatalf("want 2 chart outputs with text/html, got %d", len(chartHTML))
	}
	if !strings.Contains(chartHTML[0], "echarts.init") || !strings.Contains(chartHTML[0], `version="6.1.0"`) {
		t.Errorf("the first chart does not carry ECharts 6.1.0")
	}
	if len(chartHTML[1]) > 10000 || !strings.Contains(chartHTML[1], "window.echarts") {
		t.Errorf("the second chart should wait for the first one's ECharts, not carry its own (%d bytes)", len(chartHTML[1]))
	}
	if got := len(raw); got > 1<<20+300<<10 {
		t.Errorf("ipynb is %d bytes: ECharts should be inlined once", got)
	}
}

func TestIpynbImportForeign(t *testing.T) {
	const png = "iVBORw0KGgo="
	foreign := `{"nbformat": 4, "nbformat_minor": 4,
	 "metadata": {"kernelspec": {"name": "gonb", "language": "go"}, "title": "Imported"},
	 "cells": [
	  {"cell_type": "markdown", "metadata": {}, "source": ["# Hi\n", "![plot](attachment:p.png)"],
	   "attachments": {"p.png": {"image/png": "` + png + `"}}},
	  {"cell_type": "code", "metadata": {}, "execution_count": 3, "source": "%%sql\nSELECT 1",
	   "outputs": [{"output_type": "execute_result", "execution_count": 3, "metadata": {},
	     "data": {"text/plain": ["1"], "application/json": {"b": 1, "a": [1, 2]}}}]},
	  {"cell_type": "code", "id": "dup", "metadata": {}, "execution_count": null, "source": ["x := 1\n", "x"],
	   "outputs": [{"output_type": "error", "ename": "NameError", "evalue": "x", "traceback": []},
	               {"output_type": "stream", "name": "stdout", "text": ["a\n", "b\n"]}]},
	  {"cell_type": "raw", "id": "dup", "metadata": {}, "source": "raw text"}
	 ]}`
	nb, err := FromIpynb([]byte(foreign))
	if err != nil {
		t.Fatal(err)
	}
	if nb.Meta.Title != "Imported" || len(nb.Cells) != 4 {
		t.Fatalf("title %q, %d cells", nb.Meta.Title, len(nb.Cells))
	}
	want := []struct{ id, kind, lang, src string }{
		{"md1", "markdown", "", "# Hi\n![plot](data:image/png;base64," + png + ")"},
		{"sql2", "code", "sql", "SELECT 1"},
		{"dup", "code", "go", "x := 1\nx"},
		{"md4", "markdown", "", "raw text"},
	}
	for i, w := range want {
		c := nb.Cells[i]
		if c.ID != w.id || c.Kind != w.kind || c.Lang != w.lang || c.Source != w.src {
			t.Errorf("cell %d = %s %s %s %q, want %+v", i, c.ID, c.Kind, c.Lang, c.Source, w)
		}
	}
	res := nb.Cells[1].Outputs[0]
	if res.Kind != notebook.OutputResult || res.Data["text/plain"] != "1" || res.Data["application/json"] != `{"b":1,"a":[1,2]}` {
		t.Errorf("result output = %+v", res)
	}
	if o := nb.Cells[2].Outputs; o[0].Text != "NameError: x" || o[1].Text != "a\nb\n" {
		t.Errorf("error and stream outputs = %+v", o)
	}
	if _, err := notebook.Parse(nb.Marshal()); err != nil {
		t.Errorf("the imported notebook does not save as .cairn.md: %v", err)
	}
}

func TestIpynbImportRefusesClearly(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"not json", `{"cells": [`, "not an ipynb notebook (JSON)"},
		{"not a notebook", `{"a": 1}`, "no nbformat and no cells"},
		{"old format", `{"nbformat": 3, "worksheets": []}`, "nbformat 3 is not supported"},
		{"python", `{"nbformat": 4, "nbformat_minor": 5, "metadata": {"kernelspec": {"name": "python3", "language": "python"}}, "cells": []}`,
			`this is a python notebook (kernel "python3"): Cairn notebooks hold Go and SQL cells only`},
		{"cell type", `{"nbformat": 4, "cells": [{"cell_type": "widget", "source": ""}]}`, `cell 1: unknown cell_type "widget"`},
		{"output type", `{"nbformat": 4, "cells": [{"cell_type": "code", "source": "", "outputs": [{"output_type": "clear"}]}]}`,
			`cell 1: output 1: unknown output_type "clear"`},
		{"source", `{"nbformat": 4, "cells": [{"cell_type": "code", "source": 7}]}`, "expected a string or a list of strings"},
		{"front matter", `{"nbformat": 4, "metadata": {"cairn": {"front_matter": "---\nformat: 9\n---\n"}}, "cells": []}`,
			"metadata.cairn.front_matter: line 2: format version 9 is not supported"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := FromIpynb([]byte(c.in))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error = %v, want it to contain %q", err, c.want)
			}
		})
	}
}

// Edge cases of notebooks built in code: a Go cell that starts like the SQL magic, an empty
// SQL cell, ids that differ only where nbformat cannot tell them apart.
func TestIpynbRoundTripEdgeCases(t *testing.T) {
	nb := notebook.New()
	nb.Cells = []*notebook.Cell{
		{ID: "a.b", Kind: notebook.KindCode, Lang: notebook.LangGo, Source: "%%sql\nnot sql"},
		{ID: "a_b", Kind: notebook.KindCode, Lang: notebook.LangSQL, Source: ""},
		{ID: "m", Kind: notebook.KindMarkdown, Source: "\n\ntext with blank lines\n\n", Options: []notebook.Option{{Key: "hidden"}}},
		{ID: "o", Kind: notebook.KindCode, Lang: notebook.LangGo, Outputs: []notebook.Output{
			{Kind: notebook.OutputDisplay},
			{Kind: notebook.OutputStream, Name: "stdout", Text: "no newline"},
			{Kind: notebook.OutputDisplay, Data: map[string]string{"application/json": "{ \"spaced\": true }", "image/png": "iVBO\nRw0K"}},
		}},
	}
	back, err := FromIpynb(toIpynb(t, nb))
	if err != nil {
		t.Fatal(err)
	}
	if !notebook.Equal(back, nb) {
		t.Errorf("round trip changed the notebook:\n--- want\n%s\n--- got\n%s", nb.Marshal(), back.Marshal())
	}
}
