package notebook

import (
	"bytes"
	"math"
	"strings"
	"testing"
)

// Files Cairn wrote come back byte for byte.
func TestMarshalIsIdentityOnCairnFiles(t *testing.T) {
	for _, f := range []string{"full.cairn.md", "crlf.cairn.md", "frontonly.cairn.md", "empty.cairn.md"} {
		t.Run(f, func(t *testing.T) {
			data := mustRead(t, "testdata/"+f)
			nb, err := Parse(data)
			if err != nil {
				t.Fatal(err)
			}
			if out := nb.Marshal(); !bytes.Equal(out, data) {
				t.Errorf("Marshal changed the file:\n%s", out)
			}
		})
	}
}

// A plain Markdown file gains ids and markers once, then stays put.
func TestPlainMarkdownBecomesCairnFormat(t *testing.T) {
	for _, f := range []string{"plain.md", "tricky.md"} {
		nb, err := Parse(mustRead(t, "testdata/"+f))
		if err != nil {
			t.Fatal(err)
		}
		out := nb.Marshal()
		again, err := Parse(out)
		if err != nil {
			t.Fatalf("%s: %v\n%s", f, err, out)
		}
		if !Equal(nb, again) || !bytes.Equal(again.Marshal(), out) {
			t.Errorf("%s: not stable after one save:\n%s", f, out)
		}
	}
	nb, _ := Parse(mustRead(t, "testdata/plain.md"))
	out := string(nb.Marshal())
	for _, want := range []string{"<!-- cell id=md1 -->\n# Plain Markdown", "```go id=go2\n", "```sql id=sql4 bind=t\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

// Texts that stress the layout: every one must survive Marshal then Parse.
var awkwardTexts = []string{
	"", "\n", "\n\n", "x", "x\n", "x\n\n", "\nx", "\n\nx\n\n", "\tx\t", "x  ", "  ",
	"a\r\nb\r\n", "a\rb", "\r", "\r\n",
	"```", "```go", "```go id=x\ny\n```", "````\n```\n````", "~~~", "~~~\nopen",
	"```python\nunclosed", "```python\nclosed\n```",
	"<!-- cell id=a -->", "<!-- cell -->", "<!-- end md -->", "<!-- end a -->\n<!-- end a-2 -->",
	"```output result\nx\n```", "---", "---\ntitle: x\n---", "é ünïcödé \u2028 \x00 \xff",
}

func TestRoundTripAwkwardTexts(t *testing.T) {
	for _, s := range awkwardTexts {
		for _, crlf := range []bool{false, true} {
			nb := New()
			nb.crlf = crlf
			nb.Cells = []*Cell{
				md("a", s),
				withOut(code("b", LangGo, s, Option{"note", s + "x"}),
					Output{Kind: OutputStream, Name: "stdout", Text: s},
					Output{Kind: OutputResult, Text: s, Data: map[string]string{"text/html": s, "image/svg+xml": s}},
					Output{Kind: OutputError, Text: s}),
				md("c", s),
				code("d", LangSQL, s),
			}
			checkRoundTrip(t, nb)
		}
	}
}

func TestRoundTripMeta(t *testing.T) {
	nb := New()
	nb.Meta = Meta{Format: 0, Title: "a: b # not a comment",
		Problem: Problem{What: "multi\nline\n", Why: "  lead", HowUsed: "\xff", WhoAsks: "null", Success: "0.95", ByHand: "yes"},
		Params: []Param{{"i", int64(-3)}, {"f", 1.0}, {"g", 1e21}, {"nan", math.NaN()}, {"inf", math.Inf(-1)},
			{"s", "2024-01-01"}, {"b", true}, {"none", nil}, {"a key: with colon", "x"}, {"empty", ""}},
		Kernel: KernelSettings{Seed: -1, MemoryLimit: "512 MB", Timeout: "1h30m"}}
	nb.Cells = []*Cell{md("x", "hi")}
	checkRoundTrip(t, nb)
	if nb.Meta.Format != 0 {
		t.Error("Marshal changed the notebook")
	}
}

// Editing meta data rewrites only what changed: unknown keys and comments
// in the front matter survive.
func TestMetaEditKeepsUnknownKeys(t *testing.T) {
	nb, err := Parse(mustRead(t, "testdata/full.cairn.md"))
	if err != nil {
		t.Fatal(err)
	}
	nb.Meta.Title = "New title"
	nb.Meta.Params[0].Default = int64(5)
	nb.Meta.Params = append(nb.Meta.Params, Param{"extra", 2.0})
	nb.Meta.Kernel.Timeout = ""
	out := string(nb.Marshal())
	for _, want := range []string{"title: New title\n", "  rows: 5\n", "  extra: 2.0\n", "  test_share: 0.2\n",
		"# Keys Cairn does not know are kept as they are.\n", "tags: [security, classification]\n",
		"  how_used: Files scored above 0.9 skip the manual queue.\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("front matter lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "10m") {
		t.Errorf("cleared timeout still written:\n%s", out)
	}
	checkRoundTrip(t, nb)
	back, _ := Parse([]byte(out))
	if !strings.Contains(back.extraKeys(), "classification") {
		t.Error("unknown key lost")
	}
}

func TestNewNotebookWithoutFrontMatterGainsOne(t *testing.T) {
	nb, _ := Parse([]byte("```go\nx\n```\n"))
	if out := string(nb.Marshal()); out != "```go id=go1\nx\n```\n" {
		t.Errorf("unchanged meta must not add front matter, got:\n%s", out)
	}
	nb.Meta.Title = "T"
	if out := string(nb.Marshal()); !strings.HasPrefix(out, "---\nformat: 1\ntitle: T\n---\n\n```go id=go1\n") {
		t.Errorf("got:\n%s", out)
	}
	if out := string(New().Marshal()); out != "---\nformat: 1\n---\n" {
		t.Errorf("new notebook: %q", out)
	}
}

func TestBOMAndCRLFSurvive(t *testing.T) {
	in := "\ufeff<!-- cell id=a -->\r\nText\r\n"
	nb, err := Parse([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if nb.Cells[0].Source != "Text" {
		t.Errorf("source %q", nb.Cells[0].Source)
	}
	if out := string(nb.Marshal()); out != in {
		t.Errorf("got %q", out)
	}
}

func TestStripOutputs(t *testing.T) {
	nb, _ := Parse(mustRead(t, "testdata/full.cairn.md"))
	nb.StripOutputs()
	out := string(nb.Marshal())
	if strings.Contains(out, "```output") {
		t.Errorf("outputs left:\n%s", out)
	}
	checkRoundTrip(t, nb)
}

func TestSetOption(t *testing.T) {
	c := code("a", LangSQL, "", Option{"bind", "x"}, Option{"k", "v"})
	c.SetOption("bind", "df")
	c.SetOption("new", "1")
	if v, _ := c.Option("bind"); v != "df" || c.Options[0].Key != "bind" || len(c.Options) != 3 {
		t.Errorf("options %v", c.Options)
	}
}

func TestValidate(t *testing.T) {
	bad := map[string]func(nb *Notebook){
		"bad id":            func(nb *Notebook) { nb.Cells[0].ID = "a b" },
		"empty id":          func(nb *Notebook) { nb.Cells[0].ID = "" },
		"duplicate id":      func(nb *Notebook) { nb.Cells[1].ID = nb.Cells[0].ID },
		"unknown kind":      func(nb *Notebook) { nb.Cells[0].Kind = "raw" },
		"unknown language":  func(nb *Notebook) { nb.Cells[1].Lang = "python" },
		"markdown language": func(nb *Notebook) { nb.Cells[0].Lang = LangGo },
		"markdown output":   func(nb *Notebook) { nb.Cells[0].Outputs = []Output{{Kind: OutputResult}} },
		"output kind":       func(nb *Notebook) { nb.Cells[1].Outputs = []Output{{Kind: "log"}} },
		"empty mime": func(nb *Notebook) {
			nb.Cells[1].Outputs = []Output{{Kind: OutputResult, Data: map[string]string{"": "x"}}}
		},
		"option name":     func(nb *Notebook) { nb.Cells[1].Options = []Option{{"a b", "x"}} },
		"reserved option": func(nb *Notebook) { nb.Cells[1].Options = []Option{{"id", "x"}} },
		"option twice":    func(nb *Notebook) { nb.Cells[1].Options = []Option{{"a", "x"}, {"a", "y"}} },
		"nil cell":        func(nb *Notebook) { nb.Cells[0] = nil },
		"format":          func(nb *Notebook) { nb.Meta.Format = 7 },
		"param type":      func(nb *Notebook) { nb.Meta.Params = []Param{{"n", 3}} },
		"param name":      func(nb *Notebook) { nb.Meta.Params = []Param{{"", "x"}} },
		"param twice":     func(nb *Notebook) { nb.Meta.Params = []Param{{"n", "x"}, {"n", "y"}} },
		"memory":          func(nb *Notebook) { nb.Meta.Kernel.MemoryLimit = "4 gigs" },
		"timeout":         func(nb *Notebook) { nb.Meta.Kernel.Timeout = "-1s" },
	}
	for name, spoil := range bad {
		nb := New()
		nb.Cells = []*Cell{md("a", "x"), code("b", LangGo, "y")}
		if err := nb.Validate(); err != nil {
			t.Fatalf("valid notebook: %v", err)
		}
		spoil(nb)
		if err := nb.Validate(); err == nil {
			t.Errorf("%s: Validate passed", name)
		}
	}
}

func TestMemoryBytes(t *testing.T) {
	for in, want := range map[string]int64{"": 0, "100": 100, "1KB": 1000, "1kib": 1024, "1.5GiB": 3 << 29, "2 TB": 2e12} {
		if got, err := (KernelSettings{MemoryLimit: in}).MemoryBytes(); err != nil || got != want {
			t.Errorf("%q: %d %v, want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"x", "1XB", "-1", "0", "1e30TB"} {
		if _, err := (KernelSettings{MemoryLimit: in}).MemoryBytes(); err == nil {
			t.Errorf("%q accepted", in)
		}
	}
}

// checkRoundTrip asserts Parse(Marshal(nb)) equals nb and Marshal is then
// a fixed point.
func checkRoundTrip(t *testing.T, nb *Notebook) {
	t.Helper()
	if err := nb.Validate(); err != nil {
		t.Fatalf("invalid: %v", err)
	}
	out := nb.Marshal()
	back, err := Parse(out)
	if err != nil {
		t.Fatalf("Marshal output does not parse: %v\n%s", err, out)
	}
	if !Equal(nb, back) {
		t.Fatalf("round trip differs:\nwrote\n%q\ngot meta %+v\ncells\n%s", out, back.Meta, dump(back.Cells))
	}
	if out2 := back.Marshal(); !bytes.Equal(out, out2) {
		t.Fatalf("not a fixed point:\n%q\n%q", out, out2)
	}
}
