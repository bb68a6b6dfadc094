package notebook

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func md(id, src string, opts ...Option) *Cell {
	return &Cell{ID: id, Kind: KindMarkdown, Source: src, Options: opts}
}

func code(id, lang, src string, opts ...Option) *Cell {
	return &Cell{ID: id, Kind: KindCode, Lang: lang, Source: src, Options: opts}
}

func withOut(c *Cell, outs ...Output) *Cell {
	c.Outputs = outs
	return c
}

func dump(cells []*Cell) string {
	var b strings.Builder
	for _, c := range cells {
		fmt.Fprintf(&b, "%+v\n", *c)
	}
	return b.String()
}

func TestParseCells(t *testing.T) {
	tests := []struct {
		name, in string
		want     []*Cell
	}{
		{"empty file", "", nil},
		{"only blank lines", "\n\n  \n", nil},
		{"front matter only", "---\ntitle: x\n---\n", nil},
		{"plain Markdown, no fences", "# Title\n\nText.\n", []*Cell{md("md1", "# Title\n\nText.")}},
		{"plain Markdown with go and sql fences",
			"# T\n\nIntro.\n\n```go\nx := 1\n```\nAfter.\n```sql bind=df\nSELECT 1\n```\n",
			[]*Cell{md("md1", "# T\n\nIntro."), code("go2", LangGo, "x := 1"), md("md3", "After."),
				code("sql4", LangSQL, "SELECT 1", Option{"bind", "df"})}},
		{"other languages stay Markdown",
			"```python\nprint(1)\n```\n\n```go\nx\n```\n",
			[]*Cell{md("md1", "```python\nprint(1)\n```"), code("go2", LangGo, "x")}},
		{"a go fence inside a longer fence is Markdown",
			"~~~~md\n```go\nno cell\n```\n~~~~\n",
			[]*Cell{md("md1", "~~~~md\n```go\nno cell\n```\n~~~~")}},
		{"indented go fences are Markdown",
			"- item\n\n  ```go\n  x\n  ```\n",
			[]*Cell{md("md1", "- item\n\n  ```go\n  x\n  ```")}},
		{"a longer fence holds shorter fence lines",
			"````go id=a\ns := `\n```\n`\n````\n",
			[]*Cell{code("a", LangGo, "s := `\n```\n`")}},
		{"tilde fence and a closing fence longer than the opening",
			"~~~go id=a\nx\n~~~~~\n",
			[]*Cell{code("a", LangGo, "x")}},
		{"code source keeps blank lines, tabs and trailing spaces",
			"```go id=a\n\n\tx := 1  \n\n\n```\n",
			[]*Cell{code("a", LangGo, "\n\tx := 1  \n\n")}},
		{"empty code cell", "```go id=a\n```\n", []*Cell{code("a", LangGo, "")}},
		{"options: bare, quoted, flags, any order",
			"```sql bind=df id=q title=\"a \\\"b\\\" c\" hidden path=C:\\data\n```\n",
			[]*Cell{code("q", LangSQL, "", Option{"bind", "df"}, Option{"title", `a "b" c`},
				Option{"hidden", ""}, Option{"path", `C:\data`})}},
		{"markers keep Markdown cells apart and keep their text exactly",
			"<!-- cell id=a -->\nOne.\n\n<!-- cell id=b note=x -->\n\nTwo.\n\n\n<!-- cell id=c -->\n",
			[]*Cell{md("a", "One."), md("b", "\nTwo.\n", Option{"note", "x"}), md("c", "")}},
		{"verbatim Markdown cell up to its end line",
			"<!-- cell id=a end=E -->\n```go\nnot a cell\n```\n<!-- cell id=x -->\n<!-- end E -->\n",
			[]*Cell{md("a", "```go\nnot a cell\n```\n<!-- cell id=x -->")}},
		{"unclosed fence in Markdown is a plain line",
			"~~~python\nopen\n\n```go id=g\nx\n```\n",
			[]*Cell{md("md1", "~~~python\nopen"), code("g", LangGo, "x")}},
		{"a Markdown fence is closed by the next matching fence line, as in CommonMark",
			"```python\nopen\n\n```go id=g\nx\n```\n",
			[]*Cell{md("md1", "```python\nopen\n\n```go id=g\nx\n```")}},
		{"generated ids skip explicit ones",
			"```go id=go2\n```\n\n```go\n```\n",
			[]*Cell{code("go2", LangGo, ""), code("go2-2", LangGo, "")}},
		{"all output kinds",
			"```go id=a\nx\n```\n\n" +
				"```output stream=stdout\nline 1\nline 2\n```\n\n" +
				"```output stream=stderr noeol\npartial\n```\n\n" +
				"```output stream=stdout\n\n```\n\n" +
				"```output result\n42\n```\n\n" +
				"```output result\n```\n\n" +
				"```output display mime=text/plain\nchart\n```\n\n" +
				"```output display mime=application/vnd.cairn.echarts+json alt\n{}\n```\n\n" +
				"```output error\nboom\n\n```\n",
			[]*Cell{withOut(code("a", LangGo, "x"),
				Output{Kind: OutputStream, Name: "stdout", Text: "line 1\nline 2\n"},
				Output{Kind: OutputStream, Name: "stderr", Text: "partial"},
				Output{Kind: OutputStream, Name: "stdout", Text: "\n"},
				Output{Kind: OutputResult, Text: "42"},
				Output{Kind: OutputResult},
				Output{Kind: OutputDisplay, Data: map[string]string{"text/plain": "chart", "application/vnd.cairn.echarts+json": "{}"}},
				Output{Kind: OutputError, Text: "boom\n"})}},
		{"an output fence of no known kind is Markdown",
			"```go id=a\n```\n\n```output\nplain output\n```\n",
			[]*Cell{code("a", LangGo, ""), md("md2", "```output\nplain output\n```")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			nb, err := Parse([]byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			want := &Notebook{Meta: nb.Meta, Cells: tt.want, front: nb.front}
			if !Equal(nb, want) {
				t.Errorf("got cells\n%swant\n%s", dump(nb.Cells), dump(tt.want))
			}
		})
	}
}

func TestParseMeta(t *testing.T) {
	nb, err := Parse(mustRead(t, "testdata/full.cairn.md"))
	if err != nil {
		t.Fatal(err)
	}
	m := nb.Meta
	if m.Format != 1 || m.Title != "Can we predict whether a file is malware?" {
		t.Errorf("format/title: %d %q", m.Format, m.Title)
	}
	if m.Problem.WhoAsks != "The security operations team." || !strings.HasPrefix(m.Problem.ByHand, "An analyst") {
		t.Errorf("problem card: %+v", m.Problem)
	}
	want := []Param{{"rows", int64(10000)}, {"test_share", 0.2}, {"model", "forest"}, {"verbose", false}}
	if !paramsEqual(m.Params, want) {
		t.Errorf("params = %#v", m.Params)
	}
	if p, ok := m.Param("model"); !ok || p.Default != "forest" {
		t.Errorf("Param(model) = %v %v", p, ok)
	}
	if _, ok := m.Param("nope"); ok {
		t.Error("Param(nope) found")
	}
	if m.Kernel != (KernelSettings{Seed: 42, MemoryLimit: "4GiB", Timeout: "10m"}) {
		t.Errorf("kernel = %+v", m.Kernel)
	}
	if b, _ := m.Kernel.MemoryBytes(); b != 4<<30 {
		t.Errorf("MemoryBytes = %d", b)
	}
	if d, _ := m.Kernel.TimeoutDuration(); d.Minutes() != 10 {
		t.Errorf("TimeoutDuration = %v", d)
	}
	if got := nb.extraKeys(); !strings.Contains(got, `"tags"`) || !strings.Contains(got, `"security"`) {
		t.Errorf("unknown keys not kept: %q", got)
	}
	c := nb.Cell("gen")
	if v, ok := c.Option("bind"); !ok || v != "files" || c.Lang != LangSQL {
		t.Errorf("cell gen: %+v", c)
	}
	if nb.Cell("nope") != nil || nb.Index("train") != 3 {
		t.Errorf("Cell/Index lookups wrong")
	}
}

func TestParseDefaultsWithoutFrontMatter(t *testing.T) {
	nb, err := Parse([]byte("```go\n```\n"))
	if err != nil {
		t.Fatal(err)
	}
	if nb.Meta.Format != CurrentFormat || nb.Meta.Title != "" || nb.Meta.Params != nil {
		t.Errorf("meta = %+v", nb.Meta)
	}
}

func TestIDsAreDeterministic(t *testing.T) {
	data := mustRead(t, "testdata/plain.md")
	a, _ := Parse(data)
	b, _ := Parse(data)
	var ids []string
	for i := range a.Cells {
		if a.Cells[i].ID != b.Cells[i].ID {
			t.Fatalf("cell %d: ids %q and %q differ between parses", i, a.Cells[i].ID, b.Cells[i].ID)
		}
		ids = append(ids, a.Cells[i].ID)
	}
	if got := strings.Join(ids, " "); got != "md1 go2 md3 sql4 go5 md6" {
		t.Errorf("ids = %s", got)
	}
}

func TestNewID(t *testing.T) {
	seen := map[string]bool{}
	for i := 0; i < 1000; i++ {
		id := NewID()
		if !validID(id) || len(id) != 8 || id[0] < 'a' || id[0] > 'z' {
			t.Fatalf("bad id %q", id)
		}
		if seen[id] {
			t.Fatalf("id %q repeated", id)
		}
		seen[id] = true
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
